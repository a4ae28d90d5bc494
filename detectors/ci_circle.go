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
		for _, c := range yseq(yget(jp.value, "docker")) {
			if rt := ciImageRuntime(p, yget(c, "image")); rt != nil {
				job.runtimes = append(job.runtimes, *rt)
			}
		}
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
	// Jobs that come from orbs (node/test, python/test) are named only in
	// workflows; record them with the orb reference so action() can say
	// what they run.
	orbs := map[string]string{}
	for _, o := range ypairs(yget(root, "orbs")) {
		ref, _, _ := strings.Cut(ystr(o.value), "@")
		orbs[o.key] = ref
	}
	seen := map[string]bool{}
	for _, wf := range ypairs(yget(root, "workflows")) {
		for _, item := range yseq(yget(wf.value, "jobs")) {
			name, params, line := ystr(item), (*yaml.Node)(nil), item.Line
			if name == "" {
				if ps := ypairs(item); len(ps) == 1 {
					name, params, line = ps[0].key, ps[0].value, ps[0].line
				}
			}
			alias, orbJob, ok := strings.Cut(name, "/")
			if !ok || yget(yget(root, "jobs"), name) != nil {
				continue
			}
			display := name
			if n := ystr(yget(params, "name")); n != "" {
				display = n
			}
			if seen[display] {
				continue
			}
			seen[display] = true
			orb := orbs[alias]
			if orb == "" {
				orb = alias
			}
			jobs = append(jobs, ciJob{provider: "circleci", name: display, path: p, line: line,
				uses: []ciUse{{ref: "circleci-orb:" + orb + "/" + orbJob, with: yamlStringMap(params)}}})
		}
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
