package main

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestBaselineCommand writes a baseline of the demo and scans against it:
// nothing is left to report, the summary counts what was baselined, and
// --fail-on note no longer fails.
func TestBaselineCommand(t *testing.T) {
	file := filepath.Join(t.TempDir(), "baseline.json")
	code, _, stderr := run(t, "baseline", demo, "--output", file)
	if code != 0 || !strings.Contains(stderr, "findings written to "+file) {
		t.Fatalf("baseline: exit %d, stderr %q", code, stderr)
	}
	if b, err := os.ReadFile(file); err != nil || !strings.Contains(string(b), `"fingerprint"`) {
		t.Fatalf("baseline file: %v, %.200s", err, b)
	}
	if code, _, _ := run(t, "scan", demo, "--fail-on", "note"); code != 1 {
		t.Fatalf("scan without baseline: exit %d, want 1", code)
	}
	code, stdout, stderr := run(t, "scan", demo, "--fail-on", "note", "--baseline", file)
	if code != 0 || !strings.Contains(stdout, "no findings in 2 units") || !strings.Contains(stdout, "baselined") {
		t.Errorf("scan --baseline: exit %d, stdout %q, stderr %q", code, stdout, stderr)
	}
	if code, _, stderr := run(t, "scan", demo, "--baseline", filepath.Join(t.TempDir(), "none.json")); code != 2 || !strings.Contains(stderr, "baseline") {
		t.Errorf("missing baseline: exit %d, stderr %q", code, stderr)
	}
	if code, _, stderr := run(t, "baseline", demo, "--format", "json"); code != 2 {
		t.Errorf("baseline --format: exit %d, want 2 (no such flag), stderr %q", code, stderr)
	}
}

// TestSuppressedDoNotFail: a finding suppressed inline neither shows in the
// text report nor sets the exit status.
func TestSuppressedDoNotFail(t *testing.T) {
	dir := t.TempDir()
	for name, body := range map[string]string{
		"requirements.txt": "flask==3.0.3\n",
		"app.py":           "from flask import Flask\napp = Flask(__name__)\n",
		"Dockerfile":       "FROM python:3.12-slim\n# stackaudit:ignore SA503 local development image\nCMD flask run --debug\n",
		".stackaudit.toml": "[rules.SA201]\nenabled = false\n[rules.SA202]\nenabled = false\n[rules.SA601]\nenabled = false\n",
	} {
		if err := os.WriteFile(filepath.Join(dir, name), []byte(body), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	code, stdout, _ := run(t, "scan", dir, "--fail-on", "warning")
	if code != 0 || strings.Contains(stdout, "SA503") || !strings.Contains(stdout, "1 suppressed") {
		t.Errorf("text report, exit %d:\n%s", code, stdout)
	}
	code, stdout, _ = run(t, "scan", dir, "--format", "sarif")
	if code != 0 || !strings.Contains(stdout, `"suppressions"`) || !strings.Contains(stdout, "local development image") {
		t.Errorf("sarif: exit %d, no suppression in:\n%.500s", code, stdout)
	}
}
