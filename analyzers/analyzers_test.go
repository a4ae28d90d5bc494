package analyzers_test

import (
	"context"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stackaudit/stackaudit/analyzers"
	"github.com/stackaudit/stackaudit/config"
	"github.com/stackaudit/stackaudit/detectors"
	"github.com/stackaudit/stackaudit/repo"
)

var update = flag.Bool("update", false, "rewrite the .want files of the rule fixtures")

// fixtureRoot holds one folder a rule (named by its code), one folder a case
// inside it, and beside each case folder a <case>.want file with the
// findings that rule must report there, one a line.
const fixtureRoot = "../testdata/rules"

// TestFixtures runs every rule over each of its fixture repositories and
// compares what it reports with the checked-in expectations.
func TestFixtures(t *testing.T) {
	for _, a := range analyzers.All() {
		dir := filepath.Join(fixtureRoot, a.Code)
		entries, err := os.ReadDir(dir)
		if err != nil {
			t.Errorf("%s %s: no fixtures: %v", a.Code, a.Name, err)
			continue
		}
		var hits, clean int
		for _, e := range entries {
			if !e.IsDir() {
				continue
			}
			caseDir := filepath.Join(dir, e.Name())
			t.Run(a.Code+"/"+e.Name(), func(t *testing.T) {
				got := runFixture(t, a, caseDir)
				if got == "" {
					clean++
				} else {
					hits++
				}
				wantPath := caseDir + ".want"
				if *update {
					if err := os.WriteFile(wantPath, []byte(got), 0o644); err != nil {
						t.Fatal(err)
					}
					return
				}
				want, err := os.ReadFile(wantPath)
				if err != nil {
					t.Fatalf("read expectations: %v (run with -update to write them, then check them by eye)", err)
				}
				if got != string(want) {
					t.Errorf("findings differ from %s\n--- got\n%s--- want\n%s", wantPath, got, want)
				}
			})
		}
		// A rule is tested only when it is shown both firing and keeping
		// quiet on a near miss (checked when every case ran, not under -run).
		if (hits == 0 || clean == 0) && flag.Lookup("test.run").Value.String() == "" {
			t.Errorf("%s %s: fixtures need at least one case that fires and one that does not (have %d and %d)", a.Code, a.Name, hits, clean)
		}
	}
}

// runFixture scans one case folder and returns the rule's notices (the
// rule could not judge; "notice path: message") and findings, one a line:
// path:line: CODE name [level]: message.
func runFixture(t *testing.T, a *analyzers.Analyzer, dir string) string {
	t.Helper()
	ctx := context.Background()
	snap, err := repo.FromFS(ctx, os.DirFS(dir), repo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cfg := config.Default()
	if b, err := snap.ReadFile(config.FileName); err == nil {
		if cfg, err = config.Parse(config.FileName, b); err != nil {
			t.Fatal(err)
		}
		if err := analyzers.CheckConfig(cfg); err != nil {
			t.Fatal(err)
		}
	}
	inv := detectors.Detect(ctx, snap)
	var b strings.Builder
	out := analyzers.RunAll(ctx, snap, inv, cfg)
	// A rule that could not judge says so in a notice, which the case
	// shows as it shows a finding.
	for _, n := range out.Notes {
		if n.Code == a.Code {
			fmt.Fprintf(&b, "notice %s: %s\n", n.Path, n.Message)
		}
	}
	for _, f := range out.Findings {
		if f.Code != a.Code {
			continue
		}
		if f.Fingerprint == "" {
			t.Errorf("%s: finding without a fingerprint", f.Location.Path)
		}
		fmt.Fprintf(&b, "%s:%d: %s %s [%s]: %s\n", f.Location.Path, f.Location.Line, f.Code, f.Rule, f.Level, f.Message)
		for _, r := range f.Related {
			fmt.Fprintf(&b, "\trelated %s:%d: %s\n", r.Path, r.Line, r.Message)
		}
	}
	return b.String()
}

// TestDocs checks that every rule's page has the sections users rely on
// and that the published copy under docs/rules matches the embedded one.
func TestDocs(t *testing.T) {
	sections := []string{"## Why it matters", "## What triggers it", "## Example", "## How to fix", "## Configuration"}
	for _, a := range analyzers.All() {
		if !strings.HasPrefix(a.Doc, "# "+a.Code+" "+a.Name+"\n") {
			t.Errorf("%s: doc must start with %q", a.Code, "# "+a.Code+" "+a.Name)
		}
		for _, s := range sections {
			if !strings.Contains(a.Doc, "\n"+s+"\n") {
				t.Errorf("%s: doc lacks a %q section", a.Code, s)
			}
		}
		if a.Summary == "" || len(a.Tags) == 0 || len(a.Tags) > 10 {
			t.Errorf("%s: needs a summary and 1 to 10 tags", a.Code)
		}
		published := filepath.Join("..", "docs", "rules", a.Code+"-"+a.Name+".md")
		if *update {
			if err := os.MkdirAll(filepath.Dir(published), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(published, []byte(a.Doc), 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		b, err := os.ReadFile(published)
		if err != nil || string(b) != a.Doc {
			t.Errorf("%s is missing or out of date; run go test ./analyzers -run TestDocs -update", published)
		}
	}
}

// TestLookup accepts codes and names in any case.
func TestLookup(t *testing.T) {
	for _, q := range []string{"SA601", "sa601", "missing-lockfile", "MISSING-LOCKFILE"} {
		if a := analyzers.Lookup(q); a == nil || a.Code != "SA601" {
			t.Errorf("Lookup(%q) = %v", q, a)
		}
	}
	if a := analyzers.Lookup("SA999"); a != nil {
		t.Errorf("Lookup(SA999) = %v, want nil", a.Code)
	}
}

func TestCheckConfig(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"known rule by name", "[rules.missing-lockfile]\nlevel = \"error\"\n", ""},
		{"unknown rule", "[rules.SA999]\nlevel = \"error\"\n", "rules.SA999: no rule has that code or name"},
		{"unknown option", "[rules.SA601]\nthreshold = 3\n", "rules.SA601.threshold: SA601 has no such setting (it has enabled, level)"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			cfg, err := config.Parse(".stackaudit.toml", []byte(tt.data))
			if err != nil {
				t.Fatal(err)
			}
			err = analyzers.CheckConfig(cfg)
			if tt.want == "" && err != nil || tt.want != "" && (err == nil || !strings.Contains(err.Error(), tt.want)) {
				t.Errorf("CheckConfig = %v, want %q", err, tt.want)
			}
		})
	}
}
