package repo

import (
	"context"
	"fmt"
	"path/filepath"
	"reflect"
	"testing"
	"testing/fstest"
	"time"

	"github.com/go-git/go-git/v5/plumbing/object"
)

// teamRepo writes six services (svc0 … svc5) and commits changes to them
// one a day, newest last: commit i is by authors[i] to svc(i%6), with the
// dates given in days ago.
func teamRepo(t *testing.T, today time.Time, authors []object.Signature) *worktreeRepo {
	t.Helper()
	w := newWorktreeRepo(t)
	for i, a := range authors {
		w.write(fmt.Sprintf("svc%d/app.py", i%6), fmt.Sprintf("# change %d\n", i))
		w.commit(fmt.Sprintf("change %d", i), a)
	}
	return w
}

func TestTeam(t *testing.T) {
	today := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	fakeNow(t, today)
	ago := func(d int) time.Time { return today.Add(-time.Duration(d) * day) }
	all := []string{"svc0", "svc1", "svc2", "svc3", "svc4", "svc5", ".", "missing"}

	t.Run("team of one, six services", func(t *testing.T) {
		var as []object.Signature
		for i := 0; i < 12; i++ {
			as = append(as, sig("Solo", "solo@example.com", ago(60-i)))
		}
		// A bot commit is no author's.
		as = append(as, sig("dependabot[bot]", "1+dependabot[bot]@users.noreply.github.com", ago(1)))
		w := teamRepo(t, today, as)
		s, err := Open(context.Background(), w.dir, Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		tm := s.Git.Team
		if tm == nil || tm.Commits != 12 || tm.BusFactor != 1 || len(tm.Authors) != 1 ||
			tm.Authors[0] != (AuthorCommits{Name: "Solo", Email: "solo@example.com", Commits: 12}) {
			t.Fatalf("Team = %+v", tm)
		}
		fa, err := s.AuthorsByFolder(context.Background(), all)
		if err != nil {
			t.Fatal(err)
		}
		if fa.Diffed != 12 || fa.Capped {
			t.Errorf("Diffed %d Capped %v, want 12, false", fa.Diffed, fa.Capped)
		}
		for i := 0; i < 6; i++ {
			got := fa.Folders[fmt.Sprintf("svc%d", i)]
			if len(got) != 1 || got[0].Email != "solo@example.com" || got[0].Commits != 2 {
				t.Errorf("svc%d: %+v, want solo with 2 commits", i, got)
			}
		}
		if got := fa.Folders["."]; len(got) != 1 || got[0].Commits != 12 {
			t.Errorf(".: %+v, want solo with 12 commits", got)
		}
		if _, ok := fa.Folders["missing"]; ok {
			t.Errorf("a folder nobody touched is listed: %+v", fa.Folders["missing"])
		}
	})

	t.Run("team of twenty, six services", func(t *testing.T) {
		var as []object.Signature
		// Lead makes 15 commits, the 19 others one each: 34 in all, so
		// the lead and two more make half.
		for i := 0; i < 15; i++ {
			as = append(as, sig("Lead", "lead@example.com", ago(100-i)))
		}
		for i := 1; i < 20; i++ {
			as = append(as, sig(fmt.Sprintf("Dev %02d", i), fmt.Sprintf("dev%02d@example.com", i), ago(40-i)))
		}
		// Older than the window: in the monthly counts, not in the team.
		as = append([]object.Signature{sig("Old", "old@example.com", ago(300))}, as...)
		w := teamRepo(t, today, as)
		s, err := Open(context.Background(), w.dir, Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		tm := s.Git.Team
		if tm.Commits != 34 || len(tm.Authors) != 20 || tm.BusFactor != 3 || s.Git.ActiveAuthors != 20 {
			t.Fatalf("Team: %d commits, %d authors, bus factor %d; want 34, 20, 3", tm.Commits, len(tm.Authors), tm.BusFactor)
		}
		if tm.Authors[0].Email != "lead@example.com" || tm.Authors[1].Email != "dev01@example.com" {
			t.Errorf("authors not most commits first, then by e-mail: %+v", tm.Authors[:2])
		}
		if len(tm.Monthly) != 12 || tm.Monthly[0].Month != "2025-12" || tm.Monthly[11].Month != "2026-11" {
			t.Fatalf("Monthly = %+v", tm.Monthly)
		}
		total := 0
		for _, m := range tm.Monthly {
			total += m.Commits
		}
		if total != 35 || tm.Monthly[1] != (MonthCommits{"2026-01", 1}) {
			t.Errorf("Monthly = %+v; want 35 commits, one in 2026-01 (300 days ago)", tm.Monthly)
		}
		fa, err := s.AuthorsByFolder(context.Background(), all)
		if err != nil {
			t.Fatal(err)
		}
		n := 0
		for i := 0; i < 6; i++ {
			n += len(fa.Folders[fmt.Sprintf("svc%d", i)])
		}
		// The lead touched all six; the 19 others one each.
		if n != 6+19 || len(fa.Folders["."]) != 20 {
			t.Errorf("per-folder authors: %d over the services, %d at the root; want 25, 20", n, len(fa.Folders["."]))
		}
	})

	t.Run("cap", func(t *testing.T) {
		old := diffCap
		diffCap = 3
		t.Cleanup(func() { diffCap = old })
		var as []object.Signature
		for i := 0; i < 6; i++ {
			as = append(as, sig("Solo", "solo@example.com", ago(10-i)))
		}
		w := teamRepo(t, today, as)
		s, err := Open(context.Background(), w.dir, Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		fa, err := s.AuthorsByFolder(context.Background(), all)
		if err != nil {
			t.Fatal(err)
		}
		// The three newest touched svc3, svc4 and svc5.
		if !fa.Capped || fa.Diffed != 3 || len(fa.Folders["svc0"]) != 0 || len(fa.Folders["svc5"]) != 1 {
			t.Errorf("capped: %+v", fa)
		}
	})

	t.Run("shallow clone", func(t *testing.T) {
		var as []object.Signature
		for i := 0; i < 6; i++ {
			as = append(as, sig(fmt.Sprintf("Dev %d", i), fmt.Sprintf("dev%d@example.com", i), ago(10-i)))
		}
		w := teamRepo(t, today, as)
		head, err := w.r.Head()
		if err != nil {
			t.Fatal(err)
		}
		// Cut history at HEAD: one commit, whose parent is not here.
		writeFile(t, filepath.Join(w.dir, ".git", "shallow"), head.Hash().String()+"\n")
		s, err := Open(context.Background(), w.dir, Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		if g := s.Git; !g.Shallow || g.Team.Commits != 1 || g.Team.BusFactor != 1 {
			t.Errorf("shallow: %+v team %+v", g, g.Team)
		}
		fa, err := s.AuthorsByFolder(context.Background(), all)
		if err != nil {
			t.Fatal(err)
		}
		if fa.Diffed != 1 || len(fa.Folders["svc5"]) != 1 || len(fa.Folders["svc4"]) != 0 {
			t.Errorf("shallow per-folder: %+v", fa)
		}
	})

	t.Run("no history", func(t *testing.T) {
		s, err := FromFS(context.Background(), fstest.MapFS{"svc0/app.py": {Data: []byte("x")}}, Options{})
		if err != nil {
			t.Fatal(err)
		}
		fa, err := s.AuthorsByFolder(context.Background(), all)
		if err != nil || s.Git != nil || len(fa.Folders) != 0 || fa.Diffed != 0 {
			t.Errorf("no history: %+v, %v", fa, err)
		}
	})

	t.Run("empty window", func(t *testing.T) {
		w := teamRepo(t, today, []object.Signature{sig("Gone", "gone@example.com", ago(400))})
		s, err := Open(context.Background(), w.dir, Options{})
		if err != nil {
			t.Fatal(err)
		}
		defer s.Close()
		want := &Team{Authors: []AuthorCommits{}, Monthly: s.Git.Team.Monthly}
		if !reflect.DeepEqual(s.Git.Team, want) || s.Git.ActiveAuthors != 0 {
			t.Errorf("empty window: %+v", s.Git.Team)
		}
	})
}

func TestTeamSubfolder(t *testing.T) {
	today := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	fakeNow(t, today)
	w := teamRepo(t, today, []object.Signature{
		sig("A", "a@example.com", today.Add(-2*day)),
		sig("B", "b@example.com", today.Add(-1*day)),
	})
	// Scanning svc1 alone: its paths are relative to it.
	s, err := Open(context.Background(), filepath.Join(w.dir, "svc1"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	fa, err := s.AuthorsByFolder(context.Background(), []string{"."})
	if err != nil {
		t.Fatal(err)
	}
	if got := fa.Folders["."]; len(got) != 1 || got[0].Email != "b@example.com" {
		t.Errorf("subfolder root authors = %+v, want b only", got)
	}
}

func TestBusiestFiles(t *testing.T) {
	today := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	fakeNow(t, today)
	ago := func(d int) time.Time { return today.Add(-time.Duration(d) * day) }
	w := newWorktreeRepo(t)
	a := sig("Ann", "ann@example.com", ago(30))
	w.write("api/billing.py", "v0\n")
	w.write("api/users.py", "v0\n")
	w.write("README.md", "v0\n")
	w.commit("start", a)
	for i := 1; i <= 3; i++ {
		w.write("api/billing.py", fmt.Sprintf("v%d\n", i))
		w.write("uv.lock", fmt.Sprintf("lock %d\n", i))
		if i == 3 {
			w.write("api/users.py", "v3\n")
		}
		w.commit(fmt.Sprintf("change %d", i), sig("Ann", "ann@example.com", ago(30-i)))
	}
	s, err := Open(context.Background(), w.dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got, err := s.BusiestFiles(context.Background(), 5)
	if err != nil {
		t.Fatal(err)
	}
	want := []FileCommits{{Path: "api/billing.py", Commits: 3}, {Path: "api/users.py", Commits: 1}}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("BusiestFiles = %+v, want %+v (the root commit and lockfiles do not count)", got, want)
	}

	// A subfolder target counts paths relative to it.
	sub, err := Open(context.Background(), filepath.Join(w.dir, "api"), Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer sub.Close()
	got, err = sub.BusiestFiles(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	if want := []FileCommits{{Path: "billing.py", Commits: 3}}; !reflect.DeepEqual(got, want) {
		t.Errorf("BusiestFiles of api/ = %+v, want %+v", got, want)
	}

	// No history, no busiest files.
	plain, err := FromFS(context.Background(), fstest.MapFS{"a.py": {Data: []byte("x\n")}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	if got, err := plain.BusiestFiles(context.Background(), 3); err != nil || got != nil {
		t.Errorf("BusiestFiles without git = %v, %v", got, err)
	}
}
