package analyzers

import (
	"fmt"

	"github.com/stackaudit/stackaudit/stack"
)

// NoLinter reports units with source code and no linter configured.
var NoLinter = register(&Analyzer{
	Code:     "SA201",
	Name:     "no-linter",
	Category: Tooling,
	Level:    Warning,
	Summary:  "A unit has no linter configured",
	Tags:     []string{"maintainability", "tooling"},
	Run:      runNoLinter,
})

func runNoLinter(p *Pass) {
	for _, u := range p.Inventory.Units {
		if u.HasTool(stack.Linter) || linterFromWorkspace(p.Inventory, u) {
			continue
		}
		files := u.Source.TypeScript + u.Source.JavaScript
		advice := "add ESLint (`npm init @eslint/config@latest`) or Biome (`npx @biomejs/biome init`) and run it in CI"
		if u.Ecosystem == stack.Python {
			files = u.Source.Python
			advice = "add Ruff (`[tool.ruff]` in pyproject.toml, then `ruff check .`) and run it in CI"
		}
		if files == 0 {
			continue
		}
		manifest := primaryManifest(u)
		p.Report(Finding{
			Location: Location{Path: manifest, Line: 1},
			Key:      []string{u.Path},
			Message: fmt.Sprintf("%s: %d %s source files and no linter configured; %s",
				manifest, files, u.Ecosystem, advice),
		})
	}
}

// linterFromWorkspace reports whether the workspace root that u belongs to
// configures a linter, which then covers its members.
func linterFromWorkspace(inv *stack.Inventory, u *stack.Unit) bool {
	if u.Workspace == "" || u.Workspace == u.Path {
		return false
	}
	root := inv.Unit(u.Workspace)
	return root != nil && root.HasTool(stack.Linter)
}
