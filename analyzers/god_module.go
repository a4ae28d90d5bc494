package analyzers

import (
	"bytes"
	"cmp"
	"fmt"
	"math"
	"slices"
	"strings"

	"github.com/stackaudit/stackaudit/internal/source"
	"github.com/stackaudit/stackaudit/stack"
)

// GodModule reports a single module holding most of a unit's routes or a
// large share of its code.
var GodModule = register(&Analyzer{
	Code:     "SA403",
	Name:     "god-module",
	Category: Architecture,
	Level:    Warning,
	Summary:  "One module holds most of a unit's routes or a large share of its code",
	Tags:     []string{"architecture", "modularity", "maintainability"},
	Options: []Option{
		{Name: "min-routes", Default: 30, Doc: "fewest routes a unit must declare before their concentration is judged"},
		{Name: "max-route-share", Default: 0.6, Doc: "share of a unit's routes one module may handle"},
		{Name: "min-files", Default: 10, Doc: "fewest source files a unit must have before code concentration is judged"},
		{Name: "max-code-share", Default: 0.25, Doc: "share of a unit's source (by size) one file may hold"},
		{Name: "min-lines", Default: 1000, Doc: "fewest lines a file must have to be reported for its share of the code"},
		{Name: "min-apps", Default: 3, Doc: "fewest Django apps a unit must have before the concentration of its models and views in one app is judged"},
		{Name: "min-models", Default: 20, Doc: "fewest models a Django project must have before their concentration in one app is judged"},
		{Name: "max-app-share", Default: 0.5, Doc: "share of a Django project's models (or of its views, with at least min-routes routes) one app may hold"},
	},
	Run: runGodModule,
})

func runGodModule(p *Pass) {
	for _, u := range p.Inventory.Units {
		reported := routeConcentration(p, u)
		codeConcentration(p, u, reported)
		djangoAppConcentration(p, u, reported)
	}
}

// routeConcentration reports the module that handles most of u's routes,
// and returns its path ("" when none).
func routeConcentration(p *Pass, u *stack.Unit) string {
	by := map[string][]stack.Route{}
	total := 0
	for _, r := range u.Routes {
		if r.Method == "ACTION" || r.HandlerEvidence == nil && graphQLOperation(r.Method) {
			// Server actions are not routes; a GraphQL schema declares
			// every operation in one place by design, and only resolvers
			// say where the code is.
			continue
		}
		total++
		f := r.Evidence.Path
		if r.HandlerEvidence != nil && r.HandlerEvidence.Path != "" {
			f = r.HandlerEvidence.Path
		}
		by[f] = append(by[f], r)
	}
	if total < p.Int("min-routes") {
		return ""
	}
	top := ""
	for f, rs := range by {
		if top == "" || len(rs) > len(by[top]) || len(rs) == len(by[top]) && f < top {
			top = f
		}
	}
	n := len(by[top])
	share := float64(n) / float64(total)
	if share < p.Float("max-route-share") {
		return ""
	}
	var related []Location
	for _, r := range by[top] {
		if len(related) == 5 {
			break
		}
		related = append(related, Location{Path: r.Evidence.Path, Line: r.Evidence.Line, Message: fmt.Sprintf("%s %s is handled in %s", r.Method, r.Path, top)})
	}
	// The runner-up module, for scale.
	second := ""
	for f, rs := range by {
		if f != top && (second == "" || len(rs) > len(by[second]) || len(rs) == len(by[second]) && f < second) {
			second = f
		}
	}
	if second != "" {
		r := by[second][0]
		loc := Location{Path: r.Evidence.Path, Line: r.Evidence.Line}
		if r.HandlerEvidence != nil && r.HandlerEvidence.Path == second {
			loc = Location{Path: second, Line: r.HandlerEvidence.Line}
		}
		loc.Message = fmt.Sprintf("%s, the runner-up, handles %d of the routes", second, len(by[second]))
		related = append(related, loc)
	}
	// Point at the module's first route or handler.
	line := 0
	for _, r := range by[top] {
		for _, ev := range []*stack.Evidence{r.HandlerEvidence, &r.Evidence} {
			if ev != nil && ev.Path == top && ev.Line > 0 && (line == 0 || ev.Line < line) {
				line = ev.Line
			}
		}
	}
	if line == 0 {
		line = 1
	}
	p.Report(Finding{
		Location: Location{Path: top, Line: line},
		Key:      []string{u.Path, top, "routes"},
		Related:  related,
		Message: fmt.Sprintf("%s handles %d of the %d routes of %s (%d%%); one module that every feature passes through is where merge conflicts, slow reviews and accidental coupling collect. Split it by feature (orders, billing, accounts: one module or router each) and keep this one for wiring",
			top, n, total, unitName(u), int(math.Round(share*100))),
	})
	return top
}

// codeConcentration reports a source file holding a large share of u's
// source by size, unless it is skip.
func codeConcentration(p *Pass, u *stack.Unit, skip string) {
	type sized struct {
		path string
		size int64
	}
	var files []sized
	var total int64
	sizes := map[string]int64{} // of the top file and the runner-ups
	for _, f := range u.SourceFiles {
		// ("/"+f contains "/migrations/")
		if strings.HasPrefix(f, "migrations/") || strings.Contains(f, "/migrations/") || strings.Contains(strings.ToLower(f), "generated") {
			// Written by the framework or a code generator, not by a person.
			continue
		}
		st, ok := p.Snapshot.Stat(f)
		if !ok {
			continue
		}
		files = append(files, sized{f, st.Size})
		total += st.Size
	}
	if len(files) < p.Int("min-files") || total == 0 {
		return
	}
	slices.SortStableFunc(files, func(a, b sized) int { return cmp.Compare(b.size, a.size) })
	// The largest file with code in it: a module of nothing but data (a
	// mapping table, a list of constants) has no functions or classes and
	// is not where features collide.
	top := ""
	var runnerUps []string
	for _, sf := range files {
		f := sf.path
		if r := source.Get(p.Snapshot, f); r != nil && r.Functions == 0 && r.Classes == 0 {
			continue
		}
		if top == "" {
			top = f
		} else if len(runnerUps) < 2 {
			runnerUps = append(runnerUps, f)
		} else {
			break
		}
		sizes[f] = sf.size
	}
	if top == "" {
		return
	}
	share := float64(sizes[top]) / float64(total)
	if top == skip || share < p.Float("max-code-share") {
		return
	}
	b, err := p.Snapshot.ReadFile(top)
	if err != nil {
		return
	}
	lines := bytes.Count(b, []byte("\n"))
	if len(b) > 0 && b[len(b)-1] != '\n' {
		lines++
	}
	if lines < p.Int("min-lines") {
		return
	}
	var related []Location
	for _, f := range runnerUps {
		related = append(related, Location{Path: f, Line: 1, Message: fmt.Sprintf("a runner-up, %d%% of the source", int(math.Round(float64(sizes[f])/float64(total)*100)))})
	}
	p.Report(Finding{
		Location: Location{Path: top, Line: 1},
		Key:      []string{u.Path, top, "code"},
		Related:  related,
		Message: fmt.Sprintf("%s holds %d lines, %d%% of the source of %s (%d files); a file that size is read by everyone and owned by no one, and every change to it risks the others. Split it by feature into modules of a few hundred lines",
			top, lines, int(math.Round(share*100)), unitName(u), len(files)),
	})
}

// graphQLOperation reports whether a route method is a GraphQL operation.
func graphQLOperation(method string) bool {
	return method == "QUERY" || method == "MUTATION" || method == "SUBSCRIPTION"
}
