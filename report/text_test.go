package report

import (
	"bytes"
	"strings"
	"testing"

	"github.com/stackaudit/stackaudit/analyzers"
	"github.com/stackaudit/stackaudit/stack"
)

func textOf(t *testing.T, res *Result, color bool) string {
	t.Helper()
	var b bytes.Buffer
	if err := Text(&b, res, TextOptions{Color: color}); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

func TestTextColourOnlyWhenAsked(t *testing.T) {
	if s := textOf(t, fakeResult(), false); strings.Contains(s, "\x1b") {
		t.Error("escape codes with Color off")
	}
	if s := textOf(t, fakeResult(), true); !strings.Contains(s, "\x1b[") {
		t.Error("no escape codes with Color on")
	}
	var b bytes.Buffer
	if err := Stack(&b, fakeInventory(), TextOptions{}); err != nil || strings.Contains(b.String(), "\x1b") {
		t.Errorf("stack view: err %v or escape codes with Color off", err)
	}
}

func TestTextSummary(t *testing.T) {
	one := fakeResult()
	one.Findings = one.Findings[:1]
	one.Notifications = []Notification{{Path: "a.toml", Message: "cannot parse", Level: "warning"}, {Path: "a.toml", Message: "again", Level: "warning"}}
	one.Inventory.Units = one.Inventory.Units[:1]
	for _, c := range []struct {
		name string
		res  *Result
		want string
	}{
		{"full", fakeResult(), "4 findings (1 error, 2 warnings, 1 note) in 3 units · 2 files could not be read · 1 other problem\n"},
		{"singular", one, "1 finding (1 error, 0 warnings, 0 notes) in 1 unit · 1 file could not be read\n"},
		{"none", &Result{Inventory: fakeInventory()}, "no findings in 3 units\n"},
		{"nothing at all", &Result{}, "no findings in 0 units\n"},
	} {
		got := textOf(t, c.res, false)
		if !strings.HasSuffix(got, c.want) {
			t.Errorf("%s: output ends\n%q\nwant\n%q", c.name, got, c.want)
		}
	}
	if got := textOf(t, &Result{Inventory: fakeInventory()}, false); got != "no findings in 3 units\n" {
		t.Errorf("no findings: %q", got)
	}
}

func TestTextLines(t *testing.T) {
	got := textOf(t, fakeResult(), false)
	for _, want := range []string{
		"backend/pyproject.toml\n  error    backend/pyproject.toml: SA301 no-tests: backend/pyproject.toml: 120 Python files",
		"  note     backend/Dockerfile:12:5: SA503 dev-server-in-production: ",
		"           docker-compose.yml:3: service api builds this Dockerfile\n",
		"frontend/package.json\n  warning  frontend/package.json:1: SA101 untyped-javascript: ",
		"\n  warning  frontend/package.json:20: SA301 no-tests: ",
		"could not read: backend/setup.cfg: cannot parse: line 3: expected '=' after a key\n",
		"note: rule SA404 could not judge: more than 10000 files\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("text output lacks %q\n%s", want, got)
		}
	}
	if strings.Count(got, "frontend/package.json\n") != 1 {
		t.Error("want one header per file")
	}
}

func TestTextRelatedCapped(t *testing.T) {
	res := &Result{Findings: []analyzers.Finding{{Code: "SA404", Rule: "duplicated-across-services", Level: analyzers.Warning,
		Message: "m", Location: analyzers.Location{Path: "a.py", Line: 1}}}}
	for i := 0; i < 8; i++ {
		res.Findings[0].Related = append(res.Findings[0].Related, analyzers.Location{Path: "b.py", Line: i + 1})
	}
	got := textOf(t, res, false)
	if !strings.Contains(got, "b.py:5\n           … and 3 more\n") || strings.Contains(got, "b.py:6") {
		t.Errorf("related not capped:\n%s", got)
	}
}

func TestStackEmpty(t *testing.T) {
	for _, inv := range []*stack.Inventory{nil, {}} {
		var b bytes.Buffer
		if err := Stack(&b, inv, TextOptions{}); err != nil {
			t.Fatal(err)
		}
		if !strings.HasPrefix(b.String(), "no units found") {
			t.Errorf("empty inventory: %q", b.String())
		}
		b.Reset()
		if err := StackJSON(&b, inv); err != nil {
			t.Fatal(err)
		}
		want := "{\n  \"units\": [],\n  \"services\": [],\n  \"infrastructure\": [],\n  \"ci\": []\n}\n"
		if b.String() != want {
			t.Errorf("empty inventory JSON:\n%s", b.String())
		}
	}
}

func TestStackUnitLine(t *testing.T) {
	var b bytes.Buffer
	if err := Stack(&b, fakeInventory(), TextOptions{}); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	for _, want := range []string{
		"backend/   python 3.12 · uv · uv.lock · celery 5.4.0 · django 5.2.1 · drf >=3.15 · tools: ruff, mypy, pytest\n",
		"./         node · javascript · npm · no lockfile · tools: prettier\n",
		"declared, never imported: celery\n",
		"imported, not declared: socket.io\n",
		"  github  test    .github/workflows/ci.yml:8   test",
		"  gitlab  deploy  .gitlab-ci.yml:4             no checks\n",
		"git  1234 commits since 2021-03-01 · 9 authors · 3 active in the last 180 days · bus factor 1 · last commit 2026-11-20 · head 0123456789ab\n",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("stack view lacks %q\n%s", want, got)
		}
	}
}

func TestJSONEmptyLists(t *testing.T) {
	var b bytes.Buffer
	if err := JSON(&b, &Result{}); err != nil {
		t.Fatal(err)
	}
	got := b.String()
	for _, want := range []string{`"schemaVersion": "1"`, `"findings": []`, `"notifications": []`, `"units": []`, `"name": "stackaudit"`} {
		if !strings.Contains(got, want) {
			t.Errorf("JSON lacks %s:\n%s", want, got)
		}
	}
	if strings.Contains(got, "null") || !strings.HasSuffix(got, "}\n") {
		t.Errorf("JSON has null or no trailing newline:\n%s", got)
	}
}
