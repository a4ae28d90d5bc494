package analyzers

import (
	"fmt"
	"strings"

	"github.com/stackaudit/stackaudit/internal/source"
	"github.com/stackaudit/stackaudit/stack"
)

// MultipleWebFrameworks reports units whose source imports two or more web
// frameworks that are not parts of one stack.
var MultipleWebFrameworks = register(&Analyzer{
	Code:     "SA402",
	Name:     "multiple-web-frameworks",
	Category: Architecture,
	Level:    Warning,
	Summary:  "One unit's source imports two or more web frameworks",
	Tags:     []string{"architecture", "web-framework", "maintainability"},
	Run:      runMultipleWebFrameworks,
})

// frameworkParts maps a web component to the frameworks it is part of:
// with any of those in the same unit it is one stack, not a second one.
var frameworkParts = map[string][]string{
	"djangorestframework": {"django"},
	"starlette":           {"fastapi"},         // FastAPI is built on Starlette
	"express":             {"nestjs", "remix"}, // @nestjs/platform-express, @remix-run/express
	"fastify":             {"nestjs"},          // @nestjs/platform-fastify
}

func runMultipleWebFrameworks(p *Pass) {
	for _, u := range p.Inventory.Units {
		imported := map[string]bool{}
		for _, c := range u.Components {
			if c.Category == stack.Web && c.Imported {
				imported[c.ID] = true
			}
		}
		var frameworks []stack.Component
		for _, c := range u.Components {
			if c.Category != stack.Web || !c.Imported || partOfAnother(c.ID, imported) {
				continue
			}
			frameworks = append(frameworks, c)
		}
		if len(frameworks) < 2 {
			continue
		}
		// A framework only the tests import (a fake upstream server) is
		// not part of the application.
		kept := frameworks[:0]
		for _, c := range frameworks {
			if at, ok := sourceImportSite(p, u, c); ok {
				c.ImportedAt = at
				kept = append(kept, c)
			}
		}
		frameworks = kept
		if len(frameworks) < 2 {
			continue
		}
		manifest := primaryManifest(u)
		var ids, sites []string
		var related []Location
		for _, c := range frameworks {
			ids = append(ids, c.ID)
			ev := c.Evidence
			how := "declared"
			if c.ImportedAt != nil {
				ev, how = *c.ImportedAt, "imported"
			}
			at := ev.Path
			if ev.Line > 0 {
				at = fmt.Sprintf("%s:%d", ev.Path, ev.Line)
			}
			sites = append(sites, fmt.Sprintf("%s (%s)", c.ID, at))
			related = append(related, Location{Path: ev.Path, Line: ev.Line, Message: c.ID + " " + how + " here"})
		}
		p.Report(Finding{
			Location: Location{Path: manifest, Line: 1},
			Key:      append([]string{u.Path}, ids...),
			Related:  related,
			Message: fmt.Sprintf("%s: the source of %s imports %d web frameworks: %s; each brings its own routing, middleware, request model and upgrade path to learn and keep patched. Pick one, move the other's endpoints onto it (mounting one app inside the other is a fair first step), then drop the dependency",
				manifest, unitName(u), len(frameworks), joinAnd(sites)),
		})
	}
}

// partOfAnother reports whether id is part of a framework also imported.
func partOfAnother(id string, imported map[string]bool) bool {
	for _, whole := range frameworkParts[id] {
		if imported[whole] {
			return true
		}
	}
	return false
}

// unitName names a unit in a message: its folder, or "the repository root".
func unitName(u *stack.Unit) string {
	if u.Path == "." || u.Path == "" {
		return "the root unit"
	}
	return u.Path
}

// joinAnd joins items as "a, b and c".
func joinAnd(items []string) string {
	if len(items) <= 1 {
		return strings.Join(items, "")
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// sourceImportSite returns where the unit's own source (not its tests)
// imports component c, and false when only tests do. A component seen
// through its file conventions rather than an import (Next.js pages) has
// no site and counts.
func sourceImportSite(p *Pass, u *stack.Unit, c stack.Component) (*stack.Evidence, bool) {
	if c.ImportedAt == nil {
		return nil, true
	}
	tests := map[string]bool{}
	for _, f := range u.TestFiles {
		tests[f] = true
	}
	if !tests[c.ImportedAt.Path] {
		return c.ImportedAt, true
	}
	for _, f := range u.SourceFiles {
		src := source.Get(p.Snapshot, f)
		if src == nil {
			continue
		}
		for _, imp := range src.Imports() {
			if importsPackage(u.Ecosystem, imp.Module, c) {
				return &stack.Evidence{Path: f, Line: int(imp.Line)}, true
			}
		}
	}
	return nil, false
}

// importsPackage reports whether an import of module brings in c.
func importsPackage(eco, module string, c stack.Component) bool {
	if eco == stack.Python {
		top, _, _ := strings.Cut(module, ".")
		return top != "" && strings.EqualFold(top, strings.ReplaceAll(c.Package, "-", "_"))
	}
	pkg := npmPackage(module)
	switch {
	case pkg == c.Package:
		return true
	case c.ID == "nestjs":
		return strings.HasPrefix(pkg, "@nestjs/")
	case c.ID == "remix":
		return strings.HasPrefix(pkg, "@remix-run/")
	}
	return false
}
