package detectors

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stackaudit/stackaudit/stack"
)

// TestCIToolDirs checks the folders each tool of a job runs in: a
// working-directory, cd, --prefix, the paths given to the tool, and the
// member folders a monorepo runner reaches.
func TestCIToolDirs(t *testing.T) {
	inv, _ := runFamiliesWith(t, map[string]string{
		".github/workflows/ci.yml": `jobs:
  backend:
    steps:
      - run: uv run pytest
        working-directory: backend
  paths:
    steps:
      - run: python -m pytest backend/tests/test_api.py::test_ok -q
      - run: cd web && npm test
      - run: coverage run netbox/manage.py test netbox/ --parallel
  root:
    steps:
      - run: pnpm -r test
      - run: sfw uv run pre-commit run --all
`,
		"backend/pyproject.toml":     "[project]\nname = \"api\"\n",
		"backend/tests/test_api.py":  "def test_ok():\n    pass\n",
		"web/package.json":           `{"scripts": {"test": "jest"}}`,
		"pkg/a/package.json":         `{"name": "a", "scripts": {"test": "vitest run"}}`,
		"netbox/manage.py":           "import sys\n",
		"netbox/app/tests/test_x.py": "",
		".pre-commit-config.yaml":    "repos:\n  - repo: local\n    hooks:\n      - id: fmt\n        entry: uv run ruff format --exit-non-zero-on-format\n        language: system\n",
		"package.json":               `{"name": "root", "workspaces": ["pkg/*", "web"]}`,
		"pnpm-workspace.yaml":        "packages: [pkg/*, web]\n",
	}, func(d *Detection) {}, "python", "node", "ci")
	var got []string
	for _, j := range inv.CI {
		got = append(got, j.Name+" "+dirsSummary(j.Dirs))
	}
	want := []string{
		"backend pytest=backend",
		"paths django-test=netbox jest=web pytest=backend/tests",
		"root jest=web ruff-format=. vitest=pkg/a",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	if inv.PreCommit == nil || inv.PreCommit.Provider != "pre-commit" || dirsSummary(inv.PreCommit.Dirs) != "ruff-format=." ||
		inv.PreCommit.Evidence.Path != ".pre-commit-config.yaml" {
		t.Errorf("pre-commit hooks: %+v", inv.PreCommit)
	}
}

func dirsSummary(dirs map[string][]string) string {
	var out []string
	for _, tool := range sortedKeys(func() map[string]bool {
		m := map[string]bool{}
		for k := range dirs {
			m[k] = true
		}
		return m
	}()) {
		out = append(out, fmt.Sprintf("%s=%s", tool, strings.Join(dirs[tool], ",")))
	}
	return strings.Join(out, " ")
}

// TestCIComposeServiceDir checks that a command run in a compose service's
// container works in the folder of the unit the service is built from.
func TestCIComposeServiceDir(t *testing.T) {
	inv, _ := runFamiliesWith(t, map[string]string{
		".github/workflows/ci.yml": "jobs:\n  e2e:\n    steps:\n      - run: docker compose run --rm playwright bunx playwright test --shard=1/4\n      - run: docker compose exec -T backend pytest\n",
		"compose.yml":              "services:\n  playwright:\n    build:\n      context: ./frontend\n  backend:\n    build: ./backend\n",
		"frontend/package.json":    `{"name": "frontend", "devDependencies": {"@playwright/test": "^1.45.0"}}`,
		"frontend/Dockerfile":      "FROM node:20\n",
		"backend/pyproject.toml":   "[project]\nname = \"backend\"\n",
		"backend/Dockerfile":       "FROM python:3.12\n",
	}, func(d *Detection) {}, "python", "node", "docker", "compose", "ci")
	if len(inv.CI) != 1 || dirsSummary(inv.CI[0].Dirs) != "playwright=frontend pytest=backend" {
		t.Errorf("got %+v", inv.CI)
	}
}

// TestCITravisAndHusky reads Travis CI phases and include jobs, and Husky
// hooks running lint-staged as Git hooks.
func TestCITravisAndHusky(t *testing.T) {
	inv, probs := runFamiliesWith(t, map[string]string{
		".travis.yml": "language: node_js\ninstall: yarn\nscript:\n  - yarn lint\n  - yarn test\njobs:\n  include:\n    - name: types\n      script: npx tsc --noEmit\n    - stage: deploy\n      deploy: {provider: heroku}\n",
		"package.json": `{"name": "api", "scripts": {"lint": "eslint .", "test": "jest"},
			"lint-staged": {"*.js": "eslint --fix", "*.{js,json,md}": ["prettier --write"]}}`,
		".husky/pre-commit": "yarn lint-staged\n",
	}, func(d *Detection) {}, "node", "ci")
	if len(probs) != 0 {
		t.Errorf("problems = %q", probs)
	}
	got := ciSummary(inv.CI)
	want := ".travis.yml:3 travis/script tools=eslint,jest checks=lint,test\n.travis.yml:8 travis/types tools=typescript checks=typecheck"
	if got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if h := inv.PreCommit; h == nil || h.Evidence.Path != ".husky/pre-commit" || strings.Join(h.Tools, ",") != "eslint,prettier" ||
		strings.Join(h.Checks, ",") != "format,lint" {
		t.Errorf("hooks = %+v", h)
	}
}

func FuzzTravisJobs(f *testing.F) {
	for _, s := range []string{
		"script: [pytest]\n",
		"script: npm test\njobs:\n  include:\n    - script: [make lint]\n",
		"matrix: {include: [{name: a, before_script: tox}]}\n",
		"jobs: [1, 2]\nscript: {a: b}\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = travisJobs(".travis.yml", b)
	})
}

// TestCIScriptExtraArgs checks that words after a script name reach the
// script: `yarn prettier --list-different` checks formatting when the
// "prettier" script alone would rewrite nothing.
func TestCIScriptExtraArgs(t *testing.T) {
	for _, tt := range []struct{ cmd, tools string }{
		{"yarn prettier --list-different", "prettier"},
		{"npm run fmt -- --check", "prettier"},
		{"npm run fmt --check", ""}, // npm keeps options before -- for itself
		{"pnpm fmt --check", "prettier"},
		{"yarn prettier", ""},
	} {
		inv, _ := runFamiliesWith(t, map[string]string{
			".github/workflows/ci.yml": "jobs:\n  lint:\n    steps:\n      - run: " + tt.cmd + "\n",
			"package.json":             `{"name": "web", "scripts": {"prettier": "prettier \"**/*.{css,md}\" --ignore-path=.eslintignore", "fmt": "prettier ."}}`,
		}, func(d *Detection) {}, "node", "ci")
		if got := strings.Join(inv.CI[0].Tools, ","); got != tt.tools {
			t.Errorf("%s: tools %q, want %q", tt.cmd, got, tt.tools)
		}
	}
}

func FuzzLintStaged(f *testing.F) {
	for _, s := range []string{
		`{"*.js": "eslint --fix", "*.md": ["prettier --write"]}`,
		"'*.py': ruff format\n",
		`{"*": [1, {"a": "b"}, "lint-staged"]}`,
		"[1, 2",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		_, _ = runFamiliesWith(t, map[string]string{
			".lintstagedrc.json": string(b),
			".husky/pre-commit":  "npx lint-staged\n",
			"package.json":       `{"name": "x", "scripts": {"lint": "lint-staged"}}`,
		}, func(d *Detection) {}, "node", "ci")
	})
}

// TestCIFrameworkTypeChecks: framework commands that fail on type errors.
func TestCIFrameworkTypeChecks(t *testing.T) {
	d := &Detection{Inventory: &stack.Inventory{}}
	for _, tt := range []struct{ cmd, tools string }{
		{"next build", "typescript"},
		{"npx next lint", "eslint"},
		{"astro check", "typescript"},
		{"svelte-check --tsconfig ./tsconfig.json", "typescript"},
		{"nuxi typecheck", "typescript"},
		{"next dev", ""},
		{"astro build", ""},
	} {
		f := newCIFacts()
		newCIResolver(d).script(tt.cmd, ".", false, 0, f)
		if got := strings.Join(sortedKeys(f.tools), ","); got != tt.tools {
			t.Errorf("%q: tools %q, want %q", tt.cmd, got, tt.tools)
		}
	}
}
