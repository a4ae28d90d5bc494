package config

import (
	"strings"
	"testing"
)

func TestParse(t *testing.T) {
	c, err := Parse(".stackaudit.toml", []byte(`
active-days = 90
ignore = ["legacy/**"]

[rules.SA601]
level = "error"

[rules.no-linter]
enabled = false

[rules.SA104]
min-share = 0.6
`))
	if err != nil {
		t.Fatal(err)
	}
	if c.ActiveDays != 90 || len(c.Ignore) != 1 || c.Source != ".stackaudit.toml" {
		t.Errorf("top level: %+v", c)
	}
	if r := c.Rule("SA601", "missing-lockfile"); r.Level != "error" || !r.IsEnabled() {
		t.Errorf("SA601: %+v", r)
	}
	if r := c.Rule("SA201", "no-linter"); r.IsEnabled() {
		t.Errorf("no-linter should be off: %+v", r)
	}
	if r := c.Rule("sa104", "low-type-coverage"); r.Options["min-share"] != 0.6 {
		t.Errorf("SA104 options: %+v", r.Options)
	}
	if r := c.Rule("SA999", "nothing"); !r.IsEnabled() || r.Level != "" {
		t.Errorf("unconfigured rule: %+v", r)
	}
}

func TestParseErrors(t *testing.T) {
	tests := []struct {
		name, data, want string
	}{
		{"syntax", "[rules.SA601\nlevel = 1", ".stackaudit.toml:2:"},
		{"unknown top-level key", "colour = true\n", "unknown key colour"},
		{"bad level", "[rules.SA601]\nlevel = \"fatal\"\n", `rules.SA601.level: "fatal" is not error, warning or note`},
		{"enabled not a bool", "[rules.SA601]\nenabled = \"no\"\n", "enabled: want true or false"},
		{"negative window", "active-days = -1\n", "active-days: must not be negative"},
		{"rule not a table", "[rules]\nSA601 = 3\n", "want a table"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := Parse(".stackaudit.toml", []byte(tt.data))
			if err == nil || !strings.Contains(err.Error(), tt.want) {
				t.Errorf("Parse(%q) error = %v, want it to contain %q", tt.data, err, tt.want)
			}
		})
	}
}

func FuzzParse(f *testing.F) {
	f.Add([]byte("active-days = 30\n[rules.SA601]\nlevel = \"error\"\nenabled = true\n"))
	f.Add([]byte("[rules.x]\ny = [1, 2]\n"))
	f.Fuzz(func(t *testing.T, data []byte) {
		c, err := Parse("f.toml", data)
		if err == nil && c == nil {
			t.Fatal("nil config without error")
		}
	})
}
