package analyzers

import (
	"fmt"
	"path"
	"strings"

	"github.com/stackaudit/stackaudit/stack"
)

// SplitBackendLanguages reports a small team running backends in both
// Python and Node.
var SplitBackendLanguages = register(&Analyzer{
	Code:     "SA406",
	Name:     "split-backend-languages",
	Category: Architecture,
	Level:    Note,
	Summary:  "Python and Node backend services side by side in a small team",
	Tags:     []string{"architecture", "polyglot", "team", "maintainability"},
	Options: []Option{
		{Name: "max-authors", Default: 6, Doc: "the rule fires when fewer people than this authored commits in the window"},
	},
	Run: runSplitBackendLanguages,
})

// frontendFrameworks serve pages first; a unit built on one alone is a
// backend only when it declares server routes of its own.
var frontendFrameworks = map[string]bool{"nextjs": true, "nuxt": true, "sveltekit": true, "remix": true}

// backend is a service whose unit serves HTTP in one language.
type backend struct {
	service   stack.Service
	unit      *stack.Unit
	framework string
}

func runSplitBackendLanguages(p *Pass) {
	var py, node []backend
	seen := map[string]bool{}
	for _, s := range p.Inventory.Services {
		if s.Unit == "" || seen[s.Unit] {
			continue
		}
		u := p.Inventory.Unit(s.Unit)
		if u == nil || !u.Application {
			continue
		}
		fw := backendFramework(u)
		if fw == "" {
			continue
		}
		seen[s.Unit] = true
		b := backend{service: s, unit: u, framework: fw}
		switch u.Ecosystem {
		case stack.Python:
			py = append(py, b)
		case stack.Node:
			node = append(node, b)
		}
	}
	if len(py) == 0 || len(node) == 0 {
		return
	}
	loc := Location{Path: primaryManifest(node[0].unit), Line: 1}
	if len(node) > len(py) {
		// Point at the smaller side: that is the one to fold in.
		loc = Location{Path: primaryManifest(py[0].unit), Line: 1}
	}
	authors, ok := activeTeam(p, loc.Path, fmt.Sprintf("Python (%s) and Node (%s) backends are built from this repository", describeBackends(py), describeBackends(node)))
	if !ok {
		return
	}
	if authors >= p.Int("max-authors") {
		return
	}
	var related []Location
	for _, b := range append(append([]backend(nil), py...), node...) {
		related = append(related, Location{Path: b.service.Evidence.Path, Line: b.service.Evidence.Line,
			Message: fmt.Sprintf("%s backend %s (%s, unit %s)", b.unit.Ecosystem, b.service.Name, b.framework, b.unit.Path)})
	}
	g := p.Inventory.Git
	p.Report(Finding{
		Location: loc,
		Key:      []string{"backends"},
		Related:  related,
		Message: fmt.Sprintf("%s: this repository builds a Python backend (%s) and a Node backend (%s), and %s authored commits in the last %d days: two languages means two dependency trees, two sets of tooling, two deployment images and two ecosystems' advisories for the same few people. A hybrid is a second-stage decision; write new backend code in one language and fold the smaller backend into it as you touch it",
			loc.Path, describeBackends(py), describeBackends(node), plural(authors, "person", "people"), g.ActiveDays),
	})
}

// backendFramework returns the web framework by which u serves HTTP, or ""
// when it serves none or is a frontend: a unit whose only imported web
// framework is Next.js, Nuxt, SvelteKit or Remix is a backend only when it
// declares server routes (Unit.Routes, or API route files).
func backendFramework(u *stack.Unit) string {
	var front string
	for _, c := range u.Components {
		if c.Category != stack.Web || !c.Imported {
			continue
		}
		if !frontendFrameworks[c.ID] {
			return c.ID
		}
		if front == "" {
			front = c.ID
		}
	}
	if front == "" {
		return ""
	}
	if hasServerRoutes(u) || hasServerRouteFiles(u) {
		return front + " API routes"
	}
	return ""
}

// hasServerRoutes reports whether u declares HTTP routes; server actions
// (method ACTION) are called by the app's own pages and do not make an API.
func hasServerRoutes(u *stack.Unit) bool {
	for _, r := range u.Routes {
		if r.Method != "ACTION" {
			return true
		}
	}
	return false
}

// hasServerRouteFiles reports whether u's source holds server route files
// by the meta-frameworks' conventions: pages/api/* and app/**/route.* in
// Next.js, server/api/* in Nuxt, +server.* in SvelteKit.
func hasServerRouteFiles(u *stack.Unit) bool {
	for _, f := range u.SourceFiles {
		rel := f
		if u.Path != "." && u.Path != "" {
			rel = strings.TrimPrefix(f, u.Path+"/")
		}
		rel = strings.TrimPrefix(rel, "src/")
		base := path.Base(rel)
		stem := strings.TrimSuffix(base, path.Ext(base))
		switch {
		case strings.HasPrefix(rel, "pages/api/"),
			strings.HasPrefix(rel, "server/api/"),
			strings.HasPrefix(rel, "app/") && stem == "route",
			strings.HasPrefix(base, "+server."):
			return true
		}
	}
	return false
}

// describeBackends names backends as "api: django in api/, …".
func describeBackends(bs []backend) string {
	var parts []string
	for _, b := range bs {
		dir := b.unit.Path + "/"
		if b.unit.Path == "." {
			dir = "the root"
		}
		parts = append(parts, fmt.Sprintf("%s: %s in %s", b.service.Name, b.framework, dir))
	}
	return sample(parts, 4)
}
