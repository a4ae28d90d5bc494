package repo

import (
	"context"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"testing"
	"testing/fstest"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
)

var t0 = time.Date(2026, 6, 1, 12, 0, 0, 0, time.UTC)

// twoCommits builds a working tree with two commits and uncommitted changes
// on top, and returns the repository and the two commit hashes.
func twoCommits(t *testing.T) (*worktreeRepo, plumbing.Hash, plumbing.Hash) {
	w := newWorktreeRepo(t)
	w.write("a.txt", "v1\n")
	w.write("sub/b.txt", "b\n")
	w.write("sub/deep/c.txt", "c\n")
	w.write(".gitignore", "*.log\n")
	w.write("node_modules/pkg/index.js", "module.exports = 1\n")
	w.write("sub/.gitignore", "gen/\n")
	w.write("sub/gen/x.txt", "committed before the ignore rule\n")
	h1 := w.commit("first", sig("Ann", "ann@example.com", t0))
	w.write("a.txt", "v2\n")
	w.remove("sub/b.txt")
	w.write("new.txt", "new\n")
	h2 := w.commit("second", sig("Ann", "ann@example.com", t0.Add(time.Hour)))
	w.write("dirty.txt", "not committed\n")
	w.write("a.txt", "v3 in the working tree\n")
	return w, h1, h2
}

func TestOpenRevReadsOldTree(t *testing.T) {
	w, h1, h2 := twoCommits(t)
	// go-git adds every file, node_modules and sub/gen included: git's own
	// ignore rules are not ours, and the snapshot must still skip them.
	s, err := Open(context.Background(), w.dir, Options{Rev: "HEAD~1"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	want := []string{".gitignore", "a.txt", "sub/.gitignore", "sub/b.txt", "sub/deep/c.txt"}
	if got := paths(s.Files()); !reflect.DeepEqual(got, want) {
		t.Errorf("Files() at HEAD~1 = %q, want %q", got, want)
	}
	if s.Revision != h1.String() {
		t.Errorf("Revision = %s, want %s", s.Revision, h1)
	}
	if b, err := s.ReadFile("a.txt"); err != nil || string(b) != "v1\n" {
		t.Errorf("ReadFile(a.txt) = %q, %v; want the old content", b, err)
	}
	if f, _ := s.Stat("sub/deep/c.txt"); f.Size != 2 {
		t.Errorf("size of sub/deep/c.txt = %d, want 2", f.Size)
	}
	if s.Git == nil || s.Git.Head != h1.String() || s.Git.Commits != 1 {
		t.Errorf("Git = %+v, want Head %s and 1 commit", s.Git, h1)
	}
	// The working tree is untouched.
	if b, _ := os.ReadFile(filepath.Join(w.dir, "a.txt")); string(b) != "v3 in the working tree\n" {
		t.Errorf("working tree a.txt = %q after Open", b)
	}

	cur, err := Open(context.Background(), w.dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer cur.Close()
	want = []string{".gitignore", "a.txt", "dirty.txt", "new.txt", "sub/.gitignore", "sub/deep/c.txt"}
	if got := paths(cur.Files()); !reflect.DeepEqual(got, want) {
		t.Errorf("working tree Files() = %q, want %q", got, want)
	}
	if cur.Revision != "" || cur.Git == nil || cur.Git.Head != h2.String() || cur.Git.Commits != 2 {
		t.Errorf("working tree: Revision %q, Git %+v; want no revision, Head %s, 2 commits", cur.Revision, cur.Git, h2)
	}

	// A hash, a short hash and a branch name resolve too.
	for _, rev := range []string{h1.String(), h1.String()[:10], "master", "HEAD"} {
		s, err := Open(context.Background(), w.dir, Options{Rev: rev})
		if err != nil {
			t.Errorf("Rev %q: %v", rev, err)
			continue
		}
		s.Close()
	}
}

func TestOpenRevSubfolder(t *testing.T) {
	w, h1, _ := twoCommits(t)
	s, err := Open(context.Background(), filepath.Join(w.dir, "sub"), Options{Rev: h1.String()})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	want := []string{".gitignore", "b.txt", "deep/c.txt"}
	if got := paths(s.Files()); !reflect.DeepEqual(got, want) {
		t.Errorf("Files() of sub at %s = %q, want %q", h1, got, want)
	}
	// A folder that does not exist at that revision is an error.
	if err := os.MkdirAll(filepath.Join(w.dir, "later"), 0o755); err != nil {
		t.Fatal(err)
	}
	if s, err := Open(context.Background(), filepath.Join(w.dir, "later"), Options{Rev: "HEAD"}); err == nil {
		s.Close()
		t.Error("Open of a folder missing at the revision succeeded")
	}
}

func TestOpenBadRev(t *testing.T) {
	w, _, _ := twoCommits(t)
	for _, rev := range []string{"no-such-branch", "HEAD~5", "0123456789abcdef0123456789abcdef01234567"} {
		s, err := Open(context.Background(), w.dir, Options{Rev: rev})
		if err == nil {
			s.Close()
			t.Errorf("Rev %q: no error", rev)
			continue
		}
		if !strings.Contains(err.Error(), rev) {
			t.Errorf("Rev %q: error %q does not name the revision", rev, err)
		}
	}
	plain := t.TempDir()
	if s, err := Open(context.Background(), plain, Options{Rev: "HEAD"}); err == nil {
		s.Close()
		t.Error("Rev outside a repository: no error")
	} else if !strings.Contains(err.Error(), "not inside a git repository") {
		t.Errorf("Rev outside a repository: error %q", err)
	}
}

func TestTreeFSSymlinksAndSubmodules(t *testing.T) {
	dir, r := newObjectRepo(t)
	tree := writeTree(t, r.Storer, map[string]string{
		"README.md":        "# hi\n",
		"link.md":          symlinkMark + "README.md",
		"escape":           symlinkMark + "../../etc/passwd",
		"libs/ext":         submoduleMark + "0123456789abcdef0123456789abcdef01234567",
		"libs/own/main.py": "print()\n",
		"Build/x.txt":      "near miss: Build is not build\n",
		"build/x.txt":      "skipped\n",
	})
	h := writeCommit(t, r.Storer, tree, sig("Ann", "ann@example.com", t0))
	setBranch(t, r, h)
	s, err := Open(context.Background(), dir, Options{Rev: "HEAD"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	want := []string{"Build/x.txt", "README.md", "libs/own/main.py"}
	if got := paths(s.Files()); !reflect.DeepEqual(got, want) {
		t.Errorf("Files() = %q, want %q", got, want)
	}
	if p := s.Problems(); len(p) != 0 {
		t.Errorf("Problems() = %v, want none", p)
	}
	if _, err := s.FS().Open("link.md"); err == nil {
		t.Error("opening a symbolic link in a tree succeeded; links are not followed")
	}
	if _, err := s.FS().Open("libs/ext"); err == nil {
		t.Error("opening a submodule entry succeeded")
	}
}

// bareCopy turns the repository of a working tree into a bare repository
// next to it, as `git clone --bare` would, without a git binary.
func bareCopy(t *testing.T, w *worktreeRepo) string {
	bare := filepath.Join(t.TempDir(), "origin.git")
	if err := os.CopyFS(bare, os.DirFS(filepath.Join(w.dir, ".git"))); err != nil {
		t.Fatal(err)
	}
	r, err := git.PlainOpen(bare)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := r.Config()
	if err != nil {
		t.Fatal(err)
	}
	cfg.Core.IsBare = true
	if err := r.SetConfig(cfg); err != nil {
		t.Fatal(err)
	}
	return bare
}

func fileURL(p string) string {
	p = filepath.ToSlash(p)
	if runtime.GOOS == "windows" {
		p = "/" + p
	}
	return "file://" + p
}

func TestOpenFileURLClone(t *testing.T) {
	tmp := t.TempDir()
	t.Setenv("TMPDIR", tmp) // where os.MkdirTemp puts the clone
	t.Setenv("TMP", tmp)
	w, h1, h2 := twoCommits(t)
	bare := bareCopy(t, w)

	// The working tree at HEAD, read from git objects, is the reference.
	ref, err := Open(context.Background(), w.dir, Options{Rev: "HEAD"})
	if err != nil {
		t.Fatal(err)
	}
	defer ref.Close()

	var progress strings.Builder
	s, err := Open(context.Background(), fileURL(bare), Options{Progress: &progress})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(s.Files(), ref.Files()) {
		t.Errorf("clone Files() = %v\nworking tree at HEAD = %v", s.Files(), ref.Files())
	}
	if s.Revision != h2.String() {
		t.Errorf("clone Revision = %s, want %s", s.Revision, h2)
	}
	if b, err := s.ReadFile("a.txt"); err != nil || string(b) != "v2\n" {
		t.Errorf("clone ReadFile(a.txt) = %q, %v", b, err)
	}
	if s.Git == nil || s.Git.Commits != 2 || s.Git.Head != h2.String() {
		t.Errorf("clone Git = %+v", s.Git)
	}
	clones, _ := filepath.Glob(filepath.Join(tmp, "stackaudit-clone-*"))
	if len(clones) != 1 {
		t.Errorf("clone folders during the scan: %v, want one", clones)
	}
	if err := s.Close(); err != nil {
		t.Fatal(err)
	}
	if clones, _ := filepath.Glob(filepath.Join(tmp, "stackaudit-clone-*")); len(clones) != 0 {
		t.Errorf("clone folders left after Close: %v", clones)
	}

	// An older revision of the remote.
	old, err := Open(context.Background(), fileURL(bare), Options{Rev: "HEAD~1"})
	if err != nil {
		t.Fatal(err)
	}
	defer old.Close()
	refOld, err := Open(context.Background(), w.dir, Options{Rev: "HEAD~1"})
	if err != nil {
		t.Fatal(err)
	}
	defer refOld.Close()
	if old.Revision != h1.String() || !reflect.DeepEqual(old.Files(), refOld.Files()) {
		t.Errorf("clone at HEAD~1: %s %v, want %s %v", old.Revision, old.Files(), h1, refOld.Files())
	}

	// Branches of the remote resolve by their short names.
	if err := w.r.Storer.SetReference(plumbing.NewHashReference("refs/heads/feature", h1)); err != nil {
		t.Fatal(err)
	}
	bare2 := bareCopy(t, w)
	for rev, want := range map[string]plumbing.Hash{"feature": h1, "master": h2, "origin/feature": h1} {
		s, err := Open(context.Background(), fileURL(bare2), Options{Rev: rev})
		if err != nil {
			t.Errorf("clone at %q: %v", rev, err)
			continue
		}
		if s.Revision != want.String() {
			t.Errorf("clone at %q: Revision %s, want %s", rev, s.Revision, want)
		}
		s.Close()
	}

	// A working tree (not bare) can be cloned by file:// too.
	wt, err := Open(context.Background(), fileURL(w.dir), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if wt.Revision != h2.String() || !reflect.DeepEqual(wt.Files(), ref.Files()) {
		t.Errorf("clone of a working tree: %s %v", wt.Revision, wt.Files())
	}
	wt.Close()

	// A bad revision and a missing repository are errors; no folder is left.
	if s, err := Open(context.Background(), fileURL(bare), Options{Rev: "nope"}); err == nil {
		s.Close()
		t.Error("clone at an unknown revision succeeded")
	}
	if s, err := Open(context.Background(), fileURL(filepath.Join(tmp, "none.git")), Options{}); err == nil {
		s.Close()
		t.Error("clone of a missing repository succeeded")
	} else if !strings.Contains(err.Error(), "none.git") || !strings.Contains(err.Error(), "check the URL") {
		t.Errorf("clone of a missing repository: error %q", err)
	}
	if clones, _ := filepath.Glob(filepath.Join(tmp, "stackaudit-clone-*")); len(clones) != 1 {
		// The HEAD~1 snapshot is still open; the failed ones must be gone.
		t.Errorf("clone folders after failed clones: %v, want only the open one", clones)
	}
}

func TestOpenBareRepositoryPath(t *testing.T) {
	w, _, h2 := twoCommits(t)
	bare := bareCopy(t, w)
	s, err := Open(context.Background(), bare, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.Revision != h2.String() || !s.Exists("new.txt") {
		t.Errorf("bare repository: Revision %s, Files %v", s.Revision, paths(s.Files()))
	}
}

func TestBrokenRepository(t *testing.T) {
	dir := t.TempDir()
	if _, err := git.PlainInit(dir, false); err != nil {
		t.Fatal(err)
	}
	writeFile(t, filepath.Join(dir, ".git", "HEAD"), "ref: refs/heads/nowhere\n")
	writeFile(t, filepath.Join(dir, "app.py"), "x = 1\n")
	s, err := Open(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if s.Git != nil {
		t.Errorf("Git = %+v, want nil", s.Git)
	}
	if !s.Exists("app.py") {
		t.Error("the scan did not go on: app.py not indexed")
	}
	probs := s.Problems()
	if len(probs) != 1 || probs[0].Path != ".git" || !strings.Contains(probs[0].Reason, "HEAD") {
		t.Errorf("Problems() = %v, want one about HEAD", probs)
	}
}

func TestTreeFSConformance(t *testing.T) {
	dir, r := newObjectRepo(t)
	files := map[string]string{
		"a.txt":       "a\n",
		"b/c.txt":     "c\n",
		"b/d/e.py":    "e = 1\n",
		"b-sibling.x": "sorts between b and b/ in git's order\n",
		"empty":       "",
	}
	tree := writeTree(t, r.Storer, files)
	h := writeCommit(t, r.Storer, tree, sig("Ann", "ann@example.com", t0))
	setBranch(t, r, h)
	s, err := Open(context.Background(), dir, Options{Rev: "HEAD"})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := fstest.TestFS(s.FS(), "a.txt", "b/c.txt", "b/d/e.py", "b-sibling.x", "empty"); err != nil {
		t.Fatal(err)
	}

	// Detectors read files from many goroutines at once.
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for p, want := range files {
				if b, err := s.ReadFile(p); err != nil || string(b) != want {
					t.Errorf("ReadFile(%s) = %q, %v", p, b, err)
				}
				if _, err := fs.Stat(s.FS(), path.Dir(p)); err != nil {
					t.Error(err)
				}
			}
		}()
	}
	wg.Wait()
}

// TestTrackedFilesBeatGitignore: git ignores only untracked files, so a
// committed file that the repository's own .gitignore matches is still
// scanned, in the working tree and at a revision; untracked ignored files
// are not.
func TestTrackedFilesBeatGitignore(t *testing.T) {
	w := newWorktreeRepo(t)
	w.write(".pre-commit-config.yaml", "repos: []\n")
	w.write("generated/keep.py", "x = 1\n")
	w.write("app.py", "import os\n")
	if _, err := w.wt.Add("."); err != nil {
		t.Fatal(err)
	}
	w.commit("first", sig("A", "a@example.com", time.Now()))
	// Ignore rules added after the files were committed.
	w.write(".gitignore", ".*\n!.gitignore\ngenerated/\n")
	w.write(".env", "SECRET=1\n")
	w.write("generated/new.py", "y = 2\n")

	s, err := Open(context.Background(), w.dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	got := strings.Join(paths(s.Files()), " ")
	want := ".gitignore .pre-commit-config.yaml app.py generated/keep.py"
	if got != want {
		t.Errorf("working tree files = %s, want %s", got, want)
	}

	// The same rules committed: a revision's tree is all tracked.
	if _, err := w.wt.Add(".gitignore"); err != nil {
		t.Fatal(err)
	}
	w.commit("ignore", sig("A", "a@example.com", time.Now()))
	r, err := Open(context.Background(), w.dir, Options{Rev: "HEAD"})
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	if got := strings.Join(paths(r.Files()), " "); got != want {
		t.Errorf("revision files = %s, want %s", got, want)
	}

	// Without git, .gitignore is all there is.
	plain := t.TempDir()
	for _, f := range []string{".gitignore", ".pre-commit-config.yaml", "app.py", "generated/keep.py"} {
		b, err := os.ReadFile(filepath.Join(w.dir, f))
		if err != nil {
			t.Fatal(err)
		}
		writeFile(t, filepath.Join(plain, f), string(b))
	}
	p, err := Open(context.Background(), plain, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer p.Close()
	if got := strings.Join(paths(p.Files()), " "); got != ".gitignore app.py" {
		t.Errorf("plain folder files = %s, want .gitignore app.py", got)
	}
}
