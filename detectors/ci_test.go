package detectors

import (
	"fmt"
	"reflect"
	"strings"
	"testing"

	"github.com/stackaudit/stackaudit/stack"
)

func TestShellCommands(t *testing.T) {
	tests := []struct {
		in   string
		want [][]string
	}{
		{"npm ci && npm test", [][]string{{"npm", "ci"}, {"npm", "test"}}},
		{"echo \"pytest && ruff\"; ls | grep x", [][]string{{"echo", "pytest && ruff"}, {"ls"}, {"grep", "x"}}},
		{"CI=1 FOO='a b' pytest -q 2>&1 > out.txt", [][]string{{"pytest", "-q"}}},
		{"pytest \\\n  --cov app # comment && eslint", [][]string{{"pytest", "--cov", "app"}}},
		{"if [ -f x ]; then mypy .; fi", [][]string{{"[", "-f", "x", "]"}, {"mypy", "."}}},
		{"cat <<EOF > f\nruff check\nEOF\nblack --check .", [][]string{{"cat"}, {"black", "--check", "."}}},
		{"echo $(pytest -q) `jest`", [][]string{{"echo", "$(pytest -q)", "`jest`"}}},
		{"(cd web && npm run lint) || exit 1", [][]string{{"cd", "web"}, {"npm", "run", "lint"}, {"exit", "1"}}},
		{"for f in a b; do flake8 $f; done", [][]string{{"flake8", "$f"}}},
	}
	for _, tt := range tests {
		if got := shellCommands(tt.in); !reflect.DeepEqual(got, tt.want) {
			t.Errorf("shellCommands(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestClassifyCommands(t *testing.T) {
	tests := []struct {
		cmd    string
		tools  string
		checks string
	}{
		{"pytest -q", "pytest", "test"},
		{"python -m pytest tests/", "pytest", "test"},
		{"uv run --frozen pytest", "pytest", "test"},
		{"poetry run mypy src", "mypy", "typecheck"},
		{"npx --yes eslint .", "eslint", "lint"},
		{"pnpm exec vitest run", "vitest", "test"},
		{"node --test", "node-test", "test"},
		{"ruff check . && ruff format --check .", "ruff ruff-format", "format lint"},
		{"ruff format .", "", ""},
		{"black --check src", "black", "format"},
		{"black src", "", ""},
		{"prettier --check .", "prettier", "format"},
		{"prettier --write .", "", ""},
		{"tsc --noEmit -p .", "typescript", "typecheck"},
		{"coverage run -m pytest", "pytest", "test"},
		{"python manage.py test", "django-test", "test"},
		{"docker compose run --rm -e CI=1 api pytest", "pytest", "test"},
		{"biome ci .", "biome", "format lint"},
		{"echo pytest", "", ""},
		{"echo \"run pytest now\"", "", ""},
		{"pip install pytest", "", ""},
		{"python script.py pytest", "", ""},
	}
	d := &Detection{Inventory: &stack.Inventory{}}
	for _, tt := range tests {
		f := newCIFacts()
		newCIResolver(d).script(tt.cmd, ".", false, 0, f)
		if got := strings.Join(sortedKeys(f.tools), " "); got != tt.tools {
			t.Errorf("%q: tools %q, want %q", tt.cmd, got, tt.tools)
		}
		if got := strings.Join(sortedKeys(f.checks), " "); got != tt.checks {
			t.Errorf("%q: checks %q, want %q", tt.cmd, got, tt.checks)
		}
	}
}

func ciSummary(jobs []stack.CIJob) string {
	var out []string
	for _, j := range jobs {
		out = append(out, fmt.Sprintf("%s:%d %s/%s tools=%s checks=%s", j.Evidence.Path, j.Evidence.Line, j.Provider, j.Name,
			strings.Join(j.Tools, ","), strings.Join(j.Checks, ",")))
	}
	return strings.Join(out, "\n")
}

func TestCIIndirection(t *testing.T) {
	inv, probs := runFamiliesWith(t, map[string]string{
		".github/workflows/ci.yml": `on: [push]
jobs:
  lint:
    runs-on: ubuntu-latest
    steps:
      - uses: actions/checkout@v4
      - uses: actions/setup-node@v4
      - run: npm ci
      - run: npm run lint
  test:
    runs-on: ubuntu-latest
    defaults:
      run:
        working-directory: web
    steps:
      - run: |
          npm ci
          npm test
  py:
    runs-on: ubuntu-latest
    steps:
      - run: make test
      - run: tox -e lint,type
      - run: nox -s fmt
      - uses: pre-commit/action@v3.0.1
  say:
    runs-on: ubuntu-latest
    steps:
      - run: echo "pytest"
`,
		"Makefile": "PY ?= python3\n.PHONY: test check\n\ntest: check\n\t$(PY) -m pytest -q\n\ncheck:\n\t@$(MAKE) test\n",
		"tox.ini":  "[tox]\nenvlist = py{311,312}\n\n[testenv]\ncommands = pytest {posargs}\n\n[testenv:lint]\ncommands =\n    ruff check .\n    ruff format --check .\n\n[testenv:type]\ncommands = mypy src\n",
		"noxfile.py": `import nox

@nox.session(python=["3.12"])
def fmt(session):
    """Run session.run("jest") in docs only."""
    session.install("black")
    session.run("black", "--check", ".")  # session.run("pytest")

@nox.session
def tests(session):
    session.run("pytest")
`,
		".pre-commit-config.yaml": "repos:\n  - repo: https://github.com/pre-commit/mirrors-mypy\n    rev: v1\n    hooks:\n      - id: mypy\n",
	}, func(d *Detection) {
		d.Unit(".", stack.Node).Scripts = map[string]string{"lint": "eslint . && npm run lint:types", "lint:types": "tsc --noEmit", "test": "echo no tests"}
		d.Unit("web", stack.Node).Scripts = map[string]string{"test": "jest --ci", "pretest": "npm run test"}
	}, "ci")
	want := `.github/workflows/ci.yml:3 github/lint tools=eslint,typescript checks=lint,typecheck
.github/workflows/ci.yml:19 github/py tools=black,mypy,pytest,ruff,ruff-format checks=format,lint,test,typecheck
.github/workflows/ci.yml:26 github/say tools= checks=
.github/workflows/ci.yml:10 github/test tools=jest checks=test`
	if got := ciSummary(inv.CI); got != want {
		t.Errorf("jobs:\n%s\nwant:\n%s", got, want)
	}
	if len(probs) != 0 {
		t.Errorf("problems = %q", probs)
	}
}
