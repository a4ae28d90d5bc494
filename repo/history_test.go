package repo

import (
	"context"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// fakeNow fixes the clock the active window is measured from.
func fakeNow(t testing.TB, at time.Time) {
	old := now
	now = func() time.Time { return at }
	t.Cleanup(func() { now = old })
}

const day = 24 * time.Hour

// historyRepo builds a linear history, oldest first, in a repository whose
// working tree holds mailmapText as .mailmap (and the tree of every commit
// does too). It returns the folder and the commit hashes.
func historyRepo(t *testing.T, mailmapText string, authors []object.Signature) (string, []plumbing.Hash) {
	dir, r := newObjectRepo(t)
	files := map[string]string{"README.md": "# x\n"}
	if mailmapText != "" {
		files[".mailmap"] = mailmapText
		writeFile(t, filepath.Join(dir, ".mailmap"), mailmapText)
	}
	tree := writeTree(t, r.Storer, files)
	var hs []plumbing.Hash
	for _, a := range authors {
		var parents []plumbing.Hash
		if len(hs) > 0 {
			parents = hs[len(hs)-1:]
		}
		hs = append(hs, writeCommit(t, r.Storer, tree, a, parents...))
	}
	setBranch(t, r, hs[len(hs)-1])
	return dir, hs
}

func TestGitFacts(t *testing.T) {
	today := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	fakeNow(t, today)
	ago := func(d int) time.Time { return today.Add(-time.Duration(d) * day) }
	authors := []object.Signature{
		sig("Alice", "alice@old.example", ago(400)),
		sig("Bob", "bob@example.com", ago(300)),
		sig("Alice Smith", "Alice@New.Example", ago(10)),
		sig("dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com", ago(5)),
		sig("Renovate Bot", "bot@renovateapp.com", ago(4)),
		sig("GitHub Action", "action@github.com", ago(3)),
		sig("pre-commit-ci[bot]", "66853113+pre-commit-ci[bot]@users.noreply.github.com", ago(2)),
		sig("Carol", "12345+carol@users.noreply.github.com", ago(1)),
	}
	mm := "# who is who\nAlice Smith <alice@new.example> <alice@old.example>\n"
	dir, hs := historyRepo(t, mm, authors)

	tests := []struct {
		name string
		opts Options
		want GitFacts
	}{
		{"full history", Options{FullHistory: true}, GitFacts{
			Commits: 8, Complete: true, FirstCommit: ago(400), LastCommit: ago(1),
			Authors: 3, ActiveDays: 180, ActiveAuthors: 2}},
		{"window of 180 days", Options{}, GitFacts{
			Commits: 6, Complete: false, FirstCommit: ago(10), LastCommit: ago(1),
			Authors: 2, ActiveDays: 180, ActiveAuthors: 2}},
		{"window of 365 days", Options{ActiveDays: 365}, GitFacts{
			Commits: 7, Complete: false, FirstCommit: ago(300), LastCommit: ago(1),
			Authors: 3, ActiveDays: 365, ActiveAuthors: 3}},
		{"window longer than history", Options{ActiveDays: 1000}, GitFacts{
			Commits: 8, Complete: true, FirstCommit: ago(400), LastCommit: ago(1),
			Authors: 3, ActiveDays: 1000, ActiveAuthors: 3}},
	}
	for _, tc := range tests {
		for _, rev := range []string{"", "HEAD"} {
			t.Run(tc.name+" rev="+rev, func(t *testing.T) {
				opts := tc.opts
				opts.Rev = rev
				s, err := Open(context.Background(), dir, opts)
				if err != nil {
					t.Fatal(err)
				}
				defer s.Close()
				if s.Git == nil {
					t.Fatalf("no git facts; problems %v", s.Problems())
				}
				got := *s.Git
				got.Team = nil // TestTeam checks it
				want := tc.want
				want.Head = hs[len(hs)-1].String()
				got.FirstCommit, got.LastCommit = got.FirstCommit.UTC(), got.LastCommit.UTC()
				if got != want {
					t.Errorf("GitFacts =\n%+v\nwant\n%+v", got, want)
				}
			})
		}
	}

	// Without the mailmap, Alice's two e-mails are two authors.
	dir2, _ := historyRepo(t, "", authors)
	s, err := Open(context.Background(), dir2, Options{FullHistory: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.Git.Authors != 4 {
		t.Errorf("without .mailmap Authors = %d, want 4", s.Git.Authors)
	}
}

func TestGitFactsMerges(t *testing.T) {
	today := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	fakeNow(t, today)
	dir, r := newObjectRepo(t)
	tree := writeTree(t, r.Storer, map[string]string{"a": "a"})
	root := writeCommit(t, r.Storer, tree, sig("A", "a@x", today.Add(-30*day)))
	left := writeCommit(t, r.Storer, tree, sig("B", "b@x", today.Add(-20*day)), root)
	right := writeCommit(t, r.Storer, tree, sig("C", "c@x", today.Add(-10*day)), root)
	merge := writeCommit(t, r.Storer, tree, sig("A", "a@x", today.Add(-1*day)), left, right)
	setBranch(t, r, merge)
	s, err := Open(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if g := s.Git; g.Commits != 4 || !g.Complete || g.Authors != 3 {
		t.Errorf("merge history: %+v; want 4 commits, complete, 3 authors (root walked once)", g)
	}
}

func TestGitFactsShallow(t *testing.T) {
	today := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	fakeNow(t, today)
	var authors []object.Signature
	for i := 5; i > 0; i-- {
		authors = append(authors, sig("Dev", "dev@example.com", today.Add(-time.Duration(i)*day)))
	}
	dir, hs := historyRepo(t, "", authors)
	// A shallow clone records where its history stops.
	writeFile(t, filepath.Join(dir, ".git", "shallow"), hs[2].String()+"\n")
	s, err := Open(context.Background(), dir, Options{FullHistory: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if g := s.Git; !g.Shallow || g.Complete || g.Commits != 3 {
		t.Errorf("shallow: %+v; want Shallow, not Complete, 3 commits", g)
	}

	// History with its oldest commit object missing and no shallow file.
	if err := os.Remove(filepath.Join(dir, ".git", "shallow")); err != nil {
		t.Fatal(err)
	}
	h := hs[0].String()
	if err := os.Remove(filepath.Join(dir, ".git", "objects", h[:2], h[2:])); err != nil {
		t.Fatal(err)
	}
	s2, err := Open(context.Background(), dir, Options{FullHistory: true})
	if err != nil {
		t.Fatal(err)
	}
	defer s2.Close()
	if g := s2.Git; g == nil || g.Shallow || g.Complete || g.Commits != 4 {
		t.Errorf("missing parent: %+v; want 4 commits, not Complete", g)
	}
}

func TestNotARepositoryHasNoFacts(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "package.json"), "{}")
	s, err := Open(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.Git != nil || len(s.Problems()) != 0 {
		t.Errorf("Git = %+v, Problems = %v; want nil and none", s.Git, s.Problems())
	}
}

func TestIsBot(t *testing.T) {
	for _, tc := range []struct {
		name, email string
		bot         bool
	}{
		{"dependabot[bot]", "49699333+dependabot[bot]@users.noreply.github.com", true},
		{"dependabot-preview[bot]", "27856297+dependabot-preview[bot]@users.noreply.github.com", true},
		{"Renovate Bot", "bot@renovateapp.com", true},
		{"renovate[bot]", "29139614+renovate[bot]@users.noreply.github.com", true},
		{"github-actions", "41898282+github-actions[bot]@users.noreply.github.com", true},
		{"GitHub Action", "action@github.com", true},
		{"GitHub", "noreply@github.com", true},
		{"greenkeeper[bot]", "greenkeeper[bot]@users.noreply.github.com", true},
		{"snyk-bot", "snyk-bot@snyk.io", true},
		{"pre-commit-ci[bot]", "66853113+pre-commit-ci[bot]@users.noreply.github.com", true},
		// People who use GitHub's private addresses are people.
		{"Carol", "12345+carol@users.noreply.github.com", false},
		{"Robert Botham", "rob@example.com", false},
		{"Ann", "ann@example.com", false},
	} {
		if got := isBot(tc.name, tc.email); got != tc.bot {
			t.Errorf("isBot(%q, %q) = %v, want %v", tc.name, tc.email, got, tc.bot)
		}
	}
}
