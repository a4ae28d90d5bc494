package detectors

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stackaudit/stackaudit/repo"
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
		{"python runtests.py wagtail.admin --parallel", "runtests", "test"},
		{"coverage run --parallel-mode --source wagtail runtests.py 4", "runtests", "test"},
		{"python tests/runtests.py", "runtests", "test"},
		{"python scripts/runtest.py", "", ""},
		{"docker compose run --rm -e CI=1 api pytest", "pytest", "test"},
		{"biome ci .", "biome", "format lint"},
		{"biome check --write ./", "biome", "lint"},
		{"echo pytest", "", ""},
		{"echo \"run pytest now\"", "", ""},
		{"pip install pytest", "", ""},
		{"python script.py pytest", "", ""},
	}
	snap, err := repo.FromFS(context.Background(), fstest.MapFS{}, repo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	d := &Detection{Snap: snap, Inventory: &stack.Inventory{}}
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

func TestCIProviders(t *testing.T) {
	inv, probs := runFamiliesWith(t, map[string]string{
		".gitlab-ci.yml": `stages: [test]
variables:
  PIP_CACHE_DIR: .cache
default:
  before_script:
    - pip install -r requirements.txt
.py-base:
  image: python:3.12
  script:
    - pytest
unit:
  extends: .py-base
lint:
  script:
    - !reference [.py-base, script]
    - ruff check .
    - mypy src
pages:
  inherit:
    default: false
  script: echo site
`,
		".circleci/config.yml": `version: 2.1
commands:
  lint-steps:
    steps:
      - run: npx eslint .
jobs:
  build:
    docker: [{image: cimg/node:20.0}]
    working_directory: ~/project/web
    steps:
      - checkout
      - lint-steps
      - run:
          name: test
          command: npm test
`,
		"azure-pipelines.yml": `stages:
  - stage: Check
    jobs:
      - job: Types
        steps:
          - script: pyright
          - bash: |
              black --check .
            workingDirectory: $(System.DefaultWorkingDirectory)/api
`,
		"bitbucket-pipelines.yml": `definitions:
  steps:
    - step: &test
        name: Test
        script:
          - pytest -x
pipelines:
  default:
    - step: *test
    - parallel:
        - step:
            name: Lint
            script:
              - flake8
              - pipe: atlassian/slack-notify:1.0
  branches:
    main:
      - step: *test
`,
		"Jenkinsfile": `pipeline {
  agent any
  stages {
    stage('Lint') {
      steps {
        // sh 'pytest'  (a comment, not a step)
        sh 'ruff check .'
        echo "sh 'jest'"
      }
    }
    stage("Test") {
      steps {
        sh """
          pip install -e .
          pytest --junitxml=out.xml
        """
        sh(script: 'npm run lint', returnStatus: true)
      }
    }
  }
}
`,
		"broken/.gitlab-ci.yml": "x: [\n",
	}, func(d *Detection) {
		d.Unit("web", stack.Node).Scripts = map[string]string{"test": "vitest run"}
		d.Unit(".", stack.Node).Scripts = map[string]string{"lint": "eslint src"}
	}, "ci")
	want := `.circleci/config.yml:7 circleci/build tools=eslint,vitest checks=lint,test
.gitlab-ci.yml:13 gitlab/lint tools=mypy,pytest,ruff checks=lint,test,typecheck
.gitlab-ci.yml:18 gitlab/pages tools= checks=
.gitlab-ci.yml:11 gitlab/unit tools=pytest checks=test
Jenkinsfile:4 jenkins/Lint tools=ruff checks=lint
Jenkinsfile:11 jenkins/Test tools=eslint,pytest checks=lint,test
azure-pipelines.yml:4 azure/Check/Types tools=black,pyright checks=format,typecheck
bitbucket-pipelines.yml:12 bitbucket/Lint tools=flake8 checks=lint
bitbucket-pipelines.yml:3 bitbucket/Test tools=pytest checks=test`
	if got := ciSummary(inv.CI); got != want {
		t.Errorf("jobs:\n%s\nwant:\n%s", got, want)
	}
	for _, j := range inv.CI {
		if j.Name == "unit" && !reflect.DeepEqual(j.Runs, []string{"pip install -r requirements.txt", "pytest"}) {
			t.Errorf("unit runs = %q", j.Runs)
		}
		if j.Name == "lint" && j.Provider == "gitlab" && !reflect.DeepEqual(j.Runs, []string{"pip install -r requirements.txt", "pytest", "ruff check .", "mypy src"}) {
			t.Errorf("lint runs = %q", j.Runs)
		}
		if j.Name == "pages" && !reflect.DeepEqual(j.Runs, []string{"echo site"}) {
			t.Errorf("pages runs = %q", j.Runs)
		}
	}
	if len(probs) != 0 {
		t.Errorf("problems = %q", probs)
	}
}

func TestMakefileParse(t *testing.T) {
	mf := parseMakefile("Makefile", []byte("VENV := .venv\nBIN = $(VENV)/bin\n# comment\nall: lint test ## help\n\nlint:\n\t$(BIN)/ruff check . \\\n\t  --fix\n\n\t-@$(BIN)/mypy src\ntest: ; pytest\nifeq ($(CI),1)\nci: test\nendif\n%.o: %.c\n\tcc $<\ndefine X\nfoo: bar\nendef\n"))
	if mf.first != "all" {
		t.Errorf("first = %q", mf.first)
	}
	if got := mf.targets["lint"].recipe; !reflect.DeepEqual(got, []string{"$(BIN)/ruff check . --fix", "$(BIN)/mypy src"}) {
		t.Errorf("lint recipe = %q", got)
	}
	if got := mf.expand(mf.targets["lint"].recipe[1], 0); got != ".venv/bin/mypy src" {
		t.Errorf("expand = %q", got)
	}
	if got := mf.targets["test"].recipe; !reflect.DeepEqual(got, []string{"pytest"}) {
		t.Errorf("test recipe = %q", got)
	}
	if _, ok := mf.targets["foo"]; ok {
		t.Error("define body read as a rule")
	}
	if got := mf.targets["ci"].deps; !reflect.DeepEqual(got, []string{"test"}) {
		t.Errorf("ci deps = %q", got)
	}
}

func TestMakeCycleBounded(t *testing.T) {
	inv, _ := runFamiliesWith(t, map[string]string{
		".github/workflows/x.yml": "jobs:\n  a:\n    steps:\n      - run: make a\n      - run: npm run loop\n",
		"Makefile":                "a: b\n\tmake b\nb: a\n\tmake a\n\tpytest\n",
	}, func(d *Detection) {
		d.Unit(".", stack.Node).Scripts = map[string]string{"loop": "npm run loop2", "loop2": "npm run loop && jest"}
	}, "ci")
	if got := ciSummary(inv.CI); got != ".github/workflows/x.yml:2 github/a tools=jest,pytest checks=test" {
		t.Errorf("got %s", got)
	}
}

func FuzzMakefile(f *testing.F) {
	for _, s := range []string{
		"all: test\ntest:\n\tpytest\n",
		"X = $(Y)\nY = $(X)\nt:\n\t$(X)\n",
		"a: b ; c\n\\\n",
		"define\nendef\n\t\n:\n=\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		mf := parseMakefile("Makefile", b)
		for _, tg := range mf.targets {
			for _, l := range tg.recipe {
				_ = shellCommands(mf.expand(l, 0))
			}
		}
	})
}

func FuzzJenkinsfile(f *testing.F) {
	for _, s := range []string{
		"pipeline { stages { stage('a') { steps { sh 'pytest' } } } }",
		"node { sh(script: \"\"\"x\ny\"\"\", returnStdout: true) }",
		"stage('x'",
		"sh '''\n/* '",
		"'\\",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		for _, j := range jenkinsJobs("Jenkinsfile", b) {
			for _, r := range j.runs {
				_ = shellCommands(r.cmd)
			}
		}
	})
}

func FuzzShellCommands(f *testing.F) {
	for _, s := range []string{"a && b || c; d | e &", "x <<EOF\nbody\nEOF\n", "'unterminated", "$(a (b) c", "`x", "a 2>&1 >f <g", "\\"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_ = shellCommands(s)
	})
}

func FuzzNoxfile(f *testing.F) {
	for _, s := range []string{
		"import nox\n@nox.session\ndef t(session):\n    session.run('pytest')\n",
		"@nox.session(name='x'\ndef",
		"'''\n",
		"r'\\",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		_ = parseNoxfile("noxfile.py", b)
	})
}

func TestJenkinsDirBlock(t *testing.T) {
	inv, _ := runFamiliesWith(t, map[string]string{
		"Jenkinsfile": "node {\n  stage('Web') {\n    dir('web') {\n      sh 'npm test'\n    }\n    sh 'npm test'\n  }\n}\n",
	}, func(d *Detection) {
		d.Unit(".", stack.Node).Scripts = map[string]string{"test": "mocha"}
		d.Unit("web", stack.Node).Scripts = map[string]string{"test": "jest"}
	}, "ci")
	if got := ciSummary(inv.CI); got != "Jenkinsfile:2 jenkins/Web tools=jest,mocha checks=test" {
		t.Errorf("got %s", got)
	}
}

func TestCIScriptFiles(t *testing.T) {
	inv, _ := runFamiliesWith(t, map[string]string{
		".github/workflows/t.yml":        "jobs:\n  t:\n    steps:\n      - run: uv run bash scripts/tests-start.sh \"x\"\n        working-directory: backend\n      - run: ./ci/lint.sh\n      - run: sh -c 'mypy src'\n",
		"backend/scripts/tests-start.sh": "#!/usr/bin/env bash\nset -e\nbash scripts/test.sh \"$@\"\n",
		"backend/scripts/test.sh":        "coverage run -m pytest tests/\n",
		"ci/lint.sh":                     "#!/bin/sh\nruff check . # and ./ci/lint.sh again\n./ci/lint.sh\n",
	}, func(d *Detection) {}, "ci")
	if got := ciSummary(inv.CI); got != ".github/workflows/t.yml:2 github/t tools=mypy,pytest,ruff checks=lint,test,typecheck" {
		t.Errorf("got %s", got)
	}
}

func TestCIToxTOMLAndTurbo(t *testing.T) {
	inv, _ := runFamiliesWith(t, map[string]string{
		".github/workflows/t.yml": "jobs:\n  py:\n    steps:\n      - run: uv run --locked --group dev tox run\n  style:\n    steps:\n      - run: tox -e typing\n  js:\n    steps:\n      - run: pnpm turbo run lint\n",
		"pyproject.toml": `[project]
name = "x"
[tool.tox]
env_list = ["py3.12", "typing"]
[tool.tox.env_run_base]
commands = [["pytest", "-v", {replace = "posargs", default = [], extend = true}]]
[tool.tox.env.typing]
commands = [["mypy", "--strict"], ["pyright"]]
`,
	}, func(d *Detection) {
		d.Unit(".", stack.Node).Scripts = map[string]string{"build": "tsc"}
		d.Unit("packages/a", stack.Node).Scripts = map[string]string{"lint": "eslint ."}
	}, "ci")
	want := `.github/workflows/t.yml:8 github/js tools=eslint checks=lint
.github/workflows/t.yml:2 github/py tools=mypy,pyright,pytest checks=test,typecheck
.github/workflows/t.yml:5 github/style tools=mypy,pyright checks=typecheck`
	if got := ciSummary(inv.CI); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestCITaskRunners(t *testing.T) {
	inv, _ := runFamiliesWith(t, map[string]string{
		".github/workflows/t.yml": "jobs:\n  go-task:\n    steps:\n      - run: task py:check\n  poe:\n    steps:\n      - run: poetry run poe ci\n",
		"Taskfile.yml": `version: "3"
tasks:
  py:lint:
    cmds:
      - poetry run ruff check mealie
  py:test:
    dir: backend
    cmds:
      - cmd: pytest
  py:check:
    deps: [py:lint]
    cmds:
      - task: py:test
      - echo mypy
`,
		"pyproject.toml": `[tool.poe.tasks]
lint = "ruff check ."
types = {cmd = "mypy src"}
ci = ["lint", "types"]
`,
	}, func(d *Detection) {}, "ci")
	want := `.github/workflows/t.yml:2 github/go-task tools=pytest,ruff checks=lint,test
.github/workflows/t.yml:5 github/poe tools=mypy,ruff checks=lint,typecheck`
	if got := ciSummary(inv.CI); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

// Self-referencing anchors must not recurse forever (found by hand while
// fuzzing: `script: &s [a, *s]`).
func TestCISelfReferencingAnchors(t *testing.T) {
	inv, _ := runFamiliesWith(t, map[string]string{
		".gitlab-ci.yml":          "job:\n  extends: &e [*e]\n  script: &s [pytest, *s]\n",
		"bitbucket-pipelines.yml": "pipelines:\n  default: &d\n    - parallel: *d\n    - step: {script: &x [ruff check, *x]}\n",
		"compose.yaml":            "services:\n  a:\n    build: .\n    command: &c [x, *c]\n",
	}, func(d *Detection) {}, "ci", "compose")
	if got := ciSummary(inv.CI); got != ".gitlab-ci.yml:1 gitlab/job tools=pytest checks=test\nbitbucket-pipelines.yml:4 bitbucket/default step 1 tools=ruff checks=lint" {
		t.Errorf("got:\n%s", got)
	}
}

func FuzzCIFiles(f *testing.F) {
	for _, s := range []string{
		"jobs:\n  a:\n    defaults: {run: {working-directory: web}}\n    steps:\n      - run: npm test\n      - uses: pre-commit/action@v3\n",
		"stages: [a]\n.b: {script: [pytest]}\nc:\n  extends: .b\n  script: [!reference [.b, script], make]\n",
		"jobs:\n  a:\n    steps: [checkout, {run: {command: tox, working_directory: ~/project/x}}]\ncommands: {}\n",
		"stages:\n  - stage: s\n    jobs:\n      - job: j\n        steps: [{script: nox -s lint}]\nsteps: [{bash: make}]\n",
		"pipelines:\n  default:\n    - parallel: {steps: [{step: {script: [task lint]}}]}\n  custom: {x: [{stage: {steps: [{step: {}}]}}]}\n",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		s := string(b)
		_, _ = runFamiliesWith(t, map[string]string{
			".github/workflows/x.yml": s, ".gitlab-ci.yml": s, ".circleci/config.yml": s,
			"azure-pipelines.yml": s, "bitbucket-pipelines.yml": s, "Jenkinsfile": s,
			"Makefile": "test:\n\tmake test\n\tpytest\n", "tox.ini": "[testenv]\ncommands = tox\n",
			"Taskfile.yml": s, "pyproject.toml": "[tool.poe.tasks]\nlint = \"poe lint\"\n",
		}, func(d *Detection) {
			d.Unit(".", stack.Node).Scripts = map[string]string{"test": "npm test", "lint": "yarn lint"}
		}, "ci")
	})
}

func TestCICompositeActionAndRunAll(t *testing.T) {
	inv, probs := runFamiliesWith(t, map[string]string{
		".github/workflows/t.yml":           "jobs:\n  checks:\n    steps:\n      - uses: ./.github/actions/checks\n  all:\n    steps:\n      - run: npm run verify\n",
		".github/actions/checks/action.yml": "name: checks\nruns:\n  using: composite\n  steps:\n    - run: mypy src\n      shell: bash\n    - uses: ./.github/actions/checks\n    - uses: astral-sh/ruff-action@v3\n",
	}, func(d *Detection) {
		d.Unit(".", stack.Node).Scripts = map[string]string{
			"verify":  "run-s lint:* \"test -- --ci\"",
			"lint:js": "eslint .", "lint:css": "stylelint '**/*.css'", "lint:js:fix": "eslint --fix .",
			"test": "concurrently -k \"npm:unit\" \"tsc --noEmit\"", "unit": "vitest run",
		}
	}, "ci")
	want := `.github/workflows/t.yml:5 github/all tools=eslint,stylelint,typescript,vitest checks=lint,test,typecheck
.github/workflows/t.yml:2 github/checks tools=mypy,ruff checks=lint,typecheck`
	if got := ciSummary(inv.CI); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
	if len(probs) != 0 {
		t.Errorf("problems = %q", probs)
	}
}

func TestGitLabLocalIncludes(t *testing.T) {
	inv, _ := runFamiliesWith(t, map[string]string{
		".gitlab-ci.yml":   "include:\n  - local: /ci/templates.yml\n  - 'ci/jobs/*.yml'\n  - remote: https://example.com/x.yml\n  - project: group/ci\n    file: x.yml\nunit:\n  extends: .py\n",
		"ci/templates.yml": ".py:\n  script: [pytest]\n",
		"ci/jobs/lint.yml": "lint:\n  script: [ruff check .]\nunit:\n  script: [echo shadowed]\n",
	}, func(d *Detection) {}, "ci")
	want := `.gitlab-ci.yml:7 gitlab/unit tools=pytest checks=test
ci/jobs/lint.yml:1 gitlab/lint tools=ruff checks=lint`
	if got := ciSummary(inv.CI); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestAzureTasks(t *testing.T) {
	inv, _ := runFamiliesWith(t, map[string]string{
		"azure-pipelines.yml": `jobs:
  - job: Web
    steps:
      - task: Npm@1
        inputs:
          command: custom
          workingDir: web
          customCommand: run lint
      - task: Bash@3
        inputs:
          targetType: inline
          script: |
            pytest -q
      - task: Npm@1
        inputs:
          command: ci
`,
	}, func(d *Detection) {
		d.Unit("web", stack.Node).Scripts = map[string]string{"lint": "eslint ."}
	}, "ci")
	if got := ciSummary(inv.CI); got != "azure-pipelines.yml:2 azure/Web tools=eslint,pytest checks=lint,test" {
		t.Errorf("got %s", got)
	}
}

func TestCircleOrbJobs(t *testing.T) {
	inv, _ := runFamiliesWith(t, map[string]string{
		".circleci/config.yml": `version: 2.1
orbs:
  node: circleci/node@5.2.0
  py: circleci/python@2.1
workflows:
  ci:
    jobs:
      - node/test:
          pkg-manager: yarn
          run-command: test:ci
      - py/test
      - aws-ecr/build-and-push-image
`,
	}, func(d *Detection) {
		d.Unit(".", stack.Node).Scripts = map[string]string{"test:ci": "jest --ci"}
	}, "ci")
	want := `.circleci/config.yml:12 circleci/aws-ecr/build-and-push-image tools= checks=
.circleci/config.yml:8 circleci/node/test tools=jest checks=test
.circleci/config.yml:11 circleci/py/test tools=pytest checks=test`
	if got := ciSummary(inv.CI); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}

func TestCIScriptFilesNotShell(t *testing.T) {
	inv, _ := runFamiliesWith(t, map[string]string{
		".github/workflows/t.yml": "jobs:\n  t:\n    steps:\n      - run: scripts/lint.mjs && ./tools/check && ./tools/run-tests\n",
		"scripts/lint.mjs":        "#!/usr/bin/env node\nconst x = 1; // pytest\neslint(x)\n",
		"tools/check":             "#!/usr/bin/env python3\nimport subprocess\nmypy = 1\n",
		"tools/run-tests":         "#!/usr/bin/env bash\njest --ci\n",
	}, func(d *Detection) {}, "ci")
	if got := ciSummary(inv.CI); got != ".github/workflows/t.yml:2 github/t tools=jest checks=test" {
		t.Errorf("got %s", got)
	}
}

func TestGitHubPythonShellStep(t *testing.T) {
	inv, _ := runFamiliesWith(t, map[string]string{
		".github/workflows/t.yml": "jobs:\n  t:\n    steps:\n      - shell: python\n        run: |\n          import subprocess\n          pytest = 1\n      - run: mypy .\n        shell: bash\n",
	}, func(d *Detection) {}, "ci")
	if got := ciSummary(inv.CI); got != ".github/workflows/t.yml:2 github/t tools=mypy checks=typecheck" {
		t.Errorf("got %s", got)
	}
	if len(inv.CI) == 1 && len(inv.CI[0].Runs) != 2 {
		t.Errorf("runs = %q", inv.CI[0].Runs)
	}
}

// Anchors nested in anchors must not multiply into millions of commands.
func TestCIAliasBomb(t *testing.T) {
	bomb := "a: &a [pytest, pytest, pytest, pytest, pytest, pytest, pytest, pytest, pytest]\n" +
		"b: &b [*a, *a, *a, *a, *a, *a, *a, *a, *a]\n" +
		"c: &c [*b, *b, *b, *b, *b, *b, *b, *b, *b]\n" +
		"d: &d [*c, *c, *c, *c, *c, *c, *c, *c, *c]\n" +
		"e: &e [*d, *d, *d, *d, *d, *d, *d, *d, *d]\n" +
		"job:\n  script: [*e, *e, *e, *e, *e, *e, *e, *e, *e]\n"
	inv, _ := runFamiliesWith(t, map[string]string{".gitlab-ci.yml": bomb}, func(d *Detection) {}, "ci")
	if len(inv.CI) != 1 || len(inv.CI[0].Runs) > 2*maxYAMLList {
		t.Errorf("jobs %d, runs %d", len(inv.CI), len(inv.CI[0].Runs))
	}
}

func TestMakeExpansionBounded(t *testing.T) {
	refs := strings.Repeat("$(B) ", 2000)
	mf := parseMakefile("Makefile", []byte("A = "+refs+"\nB = "+strings.ReplaceAll(refs, "B", "C")+"\nC = "+strings.ReplaceAll(refs, "B", "D")+"\nD = "+strings.Repeat("x", 1000)+"\nt:\n\t$(A)\n"))
	if got := len(mf.expand(mf.targets["t"].recipe[0], 0)); got > 1<<20 {
		t.Errorf("expansion of %d bytes", got)
	}
}

func TestCIProjectScripts(t *testing.T) {
	inv, _ := runFamiliesWith(t, map[string]string{
		".github/workflows/t.yml": "jobs:\n  pdm:\n    steps:\n      - run: pdm run ci\n  hatch:\n    steps:\n      - run: hatch run +py=3.12 lint:all\n  launcher:\n    steps:\n      - run: pdm run pytest -x\n",
		"pyproject.toml": `[tool.pdm.scripts]
lint = "ruff check ."
types = {cmd = ["mypy", "src"]}
ci = {composite = ["lint", "types", "pytest -q"]}
[tool.hatch.envs.lint.scripts]
style = "ruff format --check ."
all = ["style", "pyright"]
`,
	}, func(d *Detection) {}, "ci")
	want := `.github/workflows/t.yml:5 github/hatch tools=pyright,ruff-format checks=format,typecheck
.github/workflows/t.yml:8 github/launcher tools=pytest checks=test
.github/workflows/t.yml:2 github/pdm tools=mypy,pytest,ruff checks=lint,test,typecheck`
	if got := ciSummary(inv.CI); got != want {
		t.Errorf("got:\n%s\nwant:\n%s", got, want)
	}
}
