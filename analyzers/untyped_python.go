package analyzers

import (
	"fmt"
	"path"
	"strings"

	"github.com/stackaudit/stackaudit/stack"
)

// UntypedPython reports Python units that no type checker reads: no mypy,
// pyright or pytype in any config, dependency, pre-commit hook or CI step.
var UntypedPython = register(&Analyzer{
	Code:     "SA103",
	Name:     "untyped-python",
	Category: Typing,
	Level:    Warning,
	Summary:  "A Python unit has no type checker (mypy, pyright, pytype) configured",
	Tags:     []string{"typing", "python", "maintainability"},
	Options: []Option{
		{Name: "min-files", Default: 5, Doc: "units with fewer Python source files than this never fire"},
	},
	Run: runUntypedPython,
})

// pythonTypeCheckers are the tool ids that type-check Python.
var pythonTypeCheckers = map[string]bool{
	"mypy": true, "pyright": true, "basedpyright": true, "pytype": true, "pyre": true,
}

func runUntypedPython(p *Pass) {
	for _, u := range p.Inventory.Units {
		if u.Ecosystem != stack.Python || u.Source.Python < p.Int("min-files") {
			continue
		}
		if hasPythonTypeChecker(u) || hasPythonTypeChecker(workspaceRootOf(p.Inventory, u)) || typeCheckedByJob(p.Inventory, u) {
			continue
		}
		manifest := primaryManifest(u)
		p.Report(Finding{
			Location: Location{Path: manifest, Line: 1},
			Key:      []string{u.Path},
			Message: fmt.Sprintf("%s: %s and no type checker (mypy, pyright or pytype) set up for it in any config file, dependency, pre-commit hook or CI job; %s",
				manifest, plural(u.Source.Python, "Python source file", "Python source files"), untypedPythonAdvice(manifest)),
			Related: typeCheckersElsewhere(p.Inventory),
		})
	}
}

// typeCheckedByJob reports whether a CI job or pre-commit hook runs a
// Python type checker over u. A checker run with no config file needs
// none; one whose folder the job does not say covers every unit.
func typeCheckedByJob(inv *stack.Inventory, u *stack.Unit) bool {
	jobs := inv.CI
	if inv.PreCommit != nil {
		jobs = append(append([]stack.CIJob(nil), jobs...), *inv.PreCommit)
	}
	for _, j := range jobs {
		for _, t := range j.Tools {
			if pythonTypeCheckers[t] && (len(j.Dirs[t]) == 0 || jobRunsOn(inv, j, t, u)) {
				return true
			}
		}
	}
	return false
}

// typeCheckersElsewhere points at the CI jobs that run a Python type
// checker in other folders, the usual near miss: the checker is there,
// only not run on this unit.
func typeCheckersElsewhere(inv *stack.Inventory) []Location {
	var out []Location
	for _, j := range inv.CI {
		for _, t := range j.Tools {
			if pythonTypeCheckers[t] && len(j.Dirs[t]) > 0 && len(out) < maxWorstFiles {
				out = append(out, Location{Path: j.Evidence.Path, Line: j.Evidence.Line,
					Message: fmt.Sprintf("CI job %s runs %s in %s only", j.Name, t, strings.Join(j.Dirs[t], ", "))})
			}
		}
	}
	return out
}

func hasPythonTypeChecker(u *stack.Unit) bool {
	if u == nil {
		return false
	}
	for _, t := range u.Tools {
		if pythonTypeCheckers[t.ID] {
			return true
		}
	}
	return false
}

func untypedPythonAdvice(manifest string) string {
	if path.Base(manifest) == "pyproject.toml" {
		return "add mypy (a `[tool.mypy]` table in pyproject.toml, lenient at first) or pyright, run it in CI, and tighten it module by module"
	}
	return "add mypy (a `mypy.ini`, lenient at first) or pyright, run it in CI, and tighten it module by module"
}
