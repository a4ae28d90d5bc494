package analyzers

import (
	"encoding/json"
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/stackaudit/stackaudit/stack"
)

// UnpinnedDependency reports dependencies of an application that name no
// version at all: `*`, `latest`, empty ranges, git branches and URLs in
// package.json, bare or lower-bound-only requirements without a lock.
var UnpinnedDependency = register(&Analyzer{
	Code:     "SA602",
	Name:     "unpinned-dependency",
	Category: Dependencies,
	Level:    Warning,
	Summary:  "An application's dependency accepts any version, a moving tag, a git branch or a URL",
	Tags:     []string{"dependencies", "reproducibility", "supply-chain"},
	Options: []Option{
		{Name: "max-named", Default: 5, Doc: "how many dependencies a finding names in its message; the rest are related locations"},
	},
	Run: runUnpinnedDependency,
})

// unpinned is one dependency the rule names.
type unpinned struct {
	dep    stack.Dependency
	reason string
}

func runUnpinnedDependency(p *Pass) {
	maxNamed := p.Int("max-named")
	local := localNodePackages(p)
	for _, u := range p.Inventory.Units {
		if !u.Application {
			continue
		}
		// Python names another requirements file of the unit pins with
		// == (netbox's requirements.txt beside base_requirements.txt).
		pinnedElsewhere := map[string]bool{}
		if u.Ecosystem == stack.Python {
			for _, d := range u.Dependencies {
				if strings.HasSuffix(d.Evidence.Path, ".txt") && strings.HasPrefix(d.Constraint, "==") && !strings.Contains(d.Constraint, "*") {
					pinnedElsewhere[d.Name] = true
				}
			}
		}
		// One finding per manifest file, at its first unpinned line.
		byFile := map[string][]unpinned{}
		seen := map[string]bool{}
		for _, d := range u.Dependencies {
			var reason string
			switch u.Ecosystem {
			case stack.Node:
				if d.Scope == "peer" || path.Base(d.Evidence.Path) != "package.json" {
					continue
				}
				if local[d.Name] {
					continue // a package of this repository, linked by the workspace ("*" is npm's way)
				}
				reason = nodeUnpinned(d.Constraint, path.Dir(d.Evidence.Path))
			case stack.Python:
				if len(u.Lockfiles) > 0 || !strings.HasSuffix(d.Evidence.Path, ".txt") || pinnedElsewhere[d.Name] {
					continue
				}
				reason = pythonUnpinned(d.Constraint)
			}
			k := d.Evidence.Path + "\x00" + d.Name
			if reason != "" && !seen[k] {
				seen[k] = true
				byFile[d.Evidence.Path] = append(byFile[d.Evidence.Path], unpinned{d, reason})
			}
		}
		files := make([]string, 0, len(byFile))
		for f := range byFile {
			if u.Ecosystem == stack.Python && requirementsHasConstraints(p, f) {
				continue // a -c constraints file pins what the requirements leave open
			}
			files = append(files, f)
		}
		sort.Strings(files)
		for _, f := range files {
			list := byFile[f]
			sort.SliceStable(list, func(i, j int) bool { return list[i].dep.Evidence.Line < list[j].dep.Evidence.Line })
			var named []string
			var related []Location
			for i, x := range list {
				if i < maxNamed {
					named = append(named, fmt.Sprintf("%s (%s)", x.dep.Name, x.reason))
				}
				if i > 0 {
					related = append(related, Location{Path: f, Line: x.dep.Evidence.Line, Message: fmt.Sprintf("%s: %s", x.dep.Name, x.reason)})
				}
			}
			if len(list) > maxNamed {
				named = append(named, fmt.Sprintf("and %d more", len(list)-maxNamed))
			}
			what := plural(len(list), "dependency holds", "dependencies hold")
			p.Report(Finding{
				Location: Location{Path: f, Line: list[0].dep.Evidence.Line},
				Key:      []string{u.Path, f},
				Message:  fmt.Sprintf("%s: %s to no version: %s; %s", f, what, strings.Join(named, ", "), unpinnedAdvice(u)),
				Related:  related,
			})
		}
	}
}

// localNodePackages returns the names of the repository's own Node
// packages, read from each Node unit's package.json.
func localNodePackages(p *Pass) map[string]bool {
	out := map[string]bool{}
	for _, u := range p.Inventory.Units {
		if u.Ecosystem != stack.Node {
			continue
		}
		b, err := p.Snapshot.ReadFile(path.Join(u.Path, "package.json"))
		if err != nil {
			continue
		}
		var pj struct {
			Name string `json:"name"`
		}
		if json.Unmarshal(b, &pj) == nil && pj.Name != "" {
			out[pj.Name] = true
		}
	}
	return out
}

func unpinnedAdvice(u *stack.Unit) string {
	if u.Ecosystem == stack.Node {
		return "each install or lockfile refresh may pull a new major release or whatever the branch or URL serves that day; give each a semver range of the version you test with (`npm install name@version` writes one), and publish or vendor git and URL dependencies"
	}
	return "with no lockfile, every install takes the newest release, breaking changes included; pin them with == (compile them with `pip-compile` or `uv pip compile`) or move to a lockfile (`uv lock`), or at least cap each with ~="
}

// nodeUnpinned says why a package.json version spec holds to no version,
// or "" when it does. dir is the package.json's folder, for file: links.
func nodeUnpinned(spec, dir string) string {
	s := strings.TrimSpace(spec)
	if rest, ok := strings.CutPrefix(s, "npm:"); ok {
		// An alias, npm:real-name@range: judge the range.
		at := strings.LastIndex(rest, "@")
		if at <= 0 {
			return "an alias with no version"
		}
		return nodeUnpinned(rest[at+1:], dir)
	}
	switch strings.ToLower(s) {
	case "":
		return `empty range ""`
	case "*", "x", "x.x", "x.x.x", "latest":
		return fmt.Sprintf("%q", s)
	}
	for _, pre := range []string{"workspace:", "catalog:"} {
		if strings.HasPrefix(s, pre) {
			return "" // resolved inside the repository or from a pinned catalog
		}
	}
	for _, pre := range []string{"file:", "link:", "portal:"} {
		if rest, ok := strings.CutPrefix(s, pre); ok {
			return localPathUnpinned(rest, dir, s)
		}
	}
	if strings.HasPrefix(s, "./") || strings.HasPrefix(s, "../") || strings.HasPrefix(s, "/") || strings.HasPrefix(s, "~/") {
		return localPathUnpinned(s, dir, s)
	}
	if isGitSpec(s) {
		if _, ref, ok := strings.Cut(s, "#"); ok && isCommitHash(strings.TrimPrefix(ref, "commit=")) {
			return "" // a git dependency pinned to a commit
		}
		return fmt.Sprintf("git %s, which follows a branch or tag", s)
	}
	if strings.HasPrefix(s, "http://") || strings.HasPrefix(s, "https://") {
		return fmt.Sprintf("URL %s, whose content can change", s)
	}
	if isDistTag(s) {
		return fmt.Sprintf("dist-tag %q", s)
	}
	if nodeLowerBoundOnly(s) {
		return fmt.Sprintf("%q, no upper bound", s)
	}
	return ""
}

// localPathUnpinned accepts a local path inside the repository (a package
// of the same workspace or repository) and names one that leaves it.
func localPathUnpinned(p, dir, spec string) string {
	if strings.HasPrefix(p, "/") || strings.HasPrefix(p, "~") {
		return fmt.Sprintf("%s, a path outside the repository", spec)
	}
	if j := path.Join(dir, p); j == ".." || strings.HasPrefix(j, "../") {
		return fmt.Sprintf("%s, a path outside the repository", spec)
	}
	return ""
}

// isGitSpec recognises the git forms npm accepts: git+https://, git://,
// github:, gitlab:, bitbucket:, gist: and the owner/repo shorthand.
func isGitSpec(s string) bool {
	for _, pre := range []string{"git+", "git://", "github:", "gitlab:", "bitbucket:", "gist:"} {
		if strings.HasPrefix(s, pre) {
			return true
		}
	}
	if strings.Contains(s, "://") || strings.HasPrefix(s, "@") {
		return false
	}
	s, _, _ = strings.Cut(s, "#")
	owner, repo, ok := strings.Cut(s, "/")
	return ok && owner != "" && repo != "" && !strings.ContainsAny(owner+repo, " <>=^~|:") && !strings.Contains(repo, "/")
}

// isCommitHash reports a hex string of at least 7 characters.
func isCommitHash(s string) bool {
	if len(s) < 7 || len(s) > 40 {
		return false
	}
	for _, c := range s {
		if !(c >= '0' && c <= '9' || c >= 'a' && c <= 'f' || c >= 'A' && c <= 'F') {
			return false
		}
	}
	return true
}

// isDistTag reports a bare tag name such as next or beta: a word that
// starts with a letter and is no version range.
func isDistTag(s string) bool {
	if s == "" || !(s[0] >= 'a' && s[0] <= 'z' || s[0] >= 'A' && s[0] <= 'Z') || s[0] == 'v' && len(s) > 1 && s[1] >= '0' && s[1] <= '9' {
		return false
	}
	for _, c := range s {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '-' || c == '.' || c == '_') {
			return false
		}
	}
	return true
}

// nodeLowerBoundOnly reports a range every alternative of which has a lower
// bound only (">=1.2", ">1 || >=3"), so any future major matches.
func nodeLowerBoundOnly(s string) bool {
	for alt := range strings.SplitSeq(s, "||") {
		alt = strings.TrimSpace(alt)
		if !strings.HasPrefix(alt, ">") {
			return false
		}
		// ">=1.2 <2" has an upper bound.
		if strings.Contains(alt, "<") || strings.Contains(strings.TrimLeft(alt, ">= "), " ") {
			return false
		}
	}
	return true
}

// pythonUnpinned says why a requirement holds to no version, or "".
func pythonUnpinned(c string) string {
	c = strings.TrimSpace(c)
	if c == "" {
		return "no version"
	}
	if strings.Contains(c, "://") {
		ref := ""
		if i := strings.LastIndex(c, "@"); i > strings.Index(c, "://") {
			ref = c[i+1:]
			ref, _, _ = strings.Cut(ref, "#")
		}
		if isCommitHash(ref) || !strings.HasPrefix(c, "git+") && !strings.HasPrefix(c, "hg+") && !strings.HasPrefix(c, "svn+") && !strings.HasPrefix(c, "bzr+") {
			if isCommitHash(ref) {
				return ""
			}
			return "URL " + c
		}
		return "VCS reference " + c + ", not pinned to a commit"
	}
	for clause := range strings.SplitSeq(c, ",") {
		clause = strings.TrimSpace(clause)
		switch {
		case strings.HasPrefix(clause, ">="), strings.HasPrefix(clause, "!="),
			strings.HasPrefix(clause, ">") && !strings.HasPrefix(clause, ">="):
			continue
		case clause == "":
			continue
		}
		return "" // ==, ===, ~=, < or <= bound it
	}
	return fmt.Sprintf("%q, no upper bound", c)
}

// requirementsHasConstraints reports a requirements file that applies a
// constraints file (-c constraints.txt / --constraint=...), which pins
// versions the requirements leave open.
func requirementsHasConstraints(p *Pass, file string) bool {
	b, err := p.Snapshot.ReadFile(file)
	if err != nil {
		return false
	}
	for line := range strings.SplitSeq(string(b), "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "-c") || strings.HasPrefix(t, "--constraint") {
			return true
		}
	}
	return false
}
