package stackaudit

import (
	"context"
	"io/fs"
	"os"
	"sort"
	"sync"
	"testing"

	"github.com/stackaudit/stackaudit/internal/hostile"
	"github.com/stackaudit/stackaudit/repo"
)

// countFS counts how often each regular file is opened.
type countFS struct {
	fs.FS
	mu sync.Mutex
	n  map[string]int
}

func (c *countFS) Open(name string) (fs.File, error) {
	f, err := c.FS.Open(name)
	if err == nil {
		if st, err := f.Stat(); err == nil && st.Mode().IsRegular() {
			c.mu.Lock()
			c.n[name]++
			c.mu.Unlock()
		}
	}
	return f, err
}

// Stat is not a read.
func (c *countFS) Stat(name string) (fs.FileInfo, error) { return fs.Stat(c.FS, name) }

// TestEachFileReadOnce scans a generated monorepo and the demo through a
// file system that counts reads, and demands that no file is read twice:
// sources once for every detector and rule (package source), manifests
// and configuration once (kept by the snapshot).
func TestEachFileReadOnce(t *testing.T) {
	gen := t.TempDir()
	if err := hostile.Monorepo(gen, 5, 30); err != nil {
		t.Fatal(err)
	}
	for _, target := range []string{gen, "testdata/demo"} {
		c := &countFS{FS: os.DirFS(target), n: map[string]int{}}
		snap, err := repo.FromFS(context.Background(), c, repo.Options{})
		if err != nil {
			t.Fatal(err)
		}
		res, err := ScanSnapshot(context.Background(), snap, nil, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Findings) == 0 {
			t.Fatalf("%s: no findings", target)
		}
		var twice []string
		for p, n := range c.n {
			if n > 1 {
				twice = append(twice, p)
			}
		}
		sort.Strings(twice)
		for _, p := range twice {
			t.Errorf("%s: %s read %d times", target, p, c.n[p])
		}
		if len(c.n) < 20 {
			t.Errorf("%s: only %d files read", target, len(c.n))
		}
	}
}
