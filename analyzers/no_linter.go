package analyzers

import (
	"fmt"
	"path"

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
		if u.HasTool(stack.Linter) || toolFromWorkspace(p.Inventory, u, stack.Linter) {
			continue
		}
		files := u.Source.TypeScript + u.Source.JavaScript
		kind := "JavaScript/TypeScript"
		advice := "add ESLint (`npm init @eslint/config@latest`) or Biome (`npx @biomejs/biome init`) and run it in CI"
		if u.Ecosystem == stack.Python {
			files = u.Source.Python
			kind = "Python"
			advice = "add Ruff (a `ruff.toml`, then `ruff check .`) and run it in CI"
			if path.Base(primaryManifest(u)) == "pyproject.toml" {
				advice = "add Ruff (`[tool.ruff]` in pyproject.toml, then `ruff check .`) and run it in CI"
			}
		}
		if files == 0 {
			continue
		}
		manifest := primaryManifest(u)
		f := Finding{
			Location: Location{Path: manifest, Line: 1},
			Key:      []string{u.Path},
			Message: fmt.Sprintf("%s: %s and no linter configured; %s",
				manifest, plural(files, kind+" source file", kind+" source files"), advice),
		}
		// A linter that is installed but neither configured nor run is the
		// usual near miss: say so, since the fix is then one config file.
		for _, d := range u.Dependencies {
			if linterPackages[d.Name] {
				f.Message = fmt.Sprintf("%s: %s and no linter configured (%s is declared but no config file or script uses it); %s",
					manifest, plural(files, kind+" source file", kind+" source files"), d.Name, advice)
				f.Related = append(f.Related, Location{Path: d.Evidence.Path, Line: d.Evidence.Line, Message: d.Name + " declared here"})
				break
			}
		}
		p.Report(f)
	}
}

// linterPackages are the packages of the linters SA201 knows, in either ecosystem.
var linterPackages = map[string]bool{
	"eslint": true, "@biomejs/biome": true, "oxlint": true, "standard": true, "xo": true,
}
