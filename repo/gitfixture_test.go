package repo

import (
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// Helpers that build git repositories with go-git alone: the tests never
// need a git binary.

// sig is a signature at a fixed time.
func sig(name, email string, when time.Time) object.Signature {
	return object.Signature{Name: name, Email: email, When: when}
}

// worktreeRepo is a non-bare repository in a temporary folder, committed to
// through go-git's worktree.
type worktreeRepo struct {
	t   testing.TB
	dir string
	r   *git.Repository
	wt  *git.Worktree
}

func newWorktreeRepo(t testing.TB) *worktreeRepo {
	t.Helper()
	dir := t.TempDir()
	r, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, err := r.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	return &worktreeRepo{t: t, dir: dir, r: r, wt: wt}
}

func (w *worktreeRepo) write(p, content string) {
	w.t.Helper()
	writeFile(w.t, filepath.Join(w.dir, filepath.FromSlash(p)), content)
}

func (w *worktreeRepo) remove(p string) {
	w.t.Helper()
	if err := os.Remove(filepath.Join(w.dir, filepath.FromSlash(p))); err != nil {
		w.t.Fatal(err)
	}
}

// commit stages every change and commits it.
func (w *worktreeRepo) commit(msg string, author object.Signature) plumbing.Hash {
	w.t.Helper()
	if err := w.wt.AddWithOptions(&git.AddOptions{All: true}); err != nil {
		w.t.Fatal(err)
	}
	h, err := w.wt.Commit(msg, &git.CommitOptions{Author: &author, Committer: &author, AllowEmptyCommits: true})
	if err != nil {
		w.t.Fatal(err)
	}
	return h
}

func writeFile(t testing.TB, name, content string) {
	t.Helper()
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		t.Fatal(err)
	}
	if err := os.WriteFile(name, []byte(content), 0o644); err != nil {
		t.Fatal(err)
	}
}

// Markers for writeTree: a content starting with one of them makes a
// symbolic link (to the rest) or a submodule entry instead of a file.
const (
	symlinkMark   = "symlink:"
	submoduleMark = "submodule:"
)

// writeTree stores files (slash paths → contents) as nested tree objects.
func writeTree(t testing.TB, st storer.EncodedObjectStorer, files map[string]string) plumbing.Hash {
	t.Helper()
	sub := map[string]map[string]string{}
	var entries []object.TreeEntry
	for p, content := range files {
		if dir, rest, ok := strings.Cut(p, "/"); ok {
			if sub[dir] == nil {
				sub[dir] = map[string]string{}
			}
			sub[dir][rest] = content
			continue
		}
		e := object.TreeEntry{Name: p, Mode: filemode.Regular}
		switch {
		case strings.HasPrefix(content, symlinkMark):
			e.Mode = filemode.Symlink
			e.Hash = writeBlob(t, st, strings.TrimPrefix(content, symlinkMark))
		case strings.HasPrefix(content, submoduleMark):
			e.Mode = filemode.Submodule
			e.Hash = plumbing.NewHash(strings.TrimPrefix(content, submoduleMark))
		default:
			e.Hash = writeBlob(t, st, content)
		}
		entries = append(entries, e)
	}
	for dir, fs := range sub {
		entries = append(entries, object.TreeEntry{Name: dir, Mode: filemode.Dir, Hash: writeTree(t, st, fs)})
	}
	sort.Sort(object.TreeEntrySorter(entries))
	return storeObject(t, st, &object.Tree{Entries: entries})
}

func writeBlob(t testing.TB, st storer.EncodedObjectStorer, content string) plumbing.Hash {
	t.Helper()
	o := st.NewEncodedObject()
	o.SetType(plumbing.BlobObject)
	w, err := o.Writer()
	if err != nil {
		t.Fatal(err)
	}
	if _, err := w.Write([]byte(content)); err != nil {
		t.Fatal(err)
	}
	w.Close()
	h, err := st.SetEncodedObject(o)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

func storeObject(t testing.TB, st storer.EncodedObjectStorer, obj interface {
	Encode(plumbing.EncodedObject) error
}) plumbing.Hash {
	t.Helper()
	o := st.NewEncodedObject()
	if err := obj.Encode(o); err != nil {
		t.Fatal(err)
	}
	h, err := st.SetEncodedObject(o)
	if err != nil {
		t.Fatal(err)
	}
	return h
}

// writeCommit stores a commit of tree with the given parents and signature.
func writeCommit(t testing.TB, st storer.EncodedObjectStorer, tree plumbing.Hash, author object.Signature, parents ...plumbing.Hash) plumbing.Hash {
	t.Helper()
	return storeObject(t, st, &object.Commit{
		Author: author, Committer: author, Message: "commit by " + author.Name,
		TreeHash: tree, ParentHashes: parents,
	})
}

// setBranch points refs/heads/master (HEAD's branch after init) at h.
func setBranch(t testing.TB, r *git.Repository, h plumbing.Hash) {
	t.Helper()
	if err := r.Storer.SetReference(plumbing.NewHashReference("refs/heads/master", h)); err != nil {
		t.Fatal(err)
	}
}

func paths(files []File) []string {
	out := make([]string, len(files))
	for i, f := range files {
		out[i] = f.Path
	}
	return out
}

// newObjectRepo initialises an empty repository in a temporary folder, to
// be filled with writeTree, writeCommit and setBranch.
func newObjectRepo(t testing.TB) (string, *git.Repository) {
	t.Helper()
	dir := t.TempDir()
	r, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	return dir, r
}
