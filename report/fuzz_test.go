package report

import (
	"bytes"
	"regexp"
	"testing"
	"unicode/utf8"

	"github.com/stackaudit/stackaudit/analyzers"
	"github.com/stackaudit/stackaudit/stack"
)

var ourEscapes = regexp.MustCompile(`\x1b\[[0-9;]*m`)

// checkTerminalSafe fails when out holds a control character other than
// newline (after removing the colour escapes the writers add themselves),
// invalid UTF-8 or a bidirectional override.
func checkTerminalSafe(t *testing.T, out []byte, color bool) {
	t.Helper()
	if color {
		out = ourEscapes.ReplaceAll(out, nil)
	}
	if !utf8.Valid(out) {
		t.Fatalf("invalid UTF-8 in output: %q", out)
	}
	for _, r := range string(out) {
		if r != '\n' && unsafeRune(r) {
			t.Fatalf("unsafe rune %U in output: %q", r, out)
		}
	}
}

func FuzzText(f *testing.F) {
	f.Add("backend/app.py", "m", "no-tests", "setup.cfg", "cannot parse", 3, false)
	f.Add("a\x1b[31mb", "msg\x07\nnext", "r\u202e", "\xff\xfe", "x\ry", 0, true)
	f.Fuzz(func(t *testing.T, path, msg, rule, notePath, note string, line int, color bool) {
		res := &Result{
			Findings: []analyzers.Finding{
				{Code: "SA101", Rule: rule, Level: analyzers.Warning, Message: msg, Location: analyzers.Location{Path: path, Line: line},
					Related: []analyzers.Location{{Path: notePath, Line: 2, Message: msg}}},
				{Code: "SA102", Rule: rule, Level: analyzers.Level(rule), Message: note, Location: analyzers.Location{Path: notePath}},
			},
			Notifications: []Notification{{Path: notePath, Message: note, Level: rule}, {Message: msg, Level: rule}},
		}
		var b bytes.Buffer
		if err := Text(&b, res, TextOptions{Color: color}); err != nil {
			t.Fatal(err)
		}
		checkTerminalSafe(t, b.Bytes(), color)
		b.Reset()
		if err := SARIF(&b, res); err != nil {
			t.Fatal(err)
		}
		if err := ValidateSARIF(b.Bytes(), schemaPath); err != nil {
			t.Fatal(err)
		}
		b.Reset()
		if err := JSON(&b, res); err != nil {
			t.Fatal(err)
		}
	})
}

func FuzzStack(f *testing.F) {
	f.Add("backend", "django", "5.2", "api", "gunicorn app.wsgi", "github", false)
	f.Add("a\x1b]0;pwned\x07", "x\u2066y", "\x00", "\x9b31m", "rm -rf /\r", "", true)
	f.Fuzz(func(t *testing.T, unit, comp, version, service, command, provider string, color bool) {
		inv := &stack.Inventory{
			Units: []*stack.Unit{{Path: unit, Ecosystem: comp, PackageManager: version, Manifests: []string{unit + "/package.json"},
				Runtime:    &stack.Runtime{Name: comp, Constraint: version},
				Components: []stack.Component{{ID: comp, Version: version, Declared: true}},
				Tools:      []stack.Tool{{ID: comp, Kind: version}}, Workspace: service}},
			Services:       []stack.Service{{Name: service, Kind: comp, Unit: unit, Command: command, Evidence: stack.Evidence{Path: command, Line: 1}}},
			Infrastructure: []stack.Infrastructure{{Name: service, Kind: comp, Image: command}},
			CI:             []stack.CIJob{{Provider: provider, Name: service, Checks: []string{comp}, Tools: []string{command}}},
			Git:            &stack.Git{Head: command},
		}
		var b bytes.Buffer
		if err := Stack(&b, inv, TextOptions{Color: color}); err != nil {
			t.Fatal(err)
		}
		checkTerminalSafe(t, b.Bytes(), color)
		b.Reset()
		if err := StackJSON(&b, inv); err != nil {
			t.Fatal(err)
		}
	})
}
