package repo

import (
	"context"
	"errors"
	"io/fs"
	"os"
	"path"
	"path/filepath"
	"reflect"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"testing/fstest"
)

func TestOpenDirectoryIgnores(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"app.py":                 "print('hi')\n",
		".gitignore":             "*.log\nsecret/\n",
		"debug.log":              "ignored by the root .gitignore\n",
		"secret/key.txt":         "ignored folder\n",
		"sub/.gitignore":         "gen.py\n",
		"sub/gen.py":             "ignored by the nested .gitignore\n",
		"sub/keep.py":            "kept\n",
		"other/gen.py":           "the nested rule does not reach here\n",
		"node_modules/x/a.js":    "skipped\n",
		".venv/lib/site.py":      "skipped\n",
		"env1/pyvenv.cfg":        "home = /usr/bin\n",
		"env1/lib/y.py":          "skipped: a virtualenv by its pyvenv.cfg\n",
		"notenv/lib/pyvenv.cfg2": "near miss: not pyvenv.cfg\n",
		"dist/bundle.js":         "skipped\n",
		"web/__pycache__/a.pyc":  "skipped\n",
		"binary.dat":             "abc\x00def",
	}
	for p, c := range files {
		writeFile(t, filepath.Join(dir, filepath.FromSlash(p)), c)
	}
	big := strings.Repeat("x", DefaultMaxFileSize+1)
	writeFile(t, filepath.Join(dir, "big.txt"), big)

	s, err := Open(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	want := []string{".gitignore", "app.py", "big.txt", "binary.dat", "notenv/lib/pyvenv.cfg2", "other/gen.py", "sub/.gitignore", "sub/keep.py"}
	if got := paths(s.Files()); !reflect.DeepEqual(got, want) {
		t.Errorf("Files() = %q\nwant %q", got, want)
	}
	if f, _ := s.Stat("big.txt"); f.Size != int64(len(big)) {
		t.Errorf("big.txt size = %d, want %d", f.Size, len(big))
	}
	if _, err := s.ReadFile("big.txt"); !errors.Is(err, ErrTooLarge) {
		t.Errorf("ReadFile(big.txt) error = %v, want ErrTooLarge", err)
	}
	if _, err := s.ReadFile("binary.dat"); !errors.Is(err, ErrBinary) {
		t.Errorf("ReadFile(binary.dat) error = %v, want ErrBinary", err)
	}
	if b, err := s.ReadFile("app.py"); err != nil || string(b) != files["app.py"] {
		t.Errorf("ReadFile(app.py) = %q, %v", b, err)
	}
	if s.Git != nil {
		t.Errorf("a folder outside any repository has git facts: %+v", s.Git)
	}
	if p := s.Problems(); len(p) != 0 {
		t.Errorf("Problems() = %v, want none", p)
	}
}

func TestOpenDirectorySymlinks(t *testing.T) {
	if runtime.GOOS == "windows" {
		t.Skip("symbolic links need privileges on Windows")
	}
	outside := t.TempDir()
	writeFile(t, filepath.Join(outside, "passwd"), "outside the root\n")
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.txt"), "a\n")
	writeFile(t, filepath.Join(dir, "sub", "b.txt"), "b\n")
	links := map[string]string{
		"loop":      ".",                                                   // a folder link back to the root
		"sub/up":    "..",                                                  // and one from below
		"ping":      "pong",                                                // a loop between two links
		"pong":      "ping",                                                //
		"escape":    filepath.Join(outside, "passwd"),                      // absolute, out of the root
		"escaperel": filepath.Join("..", filepath.Base(outside), "passwd"), // relative, out
		"alias.txt": "a.txt",                                               // inside: indexed
		"dangling":  "missing.txt",                                         // points nowhere
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, filepath.FromSlash(name))); err != nil {
			t.Fatal(err)
		}
	}
	ctx, cancel := context.WithCancel(context.Background())
	defer cancel()
	s, err := Open(ctx, dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	want := []string{"a.txt", "alias.txt", "sub/b.txt"}
	if got := paths(s.Files()); !reflect.DeepEqual(got, want) {
		t.Errorf("Files() = %q, want %q", got, want)
	}
	if b, err := s.ReadFile("alias.txt"); err != nil || string(b) != "a\n" {
		t.Errorf("ReadFile(alias.txt) = %q, %v", b, err)
	}
	var probs []string
	for _, p := range s.Problems() {
		probs = append(probs, p.Path)
	}
	for _, name := range []string{"escape", "escaperel", "ping", "pong", "dangling"} {
		found := false
		for _, p := range probs {
			found = found || p == name
		}
		if !found {
			t.Errorf("no problem recorded for link %s; problems: %v", name, s.Problems())
		}
	}
}

func TestFromFSMatchesOpen(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "x", "y.txt"), "y\n")
	writeFile(t, filepath.Join(dir, "build", "out.txt"), "skipped\n")
	a, err := Open(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	defer a.Close()
	b, err := FromFS(context.Background(), os.DirFS(dir), Options{})
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(a.Files(), b.Files()) {
		t.Errorf("Open = %v, FromFS = %v", a.Files(), b.Files())
	}
}

func TestOpenBadTargets(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "file.txt"), "x")
	for _, target := range []string{filepath.Join(dir, "missing"), filepath.Join(dir, "file.txt")} {
		if s, err := Open(context.Background(), target, Options{}); err == nil {
			s.Close()
			t.Errorf("Open(%s) succeeded, want an error", target)
		} else if !strings.Contains(err.Error(), target) {
			t.Errorf("Open(%s) error %q does not name the target", target, err)
		}
	}
}

func TestIsRemote(t *testing.T) {
	for target, want := range map[string]bool{
		"https://github.com/a/b":   true,
		"HTTP://example.com/a.git": true,
		"ssh://git@github.com/a/b": true,
		"git@github.com:a/b.git":   true,
		"file:///srv/git/a.git":    true,
		"git://example.com/a":      true,
		".":                        false,
		"./src":                    false,
		"/home/me/project":         false,
		"C:\\work\\project":        false,
		"me@home/not-a-url":        false,
		"folder:with:colons":       false,
	} {
		if got := IsRemote(target); got != want {
			t.Errorf("IsRemote(%q) = %v, want %v", target, got, want)
		}
	}
}

func TestOpenCanceled(t *testing.T) {
	dir := t.TempDir()
	writeFile(t, filepath.Join(dir, "a.txt"), "a")
	ctx, cancel := context.WithCancel(context.Background())
	cancel()
	if s, err := Open(ctx, dir, Options{}); !errors.Is(err, context.Canceled) {
		if s != nil {
			s.Close()
		}
		t.Errorf("Open with a canceled context: %v, want context.Canceled", err)
	}
}

func TestMemoComputesOnce(t *testing.T) {
	snap, err := FromFS(context.Background(), fstest.MapFS{"a.py": {Data: []byte("x = 1\n")}}, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var calls atomic.Int32
	var wg sync.WaitGroup
	for i := 0; i < 8; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			if v := snap.Memo("k", func() any { calls.Add(1); return 42 }); v != 42 {
				t.Errorf("Memo = %v", v)
			}
		}()
	}
	wg.Wait()
	if calls.Load() != 1 {
		t.Errorf("computed %d times, want once", calls.Load())
	}
}

func TestMatchPath(t *testing.T) {
	tests := []struct {
		pat, p string
		want   bool
	}{
		{"**/package.json", "package.json", true},
		{"**/package.json", "apps/web/package.json", true},
		{"**/package.json", "apps/web/package.json.bak", false},
		{"**/Dockerfile.*", "svc/Dockerfile.prod", true},
		{"**/*.py", "a/b/c.py", true},
		{"**/*.py", "a/b.py/c.txt", false},
		{"**/requirements/*.txt", "backend/requirements/base.txt", true},
		{"**/requirements/*.txt", "requirements/base.txt", true},
		{"**/requirements/*.txt", "requirements.txt", false},
		{".github/workflows/*.yml", ".github/workflows/ci.yml", true},
		{".github/workflows/*.yml", "x/.github/workflows/ci.yml", false},
		{"package.json", "a/package.json", false},
	}
	for _, tt := range tests {
		if got := MatchPath(tt.pat, tt.p); got != tt.want {
			t.Errorf("MatchPath(%q, %q) = %v, want %v", tt.pat, tt.p, got, tt.want)
		}
	}
}

func TestSnapshotName(t *testing.T) {
	for target, want := range map[string]string{
		"https://github.com/org/shop.git": "shop",
		"git@github.com:org/shop.git":     "shop",
		"file:///srv/git/shop":            "shop",
		"services/api/":                   "api",
	} {
		if got := (&Snapshot{Target: target}).Name(); got != want {
			t.Errorf("Name of %q = %q, want %q", target, got, want)
		}
	}
	if got := (&Snapshot{Target: ".", absTarget: "/home/me/shop"}).Name(); got != "shop" {
		t.Errorf("Name of . = %q", got)
	}
	if got := (&Snapshot{Target: "."}).Name(); got != "" {
		t.Errorf("Name of an in-memory snapshot = %q, want empty", got)
	}
}

// TestCompilePatternsAgreeWithMatchPath checks the fast forms against
// MatchPath on paths that sit on their edges.
func TestCompilePatternsAgreeWithMatchPath(t *testing.T) {
	pats := []string{"**/package.json", "**/*.py", "**/Dockerfile.*", "**/*requirements*.txt", "**/requirements/*.txt",
		".circleci/config.yml", "**/.eslintrc*", "**/[ab].js", "**/*.tar.gz", "*.md", "**/a\\*b"}
	paths := []string{"package.json", "x/package.json", "x/package.json.bak", "apackage.json", "a.py", "x/y/a.py", "a.pyc", ".py",
		"Dockerfile.dev", "x/Dockerfile", "dev-requirements.txt", "requirements/base.txt", "x/requirements/base.txt",
		".circleci/config.yml", "x/.circleci/config.yml", ".eslintrc.json", "x/.eslintrc", "a.js", "x/b.js", "c.js",
		"x.tar.gz", "README.md", "x/README.md", "a*b", "x/a*b", "axb"}
	for _, pat := range pats {
		m := CompilePatterns(pat)
		for _, p := range paths {
			if got, want := m.Match(p), MatchPath(pat, p); got != want {
				t.Errorf("CompilePatterns(%q).Match(%q) = %v, MatchPath says %v", pat, p, got, want)
			}
		}
	}
	if m := CompilePatterns("**/*.py", "**/package.json"); !m.Match("a/b.py") || !m.Match("package.json") || m.Match("a.js") {
		t.Error("a list of patterns matches when any one does")
	}
}

func FuzzCompilePatterns(f *testing.F) {
	f.Add("**/*.py", "a/b.py")
	f.Add("**/package.json", "package.json")
	f.Add("**/*requirements*.txt", "x/dev-requirements.txt")
	f.Add("**/a]", "a]")
	f.Fuzz(func(t *testing.T, pat, p string) {
		if got, want := CompilePatterns(pat).Match(p), MatchPath(pat, p); got != want {
			t.Fatalf("CompilePatterns(%q).Match(%q) = %v, MatchPath says %v", pat, p, got, want)
		}
	})
}

func TestValidName(t *testing.T) {
	for name, want := range map[string]bool{
		".": true, "a": true, "a/b": true, "caf\xe9/x.py": true, "a/.b": true,
		"": false, "/a": false, "a/": false, "a//b": false, "./a": false, "a/./b": false, "a/../b": false, "..": false,
	} {
		if got := validName(name); got != want {
			t.Errorf("validName(%q) = %v, want %v", name, got, want)
		}
	}
}

// matchPathRef is MatchPath as first written: every suffix after a slash
// tried in turn; the fast path must agree with it.
func matchPathRef(pat, p string) bool {
	if rest, ok := strings.CutPrefix(pat, "**/"); ok {
		if ok, _ := path.Match(rest, p); ok {
			return true
		}
		for i := 0; i < len(p); i++ {
			if p[i] == '/' {
				if ok, _ := path.Match(rest, p[i+1:]); ok {
					return true
				}
			}
		}
		return false
	}
	ok, _ := path.Match(pat, p)
	return ok
}

func FuzzMatchPath(f *testing.F) {
	f.Add("**/requirements/*.txt", "a/requirements/base.txt")
	f.Add("**/a/*/c", "x/a/b/c")
	f.Add("**/.github/workflows/*.yml", ".github/workflows/ci.yml")
	f.Add("**/x/", "a/x/")
	f.Fuzz(func(t *testing.T, pat, p string) {
		if got, want := MatchPath(pat, p), matchPathRef(pat, p); got != want {
			t.Fatalf("MatchPath(%q, %q) = %v, the reference says %v", pat, p, got, want)
		}
	})
}

// TestRootFSConfined reads through the working-tree file system: links
// that lead out of the root fail, links inside it and plain files read.
func TestRootFSConfined(t *testing.T) {
	dir := t.TempDir()
	root := filepath.Join(dir, "root")
	if err := os.MkdirAll(filepath.Join(root, "sub"), 0o755); err != nil {
		t.Fatal(err)
	}
	for name, data := range map[string]string{"root/a.txt": "inside\n", "outside.txt": "secret\n"} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(data), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	links := map[string]string{
		"root/up.txt":     "../outside.txt",
		"root/abs.txt":    filepath.Join(dir, "outside.txt"),
		"root/sub/in.txt": "../a.txt",
		"root/loop1":      "loop2",
		"root/loop2":      "loop1",
	}
	for name, target := range links {
		if err := os.Symlink(target, filepath.Join(dir, name)); err != nil {
			t.Skipf("symbolic links: %v", err)
		}
	}
	r, err := os.OpenRoot(root)
	if err != nil {
		t.Fatal(err)
	}
	defer r.Close()
	b := openBeneath(root)
	defer b.close()
	// With openat2 (Linux) and with the Root alone (elsewhere, or when
	// openat2 is refused).
	for _, fsys := range []rootFS{{r, b}, {r, nil}} {
		for _, name := range []string{"up.txt", "abs.txt"} {
			if data, err := fsys.readFileSize(name, 7); err == nil {
				t.Errorf("%s read %q from outside the root", name, data)
			}
		}
		for _, name := range []string{"a.txt", "sub/in.txt"} {
			if data, err := fsys.readFileSize(name, 7); err != nil || string(data) != "inside\n" {
				t.Errorf("%s = %q, %v", name, data, err)
			}
			if data, err := fsys.ReadFile(name); err != nil || string(data) != "inside\n" {
				t.Errorf("ReadFile(%s) = %q, %v", name, data, err)
			}
		}
		if _, err := fsys.readFileSize("sub", 0); err == nil {
			t.Error("a folder read as a file")
		}
		if data, err := fsys.readFileSize("a.txt", 2); err != nil || string(data) != "inside\n" {
			t.Errorf("a file that grew since the walk: %q, %v", data, err)
		}
		// Stat follows links inside the root, and says why it will not
		// follow the others in the words the walk looks for.
		if info, err := fsys.Stat("sub/in.txt"); err != nil || info.Size() != 7 || info.IsDir() {
			t.Errorf("Stat(sub/in.txt) = %v, %v", info, err)
		}
		if info, err := fsys.Stat("sub"); err != nil || !info.IsDir() {
			t.Errorf("Stat(sub) = %v, %v", info, err)
		}
		if _, err := fsys.Stat("missing.txt"); !errors.Is(err, fs.ErrNotExist) {
			t.Errorf("Stat(missing.txt) = %v, want not exist", err)
		}
		if _, err := fsys.Stat("up.txt"); err == nil || !strings.Contains(err.Error(), "escapes") {
			t.Errorf("Stat(up.txt) = %v, want an escape", err)
		}
		if _, err := fsys.Stat("loop1"); err == nil || !strings.Contains(err.Error(), "too many levels of symbolic links") {
			t.Errorf("Stat(loop1) = %v, want a loop", err)
		}
	}
}
