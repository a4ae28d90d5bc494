package detectors

import (
	"strings"

	"go.yaml.in/yaml/v3"
)

// gitlabKeywords are top-level keys of .gitlab-ci.yml that are not jobs.
var gitlabKeywords = map[string]bool{
	"image": true, "services": true, "stages": true, "types": true, "before_script": true,
	"after_script": true, "variables": true, "cache": true, "include": true, "default": true,
	"workflow": true, "spec": true,
}

// gitlabJobs reads GitLab CI jobs: top-level mappings with a script, hidden
// (.name) jobs used only through extends, default before_script inherited.
func gitlabJobs(p string, data []byte) ([]ciJob, error) {
	root, err := yamlDoc(data)
	if err != nil || root == nil {
		return nil, err
	}
	byName := map[string]*yaml.Node{}
	for _, jp := range ypairs(root) {
		byName[jp.key] = jp.value
	}
	defBefore := yget(yget(root, "default"), "before_script")
	if defBefore == nil {
		defBefore = yget(root, "before_script")
	}
	// lookup finds a job key, following extends one level.
	lookup := func(job *yaml.Node, key string) *yaml.Node {
		if v := yget(job, key); v != nil {
			return v
		}
		for _, parent := range ystrs(yget(job, "extends")) {
			if v := yget(byName[parent], key); v != nil {
				return v
			}
		}
		return nil
	}
	var jobs []ciJob
	for _, jp := range ypairs(root) {
		if gitlabKeywords[jp.key] || strings.HasPrefix(jp.key, ".") || ymap(jp.value) == nil {
			continue
		}
		script := lookup(jp.value, "script")
		if script == nil && yget(jp.value, "trigger") == nil {
			continue
		}
		job := ciJob{provider: "gitlab", name: jp.key, path: p, line: jp.line}
		before := lookup(jp.value, "before_script")
		if before == nil && !gitlabInheritOff(jp.value) {
			before = defBefore
		}
		for _, n := range []*yaml.Node{before, script} {
			for _, cmd := range gitlabScript(n, byName, 0) {
				job.runs = append(job.runs, ciRun{cmd: cmd})
			}
		}
		jobs = append(jobs, job)
	}
	return jobs, nil
}

// gitlabInheritOff reports `inherit: {default: false}`.
func gitlabInheritOff(job *yaml.Node) bool {
	return ystr(yget(yget(job, "inherit"), "default")) == "false"
}

// gitlabScript reads a script: a string, a list, nested lists (from
// anchors) and `!reference [job, key]` tags, resolved within the file.
func gitlabScript(n *yaml.Node, byName map[string]*yaml.Node, depth int) []string {
	n = yderef(n)
	if n == nil || depth > 6 {
		return nil
	}
	if n.Kind == yaml.SequenceNode && n.Tag == "!reference" {
		path := ystrs(n)
		if len(path) == 0 {
			return nil
		}
		target := byName[path[0]]
		for _, key := range path[1:] {
			target = yget(target, key)
		}
		return gitlabScript(target, byName, depth+1)
	}
	if n.Kind == yaml.SequenceNode {
		var out []string
		for _, c := range n.Content {
			out = append(out, gitlabScript(c, byName, depth+1)...)
		}
		return out
	}
	if s := ystr(n); s != "" && n.Tag != "!!null" {
		return []string{s}
	}
	return nil
}
