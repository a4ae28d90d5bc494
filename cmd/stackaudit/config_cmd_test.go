package main

import (
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/stackaudit/stackaudit/analyzers"
	"github.com/stackaudit/stackaudit/config"
)

func TestInitWritesEveryKey(t *testing.T) {
	dir := t.TempDir()
	code, out, errOut := run(t, "init", dir)
	if code != 0 {
		t.Fatalf("init: exit %d: %s", code, errOut)
	}
	path := filepath.Join(dir, config.FileName)
	if !strings.Contains(out, path) {
		t.Errorf("init says %q, want it to name %s", out, path)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Parse(config.FileName, b)
	if err != nil {
		t.Fatalf("the starter file does not parse: %v\n%s", err, b)
	}
	if err := analyzers.CheckConfig(cfg); err != nil {
		t.Fatalf("the starter file fails CheckConfig: %v", err)
	}
	if cfg.ActiveDays != 180 || len(cfg.Ignore) != 0 || len(cfg.Overrides) != 0 {
		t.Errorf("top-level keys: %+v", cfg)
	}
	for _, a := range analyzers.All() {
		r, ok := cfg.Rules[a.Code]
		if !ok {
			t.Errorf("no [rules.%s] table", a.Code)
			continue
		}
		if !r.IsEnabled() || r.Level != string(a.Level) {
			t.Errorf("%s: enabled %v level %q, want on at %s", a.Code, r.IsEnabled(), r.Level, a.Level)
		}
		if !strings.Contains(string(b), "# "+a.Code+" "+a.Name+" ") {
			t.Errorf("%s: no comment naming the rule", a.Code)
		}
		for _, o := range a.Options {
			v, ok := r.Options[o.Name]
			if !ok {
				t.Errorf("%s: option %s missing", a.Code, o.Name)
				continue
			}
			if !sameValue(v, o.Default) {
				t.Errorf("%s.%s = %#v, want the default %#v", a.Code, o.Name, v, o.Default)
			}
			if !strings.Contains(string(b), "# "+o.Doc+"\n"+o.Name+" = ") {
				t.Errorf("%s.%s: its doc is not written above it", a.Code, o.Name)
			}
		}
	}
	// A second init refuses to overwrite; --force does.
	if code, _, errOut := run(t, "init", dir); code != 2 || !strings.Contains(errOut, "--force") {
		t.Errorf("second init: exit %d, %q", code, errOut)
	}
	os.WriteFile(path, []byte("active-days = 3\n"), 0o644)
	if code, _, errOut := run(t, "init", dir, "--force"); code != 0 {
		t.Errorf("init --force: exit %d, %s", code, errOut)
	}
	if b2, _ := os.ReadFile(path); string(b2) != string(b) {
		t.Error("init --force did not write the starter file")
	}
}

// sameValue compares a decoded TOML value with an option default.
func sameValue(got, def any) bool {
	switch d := def.(type) {
	case int:
		g, ok := got.(int64)
		return ok && g == int64(d)
	case []string:
		l, ok := got.([]any)
		if !ok || len(l) != len(d) {
			return false
		}
		for i := range l {
			if l[i] != d[i] {
				return false
			}
		}
		return true
	}
	return reflect.DeepEqual(got, def)
}

func TestConfigPrintsEffective(t *testing.T) {
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, config.FileName), []byte(`active-days = 45
ignore = ["vendor/**", { rules = ["SA401"], reason = "solo \"project\"" }]
[rules.missing-lockfile]
level = "error"
[rules.SA101]
enabled = false
min-files = 9
[[overrides]]
paths = ["legacy/**"]
[overrides.rules.SA201]
enabled = false
level = "note"
`), 0o644)
	code, out, errOut := run(t, "config", dir)
	if code != 0 {
		t.Fatalf("config: exit %d: %s", code, errOut)
	}
	for _, want := range []string{
		"active-days = 45\n",
		"ignore = [\n  \"vendor/**\",\n  { rules = [\"SA401\"], reason = \"solo \\\"project\\\"\" },\n]\n",
		"[rules.SA601]\nenabled = true\nlevel = \"error\"\n",
		"[rules.SA101]\nenabled = false\nlevel = \"warning\"\nmax-js-share = 0.5\nmin-files = 9\n",
		"[[overrides]]\npaths = [\"legacy/**\"]\n[overrides.rules.SA201]\nenabled = false\nlevel = \"note\"\n",
	} {
		if !strings.Contains(out, want) {
			t.Errorf("config output lacks %q:\n%s", want, out)
		}
	}
	// What config prints reads back to the same settings.
	back, err := config.Parse("printed", []byte(out))
	if err != nil {
		t.Fatalf("printed configuration does not parse: %v", err)
	}
	if back.ActiveDays != 45 || len(back.Ignore) != 2 || back.Ignore[1].Reason != `solo "project"` || back.Rule("SA101", "").IsEnabled() || back.RuleAt("SA201", "", "legacy/a").IsEnabled() {
		t.Errorf("round trip: %+v", back)
	}

	// No file: the defaults. A bad file: exit 2 naming the line.
	empty := t.TempDir()
	if code, out, _ := run(t, "config", empty); code != 0 || !strings.Contains(out, "active-days = 180\n") {
		t.Errorf("config without a file: exit %d\n%s", code, out)
	}
	os.WriteFile(filepath.Join(empty, "bad.toml"), []byte("\n[rules.SA601]\nthreshold = 3\n"), 0o644)
	code, _, errOut = run(t, "config", "--config", filepath.Join(empty, "bad.toml"))
	if code != 2 || !strings.Contains(errOut, "bad.toml") || !strings.Contains(errOut, "rules.SA601.threshold: SA601 has no such setting") {
		t.Errorf("bad config: exit %d, %q", code, errOut)
	}
	if code, _, _ := run(t, "config", "--config", filepath.Join(empty, "missing.toml")); code != 2 {
		t.Errorf("missing --config file: exit %d, want 2", code)
	}
}
