package analyzers

import "testing"

func TestJudgeRuntime(t *testing.T) {
	const asOf = "2026-11-25"
	for _, tc := range []struct {
		name, c string
		eol     bool
		highest string // "" when no verdict
	}{
		// Node: fire only when the highest admitted line is past EOL.
		{"node", "16.x", true, "16"},
		{"node", "16", true, "16"},
		{"node", "v16.20.2", true, "16"},
		{"node", "^14.17.0", true, "14"},
		{"node", "~18.19", true, "18"},
		{"node", ">=14 <19", true, "18"},
		{"node", "14 - 18", true, "18"},
		{"node", "^18 || ^20", true, "20"},
		{"node", ">=20 <22", true, "20"},
		{"node", "20.x", true, "20"},
		{"node", "<=20", true, "20"},
		{"node", "0.12", true, "0.12"},
		{"node", "lts/gallium", true, "16"},
		{"node", "^20 || ^22", false, "22"},
		{"node", ">=18", false, ""},
		{"node", ">= 16.0.0", false, ""},
		{"node", "22", false, "22"},
		{"node", "24.11.1", false, "24"},
		{"node", ">=18 <23", false, "22"},
		{"node", "30", false, ""},
		{"node", "lts/*", false, ""},
		{"node", "node", false, ""},
		{"node", "*", false, ""},
		{"node", "garbage", false, ""},
		// Python.
		{"python", "3.8", true, "3.8"},
		{"python", "3.8.10", true, "3.8"},
		{"python", "~3.8", true, "3.8"},
		{"python", "~=3.8.1", true, "3.8"},
		{"python", "==3.9.*", true, "3.9"},
		{"python", "<3.10", true, "3.9"},
		{"python", ">=3.7,<3.11", true, "3.10"},
		{"python", "2.7", true, "2.7"},
		{"python", "3.10", true, "3.10"},
		{"python", "3.12-slim", false, "3.12"},
		{"python", ">=3.9", false, ""},
		{"python", "~=3.8", false, ""},
		{"python", "^3.8", false, ""},
		{"python", ">=3.8,<4", false, ""},
		{"python", "3", false, ""},
		{"python", "3.11", false, "3.11"},
		{"python", "3.13.0rc1", false, "3.13"},
		{"python", "system", false, ""},
		{"python", "pypy3.9", false, ""},
	} {
		v, ok := judgeRuntime(tc.name, tc.c, asOf)
		if v.eol != tc.eol || ok && v.highest.Cycle != tc.highest || !ok && tc.highest != "" {
			t.Errorf("judgeRuntime(%s, %q) = %+v ok=%v, want eol=%v highest=%q", tc.name, tc.c, v.highest.Cycle, ok, tc.eol, tc.highest)
		}
	}
}

func TestSuggestedLine(t *testing.T) {
	for _, tc := range []struct{ name, asOf, want string }{
		{"node", "2026-11-25", "24"},
		{"node", "2025-01-01", "22"},
		{"python", "2026-11-25", "3.14"},
		{"python", "2025-06-01", "3.12"},
	} {
		l, _ := suggestedLine(tc.name, tc.asOf)
		if l.Cycle != tc.want {
			t.Errorf("suggestedLine(%s, %s) = %q, want %q", tc.name, tc.asOf, l.Cycle, tc.want)
		}
	}
}

func FuzzParseRange(f *testing.F) {
	for _, s := range []string{"^1.2.3", ">=3.8,<4", "1 - 2", "||", "~=", ">*", "16.x || >=20", "v", "1.2.3.4", "==3.*"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if r, ok := parseRange(s); ok {
			_ = r.admits(interval{lo: atLeast(ver{3, 8, 0}), hi: below(ver{3, 9, 0})})
		}
		_, _ = judgeRuntime("node", s, "2026-11-25")
		_, _ = judgeRuntime("python", s, "2026-11-25")
	})
}
