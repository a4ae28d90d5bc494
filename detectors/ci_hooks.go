package detectors

import (
	"encoding/json"
	"path"

	"github.com/stackaudit/stackaudit/stack"
	"go.yaml.in/yaml/v3"
)

// huskyHooks are the Git hooks Husky keeps in the repository that run
// before code leaves a developer's machine.
var huskyHooks = []string{".husky/pre-commit", ".husky/pre-push"}

// gitHooks classifies what runs before a commit: the hooks of the root
// .pre-commit-config.yaml and Husky's pre-commit and pre-push scripts
// (lint-staged included), as one job of provider "pre-commit"; nil when
// there are none.
func (r *ciResolver) gitHooks() *stack.CIJob {
	f := newCIFacts()
	evidence := ""
	if hooks := r.preCommitHooks(); len(hooks) > 0 {
		r.preCommit(nil, 0, f)
		evidence = r.hookPath
	}
	for _, p := range huskyHooks {
		if !r.d.Snap.Exists(p) {
			continue
		}
		data, err := r.d.Snap.ReadFile(p)
		if err != nil {
			continue
		}
		// Husky 9 hooks are plain command lists with no shebang.
		r.script(string(data), ".", false, 0, f)
		if evidence == "" {
			evidence = p
		}
	}
	if evidence == "" {
		return nil
	}
	job := &stack.CIJob{Provider: "pre-commit", Name: "hooks", Evidence: stack.Evidence{Path: evidence, Line: 1}}
	f.fill(job)
	return job
}

// lintStagedFiles are where lint-staged reads its configuration, besides
// the "lint-staged" key of package.json. JavaScript configurations are not
// read.
var lintStagedFiles = []string{".lintstagedrc", ".lintstagedrc.json", ".lintstagedrc.yaml", ".lintstagedrc.yml"}

// lintStaged follows `lint-staged` run in dir to the commands its
// configuration runs on staged files. A formatter that rewrites staged
// files (prettier --write) enforces the format, since the commit holds the
// formatted files.
func (r *ciResolver) lintStaged(dir string, depth int, f *ciFacts) {
	key := "lint-staged:" + dir
	if !r.enter(key, depth+1) {
		return
	}
	defer r.leave(key)
	for _, cmd := range r.lintStagedCommands(dir) {
		for _, argv := range shellCommands(cmd) {
			argv = unwrapCommand(argv)
			if len(argv) == 0 {
				continue
			}
			args := argv[1:]
			f.at = []string{dir}
			switch name := commandName(argv[0]); {
			case name == "prettier" || name == "black" || name == "dprint":
				f.add(name, checkFormat)
			case name == "ruff" && firstArg(args) == "format":
				f.add("ruff-format", checkFormat)
			case name == "biome" && (firstArg(args) == "format" || firstArg(args) == "check"):
				f.add("biome", checkFormat)
				if firstArg(args) == "check" {
					f.add("biome", checkLint)
				}
			default:
				r.command(argv, dir, true, depth+1, f)
			}
		}
	}
}

// lintStagedCommands reads the commands of the lint-staged configuration
// that serves dir: its own file or package.json key, else the nearest one
// above it.
func (r *ciResolver) lintStagedCommands(dir string) []string {
	for d := dir; ; d = path.Dir(d) {
		for _, name := range lintStagedFiles {
			p := path.Join(d, name)
			if !r.d.Snap.Exists(p) {
				continue
			}
			data, err := r.d.Snap.ReadFile(p)
			if err != nil {
				return nil
			}
			var cfg map[string]any
			if err := yaml.Unmarshal(data, &cfg); err != nil { // JSON is YAML
				return nil
			}
			return lintStagedValues(cfg)
		}
		if data, err := r.d.Snap.ReadFile(path.Join(d, "package.json")); err == nil {
			var pkg struct {
				LintStaged map[string]any `json:"lint-staged"`
			}
			if json.Unmarshal(data, &pkg) == nil && pkg.LintStaged != nil {
				return lintStagedValues(pkg.LintStaged)
			}
		}
		if d == "." {
			return nil
		}
	}
}

// lintStagedValues lists the commands of a glob → command(s) map, in glob order.
func lintStagedValues(cfg map[string]any) []string {
	var out []string
	for _, glob := range orderedKeys(cfg) {
		switch v := cfg[glob].(type) {
		case string:
			out = append(out, v)
		case []any:
			for _, c := range v {
				if s, ok := c.(string); ok {
					out = append(out, s)
				}
			}
		}
	}
	return out
}
