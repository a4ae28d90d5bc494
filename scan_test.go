package stackaudit

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/stackaudit/stackaudit/config"
	"github.com/stackaudit/stackaudit/repo"
	"github.com/stackaudit/stackaudit/report"
)

var update = flag.Bool("update", false, "rewrite golden files")

const schemaPath = "report/testdata/sarif-schema-2.1.0.json"

// scanFixture scans a fixture folder without git facts, so that output does
// not depend on this repository's own history.
func scanFixture(t *testing.T, dir string) *Result {
	t.Helper()
	ctx := context.Background()
	snap, err := repo.FromFS(ctx, os.DirFS(dir), repo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	res, err := ScanSnapshot(ctx, snap, config.Default(), Options{Category: "stackaudit/demo"})
	if err != nil {
		t.Fatal(err)
	}
	res.Tool.Version = "test"
	return res
}

func render(t *testing.T, res *Result) map[string][]byte {
	t.Helper()
	out := map[string][]byte{}
	var b bytes.Buffer
	if err := report.Text(&b, res, report.TextOptions{}); err != nil {
		t.Fatal(err)
	}
	out["txt"] = append([]byte(nil), b.Bytes()...)
	b.Reset()
	if err := report.JSON(&b, res); err != nil {
		t.Fatal(err)
	}
	out["json"] = append([]byte(nil), b.Bytes()...)
	b.Reset()
	if err := report.SARIF(&b, res); err != nil {
		t.Fatal(err)
	}
	out["sarif"] = append([]byte(nil), b.Bytes()...)
	return out
}

// TestDemoGolden pins the whole pipeline's output on the demo repository in
// every format.
func TestDemoGolden(t *testing.T) {
	got := render(t, scanFixture(t, "testdata/demo"))
	for ext, b := range got {
		path := filepath.Join("testdata", "golden", "demo."+ext)
		if *update {
			if err := os.MkdirAll(filepath.Dir(path), 0o755); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(path, b, 0o644); err != nil {
				t.Fatal(err)
			}
			continue
		}
		want, err := os.ReadFile(path)
		if err != nil {
			t.Fatalf("%v (run go test -run TestDemoGolden -update)", err)
		}
		if !bytes.Equal(b, want) {
			t.Errorf("%s differs from a fresh scan; if the change is intended, run go test -run TestDemoGolden -update and review the diff\n--- got\n%s", path, b)
		}
	}
	if err := report.ValidateSARIF(got["sarif"], schemaPath); err != nil {
		t.Errorf("demo SARIF fails the SARIF 2.1.0 schema: %v", err)
	}
}

// TestDeterministic scans the same tree twice and demands identical bytes.
func TestDeterministic(t *testing.T) {
	a := render(t, scanFixture(t, "testdata/demo"))
	b := render(t, scanFixture(t, "testdata/demo"))
	for ext := range a {
		if !bytes.Equal(a[ext], b[ext]) {
			t.Errorf("%s output differs between two scans of the same tree", ext)
		}
	}
}

// TestScanDirectory runs the real entry point on a directory, git facts and
// all, and validates the SARIF it gives.
func TestScanDirectory(t *testing.T) {
	res, err := Scan(context.Background(), "testdata/demo", Options{})
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Findings) == 0 || len(res.Inventory.Units) == 0 {
		t.Fatalf("demo: %d findings, %d units", len(res.Findings), len(res.Inventory.Units))
	}
	var b bytes.Buffer
	if err := report.SARIF(&b, res); err != nil {
		t.Fatal(err)
	}
	if err := report.ValidateSARIF(b.Bytes(), schemaPath); err != nil {
		t.Error(err)
	}
}

// TestMalformedManifests: a broken package.json and a broken pyproject.toml
// are reported as notifications naming the file and the parse error, and the
// rest of the scan still runs.
func TestMalformedManifests(t *testing.T) {
	dir := t.TempDir()
	files := map[string]string{
		"web/package.json":         `{"name": "web", "dependencies": {"express": "^4"`,
		"worker/pyproject.toml":    "[project\nname = 'worker'\n",
		"api/package.json":         `{"name": "api", "private": true, "dependencies": {"express": "^4.19.0"}}`,
		"api/index.js":             "require('express')\n",
		"binary/pyproject.toml":    "\x00\x01\x02garbage\x00",
		"notutf8/requirements.txt": "flask==3.0.3 \xff\xfe\n",
	}
	for name, body := range files {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	res, err := Scan(context.Background(), dir, Options{})
	if err != nil {
		t.Fatal(err)
	}
	var notes []string
	for _, n := range res.Notifications {
		notes = append(notes, n.Path+": "+n.Message)
	}
	joined := strings.Join(notes, "\n")
	for _, want := range []string{"web/package.json", "worker/pyproject.toml", "binary/pyproject.toml"} {
		if !strings.Contains(joined, want) {
			t.Errorf("no notification names %s; got:\n%s", want, joined)
		}
	}
	var sawAPI bool
	for _, f := range res.Findings {
		if f.Code == "SA601" && f.Location.Path == "api/package.json" {
			sawAPI = true
		}
	}
	if !sawAPI {
		t.Errorf("the valid api unit was not scanned: findings %+v", res.Findings)
	}
	var b bytes.Buffer
	if err := report.SARIF(&b, res); err != nil {
		t.Fatal(err)
	}
	if err := report.ValidateSARIF(b.Bytes(), schemaPath); err != nil {
		t.Error(err)
	}
	if !bytes.Contains(b.Bytes(), []byte("toolExecutionNotifications")) {
		t.Error("SARIF does not carry the notifications")
	}
}

// TestSARIFFile validates a SARIF file written by the built binary; .ci/run
// sets STACKAUDIT_SARIF_FILE after running it on the demo repository.
func TestSARIFFile(t *testing.T) {
	path := os.Getenv("STACKAUDIT_SARIF_FILE")
	if path == "" {
		t.Skip("STACKAUDIT_SARIF_FILE not set")
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	if err := report.ValidateSARIF(b, schemaPath); err != nil {
		t.Fatal(err)
	}
	var log struct {
		Runs []struct {
			Tool struct {
				Driver struct {
					Rules []struct {
						ID      string `json:"id"`
						HelpURI string `json:"helpUri"`
					} `json:"rules"`
				} `json:"driver"`
			} `json:"tool"`
			Results []struct {
				RuleID              string            `json:"ruleId"`
				PartialFingerprints map[string]string `json:"partialFingerprints"`
				Locations           []struct {
					PhysicalLocation struct {
						ArtifactLocation struct {
							URI       string `json:"uri"`
							URIBaseID string `json:"uriBaseId"`
						} `json:"artifactLocation"`
						Region struct {
							StartLine int `json:"startLine"`
						} `json:"region"`
					} `json:"physicalLocation"`
				} `json:"locations"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(b, &log); err != nil {
		t.Fatal(err)
	}
	if len(log.Runs) != 1 || len(log.Runs[0].Results) == 0 {
		t.Fatalf("want one run with results, got %d runs", len(log.Runs))
	}
	rules := map[string]bool{}
	for _, r := range log.Runs[0].Tool.Driver.Rules {
		if r.HelpURI == "" {
			t.Errorf("rule %s has no helpUri", r.ID)
		}
		rules[r.ID] = true
	}
	for _, r := range log.Runs[0].Results {
		if !rules[r.RuleID] || len(r.PartialFingerprints) == 0 || len(r.Locations) == 0 {
			t.Errorf("result %s: rule known %v, %d fingerprints, %d locations", r.RuleID, rules[r.RuleID], len(r.PartialFingerprints), len(r.Locations))
			continue
		}
		pl := r.Locations[0].PhysicalLocation
		if pl.ArtifactLocation.URIBaseID != "%SRCROOT%" || pl.Region.StartLine < 1 || strings.HasPrefix(pl.ArtifactLocation.URI, "/") {
			t.Errorf("result %s: location %+v is not a %%SRCROOT%%-relative one with a region", r.RuleID, pl)
		}
	}
}
