package analyzers

import (
	"context"
	"fmt"
	"reflect"
	"testing"
	"testing/fstest"

	"github.com/stackaudit/stackaudit/repo"
)

func TestParseIgnore(t *testing.T) {
	for _, tc := range []struct {
		in     string
		ok     bool
		rules  []string
		reason string
	}{
		{" stackaudit:ignore SA502 runs once", true, []string{"SA502"}, "runs once"},
		{"stackaudit:ignore SA502,SA501 both bounded", true, []string{"SA502", "SA501"}, "both bounded"},
		{"stackaudit:ignore SA502, cpu-work-in-request-path -- bounded", true, []string{"SA502", "cpu-work-in-request-path"}, "bounded"},
		{"stackaudit:ignore SA502 , SA501: why", true, []string{"SA502", "SA501:"}, "why"},
		{"stackaudit:ignore SA502", true, []string{"SA502"}, ""},
		{"stackaudit:ignore", true, nil, ""},
		{"stackaudit:ignored SA502", false, nil, ""},
		{"see stackaudit:ignore SA502 x", false, nil, ""},
	} {
		ig, ok := parseIgnore(tc.in)
		if ok != tc.ok || !reflect.DeepEqual(ig.Rules, tc.rules) || ig.Reason != tc.reason {
			t.Errorf("parseIgnore(%q) = %q %q %v, want %q %q %v", tc.in, ig.Rules, ig.Reason, ok, tc.rules, tc.reason, tc.ok)
		}
	}
}

// TestSuppress checks each comment syntax, the line above and the same
// line, a wrong code, and a marker inside a string.
func TestSuppress(t *testing.T) {
	fsys := fstest.MapFS{
		"app/views.py": {Data: []byte("import requests\n" +
			"# stackaudit:ignore SA502 startup only\n" + // 2: line above 3
			"a = requests.get(u)\n" + // 3
			"b = requests.get(u)  # stackaudit:ignore blocking-call-in-async-handler same line\n" + // 4: not line 5
			"c = requests.get(u)  # stackaudit:ignore SA501 wrong code\n" + // 5
			"d = \"# stackaudit:ignore SA502 in a string\"\n" + // 6
			"e = requests.get(u)\n" + // 7: the string above does not suppress
			"\n\n" +
			"# stackaudit:ignore SA502 two lines above\n" + // 10
			"\n" +
			"f = requests.get(u)\n")}, // 12: not suppressed
		"web/server.ts": {Data: []byte("// stackaudit:ignore SA501 bounded input\n" + // 1
			"app.get('/', h)\n" + // 2
			"const s = '// stackaudit:ignore SA501 no'\n" + // 3
			"app.get('/x', h)\n" + // 4
			"app.get('/y', h) /* stackaudit:ignore SA501,SA502 block comment */\n")}, // 5
		"web/tsconfig.json": {Data: []byte("{\n  // stackaudit:ignore SA102 migrating\n  \"strict\": false,\n  \"x\": \"// stackaudit:ignore SA102 no\",\n  \"y\": 1\n}\n")},
		"Dockerfile":        {Data: []byte("FROM python:3.12\n# stackaudit:ignore SA503 the image is for local use\nCMD flask run\nRUN echo '# stackaudit:ignore SA503 quoted'\nCMD flask run\n")},
		"requirements.txt":  {Data: []byte("flask  # stackaudit:ignore SA602 tracked upstream\nrequests\n")},
		"ci.yml":            {Data: []byte("a: 1 # stackaudit:ignore SA203 lint runs elsewhere\nb: 'x # stackaudit:ignore SA203 quoted'\nc: 2\n")},
		"pyproject.toml":    {Data: []byte("[project]\ndependencies = [\n  # stackaudit:ignore SA602 vendored\n  \"flask\",\n  \"x # stackaudit:ignore SA602 no\",\n  \"django\",\n]\n")},
		"run.sh":            {Data: []byte("#!/bin/sh\n# stackaudit:ignore SA503 dev script\nflask run\n")},
		"package.json":      {Data: []byte("{\"x\": \"// stackaudit:ignore SA601 not a comment\"}\n")},
	}
	snap, err := repo.FromFS(context.Background(), fsys, repo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	f := func(code, rule, path string, line int) Finding {
		return Finding{Code: code, Rule: rule, Level: Warning, Location: Location{Path: path, Line: line}}
	}
	const s502, n502 = "SA502", "blocking-call-in-async-handler"
	cases := []struct {
		f      Finding
		reason string // "" means not suppressed
	}{
		{f(s502, n502, "app/views.py", 3), "startup only"},
		{f(s502, n502, "app/views.py", 4), "same line"},
		{f(s502, n502, "app/views.py", 5), ""},
		{f(s502, n502, "app/views.py", 7), ""},
		{f(s502, n502, "app/views.py", 12), ""},
		{f(s502, n502, "app/views.py", 0), ""},
		{f("SA501", "cpu-work-in-request-path", "web/server.ts", 2), "bounded input"},
		{f("SA501", "cpu-work-in-request-path", "web/server.ts", 4), ""},
		{f("SA501", "cpu-work-in-request-path", "web/server.ts", 5), "block comment"},
		{f("SA102", "typescript-not-strict", "web/tsconfig.json", 3), "migrating"},
		{f("SA102", "typescript-not-strict", "web/tsconfig.json", 5), ""},
		{f("SA503", "dev-server-in-production", "Dockerfile", 3), "the image is for local use"},
		{f("SA503", "dev-server-in-production", "Dockerfile", 5), ""},
		{f("SA602", "unpinned-dependency", "requirements.txt", 1), "tracked upstream"},
		{f("SA602", "unpinned-dependency", "requirements.txt", 2), ""}, // a comment after code covers its own line only
		{f("SA203", "checks-not-enforced", "ci.yml", 1), "lint runs elsewhere"},
		{f("SA203", "checks-not-enforced", "ci.yml", 3), ""},
		{f("SA602", "unpinned-dependency", "pyproject.toml", 4), "vendored"},
		{f("SA602", "unpinned-dependency", "pyproject.toml", 6), ""},
		{f("SA503", "dev-server-in-production", "run.sh", 3), "dev script"},
		{f("SA601", "missing-lockfile", "package.json", 1), ""},
	}
	var in []Finding
	for _, c := range cases {
		in = append(in, c.f)
	}
	out := Suppress(snap, nil, in, SuppressOptions{})
	if len(out) != len(cases) {
		t.Fatalf("got %d findings, want %d", len(out), len(cases))
	}
	for _, c := range cases {
		var got *Finding
		for i := range out {
			if out[i].Location == c.f.Location && out[i].Code == c.f.Code {
				got = &out[i]
			}
		}
		switch {
		case got == nil:
			t.Errorf("%s:%d %s: lost", c.f.Location.Path, c.f.Location.Line, c.f.Code)
		case c.reason == "" && got.Suppression != nil:
			t.Errorf("%s:%d %s: suppressed by %+v, want not", c.f.Location.Path, c.f.Location.Line, c.f.Code, *got.Suppression)
		case c.reason != "" && (got.Suppression == nil || got.Suppression.Justification != c.reason || got.Suppression.Kind != InSource):
			t.Errorf("%s:%d %s: suppression %+v, want inSource %q", c.f.Location.Path, c.f.Location.Line, c.f.Code, got.Suppression, c.reason)
		}
	}
	if n := len(Unsuppressed(out)); n != 11 {
		t.Errorf("Unsuppressed: %d findings, want 11", n)
	}

	// Unused suppressions: each rule named on a comment that matched nothing.
	in = in[:0]
	for _, c := range cases {
		in = append(in, c.f)
	}
	out = Suppress(snap, nil, in, SuppressOptions{ReportUnused: true})
	var got []string
	for _, f := range out {
		if f.Code == "SA001" {
			got = append(got, fmt.Sprintf("%s:%d %s", f.Location.Path, f.Location.Line, f.Key[1]))
		}
	}
	want := []string{"app/views.py:5 SA501", "app/views.py:10 SA502", "web/server.ts:5 SA502"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("unused:\n got %q\nwant %q", got, want)
	}
}

func FuzzParseIgnores(f *testing.F) {
	f.Add("a.py", "x = 1  # stackaudit:ignore SA502 why\n")
	f.Add("a.ts", "// stackaudit:ignore SA501\n/* stackaudit:ignore */")
	f.Add("tsconfig.json", "{\"a\": \"\\\"// stackaudit:ignore\" /* stackaudit:ignore SA102")
	f.Add("Dockerfile", "RUN 'a # stackaudit:ignore SA503 x' # stackaudit:ignore SA503 y")
	f.Fuzz(func(t *testing.T, name, src string) {
		for _, ig := range ParseIgnores(name, []byte(src)) {
			if ig.Line < 1 {
				t.Fatalf("line %d", ig.Line)
			}
		}
	})
}
