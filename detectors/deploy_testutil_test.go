package detectors

import (
	"context"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stackaudit/stackaudit/repo"
	"github.com/stackaudit/stackaudit/stack"
)

// runFamiliesOn runs only the named families over an in-memory repository
// whose units are given up front as "path:ecosystem" (so these tests do not
// depend on the node and python families). Problems come back as lines.
func runFamiliesOn(t testing.TB, files map[string]string, units []string, names ...string) (*stack.Inventory, []string) {
	t.Helper()
	return runFamiliesWith(t, files, func(d *Detection) {
		for _, u := range units {
			p, eco, _ := strings.Cut(u, ":")
			d.Unit(p, eco)
		}
	}, names...)
}

// runFamiliesWith is runFamiliesOn with a setup function that fills the
// inventory (units, their scripts) before the families run.
func runFamiliesWith(t testing.TB, files map[string]string, setup func(d *Detection), names ...string) (*stack.Inventory, []string) {
	t.Helper()
	fsys := fstest.MapFS{}
	for p, s := range files {
		fsys[p] = &fstest.MapFile{Data: []byte(s)}
	}
	snap, err := repo.FromFS(context.Background(), fsys, repo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	inv := &stack.Inventory{}
	d := &Detection{Ctx: context.Background(), Snap: snap, Inventory: inv}
	setup(d)
	fams := append([]family(nil), families...)
	sort.SliceStable(fams, func(i, j int) bool { return fams[i].order < fams[j].order })
	for _, fam := range fams {
		want := false
		for _, n := range names {
			want = want || n == fam.name
		}
		if !want {
			continue
		}
		var matched []repo.File
		for _, f := range snap.Files() {
			if matchesAny(fam.patterns, f.Path) {
				matched = append(matched, f)
			}
		}
		fam.run(d, matched)
	}
	inv.Sort()
	var probs []string
	for _, p := range snap.Problems() {
		probs = append(probs, p.String())
	}
	return inv, probs
}
