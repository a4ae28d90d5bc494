package stackaudit

import (
	"bytes"
	"context"
	"errors"
	"io/fs"
	"os"
	"strings"
	"testing"
	"testing/fstest"
	"time"

	"github.com/stackaudit/stackaudit/internal/hostile"
	"github.com/stackaudit/stackaudit/repo"
	"github.com/stackaudit/stackaudit/report"
)

// hostileDeadline bounds each scan of a hostile tree: a scan that hangs
// (on a FIFO, a symlink loop) fails the test instead of the whole run.
const hostileDeadline = time.Minute

// buildHostile writes case c into a fresh temporary folder, skipping the
// test when c cannot be built here.
func buildHostile(t *testing.T, c hostile.Case) string {
	t.Helper()
	if c.Large && testing.Short() {
		t.Skip("large tree; skipped under -short")
	}
	dir := t.TempDir()
	t.Cleanup(func() { hostile.Restore(dir) })
	start := time.Now()
	if err := c.Write(dir); err != nil {
		if errors.Is(err, hostile.Skip) {
			t.Skip(err)
		}
		t.Fatal(err)
	}
	if c.Large {
		t.Logf("built in %v", time.Since(start).Round(time.Millisecond))
	}
	return dir
}

// TestHostileTrees scans every adversarial tree: no panic, no hang, a
// notification naming each path that could not be read and why, the
// control unit's SA601 still reported, and output that renders and
// validates.
func TestHostileTrees(t *testing.T) {
	for _, c := range hostile.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			dir := buildHostile(t, c)
			revs := []string{""}
			if c.Rev {
				revs = append(revs, "HEAD")
			}
			for _, rev := range revs {
				res, err, elapsed := scanWithin(t, dir, Options{Rev: rev})
				if err != nil {
					t.Fatalf("rev %q: scan failed after %v: %v", rev, elapsed, err)
				}
				if c.Large {
					t.Logf("rev %q: scanned in %v", rev, elapsed.Round(time.Millisecond))
				}
				checkHostile(t, c, rev, res)
			}
		})
	}
}

// scanWithin scans dir under hostileDeadline and fails the test if the scan
// does not come back soon after: a scan blocked in a system call (opening
// a FIFO) ignores its context, and the test must say so rather than hang.
func scanWithin(t *testing.T, dir string, opts Options) (*Result, error, time.Duration) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), hostileDeadline)
	defer cancel()
	type outcome struct {
		res *Result
		err error
	}
	done := make(chan outcome, 1)
	start := time.Now()
	go func() {
		res, err := Scan(ctx, dir, opts)
		done <- outcome{res, err}
	}()
	select {
	case o := <-done:
		return o.res, o.err, time.Since(start)
	case <-time.After(hostileDeadline + 10*time.Second):
		t.Fatalf("scan of %s hung: no answer %v after its deadline", dir, 10*time.Second)
		return nil, nil, 0
	}
}

func checkHostile(t *testing.T, c hostile.Case, rev string, res *Result) {
	t.Helper()
	var notes []string
	for _, n := range res.Notifications {
		notes = append(notes, n.Path+": "+n.Message)
	}
	t.Logf("rev %q: %d findings; notifications:\n%s", rev, len(res.Findings), strings.Join(notes, "\n"))
	if rev == "" {
		for _, want := range c.Notes {
			found := false
			for _, n := range res.Notifications {
				if n.Path == want.Path && strings.Contains(n.Message, want.Reason) {
					found = true
				}
			}
			if !found {
				t.Errorf("no notification for %q mentioning %q; got:\n%s", want.Path, want.Reason, strings.Join(notes, "\n"))
			}
		}
	}
	findings := append([][2]string{{"SA601", hostile.ControlManifest}}, c.Findings...)
	for _, want := range findings {
		found := false
		for _, f := range res.Findings {
			if f.Code == want[0] && f.Location.Path == want[1] {
				found = true
			}
		}
		if !found {
			var got []string
			for _, f := range res.Findings {
				got = append(got, f.Code+" "+f.Location.Path)
			}
			t.Errorf("rev %q: no %s finding at %q; got:\n%s\nnotifications:\n%s", rev, want[0], want[1], strings.Join(got, "\n"), strings.Join(notes, "\n"))
		}
	}
	if check := hostileChecks[c.Name]; check != nil {
		check(t, rev, res)
	}
	var b bytes.Buffer
	if err := report.JSON(&b, res); err != nil {
		t.Errorf("JSON: %v", err)
	}
	b.Reset()
	if err := report.Text(&b, res, report.TextOptions{}); err != nil {
		t.Errorf("text: %v", err)
	}
	b.Reset()
	if err := report.SARIF(&b, res); err != nil {
		t.Fatalf("SARIF: %v", err)
	}
	if err := report.ValidateSARIF(b.Bytes(), schemaPath); err != nil {
		t.Errorf("SARIF fails the schema: %v", err)
	}
}

// TestScanSaysWhereItStopped: a scan whose deadline has passed fails with
// DeadlineExceeded and an error naming the stage it stopped in.
func TestScanSaysWhereItStopped(t *testing.T) {
	dir := t.TempDir()
	if err := hostile.Control(dir); err != nil {
		t.Fatal(err)
	}
	ctx, cancel := context.WithDeadline(context.Background(), time.Now().Add(-time.Second))
	defer cancel()
	_, err := Scan(ctx, dir, Options{})
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "stopped at .") {
		t.Errorf("Scan after the deadline: %v; want DeadlineExceeded naming where the walk stopped", err)
	}
	snap, err := repo.FromFS(context.Background(), os.DirFS(dir), repo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	_, err = ScanSnapshot(ctx, snap, nil, Options{})
	if !errors.Is(err, context.DeadlineExceeded) || !strings.Contains(err.Error(), "detecting the stack (1 files indexed)") {
		t.Errorf("ScanSnapshot after the deadline: %v; want DeadlineExceeded naming the stage", err)
	}
}

// hostileChecks are what some cases must show beyond notifications and
// findings.
var hostileChecks = map[string]func(t *testing.T, rev string, res *Result){
	"shallow-clone": func(t *testing.T, rev string, res *Result) {
		if g := res.Inventory.Git; g == nil || !g.Shallow || g.Commits != 1 {
			t.Errorf("rev %q: git facts %+v; want a shallow history of one commit", rev, g)
		}
	},
	"submodule": func(t *testing.T, rev string, res *Result) {
		if g := res.Inventory.Git; g == nil || g.Commits != 1 {
			t.Errorf("rev %q: git facts %+v; want one commit", rev, g)
		}
	},
	"huge-gitignore": func(t *testing.T, rev string, res *Result) {
		for _, u := range res.Inventory.Units {
			if strings.HasPrefix(u.Path, "cache-") {
				t.Errorf("unit %s is in a folder the .gitignore excludes", u.Path)
			}
		}
	},
	"git-head-nowhere": func(t *testing.T, rev string, res *Result) {
		if res.Inventory.Git != nil {
			t.Errorf("git facts %+v from a repository whose HEAD leads nowhere", res.Inventory.Git)
		}
	},
}

// deniedFS refuses to open the paths in deny, as a file system does for a
// file or folder with mode 000 when not running as root.
type deniedFS struct {
	fstest.MapFS
	deny map[string]bool
}

func (d deniedFS) Open(name string) (fs.File, error) {
	if d.deny[name] {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return d.MapFS.Open(name)
}

func (d deniedFS) ReadFile(name string) ([]byte, error) {
	if d.deny[name] {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return d.MapFS.ReadFile(name)
}

func (d deniedFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if d.deny[name] {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrPermission}
	}
	return d.MapFS.ReadDir(name)
}

// TestUnreadableEvenAsRoot is the unreadable-file case for runs as root,
// where chmod 000 hides nothing: the file system itself refuses.
func TestUnreadableEvenAsRoot(t *testing.T) {
	fsys := deniedFS{
		MapFS: fstest.MapFS{
			hostile.ControlManifest: {Data: []byte(`{"name": "app", "dependencies": {"express": "^4.18.2"}}`)},
			"locked/package.json":   {Data: []byte(`{"name": "locked"}`)},
			"sealed/package.json":   {Data: []byte(`{"name": "sealed"}`)},
		},
		deny: map[string]bool{"locked/package.json": true, "sealed": true},
	}
	ctx := context.Background()
	snap, err := repo.FromFS(ctx, fsys, repo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := ScanSnapshot(ctx, snap, nil, Options{})
	if err != nil {
		t.Fatal(err)
	}
	checkHostile(t, hostile.Case{Name: "unreadable-fs", Notes: []hostile.Note{
		{Path: "locked/package.json", Reason: "permission denied"},
		{Path: "sealed", Reason: "permission denied"},
	}}, "", res)
}
