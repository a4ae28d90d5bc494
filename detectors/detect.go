// Package detectors reads a Snapshot and builds the stack.Inventory. Each
// artifact family (node, python, docker, compose, ci, ...) lives in its own
// file and registers itself with the files it reads; the snapshot's index is
// matched once and each file goes only to the families that asked for it.
package detectors

import (
	"context"
	"sort"

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
}

var families []family

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
	for _, f := range snap.Files() {
		for i := range fams {
			if pats[i].Match(f.Path) {
				matched[i] = append(matched[i], f)
			}
		}
	}
	for i, fam := range fams {
		if ctx.Err() != nil {
			break
		}
		fam.run(d, matched[i])
	}
	gitFacts(ctx, snap, inv)
	normalize(inv)
	inv.Sort()
	return inv
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
