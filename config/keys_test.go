package config

import (
	"strings"
	"testing"
)

func TestEveryKey(t *testing.T) {
	c, err := Parse(".stackaudit.toml", []byte(`# comment
active-days = 30
ignore = [
  "vendor/**",
  "*.min.js",
  { paths = ["services/old/**"], rules = ["SA601", "no-linter"], reason = "frozen service, removed in Q3" },
  { rules = ["SA401"], reason = "solo project" },
]



[rules.SA601]
enabled = true
level = "note"

[rules.low-type-coverage]
min-share = 0.5
words = ["a", "b"]

[[overrides]]
paths = ["legacy/**"]
[overrides.rules.SA201]
enabled = false
[overrides.rules.SA601]
level = "error"
`))
	if err != nil {
		t.Fatal(err)
	}
	if c.ActiveDays != 30 {
		t.Errorf("active-days = %d", c.ActiveDays)
	}
	if len(c.Ignore) != 4 || !c.Ignore[0].Glob || c.Ignore[2].Reason != "frozen service, removed in Q3" {
		t.Errorf("ignore = %+v", c.Ignore)
	}
	if r := c.Rule("SA601", "missing-lockfile"); !r.IsEnabled() || r.Level != "note" {
		t.Errorf("rules.SA601 = %+v", r)
	}
	if r := c.Rule("SA104", "low-type-coverage"); r.Options["min-share"] != 0.5 || len(r.Options["words"].([]any)) != 2 {
		t.Errorf("rules.low-type-coverage = %+v", r)
	}
	if len(c.Overrides) != 1 || len(c.Overrides[0].Rules) != 2 {
		t.Fatalf("overrides = %+v", c.Overrides)
	}
	// Overrides.
	if c.RuleAt("SA201", "no-linter", "legacy/app/x.py").IsEnabled() {
		t.Error("SA201 should be off under legacy/")
	}
	if !c.RuleAt("SA201", "no-linter", "app/x.py").IsEnabled() {
		t.Error("SA201 should be on outside legacy/")
	}
	if !c.RuleAt("SA201", "no-linter", "").IsEnabled() {
		t.Error("a repository-level finding takes no override")
	}
	if l := c.RuleAt("SA601", "missing-lockfile", "legacy/package.json").Level; l != "error" {
		t.Errorf("SA601 level under legacy = %q", l)
	}
	if l := c.RuleAt("SA601", "missing-lockfile", "package.json").Level; l != "note" {
		t.Errorf("SA601 level at root = %q", l)
	}
	// Ignores.
	for _, tc := range []struct {
		code, name, path string
		want             bool
	}{
		{"SA101", "untyped-javascript", "vendor/lib/a.js", true},
		{"SA101", "untyped-javascript", "web/app.min.js", true},
		{"SA101", "untyped-javascript", "web/app.js", false},
		{"SA601", "missing-lockfile", "services/old/package.json", true},
		{"SA201", "no-linter", "services/old", true},
		{"SA101", "untyped-javascript", "services/old/a.js", false},
		{"SA601", "missing-lockfile", "services/new/package.json", false},
		{"SA401", "bus-factor", "", true},
		{"SA401", "bus-factor", "README.md", true},
		{"SA402", "other", "", false},
	} {
		if got := c.IgnoredBy(tc.code, tc.name, tc.path) != nil; got != tc.want {
			t.Errorf("IgnoredBy(%s, %q) = %v, want %v", tc.code, tc.path, got, tc.want)
		}
	}
	// Lines.
	for key, want := range map[string]int{"active-days": 2, "ignore": 3, "rules.SA601.level": 14, "rules.low-type-coverage.words": 18, "overrides.rules.SA201.enabled": 23, "overrides.paths": 21} {
		if got := c.Line(strings.Split(key, ".")...); got != want {
			t.Errorf("Line(%s) = %d, want %d", key, got, want)
		}
	}
}

func TestErrorsNameKeyAndLine(t *testing.T) {
	for _, tc := range []struct{ name, in, want string }{
		{"unknown top key", "active-days = 1\n\nactive-dayz = 2\n", ".stackaudit.toml:3: unknown key active-dayz"},
		{"unknown key in override", "[[overrides]]\npaths = [\"a\"]\ncolour = \"red\"\n", ".stackaudit.toml:3: unknown key overrides.colour"},
		{"bad level", "[rules.SA601]\n# x\nlevel = \"loud\"\n", ".stackaudit.toml:3: rules.SA601.level: \"loud\" is not error, warning or note"},
		{"bad override level", "[[overrides]]\npaths = [\"a\"]\n[overrides.rules.SA601]\nlevel = \"x\"\n", ".stackaudit.toml:4: overrides.rules.SA601.level"},
		{"negative days", "\nactive-days = -1\n", ".stackaudit.toml:2: active-days: must not be negative"},
		{"days wrong type", "active-days = \"ten\"\n", ".stackaudit.toml:1:"},
		{"enabled wrong type", "[rules.SA601]\nenabled = \"no\"\n", "enabled: want true or false, got a string"},
		{"ignore without reason", "[[ignore]]\nrules = [\"SA601\"]\n", ".stackaudit.toml:1: ignore[0]: reason is required"},
		{"ignore unknown key", "[[ignore]]\npaths = [\"a\"]\nreason = \"r\"\nwhy = \"x\"\n", "ignore[0].why: unknown key"},
		{"ignore empty", "[[ignore]]\nreason = \"r\"\n", "ignore[0]: give paths, rules or both"},
		{"ignore bad item", "ignore = [1]\n", "ignore[0]: want a glob string or a table, got an integer"},
		{"ignore bad glob", "ignore = [\"a/[\"]\n", ".stackaudit.toml:1: ignore[0]: glob \"a/[\""},
		{"override without paths", "[[overrides]]\n[overrides.rules.SA601]\nenabled = false\n", "overrides[0]: paths is required"},
		{"override option", "[[overrides]]\npaths = [\"a\"]\n[overrides.rules.SA104]\nmin-share = 0.1\n", ".stackaudit.toml:4: overrides.rules.SA104.min-share: an override takes only enabled and level"},
		{"syntax", "active-days = \n", ".stackaudit.toml:1:"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Parse(".stackaudit.toml", []byte(tc.in))
			if err == nil || !strings.Contains(err.Error(), tc.want) {
				t.Errorf("err = %v, want it to contain %q", err, tc.want)
			}
		})
	}
}

func TestMatch(t *testing.T) {
	for _, tc := range []struct {
		glob, path string
		want       bool
	}{
		{"legacy/**", "legacy/a/b.py", true},
		{"legacy/**", "legacy", true},
		{"legacy", "legacy/a.py", true},
		{"legacy/**", "src/legacy/a.py", false},
		{"**/legacy/**", "src/legacy/a.py", true},
		{"*.min.js", "a.min.js", true},
		{"*.min.js", "web/a.min.js", true},
		{"/*.min.js", "web/a.min.js", false},
		{"fixtures", "a/fixtures/b.json", true},
		{"**/*.min.js", "web/a.min.js", true},
		{"./docs/*.md", "docs/x.md", true},
		{"docs/*.md", "docs/sub/x.md", false},
		{"legacyx/**", "legacy/a", false},
		{"", "a", false},
	} {
		if got := Match(tc.glob, tc.path); got != tc.want {
			t.Errorf("Match(%q, %q) = %v, want %v", tc.glob, tc.path, got, tc.want)
		}
	}
}

func TestKeyLinesTokens(t *testing.T) {
	got := keyLines([]byte(`a = """
b = 1 # not a key
"""
c = [
  "x", # d = 2
  'y]',
]
"e.f" = { g = 1 }
[ "t" . u ]
h = 'i # j'
[[arr]]
k = 1
`))
	want := map[string]int{"a": 1, "c": 4, "e.f": 8, "t": 9, "t.u": 9, "t.u.h": 10, "arr": 11, "arr.k": 12}
	for k, l := range want {
		if got[k] != l {
			t.Errorf("%s: line %d, want %d", k, got[k], l)
		}
	}
	for _, k := range []string{"b", "d", "j", "g"} {
		if _, ok := got[k]; ok {
			t.Errorf("%s is no key but was recorded", k)
		}
	}
}

func FuzzParseAndLines(f *testing.F) {
	f.Add([]byte("active-days = 3\nignore = [\"a/**\"]\n[[ignore]]\nrules=[\"SA601\"]\nreason=\"r\"\n[[overrides]]\npaths=[\"x\"]\n[overrides.rules.SA601]\nenabled=false\n"))
	f.Add([]byte("a = '''x\n'''\n[b]\nc = {d = [1, \"]\"]}\n"))
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = Parse("f.toml", b)
		_ = keyLines(b)
	})
}
