package analyzers

import (
	"strings"

	"github.com/stackaudit/stackaudit/stack"
)

// toolFromWorkspace reports whether the workspace root that u belongs to
// has a tool of the given kind, which then covers its members.
func toolFromWorkspace(inv *stack.Inventory, u *stack.Unit, kind string) bool {
	root := workspaceRootOf(inv, u)
	return root != nil && root.HasTool(kind)
}

// workspaceRootOf is the root unit of the workspace u is a member of, or nil.
func workspaceRootOf(inv *stack.Inventory, u *stack.Unit) *stack.Unit {
	if u.Workspace == "" || u.Workspace == u.Path {
		return nil
	}
	for _, root := range inv.Units {
		if root.Path == u.Workspace && root.Ecosystem == u.Ecosystem {
			return root
		}
	}
	return inv.Unit(u.Workspace)
}

// showcaseFolders hold code that is shown rather than shipped: examples,
// demos, documentation sites and project templates.
var showcaseFolders = map[string]bool{
	"examples": true, "example": true, "demo": true, "demos": true, "docs": true, "dev-docs": true,
	"website": true, "www": true, "template": true, "templates": true,
}

// showcaseUnit reports whether u lies in an examples, demo, docs-site or
// template folder (cookiecutter's {{cookiecutter.project_slug}} too), where
// the rules that ask for tests and formatters do not apply.
func showcaseUnit(u *stack.Unit) bool {
	for seg := range strings.SplitSeq(u.Path, "/") {
		if showcaseFolders[seg] || strings.Contains(seg, "{{") {
			return true
		}
	}
	return false
}

// templatedUnit reports whether u lies in a project template folder whose
// name is itself a template ({{cookiecutter.project_slug}}): CI checks
// such code on the projects it generates, which no rule can see.
func templatedUnit(u *stack.Unit) bool {
	return strings.Contains(u.Path, "{{")
}

// ownSourceFiles counts the unit's own source files in its language, with
// the language's name for messages.
func ownSourceFiles(u *stack.Unit) (int, string) {
	if u.Ecosystem == stack.Python {
		return u.Source.Python, "Python"
	}
	return u.Source.TypeScript + u.Source.JavaScript, "JavaScript/TypeScript"
}

// toolEcosystems says which ecosystem's units a tool works on; tools not
// listed work on any.
var toolEcosystems = map[string]string{
	"pytest": stack.Python, "unittest": stack.Python, "django-test": stack.Python, "runtests": stack.Python,
	"ruff": stack.Python, "ruff-format": stack.Python, "black": stack.Python, "isort": stack.Python,
	"yapf": stack.Python, "autopep8": stack.Python, "flake8": stack.Python, "pylint": stack.Python,
	"mypy": stack.Python, "pyright": stack.Python, "basedpyright": stack.Python, "pytype": stack.Python,
	"jest": stack.Node, "vitest": stack.Node, "mocha": stack.Node, "ava": stack.Node, "jasmine": stack.Node,
	"karma": stack.Node, "tap": stack.Node, "playwright": stack.Node, "cypress": stack.Node,
	"node-test": stack.Node, "bun-test": stack.Node, "eslint": stack.Node, "prettier": stack.Node,
	"biome": stack.Node, "oxlint": stack.Node, "typescript": stack.Node, "dprint": stack.Node,
}

// testTools are the tool ids a CI job records when it runs tests.
var testTools = map[string]bool{
	"pytest": true, "unittest": true, "django-test": true, "runtests": true, "jest": true, "vitest": true, "mocha": true,
	"ava": true, "jasmine": true, "karma": true, "tap": true, "playwright": true, "cypress": true,
	"node-test": true, "bun-test": true, "deno-test": true,
}

// jobRunsOn reports whether a CI job runs the tool on unit u: the tool
// works on u's ecosystem and runs in u's folder or a folder above it (test
// runners, linters and formatters search the folders below the one they
// start in, so `vitest` at a workspace root runs the members' tests too),
// or in a folder inside u that no nested unit of u's ecosystem owns. A run
// in a sibling unit's folder does not cover u.
func jobRunsOn(inv *stack.Inventory, job stack.CIJob, tool string, u *stack.Unit) bool {
	if eco, ok := toolEcosystems[tool]; ok && eco != u.Ecosystem {
		return false
	}
	for _, dir := range job.Dirs[tool] {
		if inFolder(u.Path, dir) || nearestUnit(inv, dir, u.Ecosystem) == u {
			return true
		}
	}
	return false
}

// nearestUnit is the unit of the ecosystem whose folder holds p most
// closely, or nil.
func nearestUnit(inv *stack.Inventory, p, ecosystem string) *stack.Unit {
	var best *stack.Unit
	for _, u := range inv.Units {
		if u.Ecosystem == ecosystem && inFolder(p, u.Path) && (best == nil || len(u.Path) > len(best.Path)) {
			best = u
		}
	}
	return best
}

// inFolder reports whether the slash path p is dir itself or inside it.
func inFolder(p, dir string) bool {
	if dir == "." || dir == "" {
		return true
	}
	// No dir+"/": SA302 asks this for every file and unit, and the
	// concatenation cost seconds at 100,000 files.
	return p == dir || len(p) > len(dir) && p[len(dir)] == '/' && strings.HasPrefix(p, dir)
}
