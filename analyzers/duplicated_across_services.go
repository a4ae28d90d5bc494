package analyzers

import (
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/stackaudit/stackaudit/internal/source"
	"github.com/stackaudit/stackaudit/stack"
	"github.com/stackaudit/stackaudit/syntax"
)

// DuplicatedAcrossServices reports source copied between services.
var DuplicatedAcrossServices = register(&Analyzer{
	Code:     "SA404",
	Name:     "duplicated-across-services",
	Category: Architecture,
	Level:    Warning,
	Summary:  "The same code copied between two services",
	Tags:     []string{"architecture", "duplication", "microservices", "maintainability"},
	Options: []Option{
		{Name: "min-lines", Default: 30, Doc: "fewest consecutive lines (blank and comment lines left out) that count as a copy"},
		{Name: "max-per-pair", Default: 10, Doc: "most pairs of files reported for one pair of services; the last one says how many more there are"},
		{Name: "max-findings", Default: 50, Doc: "most findings the rule reports in a repository; the last one says how many more there are"},
	},
	Run: runDuplicatedAcrossServices,
})

// Bounds on the work, so that a tree of many thousand files stays fast.
const (
	// dupMaxFileSize is the largest file compared (bigger ones are data or
	// bundles, not hand-written code).
	dupMaxFileSize = 256 << 10
)

// dupMaxWindows is how many windows are indexed in all; files past it are
// not compared, and a notification says so. A variable for the tests.
var dupMaxWindows = 2_000_000

// windowSite is where a run of min-lines normalised lines first occurs.
type windowSite struct {
	file int32 // index into dupScan.files
	idx  int32 // index into the file's normalised lines
}

// dupRange is one maximal run of lines two files share, as indexes into
// their normalised lines, [a0, a1) and [b0, b1).
type dupRange struct{ a0, a1, b0, b1 int }

// dupPair is what two files of two units share.
type dupPair struct {
	a, b   int // indexes into dupScan.files; a was indexed first
	ranges []dupRange
}

// dupFile is one file compared.
type dupFile struct {
	path string
	unit string
	// ids are the hashes of the file's normalised code lines (the
	// record's Hashes; its Lines give their line numbers).
	ids []uint32
	rec *source.Record
}

func runDuplicatedAcrossServices(p *Pass) {
	minLines := p.Int("min-lines")
	if minLines < 5 {
		minLines = 5
	}
	units, what := duplicationUnits(p.Inventory)
	if len(units) < 2 {
		return
	}
	systems := serviceSystems(p.Inventory)
	eco := map[string]string{}
	n := 0
	for _, u := range units {
		n += len(u.SourceFiles)
	}
	owner := make(map[string]string, n) // file → unit path; n bounds its size
	for _, u := range units {
		eco[u.Path] = u.Ecosystem
		for _, f := range u.SourceFiles {
			if !comparableSource(f) {
				continue
			}
			// A file belongs to the deepest unit holding it.
			if o, ok := owner[f]; !ok || len(u.Path) > len(o) {
				owner[f] = u.Path
			}
		}
	}
	paths := make([]string, 0, len(owner))
	for f := range owner {
		paths = append(paths, f)
	}
	sort.Strings(paths)

	files := make([]dupFile, 0, len(paths)) // at most one a path
	first := map[uint64]windowSite{}
	pairs := map[[2]int]*dupPair{}
	windows, skipped := 0, 0
	var pw []uint64 // powers of the rolling hash's base
	const base = 1000003
	pw = append(pw, 1)
	for i := 1; i <= minLines; i++ {
		pw = append(pw, pw[i-1]*base)
	}
	for _, f := range paths {
		if windows >= dupMaxWindows {
			skipped++
			continue
		}
		if st, ok := p.Snapshot.Stat(f); ok && st.Size > dupMaxFileSize {
			continue
		}
		r := source.Get(p.Snapshot, f)
		if r == nil || len(r.Hashes()) < minLines {
			continue
		}
		ls := r.Hashes()
		fi := len(files)
		files = append(files, dupFile{path: f, unit: owner[f], ids: ls, rec: r})
		var h uint64
		for i, id := range ls {
			h = h*base + uint64(id) + 1
			if i >= minLines {
				h -= (uint64(ls[i-minLines]) + 1) * pw[minLines]
			}
			if i < minLines-1 {
				continue
			}
			start := i - minLines + 1
			windows++
			site, ok := first[h]
			if !ok {
				first[h] = windowSite{file: int32(fi), idx: int32(start)}
				continue
			}
			other := &files[site.file]
			if other.unit == owner[f] || eco[other.unit] != eco[owner[f]] || !shareSystem(systems[other.unit], systems[owner[f]]) {
				continue
			}
			key := [2]int{int(site.file), fi}
			pair := pairs[key]
			if pair != nil && pair.covers(int(site.idx), start) {
				continue
			}
			s0, t0 := int(site.idx), start
			if !slices.Equal(other.ids[s0:s0+minLines], ls[t0:t0+minLines]) {
				continue // a hash collision
			}
			// Grow the match both ways into a maximal run.
			for s0 > 0 && t0 > 0 && other.ids[s0-1] == ls[t0-1] {
				s0, t0 = s0-1, t0-1
			}
			s1, t1 := int(site.idx)+minLines, start+minLines
			for s1 < len(other.ids) && t1 < len(ls) && other.ids[s1] == ls[t1] {
				s1, t1 = s1+1, t1+1
			}
			if pair == nil {
				pair = &dupPair{a: int(site.file), b: fi}
				pairs[key] = pair
			}
			pair.ranges = append(pair.ranges, dupRange{s0, s1, t0, t1})
		}
	}
	if skipped > 0 {
		p.Notef("", "compared the first %d windows of %d lines and stopped; %s not compared", dupMaxWindows, minLines, plural(skipped, "source file was", "source files were"))
	}
	reportDuplicates(p, files, pairs, what)
}

// covers reports whether the window at a (in pair.a) or b (in pair.b)
// starts inside a run already found: runs of one pair never overlap, so
// a file with repeated blocks is not counted twice.
func (d *dupPair) covers(a, b int) bool {
	for _, r := range d.ranges {
		if a >= r.a0 && a < r.a1 || b >= r.b0 && b < r.b1 {
			return true
		}
	}
	return false
}

// copied is the number of normalised lines the pair shares.
func (d *dupPair) copied() int {
	n := 0
	for _, r := range d.ranges {
		n += r.a1 - r.a0
	}
	return n
}

// longest is the pair's longest run.
func (d *dupPair) longest() dupRange {
	best := d.ranges[0]
	for _, r := range d.ranges[1:] {
		if r.a1-r.a0 > best.a1-best.a0 {
			best = r
		}
	}
	return best
}

// reportDuplicates reports the pairs, the largest copies first, at most
// max-per-pair for one pair of units and max-findings in all.
func reportDuplicates(p *Pass, files []dupFile, pairs map[[2]int]*dupPair, what string) {
	var list []*dupPair
	for _, d := range pairs {
		list = append(list, d)
	}
	sort.Slice(list, func(i, j int) bool {
		ci, cj := list[i].copied(), list[j].copied()
		if ci != cj {
			return ci > cj
		}
		if files[list[i].a].path != files[list[j].a].path {
			return files[list[i].a].path < files[list[j].a].path
		}
		return files[list[i].b].path < files[list[j].b].path
	})
	unitPair := func(d *dupPair) [2]string {
		a, b := files[d.a].unit, files[d.b].unit
		if b < a {
			a, b = b, a
		}
		return [2]string{a, b}
	}
	perPair, maxFindings := p.Int("max-per-pair"), p.Int("max-findings")
	total := map[[2]string]int{}
	for _, d := range list {
		total[unitPair(d)]++
	}
	shown := map[[2]string]int{}
	var out []*dupPair
	for _, d := range list {
		up := unitPair(d)
		if shown[up] >= perPair {
			continue
		}
		shown[up]++
		out = append(out, d)
	}
	capped := false
	if maxFindings > 0 && len(out) > maxFindings {
		capped = true
		out = out[:maxFindings]
	}
	for i, d := range out {
		a, b := files[d.a], files[d.b]
		r := d.longest()
		al, bl := a.rec.Lines(), b.rec.Lines()
		aStart, aEnd := int(al[r.a0]), int(al[r.a1-1])
		bStart, bEnd := int(bl[r.b0]), int(bl[r.b1-1])
		runs := ""
		if len(d.ranges) > 1 {
			runs = fmt.Sprintf(" (the longest of %d copied runs, %d lines in all)", len(d.ranges), d.copied())
		}
		msg := fmt.Sprintf("%s:%d-%d and %s:%d-%d hold the same %d lines of code (blank and comment lines aside)%s in two %s, %s and %s; a fix made in one copy will be missed in the other. Move the shared code into one package both depend on (a workspace member or an internal library) and import it from there",
			a.path, aStart, aEnd, b.path, bStart, bEnd, r.a1-r.a0, runs, what, unitName(&stack.Unit{Path: a.unit}), unitName(&stack.Unit{Path: b.unit}))
		up := unitPair(d)
		shown[up]--
		if shown[up] == 0 && total[up] > perPair {
			msg += fmt.Sprintf(". Not listed: %s copied between %s and %s (max-per-pair %d)",
				plural(total[up]-perPair, "more pair of files", "more pairs of files"), unitName(&stack.Unit{Path: up[0]}), unitName(&stack.Unit{Path: up[1]}), perPair)
		}
		if i == len(out)-1 && capped {
			msg += fmt.Sprintf(". The rule stopped at %d findings (max-findings): %s of files share code across %s, %d of them not listed",
				maxFindings, plural(len(list), "pair", "pairs"), what, len(list)-maxFindings)
		}
		p.Report(Finding{
			Location: Location{Path: a.path, Line: aStart, EndLine: aEnd},
			Key:      []string{a.path, b.path},
			Related:  []Location{{Path: b.path, Line: bStart, EndLine: bEnd, Message: fmt.Sprintf("the same %d lines in %s", r.a1-r.a0, unitName(&stack.Unit{Path: b.unit}))}},
			Message:  msg,
		})
	}
}

// duplicationUnits returns the units to compare and what to call them: the
// units services are built from, each once; or, when fewer than two units
// are built into services, the application units (a web framework imported
// or routes declared, not tooling), compared within an ecosystem.
func duplicationUnits(inv *stack.Inventory) ([]*stack.Unit, string) {
	var units []*stack.Unit
	seen := map[string]bool{}
	for _, s := range inv.Services {
		if s.Unit == "" || seen[s.Unit] {
			continue
		}
		if u := inv.Unit(s.Unit); u != nil {
			seen[s.Unit] = true
			units = append(units, u)
		}
	}
	what := "services"
	if len(units) < 2 {
		units, what = nil, "applications"
		for _, u := range inv.Units {
			if !u.ToolingOnly && isApplication(u) {
				units = append(units, u)
			}
		}
	}
	sort.Slice(units, func(i, j int) bool { return units[i].Path < units[j].Path })
	return units, what
}

// isApplication reports whether a unit is an application rather than a
// library: it declares routes or imports a web framework.
func isApplication(u *stack.Unit) bool {
	if len(u.Routes) > 0 {
		return true
	}
	for _, c := range u.Components {
		if c.Category == "web" && c.Imported {
			return true
		}
	}
	return false
}

// comparableSource reports whether a source file is hand-written code worth
// comparing: not a migration, generated code, a minified bundle, a type
// declaration file or vendored code.
func comparableSource(f string) bool {
	if lang, _ := syntax.LangOf(f); lang == syntax.Unknown {
		return false
	}
	// The folders are looked for in "/"+lower, without building it.
	lower := strings.ToLower(f)
	for _, dir := range []string{"/migrations/", "/vendor/", "/vendored/", "/third_party/", "/third-party/", "/generated/", "/__generated__/", "/gen/", "/static/"} {
		if strings.HasPrefix(lower, dir[1:]) || strings.Contains(lower, dir) {
			return false
		}
	}
	base := path.Base(lower)
	for _, s := range []string{".min.js", ".d.ts", ".generated.ts", ".generated.js", "_pb2.py", "_pb2_grpc.py", ".pb.ts", "_pb.js"} {
		if strings.HasSuffix(base, s) {
			return false
		}
	}
	return true
}

// serviceSystems says which system each service unit belongs to: the
// compose files that run it, or the whole repository for a unit no compose
// file runs. A repository of independent samples, each with its own
// compose file (awesome-compose), holds many systems whose boilerplate is
// alike by design.
func serviceSystems(inv *stack.Inventory) map[string]map[string]bool {
	out := map[string]map[string]bool{}
	for _, s := range inv.Services {
		if s.Unit == "" || s.Kind != "compose" {
			continue
		}
		if out[s.Unit] == nil {
			out[s.Unit] = map[string]bool{}
		}
		out[s.Unit][s.Evidence.Path] = true
	}
	for _, s := range inv.Services {
		if s.Unit != "" && out[s.Unit] == nil {
			out[s.Unit] = map[string]bool{"": true}
		}
	}
	return out
}

// shareSystem reports whether two units' systems meet; a unit no compose
// file (or no service at all) runs meets every other.
func shareSystem(a, b map[string]bool) bool {
	if len(a) == 0 || len(b) == 0 || a[""] || b[""] {
		return true
	}
	for k := range a {
		if b[k] {
			return true
		}
	}
	return false
}
