package analyzers

import (
	"fmt"

	"github.com/stackaudit/stackaudit/stack"
)

// NoFormatter reports units with source code and no code formatter.
var NoFormatter = register(&Analyzer{
	Code:     "SA202",
	Name:     "no-formatter",
	Category: Tooling,
	Level:    Note,
	Summary:  "A unit has no code formatter configured",
	Tags:     []string{"maintainability", "tooling", "formatting"},
	Run:      runNoFormatter,
})

// formatters are the tool ids that format code; isort only sorts imports.
var formatters = map[string]bool{
	"prettier": true, "biome": true, "dprint": true, "deno-fmt": true,
	"black": true, "ruff-format": true, "yapf": true, "autopep8": true,
}

func runNoFormatter(p *Pass) {
	for _, u := range p.Inventory.Units {
		files, kind := ownSourceFiles(u)
		if files == 0 || showcaseUnit(u) || hasFormatter(p.Inventory, u) {
			continue
		}
		manifest := primaryManifest(u)
		advice := "add Prettier (a `.prettierrc`, then `npx prettier --check .` in CI) or Biome (`npx @biomejs/biome init`, then `npx @biomejs/biome ci .`)"
		if u.Ecosystem == stack.Python {
			advice = "add Ruff's formatter (`ruff format`, checked in CI with `ruff format --check .`) or Black (`black --check .`)"
			for _, t := range u.ToolsOf(stack.Linter) {
				if t.ID == "ruff" {
					advice = fmt.Sprintf("Ruff is already configured for linting (%s) but nothing runs `ruff format`; run `ruff format .` once, then check it in CI with `ruff format --check .` or a ruff-format pre-commit hook", t.Evidence.Path)
					break
				}
			}
		}
		p.Report(Finding{
			Location: Location{Path: manifest, Line: 1},
			Key:      []string{u.Path},
			Message: fmt.Sprintf("%s: %s and no code formatter configured, so style is argued in review; %s",
				manifest, plural(files, kind+" source file", kind+" source files"), advice),
		})
	}
}

// hasFormatter reports whether u has a formatter: configured in the unit or
// its workspace root, or run on it by a CI job or a pre-commit hook (a
// `ruff format --check` step formats with no [tool.ruff.format] table).
func hasFormatter(inv *stack.Inventory, u *stack.Unit) bool {
	configured := func(x *stack.Unit) bool {
		for _, t := range x.ToolsOf(stack.Formatter) {
			if formatters[t.ID] {
				return true
			}
		}
		return false
	}
	if configured(u) {
		return true
	}
	if root := workspaceRootOf(inv, u); root != nil && configured(root) {
		return true
	}
	for _, job := range inv.CI {
		for id := range job.Dirs {
			if formatters[id] && jobRunsOn(inv, job, id, u) {
				return true
			}
		}
	}
	if hooks := inv.PreCommit; hooks != nil {
		// Hooks run on the files of the whole repository.
		for _, id := range hooks.Tools {
			if eco, ok := toolEcosystems[id]; formatters[id] && (!ok || eco == u.Ecosystem) {
				return true
			}
		}
	}
	return false
}
