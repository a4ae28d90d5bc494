package analyzers

import (
	"encoding/json"
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/stackaudit/stackaudit/stack"
)

// ConflictingLockfiles reports units whose folder holds the lockfiles of two
// package managers, so installs depend on which tool a developer, CI job or
// image happens to run.
var ConflictingLockfiles = register(&Analyzer{
	Code:     "SA603",
	Name:     "conflicting-lockfiles",
	Category: Dependencies,
	Level:    Warning,
	Summary:  "Lockfiles of two package managers in one unit",
	Tags:     []string{"dependencies", "reproducibility"},
	Run:      runConflictingLockfiles,
})

func runConflictingLockfiles(p *Pass) {
	for _, u := range p.Inventory.Units {
		// Group the unit's own lockfiles (not a workspace root's, which the
		// root unit reports) by the manager that writes them.
		byManager := map[string][]string{}
		for _, lf := range u.Lockfiles {
			if path.Dir(lf.Path) != u.Path && !isRequirementsFile(lf.Path) {
				continue
			}
			m := lockfileOwner(lf)
			if m == "" {
				continue
			}
			byManager[m] = append(byManager[m], lf.Path)
		}
		// A workspace member with a lockfile of its own competes with the
		// root's, which installs the whole workspace (a package-lock.json
		// left in a member of a yarn workspace).
		keep := u.PackageManager
		var rootLocks []string
		if root := workspaceRoot(p, u); root != nil && len(byManager) > 0 {
			for _, lf := range root.Lockfiles {
				if path.Dir(lf.Path) != root.Path {
					continue
				}
				if m := lockfileOwner(lf); m != "" {
					byManager[m] = append(byManager[m], lf.Path)
					rootLocks = append(rootLocks, lf.Path)
					keep = m
				}
			}
		}
		if len(byManager) < 2 {
			continue
		}
		managers := make([]string, 0, len(byManager))
		for m := range byManager {
			managers = append(managers, m)
		}
		sort.Strings(managers)
		// Point at a lockfile of a manager the unit does not use; when the
		// unit's manager is unknown or none of these, at the first stray in
		// a fixed order.
		if _, ok := byManager[keep]; !ok {
			keep = ""
		}
		var stray []string
		var listed []string
		for _, m := range managers {
			for _, f := range byManager[m] {
				listed = append(listed, fmt.Sprintf("%s (%s)", f, m))
				if m != keep {
					stray = append(stray, f)
				}
			}
		}
		advice := "keep the lockfile of the manager CI and the Dockerfiles install with, delete the other, and install only with that manager"
		if len(managers) > 2 {
			advice = "keep the lockfile of the manager CI and the Dockerfiles install with, delete the others, and install only with that manager"
		}
		if declared := declaredNodeManager(p, u); declared != "" {
			if _, ok := byManager[declared]; ok {
				var drop []string
				for _, m := range managers {
					if m != declared {
						drop = append(drop, byManager[m]...)
					}
				}
				advice = fmt.Sprintf("package.json declares packageManager %s: delete %s and install only with %s, in CI and images too", declared, strings.Join(drop, " and "), declared)
			}
		}
		if len(rootLocks) == 1 {
			advice = fmt.Sprintf("the workspace root's %s installs every member: delete %s and install from the root with %s", rootLocks[0], strings.Join(stray, " and "), keep)
		}
		var related []Location
		for _, m := range managers {
			for _, f := range byManager[m] {
				if f != stray[0] {
					related = append(related, Location{Path: f, Message: fmt.Sprintf("lockfile of %s", m)})
				}
			}
		}
		p.Report(Finding{
			Location: Location{Path: stray[0]},
			Key:      append([]string{u.Path}, managers...),
			Message: fmt.Sprintf("%s: lockfiles of %d package managers serve %s: %s; each resolves its own versions, so what gets installed depends on which tool runs; %s",
				stray[0], len(managers), unitFolder(u), strings.Join(listed, ", "), advice),
			Related: related,
		})
	}
}

// workspaceRoot returns the root unit of the workspace u belongs to, of
// the same ecosystem; nil when u is no member.
func workspaceRoot(p *Pass, u *stack.Unit) *stack.Unit {
	if u.Workspace == "" || u.Workspace == u.Path {
		return nil
	}
	for _, r := range p.Inventory.Units {
		if r.Path == u.Workspace && r.Ecosystem == u.Ecosystem {
			return r
		}
	}
	return nil
}

// lockfileOwner names the package manager whose lockfile lf is, for the
// purpose of finding two of them; "" for files that do not compete. A
// requirements.txt pinned without a header (what `poetry export` and
// hand-pinning give) cannot be told apart and does not count; one compiled
// by uv counts as uv, so it sits fine beside uv.lock; one compiled by
// pip-tools counts as pip-tools, a resolver of its own.
func lockfileOwner(lf stack.Lockfile) string {
	base := path.Base(lf.Path)
	if isRequirementsFile(lf.Path) {
		switch lf.Manager {
		case "uv", "pip-tools":
			return lf.Manager
		}
		return ""
	}
	switch base {
	case "package-lock.json", "npm-shrinkwrap.json":
		return "npm"
	case "yarn.lock":
		return "yarn"
	case "pnpm-lock.yaml":
		return "pnpm"
	case "bun.lock", "bun.lockb":
		return "bun"
	case "uv.lock":
		return "uv"
	case "poetry.lock":
		return "poetry"
	case "pdm.lock":
		return "pdm"
	case "Pipfile.lock":
		return "pipenv"
	}
	return lf.Manager
}

// unitFolder names a unit's folder for a message.
func unitFolder(u *stack.Unit) string {
	if u.Path == "." {
		return "the repository root"
	}
	return u.Path + "/"
}

// isRequirementsFile reports a pip requirements file (requirements.txt,
// requirements/prod.txt, requirements-dev.txt).
func isRequirementsFile(p string) bool {
	return strings.HasSuffix(p, ".txt")
}

// declaredNodeManager reads the corepack packageManager field of a Node
// unit's package.json ("yarn@4.1.0" → "yarn"); "" when absent or unreadable.
func declaredNodeManager(p *Pass, u *stack.Unit) string {
	if u.Ecosystem != stack.Node {
		return ""
	}
	b, err := p.Snapshot.ReadFile(path.Join(u.Path, "package.json"))
	if err != nil {
		return ""
	}
	var pj struct {
		PackageManager string `json:"packageManager"`
	}
	if json.Unmarshal(b, &pj) != nil {
		return ""
	}
	name, _, _ := strings.Cut(pj.PackageManager, "@")
	return strings.ToLower(strings.TrimSpace(name))
}
