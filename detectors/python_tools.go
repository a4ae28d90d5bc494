package detectors

import (
	"path"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
	"go.yaml.in/yaml/v3"

	"github.com/stackaudit/stackaudit/internal/source"
	"github.com/stackaudit/stackaudit/repo"
	"github.com/stackaudit/stackaudit/stack"
	"github.com/stackaudit/stackaudit/syntax"
)

// The python-tools family finds the linters, formatters, type checkers and
// test runners Python units configure, in every config form: dedicated
// files, pyproject.toml tables, setup.cfg and tox.ini sections, pre-commit
// hooks, and declared development dependencies.
var _ = register(family{
	name:  "python-tools",
	order: 30,
	patterns: []string{
		"**/pyproject.toml",
		"**/setup.cfg",
		"**/tox.ini",
		"**/ruff.toml",
		"**/.ruff.toml",
		"**/.flake8",
		"**/.pylintrc",
		"**/pylintrc",
		"**/mypy.ini",
		"**/.mypy.ini",
		"**/pyrightconfig.json",
		"**/pytest.ini",
		"**/.isort.cfg",
		"**/.style.yapf",
		"**/conftest.py",
		"**/noxfile.py",
		"**/.pre-commit-config.yaml",
		"**/.pre-commit-config.yml",
		"**/test_*.py",
		"**/*_test.py",
		"**/tests.py",
	},
	run: runPythonTools,
})

type pyToolKind struct {
	id, kind string
}

// pyDedicatedFiles are config files whose presence configures a tool.
// ruff.toml, setup.cfg, tox.ini, pyproject.toml and pre-commit configs are
// read instead, in runPythonTools.
var pyDedicatedFiles = map[string][]pyToolKind{
	".flake8":            {{"flake8", stack.Linter}},
	".pylintrc":          {{"pylint", stack.Linter}},
	"pylintrc":           {{"pylint", stack.Linter}},
	"mypy.ini":           {{"mypy", stack.TypeChecker}},
	".mypy.ini":          {{"mypy", stack.TypeChecker}},
	"pyrightconfig.json": {{"pyright", stack.TypeChecker}},
	"pytest.ini":         {{"pytest", stack.TestRunner}},
	".isort.cfg":         {{"isort", stack.Formatter}},
	".style.yapf":        {{"yapf", stack.Formatter}},
	"conftest.py":        {{"pytest", stack.TestRunner}},
	"noxfile.py":         {{"nox", stack.TestRunner}},
}

// pyToolTables are pyproject.toml [tool.X] tables that configure a tool.
// Ruff is read apart.
var pyToolTables = []struct {
	table string
	tool  pyToolKind
}{
	{"tool.flake8", pyToolKind{"flake8", stack.Linter}}, // flake8 plugins (flake8-pyproject)
	{"tool.pylint", pyToolKind{"pylint", stack.Linter}},
	{"tool.black", pyToolKind{"black", stack.Formatter}},
	{"tool.isort", pyToolKind{"isort", stack.Formatter}},
	{"tool.yapf", pyToolKind{"yapf", stack.Formatter}},
	{"tool.autopep8", pyToolKind{"autopep8", stack.Formatter}},
	{"tool.mypy", pyToolKind{"mypy", stack.TypeChecker}},
	{"tool.pyright", pyToolKind{"pyright", stack.TypeChecker}},
	{"tool.basedpyright", pyToolKind{"basedpyright", stack.TypeChecker}},
	{"tool.pytype", pyToolKind{"pytype", stack.TypeChecker}},
	{"tool.pytest", pyToolKind{"pytest", stack.TestRunner}},
	{"tool.tox", pyToolKind{"tox", stack.TestRunner}},
}

// pyINISections are setup.cfg and tox.ini sections that configure a tool;
// a name ending in "." matches every section that starts with it.
var pyINISections = []struct {
	section string
	files   string // "cfg", "tox" or "both"
	tool    pyToolKind
}{
	{"flake8", "both", pyToolKind{"flake8", stack.Linter}},
	{"pylint.", "both", pyToolKind{"pylint", stack.Linter}},
	{"MASTER", "cfg", pyToolKind{"pylint", stack.Linter}},
	{"mypy", "cfg", pyToolKind{"mypy", stack.TypeChecker}},
	{"pytype", "cfg", pyToolKind{"pytype", stack.TypeChecker}},
	{"tool:pytest", "cfg", pyToolKind{"pytest", stack.TestRunner}},
	{"pytest", "tox", pyToolKind{"pytest", stack.TestRunner}},
	{"isort", "both", pyToolKind{"isort", stack.Formatter}},
	{"tool:isort", "cfg", pyToolKind{"isort", stack.Formatter}},
	{"yapf", "cfg", pyToolKind{"yapf", stack.Formatter}},
	{"autopep8", "both", pyToolKind{"autopep8", stack.Formatter}},
}

// pyHookTools maps pre-commit hook ids (and the first word of a local
// hook's entry) to tools.
var pyHookTools = map[string]pyToolKind{
	"ruff":          {"ruff", stack.Linter},
	"ruff-check":    {"ruff", stack.Linter},
	"ruff-format":   {"ruff-format", stack.Formatter},
	"black":         {"black", stack.Formatter},
	"black-jupyter": {"black", stack.Formatter},
	"flake8":        {"flake8", stack.Linter},
	"pylint":        {"pylint", stack.Linter},
	"mypy":          {"mypy", stack.TypeChecker},
	"pyright":       {"pyright", stack.TypeChecker},
	"basedpyright":  {"basedpyright", stack.TypeChecker},
	"isort":         {"isort", stack.Formatter},
	"yapf":          {"yapf", stack.Formatter},
	"autopep8":      {"autopep8", stack.Formatter},
	"pytest":        {"pytest", stack.TestRunner},
	"eslint":        {"eslint", stack.Linter},
	"prettier":      {"prettier", stack.Formatter},
}

// pyNodeHooks are the hooks that belong to a Node unit rather than Python.
var pyNodeHooks = map[string]bool{"eslint": true, "prettier": true}

// pyToolDeps are tools a declared dependency brings in. Ruff, flake8,
// pylint and mypy work with no config file at all (their defaults are the
// config), so a unit that declares one, usually as a development
// dependency, counts as having it, with the dependency line as evidence.
// Config files found elsewhere take precedence as evidence.
var pyToolDeps = map[string]pyToolKind{
	"ruff":         {"ruff", stack.Linter},
	"flake8":       {"flake8", stack.Linter},
	"pylint":       {"pylint", stack.Linter},
	"mypy":         {"mypy", stack.TypeChecker},
	"pyright":      {"pyright", stack.TypeChecker},
	"basedpyright": {"basedpyright", stack.TypeChecker},
	"pytype":       {"pytype", stack.TypeChecker},
	"black":        {"black", stack.Formatter},
	"isort":        {"isort", stack.Formatter},
	"yapf":         {"yapf", stack.Formatter},
	"autopep8":     {"autopep8", stack.Formatter},
	"pytest":       {"pytest", stack.TestRunner},
	"tox":          {"tox", stack.TestRunner},
	"nox":          {"nox", stack.TestRunner},
}

// pyDependencyTool returns the tool a declared dependency brings in. A
// runtime dependency in package metadata (pyproject.toml [project],
// setup.py, setup.cfg) is left out: a pylint plugin depends on pylint, a
// code generator on black, and neither configures the tool for itself.
// Requirements files and Pipfiles mix tools into their main list often
// enough that there every declaration counts.
func pyDependencyTool(dep stack.Dependency) (pyToolKind, bool) {
	t, ok := pyToolDeps[dep.Name]
	if !ok {
		return t, false
	}
	if dep.Scope == "prod" {
		switch path.Base(dep.Evidence.Path) {
		case "pyproject.toml", "setup.py", "setup.cfg":
			return t, false
		}
	}
	return t, true
}

func runPythonTools(d *Detection, files []repo.File) {
	// Deepest configs first, so a unit's own config gives its evidence
	// before one from a folder above; conftest.py files, weaker evidence of
	// pytest than its config, come after every config, shallowest first.
	files = append([]repo.File(nil), files...)
	sort.SliceStable(files, func(i, j int) bool {
		ci, cj := path.Base(files[i].Path) == "conftest.py", path.Base(files[j].Path) == "conftest.py"
		if ci != cj {
			return cj
		}
		di, dj := strings.Count(files[i].Path, "/"), strings.Count(files[j].Path, "/")
		if di != dj {
			if ci {
				return di < dj
			}
			return di > dj
		}
		return files[i].Path < files[j].Path
	})
	for _, f := range files {
		base := path.Base(f.Path)
		switch base {
		case "pyproject.toml":
			pyprojectTools(d, f.Path)
		case "ruff.toml", ".ruff.toml":
			ruffTomlTools(d, f.Path)
		case "setup.cfg", "tox.ini":
			iniTools(d, f.Path, base)
		case ".pre-commit-config.yaml", ".pre-commit-config.yml":
			pyPreCommitTools(d, f.Path)
		}
		for _, t := range pyDedicatedFiles[base] {
			for _, u := range pyToolUnits(d, f.Path, stack.Python) {
				addTool(u, t.id, t.kind, stack.Evidence{Path: f.Path, Line: 1, Detail: base})
			}
		}
	}
	for _, u := range d.Inventory.Units {
		if u.Ecosystem != stack.Python {
			continue
		}
		for _, dep := range u.Dependencies {
			if t, ok := pyDependencyTool(dep); ok {
				addTool(u, t.id, t.kind, dep.Evidence)
			}
		}
	}
	// A workspace root's development dependencies are installed for, and
	// usually run over, every member (uv sync, then ruff check . at the root).
	for _, u := range d.Inventory.Units {
		if u.Ecosystem != stack.Python || u.Workspace == "" || u.Workspace == u.Path {
			continue
		}
		var root *stack.Unit
		for _, r := range d.Inventory.Units {
			if r.Ecosystem == stack.Python && r.Path == u.Workspace {
				root = r
			}
		}
		if root == nil {
			continue
		}
		for _, dep := range root.Dependencies {
			if t, ok := pyDependencyTool(dep); ok {
				addTool(u, t.id, t.kind, dep.Evidence)
			}
		}
	}
	unittestTools(d, files)
}

// pyUnittestScan caps the test files read, per unit, looking for unittest.
const pyUnittestScan = 50

// unittestTools records unittest for units with no other test runner whose
// test files import unittest (or Django's unittest-based django.test).
func unittestTools(d *Detection, files []repo.File) {
	read := map[*stack.Unit]int{}
	for _, f := range files {
		if !strings.HasSuffix(f.Path, ".py") || path.Base(f.Path) == "conftest.py" || path.Base(f.Path) == "noxfile.py" {
			continue
		}
		u := d.UnitFor(f.Path, stack.Python)
		if u == nil || u.HasTool(stack.TestRunner) || read[u] >= pyUnittestScan {
			continue
		}
		read[u]++
		// Read through the source records: the imports family parses
		// the file later from the same read.
		b, err := source.Text(d.Snap, f.Path)
		if err != nil {
			continue // the imports family reports unreadable files
		}
		if line, what := importsUnittest(b); line > 0 {
			addTool(u, "unittest", stack.TestRunner, stack.Evidence{Path: f.Path, Line: line, Detail: what})
		}
	}
}

// importsUnittest returns the line of an "import unittest", "from unittest
// import ..." or "from django.test import ..." statement, read from tokens
// so strings and comments never count.
func importsUnittest(src []byte) (int, string) {
	toks := syntax.TokenizePython(src)
	name := func(i int) string {
		if i < len(toks) && toks[i].Kind == syntax.Name {
			return string(toks[i].Text(src))
		}
		return ""
	}
	op := func(i int) string {
		if i < len(toks) && toks[i].Kind == syntax.Op {
			return string(toks[i].Text(src))
		}
		return ""
	}
	for i, t := range toks {
		if t.Kind != syntax.Name {
			continue
		}
		switch name(i) {
		case "import":
			k := i - 1
			for k >= 0 && toks[k].Kind == syntax.Comment {
				k--
			}
			if k >= 0 && toks[k].Kind != syntax.Newline && toks[k].Kind != syntax.Indent && toks[k].Kind != syntax.Dedent && op(k) != ";" {
				continue // the import of a from-import
			}
			for j := i + 1; j < len(toks) && toks[j].Kind != syntax.Newline; j++ {
				if name(j) == "unittest" && (name(j-1) == "import" || op(j-1) == ",") {
					return t.Line, "import unittest"
				}
			}
		case "from":
			if name(i+1) == "unittest" && (op(i+2) == "." || name(i+2) == "import") {
				return t.Line, "from unittest import"
			}
			if name(i+1) == "django" && op(i+2) == "." && name(i+3) == "test" && name(i+4) == "import" {
				return t.Line, "from django.test import"
			}
		}
	}
	return 0, ""
}

// pyToolUnits returns the units of an ecosystem a config file at p serves:
// the unit it sits in (the nearest enclosing unit) and every unit below its
// folder. Tools read their config from the folders above the files they
// check (ruff, mypy, pytest), or are run from the config's folder over the
// whole tree below it (flake8, pre-commit), so a root config covers nested
// units; a nested unit's own config, read first, gives its evidence.
func pyToolUnits(d *Detection, p, ecosystem string) []*stack.Unit {
	var out []*stack.Unit
	near := d.UnitFor(p, ecosystem)
	if near != nil {
		out = append(out, near)
	}
	dir := path.Dir(p)
	for _, u := range d.Inventory.Units {
		if u.Ecosystem == ecosystem && u != near && inFolder(u.Path, dir) {
			out = append(out, u)
		}
	}
	return out
}

// ruffTools records ruff from its config table: a linter unless the table
// configures only the formatter, and ruff-format when it has a format table.
func ruffTools(u *stack.Unit, p string, ruff map[string]any, lines *pyTOMLLines, prefix string) {
	_, hasFormat := ruff["format"]
	onlyFormat := hasFormat && len(ruff) == 1
	join := func(s string) string {
		if prefix == "" {
			return s
		}
		if s == "" {
			return prefix
		}
		return prefix + "." + s
	}
	if !onlyFormat {
		line := lines.header(join("lint"))
		if line == 0 {
			line = lines.headerPrefix(join(""))
		}
		if line == 0 {
			line = 1
		}
		addTool(u, "ruff", stack.Linter, stack.Evidence{Path: p, Line: line, Detail: lines.text(line, "ruff")})
	}
	if hasFormat {
		line := lines.header(join("format"))
		if line == 0 {
			line = max(lines.key("format", 1), 1)
		}
		addTool(u, "ruff-format", stack.Formatter, stack.Evidence{Path: p, Line: line, Detail: lines.text(line, "ruff format")})
	}
}

func pyprojectTools(d *Detection, p string) {
	b, err := d.Snap.ReadFile(p)
	if err != nil {
		return // the python family reports it
	}
	var doc map[string]any
	if _, err := toml.Decode(string(b), &doc); err != nil {
		return // the python family reports it
	}
	tool := pyTOMLTable(doc, "tool")
	if tool == nil {
		return
	}
	lines := newPyTOMLLines(string(b))
	for _, u := range pyToolUnits(d, p, stack.Python) {
		if ruff := pyTOMLTable(tool, "ruff"); ruff != nil {
			ruffTools(u, p, ruff, lines, "tool.ruff")
		}
		for _, tt := range pyToolTables {
			if pyTOMLTable(doc, strings.Split(tt.table, ".")...) == nil {
				continue
			}
			line := lines.headerPrefix(tt.table)
			if line == 0 {
				line = 1
			}
			addTool(u, tt.tool.id, tt.tool.kind, stack.Evidence{Path: p, Line: line, Detail: lines.text(line, "["+tt.table+"]")})
		}
		// Tasks that run a tool come after its config, weaker evidence.
		for _, sc := range pyprojectScriptCommands(doc, lines) {
			for _, part := range splitShellCommands(sc.cmd) {
				if t, ok := hookEntryTool(part); ok && !pyNodeHooks[t.id] {
					addTool(u, t.id, t.kind, stack.Evidence{Path: p, Line: sc.line, Detail: lines.text(sc.line, sc.cmd)})
				}
			}
		}
	}
}

func ruffTomlTools(d *Detection, p string) {
	doc, lines, _ := readPyTOML(d, p, "so ruff can read it")
	if lines == nil {
		return
	}
	for _, u := range pyToolUnits(d, p, stack.Python) {
		if len(doc) == 0 {
			// An empty ruff.toml still runs ruff's default rules.
			addTool(u, "ruff", stack.Linter, stack.Evidence{Path: p, Line: 1, Detail: path.Base(p)})
			continue
		}
		ruffTools(u, p, doc, lines, "")
	}
}

func iniTools(d *Detection, p, base string) {
	b, err := d.Snap.ReadFile(p)
	if err != nil {
		d.Problemf(p, "cannot read: %v", pyReadErr(err))
		return
	}
	ini := parsePyINI(string(b))
	kind := "cfg"
	if base == "tox.ini" {
		kind = "tox"
	}
	units := pyToolUnits(d, p, stack.Python)
	if kind == "tox" {
		line := 1
		for _, name := range []string{"tox", "testenv"} {
			if s := ini.section(name); s != nil {
				line = s.line
				break
			}
		}
		for _, u := range units {
			addTool(u, "tox", stack.TestRunner, stack.Evidence{Path: p, Line: line, Detail: "tox.ini"})
		}
	}
	for _, sec := range ini.sections {
		for _, want := range pyINISections {
			if want.files != "both" && want.files != kind {
				continue
			}
			match := sec.name == want.section
			if strings.HasSuffix(want.section, ".") {
				match = strings.HasPrefix(sec.name, want.section) || sec.name == strings.TrimSuffix(want.section, ".")
			}
			if !match {
				continue
			}
			for _, u := range units {
				addTool(u, want.tool.id, want.tool.kind, stack.Evidence{Path: p, Line: sec.line, Detail: "[" + sec.name + "]"})
			}
		}
	}
}

// pyPreCommitTools reads .pre-commit-config.yaml: each hook id that names a
// tool attaches it, with the hook's line, to the units the file covers.
func pyPreCommitTools(d *Detection, p string) {
	b, err := d.Snap.ReadFile(p)
	if err != nil {
		d.Problemf(p, "cannot read: %v", pyReadErr(err))
		return
	}
	var root yaml.Node
	if err := yaml.Unmarshal(b, &root); err != nil {
		d.Problemf(p, "cannot parse: %v; fix the YAML so its hooks can be read", err)
		return
	}
	for _, h := range pyPreCommitHooks(&root) {
		t, ok := pyHookTools[h.id]
		if !ok && h.entry != "" {
			t, ok = hookEntryTool(h.entry)
		}
		if !ok {
			continue
		}
		eco := stack.Python
		if pyNodeHooks[t.id] {
			eco = stack.Node
		}
		for _, u := range pyToolUnits(d, p, eco) {
			addTool(u, t.id, t.kind, stack.Evidence{Path: p, Line: h.line, Detail: "pre-commit hook " + h.id})
		}
	}
}

type pyHook struct {
	id, entry string
	line      int
}

// pyPreCommitHooks lists repos[].hooks[] of a pre-commit config.
func pyPreCommitHooks(root *yaml.Node) []pyHook {
	doc := root
	if doc.Kind == yaml.DocumentNode && len(doc.Content) > 0 {
		doc = doc.Content[0]
	}
	var out []pyHook
	for _, repoNode := range pyYAMLSeq(pyYAMLGet(doc, "repos")) {
		for _, hook := range pyYAMLSeq(pyYAMLGet(repoNode, "hooks")) {
			id := pyYAMLGet(hook, "id")
			if id == nil || id.Kind != yaml.ScalarNode {
				continue
			}
			h := pyHook{id: id.Value, line: id.Line}
			if e := pyYAMLGet(hook, "entry"); e != nil && e.Kind == yaml.ScalarNode {
				h.entry = e.Value
			}
			out = append(out, h)
		}
	}
	return out
}

// hookEntryTool reads the command of a local hook ("ruff check", "uv run
// mypy", "ruff format").
func hookEntryTool(entry string) (pyToolKind, bool) {
	words := strings.Fields(entry)
	for len(words) > 0 {
		switch path.Base(words[0]) {
		case "uv", "poetry", "pdm", "pipenv", "hatch":
			if len(words) > 1 && words[1] == "run" {
				words = words[2:]
				continue
			}
		case "python", "python3":
			if len(words) > 2 && words[1] == "-m" {
				words = words[2:]
				continue
			}
		}
		break
	}
	if len(words) == 0 {
		return pyToolKind{}, false
	}
	name := path.Base(words[0])
	if name == "ruff" && len(words) > 1 && words[1] == "format" {
		return pyToolKind{"ruff-format", stack.Formatter}, true
	}
	t, ok := pyHookTools[name]
	return t, ok
}

func pyYAMLGet(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}

func pyYAMLSeq(n *yaml.Node) []*yaml.Node {
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	return n.Content
}

// pyScriptCommand is a command a project task runs, with its line.
type pyScriptCommand struct {
	cmd  string
	line int
}

// pyprojectScriptCommands lists the commands of the task runners configured
// in pyproject.toml: PDM and Rye scripts, poethepoet and taskipy tasks and
// Hatch environment scripts, so "lint = 'ruff check .'" counts as ruff.
func pyprojectScriptCommands(doc map[string]any, lines *pyTOMLLines) []pyScriptCommand {
	var out []pyScriptCommand
	add := func(header string, tasks map[string]any) {
		from := lines.header(header)
		for _, name := range pySortedKeys(tasks) {
			line := max(lines.key(name, from), from)
			for _, c := range pyprojectTaskCmds(tasks[name], 0) {
				out = append(out, pyScriptCommand{cmd: c, line: line})
			}
		}
	}
	add("tool.pdm.scripts", pyTOMLTable(doc, "tool", "pdm", "scripts"))
	add("tool.rye.scripts", pyTOMLTable(doc, "tool", "rye", "scripts"))
	add("tool.poe.tasks", pyTOMLTable(doc, "tool", "poe", "tasks"))
	add("tool.taskipy.tasks", pyTOMLTable(doc, "tool", "taskipy", "tasks"))
	envs := pyTOMLTable(doc, "tool", "hatch", "envs")
	for _, env := range pySortedKeys(envs) {
		add("tool.hatch.envs."+env+".scripts", pyTOMLTable(envs, env, "scripts"))
	}
	return out
}

// pyprojectTaskCmds returns the command strings of a task definition: a
// string, a list of strings, or a table with cmd, shell, call-free
// sequence or composite entries.
func pyprojectTaskCmds(v any, depth int) []string {
	if depth > 3 {
		return nil
	}
	switch t := v.(type) {
	case string:
		return []string{t}
	case []any:
		var out []string
		for _, e := range t {
			out = append(out, pyprojectTaskCmds(e, depth+1)...)
		}
		return out
	case map[string]any:
		var out []string
		for _, k := range []string{"cmd", "shell", "sequence", "composite"} {
			if c, ok := t[k]; ok {
				if parts, ok := c.([]any); ok && k == "cmd" {
					// cmd = ["ruff", "check", "."] is one command.
					var words []string
					for _, w := range parts {
						if s, ok := w.(string); ok {
							words = append(words, s)
						}
					}
					out = append(out, strings.Join(words, " "))
					continue
				}
				out = append(out, pyprojectTaskCmds(c, depth+1)...)
			}
		}
		return out
	}
	return nil
}

// splitShellCommands splits a shell line at &&, ||, ; and | into commands.
func splitShellCommands(s string) []string {
	return strings.FieldsFunc(strings.NewReplacer("&&", ";", "||", ";", "|", ";", "\n", ";").Replace(s), func(r rune) bool {
		return r == ';' || r == '\n'
	})
}
