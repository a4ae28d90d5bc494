package detectors

import (
	"strings"

	"go.yaml.in/yaml/v3"
)

// circleJobs reads CircleCI jobs and their run steps, expanding reusable
// commands defined in the same file one level.
func circleJobs(p string, data []byte) ([]ciJob, error) {
	root, err := yamlDoc(data)
	if err != nil || root == nil {
		return nil, err
	}
	commands := yget(root, "commands")
	var jobs []ciJob
	for _, jp := range ypairs(yget(root, "jobs")) {
		job := ciJob{provider: "circleci", name: jp.key, path: p, line: jp.line}
		jobDir := circleDir(ystr(yget(jp.value, "working_directory")))
		var steps func(list *yaml.Node, depth int)
		steps = func(list *yaml.Node, depth int) {
			for _, step := range yseq(list) {
				if ystr(step) != "" {
					if def := yget(commands, ystr(step)); def != nil && depth == 0 {
						steps(yget(def, "steps"), depth+1)
					}
					continue
				}
				for _, sp := range ypairs(step) {
					if sp.key == "run" {
						cmd, dir := ystr(sp.value), ""
						if cmd == "" {
							cmd = ystr(yget(sp.value, "command"))
							dir = circleDir(ystr(yget(sp.value, "working_directory")))
						}
						if dir == "" {
							dir = jobDir
						}
						job.runs = append(job.runs, ciRun{cmd: cmd, dir: dir})
						continue
					}
					if def := yget(commands, sp.key); def != nil && depth == 0 {
						steps(yget(def, "steps"), depth+1)
						continue
					}
					job.uses = append(job.uses, ciUse{ref: sp.key, with: yamlStringMap(sp.value)})
				}
			}
		}
		steps(yget(jp.value, "steps"), 0)
		jobs = append(jobs, job)
	}
	return jobs, nil
}

// circleDir maps ~/project/backend to backend; other absolute paths to "".
func circleDir(dir string) string {
	for _, pre := range []string{"~/project/", "/home/circleci/project/"} {
		if rest, ok := strings.CutPrefix(dir, pre); ok {
			return rest
		}
	}
	if dir == "~/project" || strings.HasPrefix(dir, "/") || strings.HasPrefix(dir, "~") {
		return ""
	}
	return dir
}
