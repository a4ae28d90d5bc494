package analyzers

import (
	"fmt"

	"github.com/stackaudit/stackaudit/stack"
)

// ChecksNotEnforced reports linters, formatters and type checkers that are
// configured but that no CI job and no pre-commit hook runs.
var ChecksNotEnforced = register(&Analyzer{
	Code:     "SA203",
	Name:     "checks-not-enforced",
	Category: Tooling,
	Level:    Warning,
	Summary:  "A linter, formatter or type checker is configured but no CI job or pre-commit hook runs it",
	Tags:     []string{"maintainability", "tooling", "ci"},
	Run:      runChecksNotEnforced,
})

// enforceCommands are the commands the message suggests, by tool id.
var enforceCommands = map[string]string{
	"eslint": "npx eslint .", "prettier": "npx prettier --check .", "biome": "npx @biomejs/biome ci .",
	"oxlint": "npx oxlint", "dprint": "dprint check", "typescript": "npx tsc --noEmit",
	"ruff": "ruff check .", "ruff-format": "ruff format --check .", "black": "black --check .",
	"isort": "isort --check-only .", "flake8": "flake8", "pylint": "pylint <package>", "mypy": "mypy .",
	"pyright": "pyright", "basedpyright": "basedpyright", "yapf": "yapf --diff -r .", "autopep8": "autopep8 --diff -r .",
	"standard": "npx standard", "xo": "npx xo",
}

func runChecksNotEnforced(p *Pass) {
	inv := p.Inventory
	enforced := map[string]bool{}
	for _, job := range inv.CI {
		for _, id := range job.Tools {
			enforced[id] = true
		}
	}
	if inv.PreCommit != nil {
		for _, id := range inv.PreCommit.Tools {
			enforced[id] = true
		}
	}
	for _, u := range inv.Units {
		if files, _ := ownSourceFiles(u); files == 0 && !isWorkspaceRoot(inv, u) || templatedUnit(u) {
			continue
		}
		var loose []stack.Tool
		seen := map[string]bool{}
		for _, t := range u.Tools {
			if t.ID == "prettier" && enforced["eslint"] && prettierThroughESLint(inv, u) {
				continue
			}
			if t.Kind == stack.TestRunner || enforced[t.ID] || seen[t.ID] {
				continue
			}
			seen[t.ID] = true
			loose = append(loose, t)
		}
		if len(loose) == 0 {
			continue
		}
		var names, commands []string
		var related []Location
		for i, t := range loose {
			if t.Evidence.Path == loose[0].Evidence.Path {
				names = append(names, t.ID)
			} else {
				names = append(names, fmt.Sprintf("%s (%s)", t.ID, t.Evidence.Path))
			}
			cmd := enforceCommands[t.ID]
			if cmd == "" {
				cmd = t.ID
			}
			commands = append(commands, "`"+cmd+"`")
			if i > 0 {
				related = append(related, Location{Path: t.Evidence.Path, Line: t.Evidence.Line, Message: t.ID + " configured here"})
			}
		}
		why := "no CI job or pre-commit hook runs " + itThem(len(loose))
		if len(inv.CI) == 0 {
			why = "no pre-commit hook runs " + itThem(len(loose)) + " (no CI configuration found)"
			if inv.PreCommit == nil {
				why = "nothing runs " + itThem(len(loose)) + ": no CI configuration found, no pre-commit hooks"
			}
		}
		first := loose[0].Evidence
		folderOf := func(u *stack.Unit) string {
			if u.Path == "." {
				_, lang := ownSourceFiles(u)
				return "the root " + lang + " unit"
			}
			return u.Path + "/"
		}
		p.Report(Finding{
			Location: Location{Path: first.Path, Line: first.Line},
			Key:      []string{u.Path},
			Related:  related,
			Message: fmt.Sprintf("%s: %s %s configured for %s but %s; add a CI step that runs %s (or a pre-commit hook, with pre-commit run in CI) so a failing check blocks the merge",
				first.Path, joinAnd(names), isAre(len(loose)), folderOf(u), why, joinAnd(commands)),
		})
	}
}

// prettierThroughESLint reports whether ESLint runs Prettier as a rule for
// u: eslint-plugin-prettier declared by the unit or its workspace root
// (eslint-config-prettier only turns rules off and does not count).
func prettierThroughESLint(inv *stack.Inventory, u *stack.Unit) bool {
	for _, x := range []*stack.Unit{u, workspaceRootOf(inv, u)} {
		if x == nil {
			continue
		}
		for _, d := range x.Dependencies {
			if d.Name == "eslint-plugin-prettier" {
				return true
			}
		}
	}
	return false
}

// isWorkspaceRoot reports whether some other unit names u as its workspace root.
func isWorkspaceRoot(inv *stack.Inventory, u *stack.Unit) bool {
	for _, m := range inv.Units {
		if m != u && m.Workspace == u.Path {
			return true
		}
	}
	return false
}
