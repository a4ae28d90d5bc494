package analyzers

import (
	"bytes"
	"fmt"
	"hash/fnv"
	"path"
	"sort"
	"strings"

	"github.com/stackaudit/stackaudit/stack"
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
	},
	Run: runDuplicatedAcrossServices,
})

// codeLine is a normalised source line and where it is.
type codeLine struct {
	text string
	line int
}

// windowSite is where a run of min-lines normalised lines starts.
type windowSite struct {
	unit string
	file string
	idx  int // index into the file's normalised lines
}

// dupPair is the longest copy found between two files.
type dupPair struct {
	a, b         string // files, a in the unit sorted first
	aStart, aEnd int
	bStart, bEnd int
	lines        int
	unitA, unitB string
}

func runDuplicatedAcrossServices(p *Pass) {
	minLines := p.Int("min-lines")
	if minLines < 5 {
		minLines = 5
	}
	// The units services are built from, each once.
	var units []*stack.Unit
	seen := map[string]bool{}
	for _, s := range p.Inventory.Services {
		if s.Unit == "" || seen[s.Unit] {
			continue
		}
		if u := p.Inventory.Unit(s.Unit); u != nil {
			seen[s.Unit] = true
			units = append(units, u)
		}
	}
	if len(units) < 2 {
		return
	}
	sort.Slice(units, func(i, j int) bool { return units[i].Path < units[j].Path })
	systems := serviceSystems(p.Inventory)
	owner := map[string]string{}
	for _, u := range units {
		for _, f := range u.SourceFiles {
			// A file belongs to the deepest service unit holding it.
			if o, ok := owner[f]; !ok || len(u.Path) > len(o) {
				owner[f] = u.Path
			}
		}
	}
	lines := map[string][]codeLine{}
	first := map[uint64]windowSite{}
	pairs := map[[2]string]*dupPair{}
	var files []string
	for f := range owner {
		files = append(files, f)
	}
	sort.Strings(files)
	for _, f := range files {
		b, err := p.Snapshot.ReadFile(f)
		if err != nil {
			continue
		}
		ls := normalisedLines(f, b)
		lines[f] = ls
		for i := 0; i+minLines <= len(ls); i++ {
			h := windowHash(ls[i : i+minLines])
			site, ok := first[h]
			if !ok {
				first[h] = windowSite{unit: owner[f], file: f, idx: i}
				continue
			}
			if site.unit == owner[f] || !shareSystem(systems[site.unit], systems[owner[f]]) {
				continue
			}
			key := [2]string{site.file, f}
			if pairs[key] != nil {
				continue
			}
			// Grow the match both ways from this window.
			other := lines[site.file]
			if !sameLines(other[site.idx:site.idx+minLines], ls[i:i+minLines]) {
				continue // a hash collision
			}
			s0, t0 := site.idx, i
			for s0 > 0 && t0 > 0 && other[s0-1].text == ls[t0-1].text {
				s0, t0 = s0-1, t0-1
			}
			s1, t1 := site.idx+minLines, i+minLines
			for s1 < len(other) && t1 < len(ls) && other[s1].text == ls[t1].text {
				s1, t1 = s1+1, t1+1
			}
			pairs[key] = &dupPair{a: site.file, b: f, unitA: site.unit, unitB: owner[f],
				aStart: other[s0].line, aEnd: other[s1-1].line, bStart: ls[t0].line, bEnd: ls[t1-1].line, lines: s1 - s0}
		}
	}
	var keys [][2]string
	for k := range pairs {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if keys[i][0] != keys[j][0] {
			return keys[i][0] < keys[j][0]
		}
		return keys[i][1] < keys[j][1]
	})
	for _, k := range keys {
		d := pairs[k]
		p.Report(Finding{
			Location: Location{Path: d.a, Line: d.aStart, EndLine: d.aEnd},
			Key:      []string{d.a, d.b},
			Related:  []Location{{Path: d.b, Line: d.bStart, EndLine: d.bEnd, Message: fmt.Sprintf("the same %d lines in service unit %s", d.lines, d.unitB)}},
			Message: fmt.Sprintf("%s:%d-%d and %s:%d-%d hold the same %d lines of code (blank and comment lines aside) in two services, %s and %s; a fix made in one copy will be missed in the other. Move the shared code into one package both services depend on (a workspace member or an internal library) and import it from there",
				d.a, d.aStart, d.aEnd, d.b, d.bStart, d.bEnd, d.lines, unitName(&stack.Unit{Path: d.unitA}), unitName(&stack.Unit{Path: d.unitB})),
		})
	}
}

// normalisedLines returns the file's lines with surrounding space removed,
// leaving out blank lines and lines that hold only a comment.
func normalisedLines(file string, b []byte) []codeLine {
	hash := false
	switch path.Ext(file) {
	case ".py", ".pyi":
		hash = true
	}
	var out []codeLine
	for i, raw := range bytes.Split(b, []byte("\n")) {
		t := strings.TrimSpace(string(raw))
		switch {
		case t == "",
			hash && strings.HasPrefix(t, "#"),
			!hash && (strings.HasPrefix(t, "//") || strings.HasPrefix(t, "/*") || strings.HasPrefix(t, "*")):
			continue
		}
		out = append(out, codeLine{text: t, line: i + 1})
	}
	return out
}

func windowHash(ls []codeLine) uint64 {
	h := fnv.New64a()
	for _, l := range ls {
		h.Write([]byte(l.text))
		h.Write([]byte{'\n'})
	}
	return h.Sum64()
}

func sameLines(a, b []codeLine) bool {
	for i := range a {
		if a[i].text != b[i].text {
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
// file runs meets every other.
func shareSystem(a, b map[string]bool) bool {
	if a[""] || b[""] {
		return true
	}
	for k := range a {
		if b[k] {
			return true
		}
	}
	return false
}
