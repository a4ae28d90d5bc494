package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// TestConfigAtRev reads the configuration of a revision from git objects,
// as scan --rev does, while the working tree holds another one.
func TestConfigAtRev(t *testing.T) {
	dir := t.TempDir()
	r, err := git.PlainInit(dir, false)
	if err != nil {
		t.Fatal(err)
	}
	wt, err := r.Worktree()
	if err != nil {
		t.Fatal(err)
	}
	name := filepath.Join(dir, ".stackaudit.toml")
	if err := os.WriteFile(name, []byte("active-days = 7\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := wt.Add(".stackaudit.toml"); err != nil {
		t.Fatal(err)
	}
	sig := &object.Signature{Name: "a", Email: "a@example.com", When: time.Date(2025, 1, 2, 3, 4, 5, 0, time.UTC)}
	if _, err := wt.Commit("config", &git.CommitOptions{Author: sig, Committer: sig}); err != nil {
		t.Fatal(err)
	}
	os.WriteFile(name, []byte("active-days = 9\n"), 0o644)

	if code, out, errOut := run(t, "config", dir, "--rev", "HEAD"); code != 0 || !strings.Contains(out, "active-days = 7\n") || !strings.Contains(out, "HEAD:.stackaudit.toml") {
		t.Errorf("config --rev HEAD: exit %d, stderr %q\n%s", code, errOut, out)
	}
	if code, out, _ := run(t, "config", dir); code != 0 || !strings.Contains(out, "active-days = 9\n") {
		t.Errorf("config of the working tree: exit %d\n%s", code, out)
	}
	if code, _, _ := run(t, "config", dir, "--rev", "no-such-rev"); code != 2 {
		t.Errorf("config --rev no-such-rev: exit %d, want 2", code)
	}
}
