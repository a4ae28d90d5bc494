package detectors

import (
	"context"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stackaudit/stackaudit/repo"
	"github.com/stackaudit/stackaudit/stack"
)

// pyDetect runs Detect over an in-memory repository.
func pyDetect(t testing.TB, files map[string]string) (*stack.Inventory, []string) {
	t.Helper()
	fsys := fstest.MapFS{}
	for p, s := range files {
		fsys[p] = &fstest.MapFile{Data: []byte(s)}
	}
	ctx := context.Background()
	snap, err := repo.FromFS(ctx, fsys, repo.Options{})
	if err != nil {
		t.Fatalf("index: %v", err)
	}
	inv := Detect(ctx, snap)
	var problems []string
	for _, p := range snap.Problems() {
		problems = append(problems, p.String())
	}
	return inv, problems
}

func pyUnit(t *testing.T, inv *stack.Inventory, path string) *stack.Unit {
	t.Helper()
	for _, u := range inv.Units {
		if u.Path == path && u.Ecosystem == stack.Python {
			return u
		}
	}
	t.Fatalf("no python unit at %q; units: %v", path, unitPaths(inv))
	return nil
}

func unitPaths(inv *stack.Inventory) []string {
	var out []string
	for _, u := range inv.Units {
		out = append(out, u.Ecosystem+":"+u.Path)
	}
	return out
}

func componentIDs(u *stack.Unit) []string {
	out := []string{}
	for _, c := range u.Components {
		out = append(out, c.ID)
	}
	return out
}

func toolIDs(u *stack.Unit) []string {
	out := []string{}
	for _, t := range u.Tools {
		out = append(out, t.Kind+":"+t.ID)
	}
	return out
}

func TestNormalizePyName(t *testing.T) {
	for in, want := range map[string]string{
		"Django":                "django",
		"django_rest.framework": "django-rest-framework",
		"Flask--Cors":           "flask-cors",
		"a._-b":                 "a-b",
		"zope.interface":        "zope-interface",
		"x-":                    "x-",
	} {
		if got := normalizePyName(in); got != want {
			t.Errorf("normalizePyName(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestParsePyRequirement(t *testing.T) {
	tests := []struct {
		in         string
		ok         bool
		name, cons string
		extras     []string
		marker     string
	}{
		{"Django[bcrypt]>=5.1,<5.2", true, "django", ">=5.1,<5.2", []string{"bcrypt"}, ""},
		{"fastapi[standard] >= 0.115", true, "fastapi", ">= 0.115", []string{"standard"}, ""},
		{"requests (>=2.0)", true, "requests", ">=2.0", nil, ""},
		{`tomli>=2; python_version < "3.11"`, true, "tomli", ">=2", nil, `python_version < "3.11"`},
		{`exceptiongroup;python_version<"3.11"`, true, "exceptiongroup", "", nil, `python_version<"3.11"`},
		{"mylib @ https://example.com/mylib-1.0.tar.gz", true, "mylib", "https://example.com/mylib-1.0.tar.gz", nil, ""},
		{"pkg[a, b] @ git+https://x/y.git@v1 ; os_name == 'nt'", true, "pkg", "git+https://x/y.git@v1", []string{"a", "b"}, "os_name == 'nt'"},
		{"flask-cors==5.0.0", true, "flask-cors", "==5.0.0", nil, ""},
		{"click", true, "click", "", nil, ""},
		{"-e .", false, "", "", nil, ""},
		{"./vendor/pkg", false, "", "", nil, ""},
		{"", false, "", "", nil, ""},
		{"[extra]", false, "", "", nil, ""},
		{"name[unclosed", false, "", "", nil, ""},
		{"name garbage", false, "", "", nil, ""},
		{"https://example.com/x.whl", false, "", "", nil, ""},
	}
	for _, tt := range tests {
		r, ok := parsePyRequirement(tt.in)
		if ok != tt.ok {
			t.Errorf("parsePyRequirement(%q) ok = %v, want %v", tt.in, ok, tt.ok)
			continue
		}
		if !ok {
			continue
		}
		if r.Name != tt.name || r.Constraint != tt.cons || r.Marker != tt.marker || !reflect.DeepEqual(r.Extras, tt.extras) {
			t.Errorf("parsePyRequirement(%q) = %+v, want name %q constraint %q extras %v marker %q", tt.in, r, tt.name, tt.cons, tt.extras, tt.marker)
		}
	}
}

func TestParseRequirementsFile(t *testing.T) {
	text := "# comment\n" +
		"Django>=4.2  # trailing comment\n" +
		"celery[redis]==5.4.0 \\\n" +
		"    --hash=sha256:aaa \\\n" +
		"    --hash=sha256:bbb\n" +
		"-r base.txt\n" +
		"--requirement=other.txt\n" +
		"-c constraints.txt\n" +
		"-e .\n" +
		"-e git+https://github.com/org/thing.git@v1#egg=the_thing\n" +
		"git+https://github.com/org/other.git#egg=Other&subdirectory=x\n" +
		"https://example.com/archive.zip#sha=1\n" +
		"--index-url https://pypi.example.com/simple\n" +
		"url#fragment-is-not-a-comment==1.0\n"
	f := parseRequirementsFile(text)
	var got []string
	for _, d := range f.Deps {
		got = append(got, d.Req.Name+" "+d.Req.Constraint+" @"+strconv.Itoa(d.Line))
	}
	want := []string{
		"django >=4.2 @2",
		"celery ==5.4.0 @3",
		"the-thing git+https://github.com/org/thing.git@v1#egg=the_thing @10",
		"other git+https://github.com/org/other.git#egg=Other&subdirectory=x @11",
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("deps = %q\nwant %q", got, want)
	}
	if len(f.Includes) != 2 || f.Includes[0].Text != "base.txt" || f.Includes[1].Text != "other.txt" || f.Includes[1].Line != 7 {
		t.Errorf("includes = %+v", f.Includes)
	}
	if len(f.Constraints) != 1 || f.Constraints[0].Text != "constraints.txt" {
		t.Errorf("constraints = %+v", f.Constraints)
	}
	if !f.Editable || f.Pinned || f.Compiler != "" {
		t.Errorf("editable %v pinned %v compiler %q", f.Editable, f.Pinned, f.Compiler)
	}

	pinned := parseRequirementsFile("a==1.0 --hash=sha256:x\nb==2.0 \\\n  --hash=sha256:y\n")
	if !pinned.Pinned {
		t.Error("a file of == pins with hashes is a lockfile")
	}
	if parseRequirementsFile("a==1.0\nb>=2 --hash=sha256:y\n").Pinned {
		t.Error("a range is not pinned")
	}
	if c := parseRequirementsFile("#\n# This file is autogenerated by pip-compile with Python 3.12\na==1\n").Compiler; c != "pip-tools" {
		t.Errorf("compiler = %q, want pip-tools", c)
	}
	if c := parseRequirementsFile("# This file was autogenerated by uv via the following command:\na==1\n").Compiler; c != "uv" {
		t.Errorf("compiler = %q, want uv", c)
	}
}

func TestRequirementsIncludes(t *testing.T) {
	inv, problems := pyDetect(t, map[string]string{
		"requirements.txt":          "-r requirements/common.txt\nflask>=3\n-c constraints.txt\n",
		"requirements/common.txt":   "celery>=5\n-r ../requirements.txt\n",
		"requirements/dev.txt":      "-r common.txt\n-r lint.txt\n-r ../../up.txt\n-r /abs.txt\n-r nope.txt\n-r https://example.com/r.txt\npytest\n",
		"requirements/lint.txt":     "ruff\n",
		"constraints.txt":           "flask==3.1.0\ncelery==5.4.0\n",
		"requirements/extra-ci.txt": "-r dev.txt\n",
	})
	u := pyUnit(t, inv, ".")
	scopes := map[string]string{}
	for _, d := range u.Dependencies {
		if old, ok := scopes[d.Name]; ok {
			t.Errorf("%s declared twice (%s, %s)", d.Name, old, d.Scope)
		}
		scopes[d.Name] = d.Scope
	}
	want := map[string]string{"flask": "prod", "celery": "prod", "pytest": "dev", "ruff": "dev"}
	if !reflect.DeepEqual(scopes, want) {
		t.Errorf("scopes = %v, want %v", scopes, want)
	}
	for _, c := range u.Components {
		if c.ID == "flask" && c.Version != "3.1.0" {
			t.Errorf("flask version = %q, want 3.1.0 from constraints.txt", c.Version)
		}
	}
	if len(problems) != 4 {
		t.Errorf("problems = %q, want 4 (outside, absolute, missing, network)", problems)
	}
	for _, p := range problems {
		if !strings.HasPrefix(p, "requirements/dev.txt: line ") {
			t.Errorf("problem %q does not name the including file and line", p)
		}
	}
	if !reflect.DeepEqual(u.Manifests, []string{"requirements.txt", "requirements/common.txt", "requirements/dev.txt", "requirements/extra-ci.txt", "requirements/lint.txt"}) {
		t.Errorf("manifests = %q", u.Manifests)
	}
	if len(u.Lockfiles) != 0 {
		t.Errorf("lockfiles = %v, want none", u.Lockfiles)
	}
}

func TestScanSetupPy(t *testing.T) {
	src := `"""Docs: setup(install_requires=['flask'])"""
import os
BASE = ["requests>=2", 'click' ">=8"]  # click>=8 by implicit concatenation
# install_requires=["django"]
setup(
    name='x',
    install_requires=BASE + [os.environ["X"]],
    extras_require=dict(dev=["pytest"]),
    python_requires='>=3.9',
    tests_require=["nose"],
)
`
	args := scanSetupPy(src)
	var got []string
	for _, s := range args.install {
		got = append(got, s.text+"@"+strconv.Itoa(s.line))
	}
	if want := []string{"requests>=2@3", "click>=8@3"}; !reflect.DeepEqual(got, want) {
		t.Errorf("install = %q, want %q", got, want)
	}
	if args.extras != nil && len(args.extras) != 0 {
		t.Errorf("extras from a dict() call are dynamic, got %v", args.extras)
	}
	if args.requires == nil || args.requires.text != ">=3.9" || args.requires.line != 9 {
		t.Errorf("python_requires = %+v", args.requires)
	}

	args = scanSetupPy(`setup(install_requires=(
    "a",
    f"b=={V}",
    b"c",
    get(),
    r'd\n',
    """e
    """,
), extras_require={"x": ["f"], "y": "g\nh"}, **kw)`)
	got = nil
	for _, s := range args.install {
		got = append(got, s.text)
	}
	if want := []string{"a", `d\n`, "e\n    "}; !reflect.DeepEqual(got, want) {
		t.Errorf("install = %q, want %q", got, want)
	}
	if len(args.extras["x"]) != 1 || args.extras["x"][0].text != "f" || len(args.extras["y"]) != 2 {
		t.Errorf("extras = %+v", args.extras)
	}

	for _, bad := range []string{"", "setup(", "install_requires=", "install_requires=[", "setup(install_requires=[\"a\"", "'''", "x = [[[["} {
		scanSetupPy(bad) // must not panic
	}
}

func TestParsePyINI(t *testing.T) {
	f := parsePyINI("\ufeff; comment\nstray = 1\n[options]\ninstall_requires =\n    a>=1\n    # comment\n\n    b\nPython_Requires: >=3.9\n[flake8]\nmax-line-length=100\n[broken\n")
	opts := f.section("options")
	if opts == nil || opts.line != 3 {
		t.Fatalf("options = %+v", opts)
	}
	k := opts.get("install_requires")
	if k == nil || k.value() != "a>=1\nb" || k.lines[1].line != 8 {
		t.Errorf("install_requires = %+v", k)
	}
	if k := opts.get("python_requires"); k == nil || k.value() != ">=3.9" {
		t.Errorf("python_requires = %+v (keys are lower-cased)", k)
	}
	if f.section("flake8").get("max-line-length").value() != "100" {
		t.Error("flake8 max-line-length")
	}
	if f.section("broken") != nil {
		t.Error("an unclosed header is not a section")
	}
}

func TestPythonUnits(t *testing.T) {
	tests := []struct {
		name    string
		files   map[string]string
		unit    string
		manager string
		app     bool
		comps   []string
		tools   []string
		runtime string
	}{
		{
			name:    "near miss: flask-cors and a README",
			files:   map[string]string{"README.md": "uses flask", "requirements.txt": "flask-cors\n# flask\n", "app.py": "# import flask\n"},
			unit:    ".",
			manager: "pip", app: true, comps: []string{}, tools: []string{},
		},
		{
			name: "poetry library",
			files: map[string]string{"pyproject.toml": `[tool.poetry]
name = "lib"
[tool.poetry.dependencies]
python = "^3.10"
Pandas = {version = "^2.0", optional = true}
[tool.poetry.dev-dependencies]
Black = "*"
[build-system]
requires = ["poetry-core"]
`},
			unit: ".", manager: "poetry", app: false, comps: []string{"pandas"}, tools: []string{"formatter:black"}, runtime: "^3.10",
		},
		{
			name: "pdm with dev groups",
			files: map[string]string{"pyproject.toml": `[project]
name = "svc"
dependencies = ["starlette>=0.40"]
[tool.pdm.dev-dependencies]
lint = ["pylint>=3"]
`, "runtime.txt": "python-3.11.9\n"},
			unit: ".", manager: "pdm", app: true, comps: []string{"starlette"}, tools: []string{"linter:pylint"}, runtime: "3.11.9",
		},
		{
			name: "hatch envs",
			files: map[string]string{"pyproject.toml": `[project]
name = "h"
dependencies = ["polars"]
[build-system]
requires = ["hatchling"]
[tool.hatch.envs.default]
dependencies = ["pytest"]
[tool.hatch.envs.types]
extra-dependencies = ["mypy>=1"]
`},
			unit: ".", manager: "hatch", app: false, comps: []string{"polars"}, tools: []string{"testrunner:pytest", "typechecker:mypy"},
		},
		{
			name:  "ruff.toml that only formats",
			files: map[string]string{"requirements.txt": "flask\n", "ruff.toml": "[format]\nquote-style = 'single'\n"},
			unit:  ".", manager: "pip", app: true, comps: []string{"flask"}, tools: []string{"formatter:ruff-format"},
		},
		{
			name:  "empty .ruff.toml lints with defaults; [tool.ruff] with format",
			files: map[string]string{"pyproject.toml": "[project]\nname='x'\n[tool.ruff]\nline-length=90\n[tool.ruff.format]\n", "sub/requirements.txt": "rq\n", "sub/.ruff.toml": ""},
			unit:  ".", manager: "pip", app: true, comps: []string{}, tools: []string{"formatter:ruff-format", "linter:ruff"},
		},
		{
			name:  "tool config at the root serves units below",
			files: map[string]string{"mypy.ini": "[mypy]\n", ".pylintrc": "[MASTER]\n", "api/requirements.txt": "fastapi-slim\n", "api/tests/conftest.py": ""},
			unit:  "api", manager: "pip", app: true, comps: []string{"fastapi"}, tools: []string{"linter:pylint", "testrunner:pytest", "typechecker:mypy"},
		},
		{
			name:  "setup.cfg with only tool sections is not a unit",
			files: map[string]string{"setup.cfg": "[flake8]\n[tool:pytest]\n[pylint.messages control]\n", "svc/Pipfile": "[packages]\nhuey='*'\n"},
			unit:  "svc", manager: "pipenv", app: true, comps: []string{"huey"}, tools: []string{"linter:flake8", "linter:pylint", "testrunner:pytest"},
		},
		{
			name:  "a build-system library with manage.py is an application",
			files: map[string]string{"pyproject.toml": "[project]\nname='x'\ndependencies=['channels']\n[build-system]\nrequires=['setuptools']\n", "manage.py": "", ".python-version": "# pinned\n\n3.13\n"},
			unit:  ".", manager: "pip", app: true, comps: []string{"channels"}, tools: []string{}, runtime: "3.13",
		},
		{
			name: "task runner scripts",
			files: map[string]string{"pyproject.toml": `[project]
name = "x"
dependencies = ["flask"]
[tool.poe.tasks]
lint = "ruff check . && ruff format --check ."
types = { cmd = ["mypy", "src"] }
[tool.pdm.scripts]
test = { composite = ["pytest -q", "echo done"] }
[tool.hatch.envs.default.scripts]
style = ["black --check ."]
[tool.taskipy.tasks]
docs = "mkdocs build"
`},
			unit: ".", manager: "pdm", app: true, comps: []string{"flask"},
			tools: []string{"formatter:black", "formatter:ruff-format", "linter:ruff", "testrunner:pytest", "typechecker:mypy"},
		},
		{
			name:  "a published Django extension is a library",
			files: map[string]string{"pyproject.toml": "[project]\nname='drf-x'\nclassifiers=['Framework :: Django', 'Programming Language :: Python :: 3']\ndependencies=['django>=4.2']\n[build-system]\nrequires=['setuptools']\n"},
			unit:  ".", manager: "pip", app: false, comps: []string{"django"}, tools: []string{},
		},
		{
			name:  "a private web project with build-system is an application",
			files: map[string]string{"pyproject.toml": "[project]\nname='site'\nclassifiers=['Private :: Do Not Upload']\ndependencies=['flask']\n[build-system]\nrequires=['flit_core']\n"},
			unit:  ".", manager: "pip", app: true, comps: []string{"flask"}, tools: []string{},
		},
		{
			name:  "pre-commit local hooks",
			files: map[string]string{"requirements.txt": "numpy\n", ".pre-commit-config.yaml": "repos:\n- repo: local\n  hooks:\n  - id: lint\n    entry: uv run ruff check\n  - id: fmt\n    entry: ruff format\n  - id: types\n    entry: python -m mypy\n  - id: other\n    entry: ./script.sh\n"},
			unit:  ".", manager: "pip", app: true, comps: []string{"numpy"}, tools: []string{"formatter:ruff-format", "linter:ruff", "typechecker:mypy"},
		},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			inv, problems := pyDetect(t, tt.files)
			if len(problems) > 0 {
				t.Errorf("problems: %q", problems)
			}
			u := pyUnit(t, inv, tt.unit)
			if u.PackageManager != tt.manager {
				t.Errorf("package manager = %q, want %q", u.PackageManager, tt.manager)
			}
			if u.Application != tt.app {
				t.Errorf("application = %v, want %v", u.Application, tt.app)
			}
			if got := componentIDs(u); !reflect.DeepEqual(got, tt.comps) {
				t.Errorf("components = %q, want %q", got, tt.comps)
			}
			if got := toolIDs(u); !reflect.DeepEqual(got, tt.tools) {
				t.Errorf("tools = %q, want %q", got, tt.tools)
			}
			got := ""
			if u.Runtime != nil {
				got = u.Runtime.Constraint
			}
			if got != tt.runtime {
				t.Errorf("runtime = %q, want %q", got, tt.runtime)
			}
		})
	}
}

func TestPythonBadInput(t *testing.T) {
	inv, problems := pyDetect(t, map[string]string{
		"pyproject.toml":              "[project\nname=",
		"Pipfile":                     "[packages",
		"uv.lock":                     "[[package]]\nname = 1\nversion = [",
		"requirements.txt":            "django\n",
		"svc/Pipfile":                 "[packages]\nflask='*'\n",
		"svc/Pipfile.lock":            "{not json",
		"lib/pyproject.toml":          "[project]\nname = 'lib'\ndependencies = 'not-a-list'\noptional-dependencies = 3\n[dependency-groups]\ndev = [{include-group = 'nope'}, 1]\n[tool.poetry]\ndependencies = 'x'\n",
		"lib/.pre-commit-config.yaml": "repos: [\n",
		"lib/ruff.toml":               "select = [",
	})
	want := []string{"Pipfile: cannot parse", "pyproject.toml: cannot parse", "svc/Pipfile.lock: cannot parse", "uv.lock: cannot parse",
		"lib/pyproject.toml: line 6: dependency group \"dev\" includes group \"nope\"", "lib/.pre-commit-config.yaml: cannot parse", "lib/ruff.toml: cannot parse"}
	for _, w := range want {
		found := false
		for _, p := range problems {
			if strings.HasPrefix(p, w) {
				found = true
			}
		}
		if !found {
			t.Errorf("no problem starting %q in %q", w, problems)
		}
	}
	if got := componentIDs(pyUnit(t, inv, ".")); !reflect.DeepEqual(got, []string{"django"}) {
		t.Errorf("the rest of the folder is still read: components = %q", got)
	}
	if got := componentIDs(pyUnit(t, inv, "svc")); !reflect.DeepEqual(got, []string{"flask"}) {
		t.Errorf("svc components = %q", got)
	}
	if got := toolIDs(pyUnit(t, inv, "lib")); !reflect.DeepEqual(got, []string{"linter:ruff"}) {
		t.Errorf("a ruff.toml that cannot be parsed still configures ruff: %q", got)
	}
}

func TestUVWorkspaceMembers(t *testing.T) {
	inv, problems := pyDetect(t, map[string]string{
		"pyproject.toml":       "[project]\nname='root'\n[tool.uv.workspace]\nmembers = ['libs/*', 'app']\nexclude = ['libs/old']\n",
		"uv.lock":              "[[package]]\nname = 'Django'\nversion = '5.1.4'\n",
		".python-version":      "3.12\n",
		"app/pyproject.toml":   "[project]\nname='app'\ndependencies=['django>=5']\n",
		"libs/a/setup.py":      "import setuptools\nsetuptools.setup(install_requires=['django'])\n",
		"libs/old/Pipfile":     "[packages]\ndjango='*'\n",
		"other/pyproject.toml": "[project]\nname='other'\n",
	})
	if len(problems) > 0 {
		t.Errorf("problems: %q", problems)
	}
	for _, tt := range []struct {
		path, ws, version, runtime string
	}{
		{"app", ".", "5.1.4", "3.12"},
		{"libs/a", ".", "5.1.4", "3.12"},
		{"libs/old", "", "", ""},
		{"other", "", "", ""},
	} {
		u := pyUnit(t, inv, tt.path)
		if u.Workspace != tt.ws {
			t.Errorf("%s: workspace = %q, want %q", tt.path, u.Workspace, tt.ws)
		}
		version := ""
		for _, c := range u.Components {
			if c.ID == "django" {
				version = c.Version
			}
		}
		if version != tt.version {
			t.Errorf("%s: django version = %q, want %q", tt.path, version, tt.version)
		}
		rt := ""
		if u.Runtime != nil {
			rt = u.Runtime.Constraint
		}
		if rt != tt.runtime {
			t.Errorf("%s: runtime = %q, want %q", tt.path, rt, tt.runtime)
		}
		if tt.ws == "." && (u.PackageManager != "uv" || len(u.Lockfiles) != 1 || u.Lockfiles[0].Path != "uv.lock") {
			t.Errorf("%s: manager %q lockfiles %v, want uv and the root uv.lock", tt.path, u.PackageManager, u.Lockfiles)
		}
	}
}

func FuzzParseRequirementsFile(f *testing.F) {
	f.Add("Django>=4.2 # c\n-r base.txt\nx==1 \\\n --hash=sha256:a\n")
	f.Add("-e git+https://x/y.git#egg=z\nname @ https://u ; python_version<'3'\n")
	f.Add("pkg[a,b](>=1);os_name=='nt'\n\\")
	f.Add("--requirement\n-c\n-\n#egg=\n://#egg=-")
	f.Fuzz(func(t *testing.T, s string) {
		parseRequirementsFile(s)
		parsePyRequirement(s)
		vcsRequirement(s)
		normalizePyName(s)
	})
}

func FuzzScanSetupPy(f *testing.F) {
	f.Add(`setup(install_requires=["a", 'b' "c"], extras_require={"x": ["y"]}, python_requires=">=3")`)
	f.Add("R = ['a']\nsetup(install_requires=R)\n")
	f.Add(`x = f"{'a' + "b"}" rb'\'' """unterminated`)
	f.Add("install_requires=install_requires=[[[")
	f.Fuzz(func(t *testing.T, s string) {
		scanSetupPy(s)
	})
}

func FuzzParsePyINI(f *testing.F) {
	f.Add("[options]\ninstall_requires =\n    a\n    b\n[flake8]\nx: 1\n")
	f.Add("\ufeff [a]\n\tb\n=\n:\n[")
	f.Fuzz(func(t *testing.T, s string) {
		ini := parsePyINI(s)
		for _, sec := range ini.sections {
			for _, k := range sec.keys {
				k.value()
			}
		}
	})
}

func FuzzPythonManifests(f *testing.F) {
	f.Add("[project]\ndependencies=['django']\n", "[packages]\nflask='*'\n", "[[package]]\nname='django'\nversion='5'\n", "repos: [{hooks: [{id: ruff}]}]")
	f.Add("[tool.poetry.dependencies]\nx = [{version='1'}, {git='g'}]\n", "", "{", "repos:\n- hooks:\n  - entry: ruff format\n    id: 1")
	f.Fuzz(func(t *testing.T, pyproject, pipfile, lock, precommit string) {
		pyDetect(t, map[string]string{
			"pyproject.toml":          pyproject,
			"a/Pipfile":               pipfile,
			"uv.lock":                 lock,
			"a/Pipfile.lock":          lock,
			"poetry.lock":             lock,
			".pre-commit-config.yaml": precommit,
			"setup.cfg":               pipfile,
			"a/setup.py":              pyproject,
		})
	})
}

func TestCompiledRequirementsBesidePyproject(t *testing.T) {
	inv, problems := pyDetect(t, map[string]string{
		"pyproject.toml":   "[project]\nname = 'x'\ndependencies = ['flask', 'celery[redis]']\n",
		"requirements.txt": "#\n# This file is autogenerated by pip-compile with Python 3.11\n#    pip-compile pyproject.toml\n#\namqp==5.1.1\n    # via kombu\ncelery[redis]==5.2.7\nflask==2.3.2\n",
	})
	if len(problems) > 0 {
		t.Errorf("problems: %q", problems)
	}
	u := pyUnit(t, inv, ".")
	if len(u.Dependencies) != 2 {
		t.Errorf("dependencies = %+v, want only the two pyproject.toml declares", u.Dependencies)
	}
	if len(u.Lockfiles) != 1 || u.Lockfiles[0].Manager != "pip-tools" {
		t.Errorf("lockfiles = %+v", u.Lockfiles)
	}
	for _, c := range u.Components {
		if c.Constraint != "" || c.Evidence.Path != "pyproject.toml" || c.Version == "" {
			t.Errorf("component %+v: want no constraint, pyproject.toml evidence, version from requirements.txt", c)
		}
	}
}

func TestPythonToolEvidenceNearestFirst(t *testing.T) {
	inv, _ := pyDetect(t, map[string]string{
		".flake8":              "[flake8]\n",
		"pyproject.toml":       "[project]\nname='root'\n[tool.mypy]\n",
		"api/.flake8":          "[flake8]\n",
		"api/requirements.txt": "flask\n",
	})
	u := pyUnit(t, inv, "api")
	got := map[string]string{}
	for _, tl := range u.Tools {
		got[tl.ID] = tl.Evidence.Path
	}
	want := map[string]string{"flake8": "api/.flake8", "mypy": "pyproject.toml"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("tool evidence = %v, want %v", got, want)
	}
}

func TestLargeUVLock(t *testing.T) {
	var b strings.Builder
	b.WriteString("version = 1\n")
	for i := 0; b.Len() < 3<<20; i++ {
		b.WriteString("[[package]]\nname = \"pkg" + strconv.Itoa(i) + "\"\nversion = \"1.0\"\nsdist = { url = \"https://files.example/pkg.tar.gz\", hash = \"sha256:0000000000000000000000000000000000000000000000000000000000000000\" }\n\n")
	}
	b.WriteString("[[package]]\nname = \"django\"\nversion = \"5.2.1\"\n")
	inv, problems := pyDetect(t, map[string]string{
		"pyproject.toml": "[project]\nname = 'big'\ndependencies = ['django>=5.2']\n",
		"uv.lock":        b.String(),
		"manage.py":      "",
	})
	if len(problems) > 0 {
		t.Errorf("problems: %q", problems)
	}
	u := pyUnit(t, inv, ".")
	if len(u.Components) != 1 || u.Components[0].ID != "django" || u.Components[0].Version != "5.2.1" {
		t.Errorf("components = %+v, want django 5.2.1 from a 3 MiB uv.lock", u.Components)
	}
}

func TestImportsUnittest(t *testing.T) {
	for src, want := range map[string]int{
		"import unittest\n":                                 1,
		"# header\nimport os, unittest\n":                   2,
		"import os\nfrom unittest import mock\n":            2,
		"from unittest.mock import patch\n":                 1,
		"from django.test import TestCase\n":                1,
		"if True:\n    import unittest\n":                   2,
		"import os; import unittest\n":                      1,
		"# import unittest\nx = 'import unittest'\n":        0,
		"from mylib import unittest\n":                      0,
		"import unittest_helpers\n":                         0,
		"from django.test.utils import override_settings\n": 0,
		"\"\"\"\nimport unittest\n\"\"\"\nimport pytest\n":  0,
	} {
		if got, _ := importsUnittest([]byte(src)); got != want {
			t.Errorf("importsUnittest(%q) = %d, want %d", src, got, want)
		}
	}
	inv, _ := pyDetect(t, map[string]string{
		"requirements.txt":       "django\n",
		"shop/tests.py":          "from django.test import TestCase\n",
		"other/requirements.txt": "pytest\n",
		"other/test_x.py":        "import unittest\n",
	})
	if got := toolIDs(pyUnit(t, inv, ".")); !reflect.DeepEqual(got, []string{"testrunner:unittest"}) {
		t.Errorf("tools = %q, want unittest", got)
	}
	if got := toolIDs(pyUnit(t, inv, "other")); !reflect.DeepEqual(got, []string{"testrunner:pytest"}) {
		t.Errorf("a unit with pytest keeps only pytest: %q", got)
	}
}

func TestPytestEvidencePrefersConfig(t *testing.T) {
	inv, _ := pyDetect(t, map[string]string{
		"svc/pyproject.toml":             "[project]\nname='x'\n[tool.pytest.ini_options]\naddopts='-q'\n",
		"svc/pkg/deep/tests/conftest.py": "",
		"other/requirements.txt":         "rq\n",
		"other/tests/conftest.py":        "",
		"other/tests/sub/conftest.py":    "",
	})
	for path, want := range map[string]string{"svc": "svc/pyproject.toml", "other": "other/tests/conftest.py"} {
		u := pyUnit(t, inv, path)
		got := ""
		for _, tl := range u.Tools {
			if tl.ID == "pytest" {
				got = tl.Evidence.Path
			}
		}
		if got != want {
			t.Errorf("%s: pytest evidence = %q, want %q", path, got, want)
		}
	}
}

func TestPyprojectLines(t *testing.T) {
	inv, _ := pyDetect(t, map[string]string{"pyproject.toml": `[project]
name = "x"
dependencies = [
  "tomli; python_version < \"3.11\"",
  'django>=5',
]
[project.optional-dependencies]
test = ["django>=5"]
`})
	got := map[string]int{}
	for _, d := range pyUnit(t, inv, ".").Dependencies {
		got[d.Name+"/"+d.Scope] = d.Evidence.Line
	}
	want := map[string]int{"tomli/prod": 4, "django/prod": 5, "django/test": 8}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("lines = %v, want %v", got, want)
	}
}

func TestSetupPyThatIsNotPackaging(t *testing.T) {
	inv, _ := pyDetect(t, map[string]string{
		"pyproject.toml":        "[project]\nname = 'app'\ndependencies = ['flask']\n",
		"app/handlers/setup.py": "from flask import render_template\n\ndef setup():\n    return render_template('setup.html')\n",
		"tools/legacy/setup.py": "from distutils.core import setup\nsetup(name='x', install_requires=['rq'])\n",
		"tools/skb/setup.py":    "from skbuild import setup\nsetup()\n",
	})
	got := unitPaths(inv)
	want := []string{"python:.", "python:tools/legacy", "python:tools/skb"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("units = %q, want %q", got, want)
	}
}
