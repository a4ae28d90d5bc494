package analyzers_test

import (
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stackaudit/stackaudit/analyzers"
	"github.com/stackaudit/stackaudit/config"
	"github.com/stackaudit/stackaudit/detectors"
	"github.com/stackaudit/stackaudit/repo"
)

// missingLockfiles runs the rules over three Node units without lockfiles
// under cfg and returns SA601's findings as "path level [suppression]".
func missingLockfiles(t *testing.T, toml string) []string {
	t.Helper()
	ctx := context.Background()
	pkg := &fstest.MapFile{Data: []byte(`{"name": "x", "dependencies": {"express": "^4.18.0"}}`)}
	fsys := fstest.MapFS{
		"app/package.json":          pkg,
		"legacy/api/package.json":   pkg,
		"services/old/package.json": pkg,
	}
	snap, err := repo.FromFS(ctx, fsys, repo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	cfg, err := config.Parse(".stackaudit.toml", []byte(toml))
	if err != nil {
		t.Fatal(err)
	}
	if err := analyzers.CheckConfig(cfg); err != nil {
		t.Fatal(err)
	}
	var out []string
	for _, f := range analyzers.RunAll(ctx, snap, detectors.Detect(ctx, snap), cfg).Findings {
		if f.Code != "SA601" {
			continue
		}
		s := fmt.Sprintf("%s %s", f.Location.Path, f.Level)
		if f.Suppression != nil {
			s += fmt.Sprintf(" %s:%q@%s:%d", f.Suppression.Kind, f.Suppression.Justification, f.Suppression.Location.Path, f.Suppression.Location.Line)
		}
		out = append(out, s)
	}
	return out
}

func TestOverridesAndIgnores(t *testing.T) {
	tests := []struct {
		name, toml string
		want       []string
	}{
		{"no configuration", "", []string{"app/package.json warning", "legacy/api/package.json warning", "services/old/package.json warning"}},
		{"override switches the rule off under a path", `
[[overrides]]
paths = ["legacy/**"]
[overrides.rules.missing-lockfile]
enabled = false
`, []string{"app/package.json warning", "services/old/package.json warning"}},
		{"override changes the level; a later one wins", `
[rules.SA601]
level = "note"
[[overrides]]
paths = ["legacy/**", "services/**"]
[overrides.rules.SA601]
level = "error"
[[overrides]]
paths = ["services/old"]
[overrides.rules.SA601]
level = "warning"
`, []string{"app/package.json note", "legacy/api/package.json error", "services/old/package.json warning"}},
		{"override on another rule changes nothing", `
[[overrides]]
paths = ["**"]
[overrides.rules.SA201]
enabled = false
`, []string{"app/package.json warning", "legacy/api/package.json warning", "services/old/package.json warning"}},
		{"plain glob drops the findings under it", `ignore = ["legacy/**", "services"]`, []string{"app/package.json warning"}},
		{"near miss: glob anchored elsewhere", `ignore = ["api/**"]`, []string{"app/package.json warning", "legacy/api/package.json warning", "services/old/package.json warning"}},
		{"ignore table suppresses with its reason", `

ignore = [{ paths = ["services/old/**"], rules = ["SA601"], reason = "frozen until Q3" }]
`, []string{"app/package.json warning", "legacy/api/package.json warning", `services/old/package.json warning external:"frozen until Q3"@.stackaudit.toml:3`}},
		{"ignore table for another rule", `ignore = [{ rules = ["SA201"], reason = "r" }]`, []string{"app/package.json warning", "legacy/api/package.json warning", "services/old/package.json warning"}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := missingLockfiles(t, tt.toml)
			if strings.Join(got, "\n") != strings.Join(tt.want, "\n") {
				t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(tt.want, "\n"))
			}
		})
	}
}

func TestCheckConfigNamesLine(t *testing.T) {
	for _, tt := range []struct{ data, want string }{
		{"\n[rules.SA601]\nthreshold = 3\n", ".stackaudit.toml:3: rules.SA601.threshold"},
		{"\n\n[rules.SA999]\n", ".stackaudit.toml:3: rules.SA999: no rule"},
		{"[rules.SA104]\n\nmin-share = \"half\"\n", ".stackaudit.toml:3: rules.SA104.min-share"},
		{"[[overrides]]\npaths = [\"a\"]\n[overrides.rules.SA999]\nenabled = false\n", ".stackaudit.toml:3: overrides[0].rules.SA999: no rule"},
		{"ignore = [\n  { rules = [\"nope\"], reason = \"r\" },\n]\n", ".stackaudit.toml:1: ignore[0].rules: no rule has the code or name \"nope\""},
	} {
		cfg, err := config.Parse(".stackaudit.toml", []byte(tt.data))
		if err != nil {
			t.Fatal(err)
		}
		if err := analyzers.CheckConfig(cfg); err == nil || !strings.Contains(err.Error(), tt.want) {
			t.Errorf("CheckConfig(%q) = %v, want %q", tt.data, err, tt.want)
		}
	}
}
