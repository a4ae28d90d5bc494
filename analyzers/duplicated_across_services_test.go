package analyzers

import (
	"context"
	"fmt"
	"sort"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stackaudit/stackaudit/config"
	"github.com/stackaudit/stackaudit/repo"
	"github.com/stackaudit/stackaudit/stack"
)

func TestComparableSource(t *testing.T) {
	for f, want := range map[string]bool{
		"api/app/auth.py":                  true,
		"web/src/rates.ts":                 true,
		"api/shop/migrations/0001_init.py": false,
		"api/gen/client.ts":                false,
		"api/proto/user_pb2.py":            false,
		"web/types/global.d.ts":            false,
		"web/public/vendor/jquery.js":      false,
		"web/assets/app.min.js":            false,
		"api/README.md":                    false,
	} {
		if got := comparableSource(f); got != want {
			t.Errorf("comparableSource(%q) = %v, want %v", f, got, want)
		}
	}
}

// dupOutcome runs SA404 over files with one service unit per top folder.
func dupOutcome(t *testing.T, fsys fstest.MapFS, units ...string) ([]Finding, []Notice) {
	t.Helper()
	ctx := context.Background()
	snap, err := repo.FromFS(ctx, fsys, repo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	inv := &stack.Inventory{}
	for _, u := range units {
		unit := &stack.Unit{Path: u, Ecosystem: stack.Python}
		for f := range fsys {
			if strings.HasPrefix(f, u+"/") {
				unit.SourceFiles = append(unit.SourceFiles, f)
			}
		}
		sort.Strings(unit.SourceFiles)
		inv.Units = append(inv.Units, unit)
		inv.Services = append(inv.Services, stack.Service{Name: u, Kind: "dockerfile", Unit: u})
	}
	p := &Pass{Analyzer: DuplicatedAcrossServices, Snapshot: snap, Inventory: inv, Config: config.Default(), Context: ctx}
	p.Analyzer.Run(p)
	return p.findings, p.notes
}

// block is n distinct lines of Python, numbered from k.
func block(k, n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		fmt.Fprintf(&b, "v%d = f(%d)\n", k+i, k+i)
	}
	return b.String()
}

func TestDuplicatedCaps(t *testing.T) {
	fsys := fstest.MapFS{}
	for i := 0; i < 60; i++ {
		src := block(i*100, 40)
		for _, u := range []string{"a", "b", "c"} {
			fsys[fmt.Sprintf("%s/m%02d.py", u, i)] = &fstest.MapFile{Data: []byte(src)}
		}
	}
	findings, notes := dupOutcome(t, fsys, "a", "b", "c")
	// 120 pairs of files (a–b and a–c; b–c copies meet a's first), 10 a pair
	// of services, 20 reported.
	if len(findings) != 20 || len(notes) != 0 {
		t.Fatalf("got %d findings and %d notes, want 20 and 0", len(findings), len(notes))
	}
	last := findings[len(findings)-1].Message
	if !strings.Contains(last, "Not listed: 50 more pairs of files copied between") {
		t.Errorf("last finding does not name the pairs left out: %s", last)
	}

	saved := dupMaxWindows
	dupMaxWindows = 100
	defer func() { dupMaxWindows = saved }()
	_, notes = dupOutcome(t, fsys, "a", "b", "c")
	if len(notes) != 1 || !strings.Contains(notes[0].Message, "source files were not compared") {
		t.Errorf("notes = %v, want one saying files were not compared", notes)
	}
}

func TestDuplicatedRuns(t *testing.T) {
	shared1, shared2 := block(0, 35), block(1000, 32)
	fsys := fstest.MapFS{
		"a/x.py": {Data: []byte(shared1 + block(500, 3) + shared2)},
		"b/x.py": {Data: []byte("import os\n" + shared1 + block(700, 5) + shared2 + shared1)},
	}
	findings, _ := dupOutcome(t, fsys, "a", "b")
	if len(findings) != 1 {
		t.Fatalf("got %d findings, want 1", len(findings))
	}
	f := findings[0]
	if f.Location.Line != 1 || f.Location.EndLine != 35 || f.Related[0].Line != 2 || f.Related[0].EndLine != 36 {
		t.Errorf("locations %+v %+v, want a/x.py:1-35 and b/x.py:2-36", f.Location, f.Related[0])
	}
	if !strings.Contains(f.Message, "the longest of 2 copied runs, 67 lines in all") {
		t.Errorf("message does not count both runs: %s", f.Message)
	}
}
