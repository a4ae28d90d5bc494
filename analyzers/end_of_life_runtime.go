package analyzers

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"slices"
	"sort"
	"strings"
	"time"

	"github.com/stackaudit/stackaudit/stack"
)

// EndOfLifeRuntime reports Node and Python versions past their end of life,
// from the versions units declare, base images and CI setups.
var EndOfLifeRuntime = register(&Analyzer{
	Code:     "SA605",
	Name:     "end-of-life-runtime",
	Category: Dependencies,
	Level:    Warning,
	Summary:  "A Node or Python runtime version past its end of life",
	Tags:     []string{"dependencies", "runtime", "security", "maintenance"},
	Options: []Option{
		{Name: "as-of", Default: "", Doc: "the date (YYYY-MM-DD) to judge end of life against; empty means today"},
	},
	Run: runEndOfLifeRuntime,
})

//go:embed data/eol.json
var eolJSON []byte

// ReleaseLine is one Node or Python release line of data/eol.json.
type ReleaseLine struct {
	// Cycle is the line: "16", "0.12", "3.9".
	Cycle string `json:"cycle"`
	// EOL is the date support ended or ends, YYYY-MM-DD.
	EOL string `json:"eol"`
	// LTS is the date a Node line entered long-term support, if it did.
	LTS string `json:"lts,omitempty"`
	// Released is the date a Python line was released, where needed.
	Released string `json:"released,omitempty"`

	span interval
}

// ReleaseLines returns the release lines by runtime (node, python), oldest
// first.
func ReleaseLines() map[string][]ReleaseLine {
	var doc struct {
		Node   []ReleaseLine `json:"node"`
		Python []ReleaseLine `json:"python"`
	}
	if err := json.Unmarshal(eolJSON, &doc); err != nil {
		panic("analyzers/data/eol.json: " + err.Error())
	}
	out := map[string][]ReleaseLine{stack.Node: doc.Node, stack.Python: doc.Python}
	for name, lines := range out {
		for i := range lines {
			v, n, ok := parsePartial(lines[i].Cycle)
			if !ok || n == 0 {
				panic("analyzers/data/eol.json: bad cycle " + lines[i].Cycle)
			}
			lines[i].span = prefix(v, n)
		}
		sort.SliceStable(lines, func(i, j int) bool { return lines[i].span.lo.v.cmp(lines[j].span.lo.v) < 0 })
		out[name] = lines
	}
	return out
}

var releaseLines = ReleaseLines()

// nodeCodenames maps the LTS codenames .nvmrc accepts (lts/hydrogen) to majors.
var nodeCodenames = map[string]string{
	"argon": "4", "boron": "6", "carbon": "8", "dubnium": "10", "erbium": "12",
	"fermium": "14", "gallium": "16", "hydrogen": "18", "iron": "20", "jod": "22", "krypton": "24",
}

// eolVerdict says what a constraint allows: the highest release line it
// admits, and whether every line it admits is past end of life on asOf.
type eolVerdict struct {
	// lowest and last are the oldest and newest lines admitted; highest
	// the admitted line supported longest.
	lowest, last, highest ReleaseLine
	eol                   bool
}

// judgeRuntime evaluates a constraint of runtime name (node, python) on
// the date asOf (YYYY-MM-DD). ok is false when the constraint cannot be
// read or admits no known line.
func judgeRuntime(name, constraint, asOf string) (eolVerdict, bool) {
	lines := releaseLines[name]
	if len(lines) == 0 {
		return eolVerdict{}, false
	}
	r, ok := parseRange(normalizeRuntimeConstraint(name, constraint))
	if !ok {
		return eolVerdict{}, false
	}
	// A line newer than every listed one is taken as supported.
	last := lines[len(lines)-1].span
	if r.admits(interval{lo: last.hi}) {
		return eolVerdict{}, false
	}
	var v eolVerdict
	found := false
	for _, l := range lines {
		if !r.admits(l.span) {
			continue
		}
		if !found {
			v.lowest = l
		}
		v.last = l
		// The line supported longest: Node's odd lines end before the
		// even line below them (>=20 <22 is judged by 20, not 21).
		if !found || l.EOL > v.highest.EOL {
			v.highest = l
		}
		found = true
	}
	if !found {
		return eolVerdict{}, false
	}
	v.eol = v.highest.EOL <= asOf
	return v, true
}

// suggestedLine is the line to move to: for Node the newest line in
// long-term support, for Python the newest line out for a year, that is
// supported on asOf.
func suggestedLine(name, asOf string) (ReleaseLine, bool) {
	lines := releaseLines[name]
	yearAgo := asOf
	if t, err := time.Parse("2006-01-02", asOf); err == nil {
		yearAgo = t.AddDate(-1, 0, 0).Format("2006-01-02")
	}
	for i := len(lines) - 1; i >= 0; i-- {
		l := lines[i]
		if l.EOL <= asOf {
			continue
		}
		if name == stack.Node && l.LTS != "" && l.LTS <= asOf {
			return l, true
		}
		if name == stack.Python && l.Released != "" && l.Released <= yearAgo {
			return l, true
		}
	}
	return ReleaseLine{}, false
}

// normalizeRuntimeConstraint turns .nvmrc's LTS codenames into majors
// (lts/gallium → 16) and drops a node/nodejs prefix; lts/* and other
// aliases become "", which parses as nothing.
func normalizeRuntimeConstraint(name, constraint string) string {
	c := strings.TrimSpace(constraint)
	if name != stack.Node {
		return c
	}
	if code, ok := strings.CutPrefix(strings.ToLower(c), "lts/"); ok {
		return nodeCodenames[code] // lts/*, lts/-1: the newest LTS
	}
	return strings.TrimPrefix(strings.TrimPrefix(c, "nodejs"), "node")
}

// runtimeSite is one place a runtime version is declared.
type runtimeSite struct {
	rt   stack.Runtime
	what string // "", "service api", "CI job test"
	ci   bool
}

func runEndOfLifeRuntime(p *Pass) {
	asOf := strings.TrimSpace(p.option("as-of").(string))
	if _, err := time.Parse("2006-01-02", asOf); err != nil {
		asOf = time.Now().UTC().Format("2006-01-02")
	}
	var sites []runtimeSite
	for _, u := range p.Inventory.Units {
		if u.Runtime != nil {
			sites = append(sites, runtimeSite{rt: *u.Runtime})
		}
	}
	for _, s := range p.Inventory.Services {
		if s.Runtime != nil {
			sites = append(sites, runtimeSite{rt: *s.Runtime, what: "service " + s.Name})
		}
	}
	for _, j := range p.Inventory.CI {
		for _, rt := range j.Runtimes {
			sites = append(sites, runtimeSite{rt: rt, what: "CI job " + j.Name, ci: true})
		}
	}
	// One finding per place: a CI matrix line lists several versions.
	type place struct {
		path, name string
		line       int // 0 for a CI file's runtimes, reported together
	}
	type hit struct {
		site runtimeSite
		v    eolVerdict
	}
	byPlace := map[place][]hit{}
	var order []place
	seen := map[string]bool{}
	for _, s := range sites {
		name := runtimeName(s.rt.Name)
		if name == "" || s.rt.Evidence.Path == "" {
			continue
		}
		k := s.rt.Evidence.Path + "\x00" + fmt.Sprint(s.rt.Evidence.Line) + "\x00" + name + "\x00" + s.rt.Constraint + "\x00" + s.what
		if seen[k] {
			continue
		}
		seen[k] = true
		v, ok := judgeRuntime(name, s.rt.Constraint, asOf)
		if !ok || !v.eol {
			continue
		}
		pl := place{s.rt.Evidence.Path, name, s.rt.Evidence.Line}
		if s.ci {
			pl.line = 0
		}
		if _, ok := byPlace[pl]; !ok {
			order = append(order, pl)
		}
		byPlace[pl] = append(byPlace[pl], hit{s, v})
	}
	for _, pl := range order {
		hits := byPlace[pl]
		sort.SliceStable(hits, func(i, j int) bool { return hits[i].site.rt.Evidence.Line < hits[j].site.rt.Evidence.Line })
		label := map[string]string{stack.Node: "Node", stack.Python: "Python"}[pl.name]
		// One part per distinct declaration, with the jobs or services
		// that share it.
		type part struct {
			h     hit
			whats []string
		}
		var parts []*part
		byText := map[string]*part{}
		var constraints []string
		var related []Location
		for i, h := range hits {
			if i > 0 && h.site.rt.Evidence.Line != hits[0].site.rt.Evidence.Line {
				related = append(related, Location{Path: pl.path, Line: h.site.rt.Evidence.Line, Message: seenAs(h.site.rt) + " (" + h.site.what + ")"})
			}
			t := seenAs(h.site.rt)
			if byText[t] == nil {
				byText[t] = &part{h: h}
				parts = append(parts, byText[t])
				constraints = append(constraints, h.site.rt.Constraint)
			}
			if w := h.site.what; w != "" && !slices.Contains(byText[t].whats, w) {
				byText[t].whats = append(byText[t].whats, w)
			}
		}
		// When every declaration has the same jobs or services, name them once.
		shared := len(parts) > 1
		for _, pt := range parts[1:] {
			if !slices.Equal(pt.whats, parts[0].whats) {
				shared = false
			}
		}
		var texts []string
		for _, pt := range parts {
			v := pt.h.v
			t := fmt.Sprintf("%s runs %s %s, which reached end of life on %s", seenAs(pt.h.site.rt), label, v.highest.Cycle, v.highest.EOL)
			if v.lowest.Cycle != v.last.Cycle {
				t = fmt.Sprintf("%s allows only %s %s to %s, all past end of life (the last support, for %s %s, ended on %s)",
					seenAs(pt.h.site.rt), label, v.lowest.Cycle, v.last.Cycle, label, v.highest.Cycle, v.highest.EOL)
			}
			if len(pt.whats) > 0 && !shared {
				t += " (" + whatList(pt.whats) + ")"
			}
			texts = append(texts, t)
		}
		joined := strings.Join(texts, "; ")
		if shared && len(parts[0].whats) > 0 {
			joined = "in " + whatList(parts[0].whats) + ", " + joined
		}
		advice := "move to a supported version"
		if l, ok := suggestedLine(pl.name, asOf); ok {
			lts := ""
			if l.LTS != "" {
				lts = "LTS, "
			}
			advice = fmt.Sprintf("move to %s %s (%ssupported until %s)", label, l.Cycle, lts, l.EOL)
		}
		it := "it gets no security fixes and libraries are dropping it"
		if len(parts) > 1 {
			it = "they get no security fixes and libraries are dropping them"
		}
		p.Report(Finding{
			Location: Location{Path: pl.path, Line: hits[0].site.rt.Evidence.Line},
			Key:      append([]string{pl.name}, constraints...),
			Message:  fmt.Sprintf("%s: %s; %s; %s", pl.path, joined, it, advice),
			Related:  related,
		})
	}
}

// whatList names up to three jobs or services: "CI job a", "CI jobs a, b
// and 3 more".
func whatList(whats []string) string {
	if len(whats) == 1 {
		return whats[0]
	}
	prefix := ""
	names := make([]string, len(whats))
	for i, w := range whats {
		names[i] = w
		for _, pre := range []string{"CI job ", "service "} {
			if strings.HasPrefix(w, pre) && strings.HasPrefix(whats[0], pre) {
				prefix = strings.TrimSuffix(pre, " ") + "s "
				names[i] = strings.TrimPrefix(w, pre)
			}
		}
	}
	if len(names) > 3 {
		return fmt.Sprintf("%s%s and %d more", prefix, strings.Join(names[:3], ", "), len(names)-3)
	}
	return prefix + strings.Join(names[:len(names)-1], ", ") + " and " + names[len(names)-1]
}

// runtimeName maps a runtime's name to node or python; "" for others.
func runtimeName(n string) string {
	switch strings.ToLower(n) {
	case "node", "nodejs":
		return stack.Node
	case "python", "cpython":
		return stack.Python
	}
	return ""
}

// seenAs quotes what was declared: the evidence detail, or the constraint.
func seenAs(rt stack.Runtime) string {
	if rt.Evidence.Detail != "" {
		return rt.Evidence.Detail
	}
	return fmt.Sprintf("%q", rt.Constraint)
}
