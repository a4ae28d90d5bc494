package detectors

import (
	"fmt"

	"go.yaml.in/yaml/v3"
)

// travisPhases are the Travis CI phases whose commands can check the code;
// install and deploy phases are left out.
var travisPhases = []string{"before_script", "script"}

// travisJobs reads a .travis.yml: the top-level phases as one job named
// after the file, and each jobs.include (or matrix.include) entry that sets
// a phase of its own as a job of its own, inheriting the phases it does
// not set.
func travisJobs(p string, data []byte) ([]ciJob, error) {
	root, err := yamlDoc(data)
	if err != nil || root == nil {
		return nil, err
	}
	line := max(ykeyLine(root, "script"), 1)
	top := ciJob{provider: "travis", name: "script", path: p, line: line}
	for _, phase := range travisPhases {
		for _, cmd := range ystrs(yget(root, phase)) {
			top.runs = append(top.runs, ciRun{cmd: cmd})
		}
	}
	top.runtimes = travisRuntimes(p, root)
	var jobs []ciJob
	if len(top.runs) > 0 || len(top.runtimes) > 0 {
		jobs = append(jobs, top)
	}
	for _, key := range []string{"jobs", "matrix"} {
		for i, inc := range yseq(yget(yget(root, key), "include")) {
			if !travisSetsPhase(inc) {
				continue
			}
			name := ystr(yget(inc, "name"))
			if name == "" {
				name = ystr(yget(inc, "stage"))
			}
			if name == "" {
				name = fmt.Sprintf("%s.include[%d]", key, i)
			}
			job := ciJob{provider: "travis", name: name, path: p, line: inc.Line, runtimes: travisRuntimes(p, inc)}
			for _, phase := range travisPhases {
				n := yget(inc, phase)
				if n == nil {
					n = yget(root, phase)
				}
				for _, cmd := range ystrs(n) {
					job.runs = append(job.runs, ciRun{cmd: cmd})
				}
			}
			jobs = append(jobs, job)
		}
	}
	return jobs, nil
}

func travisSetsPhase(n *yaml.Node) bool {
	for _, phase := range travisPhases {
		if yget(n, phase) != nil {
			return true
		}
	}
	return false
}
