package main

import (
	"bytes"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// run calls Main as the shell would and returns the exit status and output.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var stdout, stderr bytes.Buffer
	code := Main(args, strings.NewReader(""), &stdout, &stderr)
	return code, stdout.String(), stderr.String()
}

const demo = "../../testdata/demo"

func TestExitStatus(t *testing.T) {
	tests := []struct {
		name string
		args []string
		want int
	}{
		{"no arguments", nil, 2},
		{"unknown command", []string{"frobnicate"}, 2},
		{"help", []string{"--help"}, 0},
		{"scan help", []string{"scan", "--help"}, 0},
		{"bad flag", []string{"scan", "--no-such-flag", demo}, 2},
		{"bad format", []string{"scan", demo, "--format", "xml"}, 2},
		{"bad fail-on", []string{"scan", demo, "--fail-on", "fatal"}, 2},
		{"missing target", []string{"scan", filepath.Join(t.TempDir(), "nope")}, 2},
		{"file as target", []string{"scan", "cli.go"}, 2},
		{"two targets", []string{"scan", demo, demo}, 2},
		{"warnings under fail-on error", []string{"scan", demo}, 0},
		{"warnings at fail-on warning", []string{"scan", demo, "--fail-on", "warning"}, 1},
		{"flags before the path", []string{"scan", "--fail-on", "warning", demo}, 1},
		{"fail-on none", []string{"scan", demo, "--fail-on", "none"}, 0},
		{"stack", []string{"stack", demo}, 0},
		{"rules", []string{"rules"}, 0},
		{"explain by code", []string{"explain", "SA601"}, 0},
		{"explain by name", []string{"explain", "no-linter"}, 0},
		{"explain unknown", []string{"explain", "SA999"}, 2},
		{"explain nothing", []string{"explain"}, 2},
		{"version", []string{"version"}, 0},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			code, _, stderr := run(t, tt.args...)
			if code != tt.want {
				t.Errorf("stackaudit %s: exit %d, want %d; stderr:\n%s", strings.Join(tt.args, " "), code, tt.want, stderr)
			}
		})
	}
}

func TestHelpShowsExample(t *testing.T) {
	for _, c := range commands {
		code, out, _ := run(t, c.name, "--help")
		if code != 0 || !strings.Contains(out, "Example:\n  stackaudit "+c.name) {
			t.Errorf("stackaudit %s --help: exit %d, output lacks an example:\n%s", c.name, code, out)
		}
	}
}

func TestScanFormats(t *testing.T) {
	_, text, _ := run(t, "scan", demo)
	if !strings.Contains(text, "SA601 missing-lockfile") || strings.Contains(text, "\x1b[") {
		t.Errorf("text output lacks SA601 or has colour on a non-terminal:\n%s", text)
	}
	for _, format := range []string{"json", "sarif"} {
		_, out, _ := run(t, "scan", demo, "--format", format)
		var v map[string]any
		if err := json.Unmarshal([]byte(out), &v); err != nil {
			t.Errorf("--format %s: not JSON: %v", format, err)
		}
	}
	_, out, _ := run(t, "stack", demo, "--format", "json")
	var inv struct {
		Units []struct{ Path string } `json:"units"`
	}
	if err := json.Unmarshal([]byte(out), &inv); err != nil || len(inv.Units) == 0 {
		t.Errorf("stack --format json: %v, %d units:\n%s", err, len(inv.Units), out)
	}
}

func TestScanOutputFile(t *testing.T) {
	out := filepath.Join(t.TempDir(), "r.sarif")
	code, stdout, _ := run(t, "scan", demo, "--format", "sarif", "--output", out)
	if code != 0 || stdout != "" {
		t.Fatalf("exit %d, stdout %q", code, stdout)
	}
	b, err := os.ReadFile(out)
	if err != nil || !bytes.Contains(b, []byte(`"version": "2.1.0"`)) {
		t.Errorf("report file: %v\n%s", err, b)
	}
}

func TestExplainPrintsDoc(t *testing.T) {
	_, out, _ := run(t, "explain", "missing-lockfile")
	for _, want := range []string{"# SA601 missing-lockfile", "## How to fix", "docs/rules/SA601-missing-lockfile.md"} {
		if !strings.Contains(out, want) {
			t.Errorf("explain output lacks %q", want)
		}
	}
}

func TestRulesListsCatalog(t *testing.T) {
	_, out, _ := run(t, "rules")
	for _, want := range []string{"SA201", "no-linter", "SA601", "missing-lockfile"} {
		if !strings.Contains(out, want) {
			t.Errorf("rules output lacks %q:\n%s", want, out)
		}
	}
}

func TestColour(t *testing.T) {
	e := &env{stdout: &bytes.Buffer{}, getenv: func(string) string { return "" }}
	if colorful(e) {
		t.Error("a buffer is not a terminal")
	}
	e.getenv = func(k string) string {
		if k == "NO_COLOR" {
			return "1"
		}
		return ""
	}
	if colorful(e) {
		t.Error("NO_COLOR must turn colour off")
	}
}
