package report

import (
	"bytes"
	"flag"
	"os"
	"path/filepath"
	"testing"

	"github.com/stackaudit/stackaudit/analyzers"
	"github.com/stackaudit/stackaudit/stack"
)

var update = flag.Bool("update", false, "rewrite golden files")

const schemaPath = "testdata/sarif-schema-2.1.0.json"

const fakeDoc = `# SA301 no-tests

**Level:** error · **Category:** testing

## Why it matters
A unit with *no tests* cannot be changed safely: every edit is a guess
that **production** checks for you. See [the guide](https://example.com/tests).

## What triggers it
A unit with source files and no test files (` + "`test_*.py`, `**/*.test.ts`" + `).

## Example
` + "```" + `
backend/pyproject.toml: SA301 no-tests: no test files
` + "```" + `

## How to fix
Add one test that starts the app & calls a route with <b>real</b> input.
`

// fakeRules are hand-made analyzers: the report must not depend on the
// registry's real docs, which change as rules evolve.
func fakeRules() []*analyzers.Analyzer {
	return []*analyzers.Analyzer{
		{Code: "SA101", Name: "untyped-javascript", Category: analyzers.Typing, Level: analyzers.Warning,
			Summary: "A Node unit is written in plain JavaScript with no type checking",
			Tags:    []string{"typing", "javascript", "maintainability", "t4", "t5", "t6", "t7", "t8", "t9", "t10", "t11", "t12"},
			Doc:     "# SA101 untyped-javascript\n\n**Level:** warning · **Category:** typing\n\n## Why it matters\nPlain JavaScript\nhides type errors until runtime.\n"},
		{Code: "SA301", Name: "no-tests", Category: analyzers.Testing, Level: analyzers.Error,
			Summary: "A unit has source code and no tests", Tags: []string{"testing"}, Doc: fakeDoc},
		{Code: "SA503", Name: "dev-server-in-production", Category: analyzers.Runtime, Level: analyzers.Note,
			Summary: "A development server starts a deployed service"},
	}
}

func fakeInventory() *stack.Inventory {
	return &stack.Inventory{
		Units: []*stack.Unit{
			{
				Path: ".", Ecosystem: stack.Node, Manifests: []string{"package.json"}, PackageManager: "npm",
				ToolingOnly: true, Language: "javascript",
				Tools:        []stack.Tool{{ID: "prettier", Kind: stack.Formatter, Evidence: stack.Evidence{Path: "package.json", Line: 5}}},
				Dependencies: []stack.Dependency{{Name: "prettier", Constraint: "^3.3.0", Scope: "dev", Evidence: stack.Evidence{Path: "package.json", Line: 5}}},
			},
			{
				Path: "backend", Ecosystem: stack.Python, Manifests: []string{"backend/pyproject.toml"}, PackageManager: "uv",
				Lockfiles:   []stack.Lockfile{{Path: "backend/uv.lock", Manager: "uv"}},
				Application: true,
				Runtime:     &stack.Runtime{Name: "python", Constraint: "3.12", Evidence: stack.Evidence{Path: "backend/.python-version", Line: 1, Detail: "3.12"}},
				Language:    "python",
				Source:      stack.SourceStats{Python: 120, Tests: 30},
				Components: []stack.Component{
					{ID: "celery", Category: stack.Queue, Package: "celery", Constraint: ">=5.4", Version: "5.4.0", Declared: true,
						Evidence: stack.Evidence{Path: "backend/pyproject.toml", Line: 9, Detail: `"celery>=5.4"`}},
					{ID: "django", Category: stack.Web, Package: "django", Constraint: ">=5.2,<6", Version: "5.2.1", Declared: true, Imported: true,
						Evidence: stack.Evidence{Path: "backend/pyproject.toml", Line: 8}},
					{ID: "djangorestframework", Category: stack.Web, Package: "djangorestframework", Constraint: ">=3.15", Declared: true, Imported: true,
						Evidence: stack.Evidence{Path: "backend/pyproject.toml", Line: 10}},
				},
				Tools: []stack.Tool{
					{ID: "ruff", Kind: stack.Formatter, Evidence: stack.Evidence{Path: "backend/pyproject.toml", Line: 30}},
					{ID: "ruff", Kind: stack.Linter, Evidence: stack.Evidence{Path: "backend/pyproject.toml", Line: 20}},
					{ID: "pytest", Kind: stack.TestRunner, Evidence: stack.Evidence{Path: "backend/pyproject.toml", Line: 40}},
					{ID: "mypy", Kind: stack.TypeChecker, Evidence: stack.Evidence{Path: "backend/pyproject.toml", Line: 35}},
				},
				Dependencies: []stack.Dependency{
					{Name: "celery", Constraint: ">=5.4", Scope: "prod", Evidence: stack.Evidence{Path: "backend/pyproject.toml", Line: 9}},
					{Name: "django", Constraint: ">=5.2,<6", Scope: "prod", Evidence: stack.Evidence{Path: "backend/pyproject.toml", Line: 8}},
				},
			},
			{
				Path: "frontend", Ecosystem: stack.Node, Manifests: []string{"frontend/package.json"}, PackageManager: "pnpm",
				Lockfiles:   []stack.Lockfile{{Path: "frontend/pnpm-lock.yaml", Manager: "pnpm"}},
				Application: true,
				Runtime:     &stack.Runtime{Name: "node", Constraint: ">=20", Evidence: stack.Evidence{Path: "frontend/package.json", Line: 4}},
				Language:    "typescript",
				Source:      stack.SourceStats{TypeScript: 80, JavaScript: 20, Tests: 12, Generated: 2, CheckedJS: 3},
				TSConfig: &stack.TSConfig{Path: "frontend/tsconfig.json", Extends: []string{"frontend/tsconfig.base.json"},
					CompilerOptions: map[string]bool{"strict": true, "allowJs": true, "checkJs": false}},
				Scripts: map[string]string{"test": "vitest run", "lint": "eslint .", "build": "next build"},
				Components: []stack.Component{
					{ID: "nextjs", Category: stack.Web, Package: "next", Constraint: "^14.2.0", Version: "14.2.3", Declared: true, Imported: true,
						Evidence: stack.Evidence{Path: "frontend/package.json", Line: 12}},
					{ID: "socket.io", Category: stack.Realtime, Package: "socket.io", Imported: true,
						Evidence: stack.Evidence{Path: "frontend/src/server.ts", Line: 3, Detail: `import { Server } from "socket.io"`}},
				},
				Tools: []stack.Tool{
					{ID: "prettier", Kind: stack.Formatter, Evidence: stack.Evidence{Path: "frontend/.prettierrc"}},
					{ID: "eslint", Kind: stack.Linter, Evidence: stack.Evidence{Path: "frontend/eslint.config.mjs"}},
					{ID: "vitest", Kind: stack.TestRunner, Evidence: stack.Evidence{Path: "frontend/package.json", Line: 20}},
					{ID: "typescript", Kind: stack.TypeChecker, Evidence: stack.Evidence{Path: "frontend/tsconfig.json"}},
				},
				Workspace: ".",
			},
		},
		Services: []stack.Service{
			{Name: "api", Kind: "compose", Unit: "backend", Image: "python:3.12-slim", Command: "gunicorn app.wsgi",
				CommandEvidence: &stack.Evidence{Path: "backend/Dockerfile", Line: 14},
				Runtime:         &stack.Runtime{Name: "python", Constraint: "3.12", Evidence: stack.Evidence{Path: "backend/Dockerfile", Line: 1, Detail: "FROM python:3.12-slim"}},
				Evidence:        stack.Evidence{Path: "docker-compose.yml", Line: 3}},
			{Name: "worker", Kind: "compose", Unit: "backend", Command: "celery -A app worker", Evidence: stack.Evidence{Path: "docker-compose.yml", Line: 11}},
			{Name: "web", Kind: "dockerfile", Unit: "frontend", Image: "node:20-alpine", Evidence: stack.Evidence{Path: "frontend/Dockerfile"}},
		},
		Infrastructure: []stack.Infrastructure{
			{Name: "db", Kind: "postgres", Image: "postgres:16", Evidence: stack.Evidence{Path: "docker-compose.yml", Line: 20}},
			{Name: "cache", Kind: "redis", Image: "redis:7-alpine", Evidence: stack.Evidence{Path: "docker-compose.yml", Line: 26}},
		},
		CI: []stack.CIJob{
			{Provider: "github", Name: "lint", Runs: []string{"uv run ruff check .", "uv run mypy ."}, Checks: []string{"lint", "typecheck"},
				Tools: []string{"ruff", "mypy"}, Evidence: stack.Evidence{Path: ".github/workflows/ci.yml", Line: 20}},
			{Provider: "github", Name: "test", Runs: []string{"uv run pytest"}, Checks: []string{"test"},
				Tools: []string{"pytest"}, Evidence: stack.Evidence{Path: ".github/workflows/ci.yml", Line: 8}},
			{Provider: "gitlab", Name: "deploy", Runs: []string{"./deploy.sh"}, Evidence: stack.Evidence{Path: ".gitlab-ci.yml", Line: 4}},
		},
		Git: &stack.Git{Head: "0123456789abcdef0123456789abcdef01234567", Commits: 1234, Authors: 9,
			FirstCommit: "2021-03-01T10:00:00Z", LastCommit: "2026-11-20T09:30:00Z", ActiveDays: 180, ActiveAuthors: 3,
			WindowCommits: 40, BusFactor: 1, DiffedCommits: 38,
			BusiestFiles: []stack.FileCommits{{Path: "backend/billing/views.py", Commits: 12}, {Path: "frontend/app/page.tsx", Commits: 7}},
			Team: []stack.Author{
				{Name: "Ann", Email: "ann@example.com", Commits: 30, Share: 0.75},
				{Name: "Bo", Email: "bo@example.com", Commits: 8, Share: 0.2},
				{Name: "Cy", Commits: 2, Share: 0.05}},
			Monthly: []stack.MonthCommits{{Month: "2026-10", Commits: 12}, {Month: "2026-11", Commits: 28}}},
	}
}

func fakeResult() *Result {
	return &Result{
		Tool:      Tool{Name: "stackaudit", Version: "1.2.3", URI: "https://github.com/stackaudit/stackaudit"},
		Target:    "/src/shop",
		Revision:  "0123456789abcdef0123456789abcdef01234567",
		Inventory: fakeInventory(),
		Rules:     fakeRules(),
		Findings: []analyzers.Finding{
			{Code: "SA301", Rule: "no-tests", Level: analyzers.Error,
				Message:     "backend/pyproject.toml: 120 Python files and no tests; add pytest and one test that calls a view",
				Location:    analyzers.Location{Path: "backend/pyproject.toml"},
				Fingerprint: "11111111111111111111111111111111"},
			{Code: "SA503", Rule: "dev-server-in-production", Level: analyzers.Note,
				Message:  "backend/Dockerfile:12: CMD runs `manage.py runserver`; serve with gunicorn & uvicorn workers",
				Location: analyzers.Location{Path: "backend/Dockerfile", Line: 12, Column: 5, EndLine: 13},
				Related: []analyzers.Location{
					{Path: "docker-compose.yml", Line: 3, Message: "service api builds this Dockerfile"},
					{Path: "docs site/deploy notes.md", Line: 7},
				},
				Fingerprint: "22222222222222222222222222222222"},
			{Code: "SA101", Rule: "untyped-javascript", Level: analyzers.Warning,
				Message:     `frontend/package.json: 20 of 100 files are JavaScript with "allowJs" <no checkJs>`,
				Location:    analyzers.Location{Path: "frontend/package.json", Line: 1},
				Fingerprint: "33333333333333333333333333333333"},
			{Code: "SA301", Rule: "no-tests", Level: analyzers.Warning,
				Message:     "frontend/package.json: vitest configured but no test files",
				Location:    analyzers.Location{Path: "frontend/package.json", Line: 20},
				Fingerprint: "44444444444444444444444444444444"},
		},
		Notifications: []Notification{
			{Path: "backend/setup.cfg", Message: "cannot parse: line 3: expected '=' after a key", Level: "warning"},
			{Message: "rule SA404 could not judge: more than 10000 files", Level: "note"},
			{Path: "assets/logo.py", Message: "binary file, not read as text", Level: "warning"},
		},
		Metrics: []analyzers.Metric{
			{Unit: "backend", Rule: "SA302", Name: "moneyPaths", Value: 4},
			{Unit: "backend", Rule: "SA302", Name: "moneyPathsTested", Value: 3},
		},
		Category: "stackaudit/backend",
	}
}

type writer func(*bytes.Buffer, *Result) error

var formats = []struct {
	golden string
	write  writer
}{
	{"sarif", func(b *bytes.Buffer, r *Result) error { return SARIF(b, r) }},
	{"json", func(b *bytes.Buffer, r *Result) error { return JSON(b, r) }},
	{"text", func(b *bytes.Buffer, r *Result) error { return Text(b, r, TextOptions{}) }},
	{"text_color", func(b *bytes.Buffer, r *Result) error { return Text(b, r, TextOptions{Color: true}) }},
	{"stack", func(b *bytes.Buffer, r *Result) error { return Stack(b, r.Inventory, TextOptions{}) }},
	{"stack_color", func(b *bytes.Buffer, r *Result) error { return Stack(b, r.Inventory, TextOptions{Color: true}) }},
	{"stack_json", func(b *bytes.Buffer, r *Result) error { return StackJSON(b, r.Inventory) }},
}

func TestGolden(t *testing.T) {
	for _, f := range formats {
		t.Run(f.golden, func(t *testing.T) {
			var b bytes.Buffer
			if err := f.write(&b, fakeResult()); err != nil {
				t.Fatal(err)
			}
			checkGolden(t, f.golden+".golden", b.Bytes())
		})
	}
}

func checkGolden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test ./report/ -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs from the output (run go test ./report/ -update and read the diff)\n--- got\n%s", path, got)
	}
}

// TestDeterministic writes the same Result twice, from fresh values, and
// wants the same bytes: nothing may depend on map order.
func TestDeterministic(t *testing.T) {
	for _, f := range formats {
		var first []byte
		for i := 0; i < 5; i++ {
			var b bytes.Buffer
			if err := f.write(&b, fakeResult()); err != nil {
				t.Fatal(err)
			}
			if i == 0 {
				first = b.Bytes()
			} else if !bytes.Equal(first, b.Bytes()) {
				t.Fatalf("%s: run %d differs from run 0", f.golden, i)
			}
		}
	}
}

// TestWritersDoNotMutate checks that writing leaves the Result as it was:
// the CLI may write one Result in several formats.
func TestWritersDoNotMutate(t *testing.T) {
	res := fakeResult()
	res.Findings[0], res.Findings[3] = res.Findings[3], res.Findings[0]
	res.Inventory.Units[0].Lockfiles = nil
	var before bytes.Buffer
	if err := dumpResult(&before, res); err != nil {
		t.Fatal(err)
	}
	for _, f := range formats {
		var b bytes.Buffer
		if err := f.write(&b, res); err != nil {
			t.Fatal(err)
		}
	}
	var after bytes.Buffer
	if err := dumpResult(&after, res); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before.Bytes(), after.Bytes()) {
		t.Error("a writer changed the Result it was given")
	}
	if res.Inventory.Units[0].Lockfiles != nil {
		t.Error("normalized changed the inventory's nil list")
	}
}

// dumpResult dumps the data of res as it is, for comparing before and after.
func dumpResult(b *bytes.Buffer, res *Result) error {
	return writeJSON(b, []any{res.Tool, res.Target, res.Inventory, res.Findings, res.Notifications, res.Category})
}
