package analyzers

import (
	"fmt"
	"path"
	"strings"

	"github.com/stackaudit/stackaudit/stack"
)

// MissingLockfile reports units that declare dependencies but commit no
// lockfile, so every install may resolve different versions.
var MissingLockfile = register(&Analyzer{
	Code:     "SA601",
	Name:     "missing-lockfile",
	Category: Dependencies,
	Level:    Warning,
	Summary:  "A unit declares dependencies but commits no lockfile",
	Tags:     []string{"dependencies", "reproducibility", "supply-chain"},
	Run:      runMissingLockfile,
})

func runMissingLockfile(p *Pass) {
	for _, u := range p.Inventory.Units {
		if len(u.Lockfiles) > 0 || len(u.Dependencies) == 0 {
			continue
		}
		if u.Ecosystem == stack.Python && !u.Application {
			// A library publishes ranges for its users to resolve; pinning
			// belongs to the applications that install it.
			continue
		}
		manifest := primaryManifest(u)
		msg := fmt.Sprintf("%s: %s (%s) and no lockfile; %s",
			manifest, plural(len(u.Dependencies), "dependency", "dependencies"), dependencySample(u, 3), lockfileAdvice(u))
		if pinnedRequirements(u) {
			// Exact pins are half a lock: what they pull in still floats.
			msg = fmt.Sprintf("%s: pins its %s with == but locks none of what they depend on, so each install may resolve different transitive versions; %s",
				manifest, plural(len(u.Dependencies), "direct dependency", "direct dependencies"), lockfileAdvice(u))
		}
		p.Report(Finding{
			Location: Location{Path: manifest, Line: 1},
			Key:      []string{u.Path},
			Message:  msg,
		})
	}
}

// pinnedRequirements reports whether every dependency of a Python unit
// declared in requirements files is pinned to one version with ==.
func pinnedRequirements(u *stack.Unit) bool {
	if u.Ecosystem != stack.Python || len(u.Dependencies) == 0 {
		return false
	}
	for _, d := range u.Dependencies {
		c := d.Constraint
		if !strings.HasPrefix(path.Base(d.Evidence.Path), "requirements") || !strings.HasPrefix(c, "==") || strings.ContainsAny(c, ",*") {
			return false
		}
	}
	return true
}

// dependencySample names the first n dependencies of u, by name.
func dependencySample(u *stack.Unit, n int) string {
	var names []string
	seen := map[string]bool{}
	for _, d := range u.Dependencies {
		if seen[d.Name] {
			continue
		}
		seen[d.Name] = true
		names = append(names, d.Name)
	}
	if len(names) > n {
		return strings.Join(names[:n], ", ") + ", …"
	}
	return strings.Join(names, ", ")
}

// plural formats a count with the singular or plural noun.
func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return fmt.Sprintf("%d %s", n, many)
}

// primaryManifest is the manifest a unit-level finding points at.
func primaryManifest(u *stack.Unit) string {
	for _, name := range []string{"package.json", "pyproject.toml", "Pipfile", "setup.cfg", "setup.py", "requirements.txt"} {
		for _, m := range u.Manifests {
			if path.Base(m) == name {
				return m
			}
		}
	}
	if len(u.Manifests) > 0 {
		return u.Manifests[0]
	}
	return path.Join(u.Path, ".")
}

func lockfileAdvice(u *stack.Unit) string {
	switch u.PackageManager {
	case "yarn":
		return "run `yarn install` and commit yarn.lock so every install resolves the same versions"
	case "pnpm":
		return "run `pnpm install` and commit pnpm-lock.yaml so every install resolves the same versions"
	case "bun":
		return "run `bun install` and commit bun.lock so every install resolves the same versions"
	case "poetry":
		return "run `poetry lock` and commit poetry.lock so every install resolves the same versions"
	case "uv":
		return "run `uv lock` and commit uv.lock so every install resolves the same versions"
	case "pdm":
		return "run `pdm lock` and commit pdm.lock so every install resolves the same versions"
	case "pipenv":
		return "run `pipenv lock` and commit Pipfile.lock so every install resolves the same versions"
	}
	if u.Ecosystem == stack.Node {
		return "run `npm install` and commit package-lock.json so every install resolves the same versions"
	}
	return "lock the versions with `uv lock` (or `pip-compile` to write a pinned requirements.txt) and commit the result so every install resolves the same versions"
}
