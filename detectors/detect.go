// Package detectors reads a Snapshot and builds the stack.Inventory. Each
// artifact family (node, python, docker, compose, ci, ...) lives in its own
// file and registers itself with the files it reads; the snapshot's index is
// matched once and each file goes only to the families that asked for it.
package detectors

import (
	"context"
	"math/bits"
	"path"
	"sort"
	"sync"
	"time"

	"github.com/stackaudit/stackaudit/internal/source"
	"github.com/stackaudit/stackaudit/repo"
	"github.com/stackaudit/stackaudit/stack"
)

// family is one detector: the files it reads and what it does with them.
type family struct {
	// name identifies the family in tests and problems.
	name string
	// order runs families with lower values first: unit-defining families
	// (node, python) before those that attach facts to units (tools, docker, ci).
	order int
	// patterns select the files handed to run (repo.MatchPath syntax).
	patterns []string
	// run receives the matched files, sorted by path.
	run func(d *Detection, files []repo.File)
	// perUnit families read source files; they run one unit at a time
	// (each receiving the unit's files), after every other family, and
	// the unit's parsed files are compacted before the next unit (see
	// package source), so memory follows the largest unit, not the tree.
	perUnit bool
}

var families []family

// timings, when set, is told how long each family took (the per-unit
// families summed over the units, the reading and parsing of sources
// counted as "sources"): the benchmarks report it.
var timings func(family string, d time.Duration)

// timed runs fn and reports its duration under name when timings is set.
func timed(name string, fn func()) {
	if timings == nil {
		fn()
		return
	}
	start := time.Now()
	fn()
	timings(name, time.Since(start))
}

// register adds a family; called from package-level variable initialisers.
func register(f family) bool {
	families = append(families, f)
	return true
}

// Detection is the state shared by the families during one Detect call.
type Detection struct {
	Ctx       context.Context
	Snap      *repo.Snapshot
	Inventory *stack.Inventory

	cacheMu sync.Mutex
	cache   map[string]any

	// jsFiles are the units' JavaScript source files and jsOwners their
	// units, for countCheckedJS.
	jsFiles  []repo.File
	jsOwners []*stack.Unit

	// jsCross are the relative imports the JS route detector found
	// leaving the unit it read, as pairs of units (nil for a file in no
	// Node unit); rerunJSRoutes reads the units they join together.
	jsCross [][2]*stack.Unit
}

// once returns the value computed for key, computing it once a detection:
// facts about all units that the per-unit families ask for every unit.
func (d *Detection) once(key string, compute func() any) any {
	d.cacheMu.Lock()
	defer d.cacheMu.Unlock()
	if v, ok := d.cache[key]; ok {
		return v
	}
	if d.cache == nil {
		d.cache = map[string]any{}
	}
	v := compute()
	d.cache[key] = v
	return v
}

// Problemf records a file that could not be read or parsed.
func (d *Detection) Problemf(path, format string, args ...any) {
	d.Snap.Problemf(path, format, args...)
}

// Detect builds the inventory of a snapshot.
func Detect(ctx context.Context, snap *repo.Snapshot) *stack.Inventory {
	inv := &stack.Inventory{
		Units:          []*stack.Unit{},
		Services:       []stack.Service{},
		Infrastructure: []stack.Infrastructure{},
		CI:             []stack.CIJob{},
	}
	d := &Detection{Ctx: ctx, Snap: snap, Inventory: inv}

	fams := append([]family(nil), families...)
	sort.SliceStable(fams, func(i, j int) bool {
		if fams[i].order != fams[j].order {
			return fams[i].order < fams[j].order
		}
		return fams[i].name < fams[j].name
	})
	matched := make([][]repo.File, len(fams))
	pats := make([]*repo.Patterns, len(fams))
	for i, fam := range fams {
		pats[i] = repo.CompilePatterns(fam.patterns...)
	}
	// The families each file matches, as bits, so that each family's list
	// is made once at its size.
	files := snap.Files()
	words := (len(fams) + 63) / 64
	hits := make([]uint64, len(files)*words)
	counts := make([]int, len(fams))
	for j, f := range files {
		row := hits[j*words : (j+1)*words]
		for i := range fams {
			if pats[i].Match(f.Path) {
				row[i/64] |= 1 << (i % 64)
				counts[i]++
			}
		}
	}
	for i, n := range counts {
		if n > 0 {
			matched[i] = make([]repo.File, 0, n)
		}
	}
	for j, f := range files {
		for k, w := range hits[j*words : (j+1)*words] {
			for w != 0 {
				i := k*64 + bits.TrailingZeros64(w)
				w &= w - 1
				matched[i] = append(matched[i], f)
			}
		}
	}
	var perUnit []int
	for i, fam := range fams {
		if ctx.Err() != nil {
			break
		}
		if fam.perUnit {
			perUnit = append(perUnit, i)
			continue
		}
		if len(perUnit) > 0 {
			panic("detectors: family " + fam.name + " runs after the per-unit families")
		}
		timed(fam.name, func() { fam.run(d, matched[i]) })
	}
	if ctx.Err() == nil {
		runPerUnit(d, fams, matched, perUnit)
	}
	gitFacts(ctx, snap, inv)
	normalize(inv)
	inv.Sort()
	return inv
}

// runPerUnit runs the per-unit families unit by unit, in the inventory's
// order, each on the unit's share of its files: a .py file belongs to its
// nearest Python unit, a GraphQL schema to its nearest unit, any other
// file to its nearest Node unit (as the families themselves assign them).
// After each unit its source records are compacted; at the end the rest
// are sealed.
func runPerUnit(d *Detection, fams []family, matched [][]repo.File, idx []int) {
	defer source.Seal(d.Snap)
	defer countCheckedJS(d)
	at := map[*stack.Unit]int{}
	for i, u := range d.Inventory.Units {
		at[u] = i
	}
	// byUnit[unit index][family] lists the unit's files for the family.
	// Each list is made once at its size: the files' units are found
	// first (owner, -1 for none) and counted.
	byUnit := make([][][]repo.File, len(d.Inventory.Units))
	counts := make([]int, len(d.Inventory.Units))
	var owner []int
	for k, i := range idx {
		owner = owner[:0]
		for _, f := range matched[i] {
			n := -1
			if u := d.sourceUnit(f.Path); u != nil {
				n = at[u]
				counts[n]++
			}
			owner = append(owner, n)
		}
		for n, c := range counts {
			if c == 0 {
				continue
			}
			if byUnit[n] == nil {
				byUnit[n] = make([][]repo.File, len(idx))
			}
			byUnit[n][k] = make([]repo.File, 0, c)
			counts[n] = 0
		}
		for j, f := range matched[i] {
			if n := owner[j]; n >= 0 {
				byUnit[n][k] = append(byUnit[n][k], f)
			}
		}
	}
	imports, routesJS := -1, -1
	for k, i := range idx {
		switch fams[i].name {
		case "imports":
			imports = k
		case "routes-js":
			routesJS = k
		}
	}
	// jsStart holds where each unit's routes from routes-js begin.
	jsStart := map[*stack.Unit]int{}
	var units []int
	for n := range byUnit {
		if byUnit[n] != nil {
			units = append(units, n)
		}
	}
	// The next unit's files are read and parsed while this one's routes
	// are worked out, so the cores are busy; at most two units' files are
	// whole at once.
	var ahead func()
	defer func() {
		if ahead != nil {
			ahead()
		}
	}()
	for j, n := range units {
		if ahead != nil {
			timed("sources", ahead)
			ahead = nil
		}
		if imports >= 0 && j+1 < len(units) {
			ahead = prefetch(d, byUnit[units[j+1]][imports])
		}
		size := 0
		for _, files := range byUnit[n] {
			size += len(files)
		}
		paths := make([]string, 0, size)
		for k, i := range idx {
			if d.Ctx.Err() != nil {
				return
			}
			if k == routesJS {
				u := d.Inventory.Units[n]
				jsStart[u] = len(u.Routes)
			}
			timed(fams[i].name, func() { fams[i].run(d, byUnit[n][k]) })
			for _, f := range byUnit[n][k] {
				paths = append(paths, f.Path)
			}
		}
		source.Compact(d.Snap, paths)
		byUnit[n] = nil
	}
	if routesJS >= 0 && len(d.jsCross) > 0 {
		timed(fams[idx[routesJS]].name, func() { rerunJSRoutes(d, matched[idx[routesJS]], jsStart) })
	}
}

// unitIndex returns the index of the units by folder, built once the units
// are known (the per-unit families add none).
func (d *Detection) unitIndex() unitIndex {
	return d.once("unitIndex", func() any { return newUnitIndex(d.Inventory) }).(unitIndex)
}

// sourceUnit returns the unit a per-unit family reads p for.
func (d *Detection) sourceUnit(p string) *stack.Unit {
	idx := d.unitIndex()
	switch path.Ext(p) {
	case ".py":
		return idx.nearest(p, stack.Python)
	case ".graphql", ".gql":
		return d.UnitFor(p, "")
	}
	return idx.nearest(p, stack.Node)
}

// normalize turns nil slices into empty ones so JSON shows [] rather than null.
func normalize(inv *stack.Inventory) {
	for _, u := range inv.Units {
		if u.Manifests == nil {
			u.Manifests = []string{}
		}
		if u.Lockfiles == nil {
			u.Lockfiles = []stack.Lockfile{}
		}
		if u.Components == nil {
			u.Components = []stack.Component{}
		}
		if u.Tools == nil {
			u.Tools = []stack.Tool{}
		}
		if u.Dependencies == nil {
			u.Dependencies = []stack.Dependency{}
		}
	}
}

// UnitFor returns the unit whose folder is the nearest ancestor of path
// (or the folder itself) in the given ecosystem; "" matches any ecosystem.
func (d *Detection) UnitFor(path, ecosystem string) *stack.Unit {
	var best *stack.Unit
	for _, u := range d.Inventory.Units {
		if ecosystem != "" && u.Ecosystem != ecosystem {
			continue
		}
		if !inFolder(path, u.Path) {
			continue
		}
		if best == nil || len(u.Path) > len(best.Path) {
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
	return p == dir || len(p) > len(dir) && p[:len(dir)] == dir && p[len(dir)] == '/'
}
