package detectors

import (
	"strings"

	"go.yaml.in/yaml/v3"
)

// githubJobs reads a GitHub Actions workflow: every job, its run steps with
// their working directory (step, job default, workflow default) and the
// actions it uses.
func githubJobs(p string, data []byte) ([]ciJob, error) {
	root, err := yamlDoc(data)
	if err != nil || root == nil {
		return nil, err
	}
	wfDir := ystr(yget(yget(yget(root, "defaults"), "run"), "working-directory"))
	var jobs []ciJob
	for _, jp := range ypairs(yget(root, "jobs")) {
		job := ciJob{provider: "github", name: jp.key, path: p, line: jp.line}
		jobDir := ystr(yget(yget(yget(jp.value, "defaults"), "run"), "working-directory"))
		if jobDir == "" {
			jobDir = wfDir
		}
		if uses := ystr(yget(jp.value, "uses")); uses != "" {
			// A reusable workflow: what it runs lives in another file.
			job.uses = append(job.uses, ciUse{ref: uses, with: yamlStringMap(yget(jp.value, "with"))})
		}
		for _, step := range yseq(yget(jp.value, "steps")) {
			if run := ystr(yget(step, "run")); run != "" {
				dir := ystr(yget(step, "working-directory"))
				if dir == "" {
					dir = jobDir
				}
				job.runs = append(job.runs, ciRun{cmd: run, dir: githubDir(dir), notShell: githubNotShell(ystr(yget(step, "shell")))})
			}
			if uses := ystr(yget(step, "uses")); uses != "" {
				job.uses = append(job.uses, ciUse{ref: uses, with: yamlStringMap(yget(step, "with"))})
			}
		}
		jobs = append(jobs, job)
	}
	return jobs, nil
}

// githubDir drops expressions and the checkout root from a working directory.
func githubDir(dir string) string {
	if strings.Contains(dir, "${{") {
		return ""
	}
	dir = strings.TrimPrefix(dir, "./")
	return dir
}

// yamlStringMap reads a mapping of scalars.
func yamlStringMap(n *yaml.Node) map[string]string {
	out := map[string]string{}
	for _, p := range ypairs(n) {
		out[p.key] = ystr(p.value)
	}
	return out
}

// githubNotShell reports a step shell that is not a command shell
// (python, node, or a custom `python {0}`).
func githubNotShell(shell string) bool {
	prog, _, _ := strings.Cut(strings.TrimSpace(shell), " ")
	switch commandName(prog) {
	case "", "bash", "sh", "pwsh", "powershell", "cmd", "zsh":
		return false
	}
	return true
}
