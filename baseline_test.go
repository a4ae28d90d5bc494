package stackaudit

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"

	"github.com/stackaudit/stackaudit/report"
)

// TestBaselineRoundTrip writes the demo's findings as JSON and as SARIF,
// reads each back as a baseline, and expects the rescan to report nothing
// and count every finding as baselined.
func TestBaselineRoundTrip(t *testing.T) {
	ctx := context.Background()
	res, err := Scan(ctx, "testdata/demo", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) == 0 {
		t.Fatal("the demo has no findings to baseline")
	}
	for _, format := range []string{"json", "sarif"} {
		t.Run(format, func(t *testing.T) {
			var b bytes.Buffer
			write := report.JSON
			if format == "sarif" {
				write = report.SARIF
			}
			if err := write(&b, res); err != nil {
				t.Fatal(err)
			}
			fps, err := ParseBaseline(b.Bytes())
			if err != nil {
				t.Fatal(err)
			}
			if len(fps) != len(res.Findings) {
				t.Errorf("baseline holds %d fingerprints, the scan had %d findings", len(fps), len(res.Findings))
			}
			file := filepath.Join(t.TempDir(), "baseline."+format)
			if err := os.WriteFile(file, b.Bytes(), 0o644); err != nil {
				t.Fatal(err)
			}
			again, err := Scan(ctx, "testdata/demo", Options{Baseline: file})
			if err != nil {
				t.Fatal(err)
			}
			if len(again.Findings) != 0 || again.Baselined != len(res.Findings) {
				t.Errorf("rescan: %d findings, %d baselined; want 0 and %d", len(again.Findings), again.Baselined, len(res.Findings))
			}
		})
	}
	// Half a baseline leaves the other half reported.
	half := Fingerprints{}
	for _, f := range res.Findings[:len(res.Findings)/2] {
		half[f.Fingerprint] = true
	}
	cp := *res
	cp.Findings = append(cp.Findings[:0:0], res.Findings...)
	half.Filter(&cp)
	if len(cp.Findings) != len(res.Findings)-len(res.Findings)/2 || cp.Baselined != len(res.Findings)/2 {
		t.Errorf("half baseline: %d left, %d baselined", len(cp.Findings), cp.Baselined)
	}
}

func TestParseBaselineRejects(t *testing.T) {
	for _, in := range []string{``, `[]`, `{}`, `{"findings": 3}`, `not json`} {
		if _, err := ParseBaseline([]byte(in)); err == nil {
			t.Errorf("ParseBaseline(%q): no error", in)
		}
	}
	if _, err := Scan(context.Background(), "testdata/demo", Options{Baseline: filepath.Join(t.TempDir(), "missing.json")}); err == nil {
		t.Error("a missing baseline file is not an error")
	}
}

// TestNewSince builds a repository in which the second commit adds a unit
// without a lockfile (a new finding) and adds the lockfile another unit
// lacked (a fixed one): --new-since the first commit reports the new one only.
func TestNewSince(t *testing.T) {
	dir := t.TempDir()
	r, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, err := r.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	when := time.Date(2026, 1, 2, 3, 4, 5, 0, time.UTC)
	commit := func(msg string, files map[string]string) string {
		t.Helper()
		names := make([]string, 0, len(files))
		for name := range files {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			p := filepath.Join(dir, filepath.FromSlash(name))
			if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(p, []byte(files[name]), 0o644); err != nil {
				t.Fatal(err)
			}
			if _, err := wt.Add(name); err != nil {
				t.Fatal(err)
			}
		}
		when = when.Add(time.Hour)
		h, err := wt.Commit(msg, &git.CommitOptions{Author: &object.Signature{Name: "Dev", Email: "dev@example.com", When: when}})
		if err != nil {
			t.Fatal(err)
		}
		return h.String()
	}
	pkg := func(name string) string {
		return `{"name": "` + name + `", "version": "1.0.0", "dependencies": {"lodash": "4.17.21"}}` + "\n"
	}
	first := commit("two units without lockfiles", map[string]string{
		"old/package.json":   pkg("old"),
		"fixed/package.json": pkg("fixed"),
	})
	commit("lock fixed, add new", map[string]string{
		"fixed/package-lock.json": `{"name": "fixed", "lockfileVersion": 3, "requires": true, "packages": {"": {"name": "fixed", "dependencies": {"lodash": "4.17.21"}}, "node_modules/lodash": {"version": "4.17.21"}}}` + "\n",
		"new/package.json":        pkg("new"),
	})
	ctx := context.Background()

	summary := func(res *Result) []string {
		var out []string
		for _, f := range res.Findings {
			out = append(out, f.Code+" "+f.Location.Path)
		}
		return out
	}
	before, err := Scan(ctx, dir, Options{Rev: first})
	if err != nil {
		t.Fatal(err)
	}
	if got := strings.Join(summary(before), ","); !strings.Contains(got, "SA601 fixed/package.json") || !strings.Contains(got, "SA601 old/package.json") {
		t.Fatalf("first commit: findings %q, want SA601 on old/ and fixed/", got)
	}
	for _, since := range []string{first, "HEAD~1"} {
		res, err := Scan(ctx, dir, Options{NewSince: since})
		if err != nil {
			t.Fatal(err)
		}
		if got := summary(res); len(got) != 1 || got[0] != "SA601 new/package.json" {
			t.Errorf("--new-since %s: findings %q, want only SA601 new/package.json", since, got)
		}
		if res.Baselined == 0 {
			t.Errorf("--new-since %s: nothing counted as baselined (old/package.json was in both)", since)
		}
	}
	if _, err := Scan(ctx, dir, Options{NewSince: "no-such-rev"}); err == nil || !strings.Contains(err.Error(), "--new-since no-such-rev") {
		t.Errorf("unknown revision: err %v", err)
	}
}
