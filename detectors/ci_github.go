package detectors

import (
	"regexp"
	"strings"

	"github.com/stackaudit/stackaudit/stack"

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
				job.runtimes = append(job.runtimes, githubSetupRuntimes(p, jp.value, uses, yget(step, "with"))...)
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

// setupActions maps the setup actions to the runtime and version input
// they take.
var setupActions = map[string][2]string{
	"actions/setup-node":   {stack.Node, "node-version"},
	"actions/setup-python": {stack.Python, "python-version"},
}

var matrixRef = regexp.MustCompile(`^\$\{\{\s*matrix\.([A-Za-z0-9_-]+)\s*\}\}$`)

// githubSetupRuntimes reads the versions a setup-node or setup-python step
// installs: a literal (one a line for setup-python's multi-line form), or
// ${{ matrix.KEY }} expanded through the job's strategy.matrix values and
// include entries. Each version carries the line it is written on.
func githubSetupRuntimes(p string, job *yaml.Node, uses string, with *yaml.Node) []stack.Runtime {
	ref, _, _ := strings.Cut(strings.ToLower(uses), "@")
	act, ok := setupActions[ref]
	if !ok {
		return nil
	}
	name, input := act[0], act[1]
	v := yderef(yget(with, input))
	if v == nil {
		return nil
	}
	var out []stack.Runtime
	add := func(n *yaml.Node, key string) {
		n = yderef(n)
		if n == nil || n.Kind != yaml.ScalarNode {
			return
		}
		for i, line := range strings.Split(n.Value, "\n") {
			if line = strings.TrimSpace(line); line == "" || strings.Contains(line, "${{") {
				continue
			}
			at := n.Line
			if n.Style&yaml.LiteralStyle != 0 {
				at = n.Line + 1 + i // a | block starts on the next line
			}
			out = append(out, stack.Runtime{Name: name, Constraint: line, Evidence: stack.Evidence{Path: p, Line: at, Detail: key + ": " + line}})
		}
	}
	m := matrixRef.FindStringSubmatch(strings.TrimSpace(ystr(v)))
	if m == nil {
		add(v, input)
		return out
	}
	key := m[1]
	matrix := yget(yget(job, "strategy"), "matrix")
	if vals := yderef(yget(matrix, key)); vals != nil {
		if vals.Kind == yaml.SequenceNode {
			for _, item := range yseq(vals) {
				add(item, "matrix."+key)
			}
		} else {
			add(vals, "matrix."+key)
		}
	}
	for _, inc := range yseq(yget(matrix, "include")) {
		add(yget(inc, key), "matrix.include "+key)
	}
	return out
}
