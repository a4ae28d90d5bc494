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
// Local includes (include: ci/*.yml, - local: /ci/test.yml) are read through
// include, which returns the matching repository files' paths and contents;
// their jobs keep their own file as evidence.
func gitlabJobs(p string, data []byte, include func(pattern string) map[string][]byte) ([]ciJob, error) {
	root, err := yamlDoc(data)
	if err != nil || root == nil {
		return nil, err
	}
	type entry struct {
		file string
		pair ypair
	}
	var entries []entry
	byName := map[string]*yaml.Node{}
	seenFiles := map[string]bool{p: true}
	var add func(file string, doc *yaml.Node, depth int)
	add = func(file string, doc *yaml.Node, depth int) {
		for _, jp := range ypairs(doc) {
			if _, dup := byName[jp.key]; !dup { // the including file wins
				byName[jp.key] = jp.value
			}
			entries = append(entries, entry{file, jp})
		}
		if include == nil || depth > 2 {
			return
		}
		for _, pattern := range gitlabLocalIncludes(yget(doc, "include")) {
			files := include(pattern)
			for _, name := range orderedKeys(files) {
				if seenFiles[name] {
					continue
				}
				seenFiles[name] = true
				if inc, err := yamlDoc(files[name]); err == nil && inc != nil {
					add(name, inc, depth+1)
				}
			}
		}
	}
	add(p, root, 0)
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
	seenJobs := map[string]bool{}
	for _, e := range entries {
		jp := e.pair
		if gitlabKeywords[jp.key] || strings.HasPrefix(jp.key, ".") || ymap(jp.value) == nil || seenJobs[jp.key] {
			continue
		}
		script := lookup(jp.value, "script")
		if script == nil && yget(jp.value, "trigger") == nil {
			continue
		}
		seenJobs[jp.key] = true
		job := ciJob{provider: "gitlab", name: jp.key, path: e.file, line: jp.line}
		image, imageFile := yget(jp.value, "image"), e.file
		if image == nil {
			// From a parent job, default: or the top level; taken as
			// written in the main file when a parent's file is unknown.
			image, imageFile = lookup(jp.value, "image"), p
		}
		if image == nil {
			image = yget(yget(root, "default"), "image")
		}
		if image == nil {
			image = yget(root, "image")
		}
		if rt := ciImageRuntime(imageFile, image); rt != nil {
			job.runtimes = append(job.runtimes, *rt)
		}
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

// gitlabLocalIncludes lists the repository paths (or globs) of an include:
// a string, a list of strings, or maps with `local:`. Remote, project and
// template includes live elsewhere and are skipped.
func gitlabLocalIncludes(n *yaml.Node) []string {
	var out []string
	items := yseq(n)
	if items == nil && n != nil {
		items = []*yaml.Node{n}
	}
	for _, it := range items {
		s := ystr(it)
		if s == "" {
			s = ystr(yget(it, "local"))
		}
		if s == "" || strings.Contains(s, "://") || strings.Contains(s, "$") {
			continue
		}
		out = append(out, strings.TrimPrefix(s, "/"))
	}
	return out
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
			if len(out) >= maxYAMLList {
				break
			}
			out = append(out, gitlabScript(c, byName, depth+1)...)
		}
		return out
	}
	if s := ystr(n); s != "" && n.Tag != "!!null" {
		return []string{s}
	}
	return nil
}
