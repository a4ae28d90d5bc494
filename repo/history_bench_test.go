package repo

import (
	"context"
	"fmt"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// BenchmarkGitFacts20k measures the git-facts walk over a linear history of
// 20,000 commits spread over ten years by 50 authors, each changing one
// file in one of six folders, first with loose objects and then packed,
// with the default 180-day window (alone and followed by AuthorsByFolder)
// and with FullHistory:
//
//	go test -run XXX -bench GitFacts20k -benchtime 5x ./repo/
func BenchmarkGitFacts20k(b *testing.B) {
	const commits = 20000
	today := time.Date(2026, 11, 25, 12, 0, 0, 0, time.UTC)
	fakeNow(b, today)
	dir, r := newObjectRepo(b)
	// Each commit changes one file in one of six service folders, so
	// AuthorsByFolder has trees to compare.
	var folders [6]plumbing.Hash
	for k := range folders {
		folders[k] = writeTree(b, r.Storer, map[string]string{"app.py": "# 0\n"})
	}
	readme := writeBlob(b, r.Storer, "# big\n")
	step := 10 * 365 * day / commits
	var head plumbing.Hash
	for i := 0; i < commits; i++ {
		k := i % 6
		folders[k] = writeTree(b, r.Storer, map[string]string{"app.py": fmt.Sprintf("# %d\n", i)})
		entries := []object.TreeEntry{{Name: "README.md", Mode: filemode.Regular, Hash: readme}}
		for j, h := range folders {
			entries = append(entries, object.TreeEntry{Name: fmt.Sprintf("svc%d", j), Mode: filemode.Dir, Hash: h})
		}
		tree := storeObject(b, r.Storer, &object.Tree{Entries: entries})
		when := today.Add(-time.Duration(commits-i) * step)
		a := sig(fmt.Sprintf("Dev %d", i%50), fmt.Sprintf("dev%d@example.com", i%50), when)
		if head.IsZero() {
			head = writeCommit(b, r.Storer, tree, a)
		} else {
			head = writeCommit(b, r.Storer, tree, a, head)
		}
	}
	setBranch(b, r, head)

	run := func(b *testing.B, opts Options, want int, byFolder bool) {
		for b.Loop() {
			s, err := Open(context.Background(), dir, opts)
			if err != nil {
				b.Fatal(err)
			}
			if s.Git == nil || s.Git.Commits != want {
				b.Fatalf("Git = %+v, want %d commits", s.Git, want)
			}
			if byFolder {
				fa, err := s.AuthorsByFolder(context.Background(), []string{".", "svc0", "svc5"})
				if err != nil || fa.Diffed == 0 {
					b.Fatalf("AuthorsByFolder: %+v, %v", fa, err)
				}
			}
			s.Close()
		}
	}
	inWindow := int(180 * day / step)
	for _, layout := range []string{"loose", "packed"} {
		if layout == "packed" {
			if err := r.RepackObjects(&git.RepackConfig{}); err != nil {
				b.Fatal(err)
			}
		}
		b.Run(layout+"/window", func(b *testing.B) { run(b, Options{}, inWindow, false) })
		b.Run(layout+"/window+authors-by-folder", func(b *testing.B) { run(b, Options{}, inWindow, true) })
		b.Run(layout+"/full", func(b *testing.B) { run(b, Options{FullHistory: true}, commits, false) })
	}
}
