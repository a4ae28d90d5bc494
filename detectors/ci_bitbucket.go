package detectors

import (
	"fmt"

	"go.yaml.in/yaml/v3"
)

// bitbucketJobs reads Bitbucket Pipelines steps under pipelines.default,
// branches, pull-requests, tags and custom, through parallel and stage
// groups. Steps shared by YAML anchors are recorded once.
func bitbucketJobs(p string, data []byte) ([]ciJob, error) {
	root, err := yamlDoc(data)
	if err != nil || root == nil {
		return nil, err
	}
	var jobs []ciJob
	seen := map[*yaml.Node]bool{}
	var walk func(list *yaml.Node, section string, depth int)
	walk = func(list *yaml.Node, section string, depth int) {
		if depth > 4 {
			return
		}
		for _, item := range yseq(list) {
			if step := yget(item, "step"); step != nil {
				if seen[step] {
					continue
				}
				seen[step] = true
				name := ystr(yget(step, "name"))
				if name == "" {
					name = fmt.Sprintf("%s step %d", section, len(jobs)+1)
				}
				job := ciJob{provider: "bitbucket", name: name, path: p, line: step.Line}
				for _, cmd := range ystrs(yget(step, "script")) {
					job.runs = append(job.runs, ciRun{cmd: cmd})
				}
				for _, s := range yseq(yget(step, "script")) {
					if pipe := ystr(yget(s, "pipe")); pipe != "" {
						job.uses = append(job.uses, ciUse{ref: pipe})
					}
				}
				jobs = append(jobs, job)
				continue
			}
			if par := yget(item, "parallel"); par != nil {
				if steps := yget(par, "steps"); steps != nil {
					par = steps
				}
				walk(par, section, depth+1)
				continue
			}
			if stage := yget(item, "stage"); stage != nil {
				walk(yget(stage, "steps"), section, depth+1)
			}
		}
	}
	pipes := yget(root, "pipelines")
	walk(yget(pipes, "default"), "default", 0)
	for _, group := range []string{"branches", "pull-requests", "tags", "custom"} {
		for _, b := range ypairs(yget(pipes, group)) {
			walk(b.value, group+" "+b.key, 0)
		}
	}
	return jobs, nil
}
