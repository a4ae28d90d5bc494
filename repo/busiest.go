package repo

import (
	"context"
	"fmt"
	"path"
	"sort"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// FileCommits is a file and how many of the window's commits changed it.
type FileCommits struct {
	Path    string
	Commits int
}

// maxBusiestEntries bounds the tree entries BusiestFiles compares across
// all commits, so a window of huge vendored drops stays cheap.
const maxBusiestEntries = 2_000_000

// generatedNames are files that change with every dependency bump; they are
// left out of the busiest files, which are meant to show where people work.
var generatedNames = map[string]bool{
	"package-lock.json": true, "npm-shrinkwrap.json": true, "yarn.lock": true,
	"pnpm-lock.yaml": true, "bun.lock": true, "bun.lockb": true, "uv.lock": true,
	"poetry.lock": true, "Pipfile.lock": true, "pdm.lock": true,
}

// BusiestFiles returns the n files (relative to the scanned folder) that the
// most of the window's commits changed: the same human, non-merge commits
// AuthorsByFolder compares, each against its parent by tree hash, descending
// only into subtrees that differ, so unchanged parts of the tree are never
// read. Lockfiles are left out. Ties are broken by path.
func (s *Snapshot) BusiestFiles(ctx context.Context, n int) ([]FileCommits, error) {
	h := s.history
	if h == nil || n <= 0 {
		return nil, nil
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.loaded {
		h.loaded = true
		h.err = h.load(ctx)
	}
	if h.err != nil {
		return nil, h.err
	}
	root := h.prefix
	if root == "" {
		root = "."
	}
	counts := map[string]int{}
	budget := maxBusiestEntries
	for _, p := range h.pairs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		if p.parent.IsZero() {
			continue // a root commit adds everything: it says nothing of churn
		}
		a, err := h.hashAt(p.tree, root)
		if err != nil {
			return nil, err
		}
		b, err := h.hashAt(p.parent, root)
		if err != nil {
			return nil, err
		}
		if err := h.changedFiles(a, b, "", counts, &budget); err != nil {
			return nil, err
		}
		if budget <= 0 {
			break
		}
	}
	out := make([]FileCommits, 0, len(counts))
	for p, c := range counts {
		out = append(out, FileCommits{Path: p, Commits: c})
	}
	sort.Slice(out, func(i, j int) bool {
		if out[i].Commits != out[j].Commits {
			return out[i].Commits > out[j].Commits
		}
		return out[i].Path < out[j].Path
	})
	if len(out) > n {
		out = out[:n]
	}
	return out, nil
}

// changedFiles adds one to counts for every file that tree a has and tree b
// lacks or holds with other contents, below dir.
func (h *history) changedFiles(a, b plumbing.Hash, dir string, counts map[string]int, budget *int) error {
	if a == b || a.IsZero() {
		return nil
	}
	ta, err := h.tree(a)
	if err != nil {
		return err
	}
	var old map[string]object.TreeEntry
	if !b.IsZero() {
		tb, err := h.tree(b)
		if err != nil {
			return err
		}
		old = make(map[string]object.TreeEntry, len(tb.Entries))
		for _, e := range tb.Entries {
			old[e.Name] = e
		}
	}
	for _, e := range ta.Entries {
		*budget--
		if *budget <= 0 {
			return nil
		}
		prev, had := old[e.Name]
		if had && prev.Hash == e.Hash {
			continue
		}
		p := path.Join(dir, e.Name)
		switch e.Mode {
		case filemode.Dir:
			var was plumbing.Hash
			if had && prev.Mode == filemode.Dir {
				was = prev.Hash
			}
			if err := h.changedFiles(e.Hash, was, p, counts, budget); err != nil {
				return err
			}
		case filemode.Submodule:
		default:
			if !generatedNames[e.Name] {
				counts[p]++
			}
		}
	}
	return nil
}

// tree reads a tree through the history's cache.
func (h *history) tree(hash plumbing.Hash) (*object.Tree, error) {
	if t, ok := h.trees[hash]; ok {
		return t, nil
	}
	t, err := object.GetTree(h.r.Storer, hash)
	if err != nil {
		return nil, fmt.Errorf("read tree %s: %w", hash, err)
	}
	if len(h.trees) >= maxTrees {
		clear(h.trees)
	}
	h.trees[hash] = t
	return t, nil
}
