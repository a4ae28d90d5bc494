package detectors

import (
	"errors"
	"io/fs"
	"path"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"

	"github.com/stackaudit/stackaudit/repo"
	"github.com/stackaudit/stackaudit/stack"
)

// The python family finds Python units: a folder with pyproject.toml,
// requirements*.txt (or a requirements/ folder, whose parent is the unit),
// Pipfile, setup.cfg with [options] or [metadata], or setup.py. It reads
// their dependencies, lockfiles and runtime version.
var _ = register(family{
	name:  "python",
	order: 10,
	patterns: []string{
		"**/pyproject.toml",
		"**/*requirements*.txt",
		"**/requirements*.in",
		"**/requirements/*.txt",
		"**/requirements/*.in",
		"**/Pipfile",
		"**/Pipfile.lock",
		"**/setup.cfg",
		"**/setup.py",
		"**/uv.lock",
		"**/poetry.lock",
		"**/pdm.lock",
		"**/.python-version",
		"**/runtime.txt",
	},
	run: runPython,
})

// pyDir collects the Python files of one folder.
type pyDir struct {
	dir          string
	files        map[string]string // base name → path
	requirements []string
}

// pyState is what the family learns about one unit before it settles the
// package manager, application flag and runtime.
type pyState struct {
	u           *stack.Unit
	buildSystem bool
	project     bool
	poetry      bool
	uv          bool
	pdm         bool
	hatch       bool
	pipenv      bool
	setup       bool
	// published is true when [project] carries PyPI trove classifiers
	// other than "Private :: ...": the project is meant for an index.
	published bool
	// members and exclude are the globs of [tool.uv.workspace].
	members, exclude []string
	// groupScopes are the scopes of dependency groups (PEP 735, Poetry
	// groups, PDM dev groups, Hatch environments): development-only by
	// design, unlike extras, which users install.
	groupScopes map[string]bool
	// versions maps normalised names to the versions lockfiles resolve.
	versions map[string]string
	runtimes []pyRuntime
}

// pyRuntime is a declared Python version; lower rank wins: the version a
// tool pins (.python-version) says more than a range a manifest allows.
type pyRuntime struct {
	rank int
	rt   stack.Runtime
}

func (st *pyState) runtime(rank int, constraint string, ev stack.Evidence) {
	constraint = strings.TrimSpace(constraint)
	if constraint == "" {
		return
	}
	st.runtimes = append(st.runtimes, pyRuntime{rank, stack.Runtime{Name: "python", Constraint: constraint, Evidence: ev}})
}

func runPython(d *Detection, files []repo.File) {
	dirs := map[string]*pyDir{}
	get := func(dir string) *pyDir {
		pd := dirs[dir]
		if pd == nil {
			pd = &pyDir{dir: dir, files: map[string]string{}}
			dirs[dir] = pd
		}
		return pd
	}
	for _, f := range files {
		dir, base := path.Dir(f.Path), path.Base(f.Path)
		if isRequirementsPath(f.Path) {
			if path.Base(dir) == "requirements" {
				dir = path.Dir(dir)
			}
			get(dir).requirements = append(get(dir).requirements, f.Path)
			continue
		}
		get(dir).files[base] = f.Path
	}
	keys := make([]string, 0, len(dirs))
	for k := range dirs {
		keys = append(keys, k)
	}
	sort.Strings(keys)

	var states []*pyState
	for _, k := range keys {
		if st := detectPyDir(d, dirs[k]); st != nil {
			states = append(states, st)
		}
	}
	linkUVWorkspaces(d, states)
	for _, st := range states {
		finishPyUnit(d, st)
	}
}

// isRequirementsPath reports whether p is a requirements file, as opposed to
// another .txt file the patterns let through (runtime.txt).
func isRequirementsPath(p string) bool {
	base := path.Base(p)
	if !strings.HasSuffix(base, ".txt") && !strings.HasSuffix(base, ".in") {
		return false
	}
	return strings.Contains(base, "requirements") || path.Base(path.Dir(p)) == "requirements"
}

// detectPyDir reads one folder's manifests; nil when the folder holds no
// manifest that makes it a unit.
func detectPyDir(d *Detection, pd *pyDir) *pyState {
	has := func(name string) (string, bool) {
		p, ok := pd.files[name]
		return p, ok
	}
	_, hasPyproject := has("pyproject.toml")
	_, hasPipfile := has("Pipfile")
	// A setup.py is a manifest only when it packages something with
	// setuptools or distutils: a module that happens to be named setup.py
	// (a web handler for a setup page) is not.
	var setupPy setupArgs
	hasSetupPy := false
	if p, ok := has("setup.py"); ok {
		if b, err := d.Snap.ReadFile(p); err != nil {
			d.Problemf(p, "cannot read: %v", pyReadErr(err))
		} else {
			setupPy = scanSetupPy(string(b))
			hasSetupPy = setupPy.packaging
		}
	}
	var cfg *pyINIFile
	if p, ok := has("setup.cfg"); ok {
		if b, err := d.Snap.ReadFile(p); err != nil {
			d.Problemf(p, "cannot read: %v", pyReadErr(err))
		} else {
			cfg = parsePyINI(string(b))
			if cfg.section("options") == nil && cfg.section("metadata") == nil {
				cfg = nil
			}
		}
	}
	if !hasPyproject && !hasPipfile && !hasSetupPy && cfg == nil && len(pd.requirements) == 0 {
		return nil
	}
	st := &pyState{u: d.Unit(pd.dir, stack.Python), versions: map[string]string{}}
	u := st.u
	if p, ok := has("pyproject.toml"); ok {
		addManifest(u, p)
		readPyproject(d, st, p)
	}
	if len(pd.requirements) > 0 {
		// pip-compile and uv also compile pyproject.toml, setup.cfg and
		// setup.py; then those declare and a compiled file only pins.
		readRequirements(d, st, pd, hasPyproject || hasSetupPy || cfg != nil)
	}
	if p, ok := has("Pipfile"); ok {
		addManifest(u, p)
		st.pipenv = true
		readPipfile(d, st, p)
	}
	if cfg != nil {
		p := pd.files["setup.cfg"]
		addManifest(u, p)
		st.setup = true
		readSetupCfg(st, p, cfg)
	}
	if hasSetupPy {
		p := pd.files["setup.py"]
		addManifest(u, p)
		st.setup = true
		addSetupPy(st, p, setupPy)
	}
	for _, lf := range []struct{ name, manager string }{
		{"uv.lock", "uv"}, {"poetry.lock", "poetry"}, {"pdm.lock", "pdm"}, {"Pipfile.lock", "pipenv"},
	} {
		p, ok := has(lf.name)
		if !ok {
			continue
		}
		addLockfile(u, p, lf.manager)
		switch lf.manager {
		case "uv":
			st.uv = true
		case "poetry":
			st.poetry = true
		case "pdm":
			st.pdm = true
		case "pipenv":
			st.pipenv = true
		}
		for name, v := range readPyLockfile(d, p, lf.manager) {
			if _, ok := st.versions[name]; !ok {
				st.versions[name] = v
			}
		}
	}
	if p, ok := has(".python-version"); ok {
		readPythonVersionFile(d, st, p)
	}
	if p, ok := has("runtime.txt"); ok {
		readRuntimeTxt(d, st, p)
	}
	return st
}

// readRequirements reads a unit's requirements files. Production files go
// first so that a file both a production and a development file include
// counts as production. A fully pinned file compiled by pip-compile or uv is
// a lockfile; when its .in source sits beside it, or the folder has a
// pyproject.toml, setup.py or setup.cfg it may have been compiled from, only
// the source declares.
func readRequirements(d *Detection, st *pyState, pd *pyDir, declaresElsewhere bool) {
	reqs := append([]string(nil), pd.requirements...)
	sort.SliceStable(reqs, func(i, j int) bool {
		si, sj := requirementsScope(reqs[i]) == "prod", requirementsScope(reqs[j]) == "prod"
		if si != sj {
			return si
		}
		return reqs[i] < reqs[j]
	})
	rs := newRequirementsSet(d, st.u)
	for _, p := range reqs {
		if rs.seen[p] {
			addManifest(st.u, p)
			continue
		}
		b, err := d.Snap.ReadFile(p)
		if err != nil {
			rs.seen[p] = true
			d.Problemf(p, "cannot read: %v", pyReadErr(err))
			continue
		}
		f := parseRequirementsFile(string(b))
		if strings.HasSuffix(p, ".txt") && (f.Compiler != "" || f.Pinned) {
			manager := f.Compiler
			if manager == "" {
				manager = "pip"
			}
			addLockfile(st.u, p, manager)
			for _, dep := range f.Deps {
				if v, ok := strings.CutPrefix(dep.Req.Constraint, "=="); ok {
					if _, seen := st.versions[dep.Req.Name]; !seen {
						st.versions[dep.Req.Name] = strings.TrimSpace(v)
					}
				}
			}
			if d.Snap.Exists(strings.TrimSuffix(p, ".txt")+".in") || declaresElsewhere {
				rs.seen[p] = true
				continue
			}
		}
		addManifest(st.u, p)
		rs.read(p, requirementsScope(p), false)
	}
	for name, v := range rs.pins {
		if _, ok := st.versions[name]; !ok {
			st.versions[name] = v
		}
	}
}

// finishPyUnit settles what needs every manifest read: components and their
// resolved versions, the package manager, the runtime and whether the unit
// is an application.
func finishPyUnit(d *Detection, st *pyState) {
	u := st.u
	if u.Language == "" {
		u.Language = "python"
	}
	deps := append([]stack.Dependency(nil), u.Dependencies...)
	sort.SliceStable(deps, func(i, j int) bool {
		ri, rj := pyScopeRank(deps[i].Scope), pyScopeRank(deps[j].Scope)
		if ri != rj {
			return ri < rj
		}
		if deps[i].Evidence.Path != deps[j].Evidence.Path {
			return deps[i].Evidence.Path < deps[j].Evidence.Path
		}
		return deps[i].Evidence.Line < deps[j].Evidence.Line
	})
	web := false
	for _, dep := range deps {
		k, ok := componentFor(stack.Python, dep.Name)
		if !ok {
			continue
		}
		if k.category == stack.Web {
			web = true
		}
		addComponent(u, stack.Component{
			ID:         k.id,
			Category:   k.category,
			Package:    dep.Name,
			Constraint: dep.Constraint,
			Version:    st.versions[dep.Name],
			Declared:   true,
			Evidence:   dep.Evidence,
		})
	}

	switch {
	case st.uv:
		u.PackageManager = "uv"
	case st.poetry:
		u.PackageManager = "poetry"
	case st.pdm:
		u.PackageManager = "pdm"
	case st.pipenv:
		u.PackageManager = "pipenv"
	case st.hatch:
		u.PackageManager = "hatch"
	default:
		u.PackageManager = "pip"
	}

	if len(st.runtimes) > 0 && u.Runtime == nil {
		sort.SliceStable(st.runtimes, func(i, j int) bool { return st.runtimes[i].rank < st.runtimes[j].rank })
		rt := st.runtimes[0].rt
		u.Runtime = &rt
	}

	// A unit whose every dependency is a development tool (ruff, pytest, a
	// "dev" or "lint" group) and that builds nothing, such as a monorepo
	// root's pyproject.toml holding tool config, is tooling only; the
	// python-tooling family confirms it once source files are counted.
	u.ToolingOnly = !web && len(u.Components) == 0 && !st.buildSystem && !st.setup && pyAllTooling(u.Dependencies, st.groupScopes) &&
		!d.Snap.Exists(pyJoin(u.Path, "manage.py"))

	// Application or library, kept deliberately simple:
	//   - manage.py, or a Procfile or Dockerfile in the folder: an
	//     application;
	//   - a [build-system] with a [project] that carries PyPI classifiers:
	//     a library, even when it depends on a web framework (a Django or
	//     Flask extension such as djangorestframework);
	//   - a web framework: an application;
	//   - otherwise a [build-system] with [project] or [tool.poetry], or a
	//     setup.py/setup.cfg without requirements files: a library, published
	//     for others to resolve (its lockfile, if any, pins its dev setup);
	//   - otherwise (a lockfile, requirements files, a Pipfile, a pyproject
	//     that cannot be built): an application.
	at := func(name string) bool { return d.Snap.Exists(pyJoin(u.Path, name)) }
	switch {
	case at("manage.py") || at("Procfile") || at("Dockerfile") || djangoProjectBelow(d, u):
		u.Application = true
	case st.buildSystem && st.project && st.published:
		u.Application = false
	case web:
		u.Application = true
	case st.buildSystem && (st.project || st.poetry):
		u.Application = false
	case st.setup && !st.pipenv && !hasRequirementsManifest(u) && !st.project:
		u.Application = false
	default:
		u.Application = true
	}
}

// djangoProjectBelow reports whether a manage.py sits in a folder below u
// that belongs to u (no nested Python unit of its own): a Django project
// laid out as netbox is (pyproject.toml at the root, netbox/manage.py) is
// deployed, even when it also publishes to PyPI.
func djangoProjectBelow(d *Detection, u *stack.Unit) bool {
	for _, f := range d.Snap.Files() {
		if path.Base(f.Path) != "manage.py" || !inFolder(f.Path, u.Path) || path.Dir(f.Path) == u.Path {
			continue
		}
		if strings.Count(strings.TrimPrefix(f.Path, u.Path+"/"), "/") > 2 {
			continue // deep copies are examples and fixtures, not the project
		}
		if owner := d.UnitFor(f.Path, stack.Python); owner == u {
			return true
		}
	}
	return false
}

func hasRequirementsManifest(u *stack.Unit) bool {
	for _, m := range u.Manifests {
		if isRequirementsPath(m) {
			return true
		}
	}
	return false
}

// pyScopeRank orders scopes so that a production declaration of a component
// wins over an optional or development one.
func pyScopeRank(scope string) int {
	switch scope {
	case "prod":
		return 0
	case "dev":
		return 2
	}
	return 1
}

// pyJoin joins a unit folder and a name, keeping "." out of the result.
func pyJoin(dir, name string) string {
	if dir == "." || dir == "" {
		return name
	}
	return dir + "/" + name
}

// linkUVWorkspaces ties uv workspace members to their root: a member's
// Workspace is the root's path, it is managed by uv and resolved by the
// root's uv.lock.
func linkUVWorkspaces(d *Detection, states []*pyState) {
	for _, root := range states {
		if len(root.members) == 0 {
			continue
		}
		var rootLock string
		for _, l := range root.u.Lockfiles {
			if path.Base(l.Path) == "uv.lock" {
				rootLock = l.Path
			}
		}
		for _, m := range states {
			if m == root || !inFolder(m.u.Path, root.u.Path) {
				continue
			}
			rel := m.u.Path
			if root.u.Path != "." {
				rel = strings.TrimPrefix(m.u.Path, root.u.Path+"/")
			}
			if !pyGlobAny(root.members, rel) || pyGlobAny(root.exclude, rel) {
				continue
			}
			m.u.Workspace = root.u.Path
			m.uv = true
			// uv looks for .python-version upwards, so the root's pin
			// serves members that declare none of their own.
			for _, rt := range root.runtimes {
				m.runtimes = append(m.runtimes, pyRuntime{rt.rank + 10, rt.rt})
			}
			if rootLock != "" {
				addLockfile(m.u, rootLock, "uv")
				for name, v := range root.versions {
					if _, ok := m.versions[name]; !ok {
						m.versions[name] = v
					}
				}
			}
		}
	}
}

func pyGlobAny(globs []string, rel string) bool {
	for _, g := range globs {
		g = strings.TrimSuffix(strings.TrimPrefix(strings.TrimSpace(g), "./"), "/")
		if ok, _ := path.Match(g, rel); ok {
			return true
		}
	}
	return false
}

// readPythonVersionFile reads pyenv's and uv's .python-version: the first
// line that is not blank or a comment.
func readPythonVersionFile(d *Detection, st *pyState, p string) {
	b, err := d.Snap.ReadFile(p)
	if err != nil {
		d.Problemf(p, "cannot read: %v", pyReadErr(err))
		return
	}
	for i, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line == "" || strings.HasPrefix(line, "#") {
			continue
		}
		st.runtime(0, line, stack.Evidence{Path: p, Line: i + 1, Detail: line})
		return
	}
}

// readRuntimeTxt reads Heroku's runtime.txt ("python-3.12.1").
func readRuntimeTxt(d *Detection, st *pyState, p string) {
	b, err := d.Snap.ReadFile(p)
	if err != nil {
		d.Problemf(p, "cannot read: %v", pyReadErr(err))
		return
	}
	for i, line := range strings.Split(string(b), "\n") {
		line = strings.TrimSpace(line)
		if line == "" {
			continue
		}
		if v, ok := strings.CutPrefix(line, "python-"); ok {
			st.runtime(1, v, stack.Evidence{Path: p, Line: i + 1, Detail: line})
		}
		return
	}
}

// pyReadErr drops the "read PATH: " prefix repo adds, since problems already
// carry the path.
func pyReadErr(err error) error {
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return pe.Err
	}
	msg := err.Error()
	if strings.HasPrefix(msg, "read ") {
		if _, rest, ok := strings.Cut(msg, ": "); ok {
			return errors.New(rest)
		}
	}
	return err
}

// pyTOMLLines finds the line of values in TOML text, since the decoder does
// not report positions. Lines are 1-based; 0 means not found.
type pyTOMLLines struct {
	lines []string
}

func newPyTOMLLines(text string) *pyTOMLLines {
	return &pyTOMLLines{lines: strings.Split(text, "\n")}
}

// header returns the line of the first of the given tables found, such as
// "tool.poetry.dependencies"; 0 when none is written as a header.
func (t *pyTOMLLines) header(names ...string) int {
	for _, name := range names {
		for i, l := range t.lines {
			if h, ok := pyTOMLHeader(l); ok && h == name {
				return i + 1
			}
		}
	}
	return 0
}

// headerPrefix returns the line of the first table header that is name or
// one of its sub-tables.
func (t *pyTOMLLines) headerPrefix(name string) int {
	for i, l := range t.lines {
		if h, ok := pyTOMLHeader(l); ok && (h == name || strings.HasPrefix(h, name+".")) {
			return i + 1
		}
	}
	return 0
}

// pyTOMLHeader returns the table name of a "[a.b]" header line, with
// spaces and quotes removed.
func pyTOMLHeader(line string) (string, bool) {
	l := strings.TrimSpace(line)
	if !strings.HasPrefix(l, "[") || strings.HasPrefix(l, "[[") {
		return "", false
	}
	end := strings.IndexByte(l, ']')
	if end < 0 {
		return "", false
	}
	name := strings.Map(func(r rune) rune {
		if r == ' ' || r == '\t' || r == '"' || r == '\'' {
			return -1
		}
		return r
	}, l[1:end])
	return name, true
}

// str returns the line, at or after from, holding s as a quoted string.
func (t *pyTOMLLines) str(s string, from int) int {
	if from < 1 {
		from = 1
	}
	escaped := strings.NewReplacer(`\`, `\\`, `"`, `\"`).Replace(s)
	quoted := []string{`"` + s + `"`, `'` + s + `'`, `"` + escaped + `"`}
	for i := from - 1; i < len(t.lines); i++ {
		for _, q := range quoted {
			if strings.Contains(t.lines[i], q) {
				return i + 1
			}
		}
	}
	if from > 1 {
		return t.str(s, 1)
	}
	return 0
}

// key returns the line, at or after from, that assigns key.
func (t *pyTOMLLines) key(key string, from int) int {
	if from < 1 {
		from = 1
	}
	for i := from - 1; i < len(t.lines); i++ {
		l := strings.TrimSpace(t.lines[i])
		for _, k := range []string{key, `"` + key + `"`, `'` + key + `'`} {
			if rest, ok := strings.CutPrefix(l, k); ok && strings.HasPrefix(strings.TrimSpace(rest), "=") {
				return i + 1
			}
		}
	}
	return 0
}

// text returns the trimmed text of a line, or fallback when line is 0.
func (t *pyTOMLLines) text(line int, fallback string) string {
	if line < 1 || line > len(t.lines) {
		return fallback
	}
	return strings.TrimSpace(t.lines[line-1])
}

// pyTOMLTable returns the sub-table at keys, or nil.
func pyTOMLTable(m map[string]any, keys ...string) map[string]any {
	cur := m
	for _, k := range keys {
		next, ok := cur[k].(map[string]any)
		if !ok {
			return nil
		}
		cur = next
	}
	return cur
}

// pyTOMLStrings returns the strings of a TOML array, skipping other values.
func pyTOMLStrings(v any) []string {
	arr, ok := v.([]any)
	if !ok {
		return nil
	}
	var out []string
	for _, e := range arr {
		if s, ok := e.(string); ok {
			out = append(out, s)
		}
	}
	return out
}

// pySortedKeys returns the keys of a TOML table in order.
func pySortedKeys(m map[string]any) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}

// readPyTOML reads and decodes a TOML file, recording a problem that ends
// with why it matters (purpose) when it cannot; lines is nil then, or set
// with an empty doc when the text was read but not parsed.
func readPyTOML(d *Detection, p, purpose string) (map[string]any, *pyTOMLLines, bool) {
	b, err := d.Snap.ReadFile(p)
	if err != nil {
		d.Problemf(p, "cannot read: %v", pyReadErr(err))
		return nil, nil, false
	}
	lines := newPyTOMLLines(string(b))
	var doc map[string]any
	if _, err := toml.Decode(string(b), &doc); err != nil {
		d.Problemf(p, "cannot parse: %v; fix the TOML syntax %s", err, purpose)
		return map[string]any{}, lines, false
	}
	return doc, lines, true
}

// readPyproject reads pyproject.toml: PEP 621 [project], PEP 735
// [dependency-groups], and the Poetry, PDM, Hatch and uv tables.
func readPyproject(d *Detection, st *pyState, p string) {
	doc, lines, ok := readPyTOML(d, p, "so its dependencies can be read")
	if !ok {
		return
	}
	u := st.u
	addReqs := func(reqs []string, scope string, from int) {
		for _, s := range reqs {
			line := lines.str(s, from)
			if line > 0 {
				from = line
			}
			r, ok := parsePyRequirement(s)
			if !ok {
				continue
			}
			u.Dependencies = append(u.Dependencies, stack.Dependency{
				Name: r.Name, Constraint: r.Constraint, Scope: scope,
				Evidence: stack.Evidence{Path: p, Line: line, Detail: strings.TrimSpace(s)},
			})
		}
	}

	if _, ok := doc["build-system"].(map[string]any); ok {
		st.buildSystem = true
	}
	if proj := pyTOMLTable(doc, "project"); proj != nil {
		st.project = true
		start := lines.header("project")
		if rp, ok := proj["requires-python"].(string); ok {
			line := lines.key("requires-python", start)
			st.runtime(2, rp, stack.Evidence{Path: p, Line: line, Detail: lines.text(line, "requires-python = "+rp)})
		}
		addReqs(pyTOMLStrings(proj["dependencies"]), "prod", start)
		if opt, ok := proj["optional-dependencies"].(map[string]any); ok {
			from := lines.header("project.optional-dependencies")
			if from == 0 {
				from = start
			}
			for _, extra := range pySortedKeys(opt) {
				addReqs(pyTOMLStrings(opt[extra]), extra, max(lines.key(extra, from), from))
			}
		}
		pyScripts(u, pyTOMLTable(proj, "scripts"))
		for _, c := range pyTOMLStrings(proj["classifiers"]) {
			if !strings.HasPrefix(c, "Private ::") {
				st.published = true
			}
		}
	}
	if groups, ok := doc["dependency-groups"].(map[string]any); ok {
		from := lines.header("dependency-groups")
		for _, g := range pySortedKeys(groups) {
			// An {include-group = "..."} entry points at another group, whose
			// dependencies are recorded under their own name already.
			addReqs(pyTOMLStrings(groups[g]), st.groupScope(g), max(lines.key(g, from), from))
			for _, e := range pyAsSlice(groups[g]) {
				if m, ok := e.(map[string]any); ok {
					if inc, ok := m["include-group"].(string); ok {
						if _, exists := groups[inc]; !exists {
							d.Problemf(p, "line %d: dependency group %q includes group %q, which is not defined", lines.key(g, from), g, inc)
						}
					}
				}
			}
		}
	}
	if poetry := pyTOMLTable(doc, "tool", "poetry"); poetry != nil {
		st.poetry = true
		readPoetryDeps(st, p, lines, pyTOMLTable(poetry, "dependencies"), "prod", "tool.poetry.dependencies")
		readPoetryDeps(st, p, lines, pyTOMLTable(poetry, "dev-dependencies"), "dev", "tool.poetry.dev-dependencies")
		groups := pyTOMLTable(poetry, "group")
		for _, g := range pySortedKeys(groups) {
			readPoetryDeps(st, p, lines, pyTOMLTable(groups, g, "dependencies"), st.groupScope(g), "tool.poetry.group."+g+".dependencies")
		}
		if s := pyTOMLTable(poetry, "scripts"); s != nil {
			pyScripts(u, s)
		}
	}
	if pdm := pyTOMLTable(doc, "tool", "pdm"); pdm != nil {
		st.pdm = true
		dev := pyTOMLTable(pdm, "dev-dependencies")
		from := lines.header("tool.pdm.dev-dependencies")
		for _, g := range pySortedKeys(dev) {
			addReqs(pyTOMLStrings(dev[g]), st.groupScope(g), max(lines.key(g, from), from))
		}
	}
	if hatch := pyTOMLTable(doc, "tool", "hatch"); hatch != nil {
		envs := pyTOMLTable(hatch, "envs")
		// [tool.hatch.build] alone only configures the build backend;
		// environments mean hatch manages the project.
		st.hatch = envs != nil
		for _, env := range pySortedKeys(envs) {
			e := pyTOMLTable(envs, env)
			from := lines.header("tool.hatch.envs." + env)
			for _, k := range []string{"dependencies", "extra-dependencies"} {
				addReqs(pyTOMLStrings(e[k]), st.groupScope(env), max(lines.key(k, from), from))
			}
		}
	}
	if uv := pyTOMLTable(doc, "tool", "uv"); uv != nil {
		st.uv = true
		addReqs(pyTOMLStrings(uv["dev-dependencies"]), "dev", lines.header("tool.uv"))
		if ws := pyTOMLTable(uv, "workspace"); ws != nil {
			st.members = pyTOMLStrings(ws["members"])
			st.exclude = pyTOMLStrings(ws["exclude"])
		}
	}
}

func pyAsSlice(v any) []any {
	s, _ := v.([]any)
	return s
}

// groupScope names the scope of a development dependency group and
// remembers it as development-only.
func (st *pyState) groupScope(g string) string {
	sc := pyGroupScope(g)
	if st.groupScopes == nil {
		st.groupScopes = map[string]bool{}
	}
	st.groupScopes[sc] = true
	return sc
}

// pyGroupScope names the scope of a dependency group: the group's name, with
// the usual development names folded into "dev".
func pyGroupScope(g string) string {
	switch strings.ToLower(g) {
	case "dev", "develop", "development", "default":
		return "dev"
	}
	return g
}

// readPoetryDeps reads a Poetry dependency table, whose values are a
// constraint string, a table (version, git, path, url) or a list of tables.
func readPoetryDeps(st *pyState, p string, lines *pyTOMLLines, deps map[string]any, scope, header string) {
	from := lines.header(header)
	for _, name := range pySortedKeys(deps) {
		line := lines.key(name, from)
		c := poetryConstraint(deps[name])
		if normalizePyName(name) == "python" {
			st.runtime(3, c, stack.Evidence{Path: p, Line: line, Detail: lines.text(line, "python = "+c)})
			continue
		}
		sc := scope
		if m, ok := deps[name].(map[string]any); ok && m["optional"] == true && scope == "prod" {
			sc = "optional"
		}
		st.u.Dependencies = append(st.u.Dependencies, stack.Dependency{
			Name: normalizePyName(name), Constraint: c, Scope: sc,
			Evidence: stack.Evidence{Path: p, Line: line, Detail: lines.text(line, name+" = "+c)},
		})
	}
}

func poetryConstraint(v any) string {
	switch t := v.(type) {
	case string:
		return t
	case map[string]any:
		if s, ok := t["version"].(string); ok {
			return s
		}
		for _, k := range []string{"git", "url", "path"} {
			if s, ok := t[k].(string); ok {
				if k == "git" && !strings.HasPrefix(s, "git+") {
					s = "git+" + s
				}
				return s
			}
		}
	case []any:
		var parts []string
		for _, e := range t {
			if c := poetryConstraint(e); c != "" {
				parts = append(parts, c)
			}
		}
		return strings.Join(parts, " || ")
	}
	return ""
}

// pyScripts records [project.scripts] / [tool.poetry.scripts] entry points.
func pyScripts(u *stack.Unit, scripts map[string]any) {
	for name, v := range scripts {
		s, ok := v.(string)
		if !ok {
			continue
		}
		if u.Scripts == nil {
			u.Scripts = map[string]string{}
		}
		if _, exists := u.Scripts[name]; !exists {
			u.Scripts[name] = s
		}
	}
}

// readPipfile reads pipenv's Pipfile: [packages], [dev-packages] and
// [requires] python_version.
func readPipfile(d *Detection, st *pyState, p string) {
	doc, lines, ok := readPyTOML(d, p, "so its dependencies can be read")
	if !ok {
		return
	}
	for _, sec := range []struct{ table, scope string }{{"packages", "prod"}, {"dev-packages", "dev"}} {
		pkgs := pyTOMLTable(doc, sec.table)
		from := lines.header(sec.table)
		for _, name := range pySortedKeys(pkgs) {
			c := poetryConstraint(pkgs[name])
			line := lines.key(name, from)
			st.u.Dependencies = append(st.u.Dependencies, stack.Dependency{
				Name: normalizePyName(name), Constraint: c, Scope: sec.scope,
				Evidence: stack.Evidence{Path: p, Line: line, Detail: lines.text(line, name+" = "+c)},
			})
		}
	}
	if req := pyTOMLTable(doc, "requires"); req != nil {
		from := lines.header("requires")
		for _, k := range []string{"python_full_version", "python_version"} {
			if v, ok := req[k].(string); ok {
				line := lines.key(k, from)
				st.runtime(4, v, stack.Evidence{Path: p, Line: line, Detail: lines.text(line, k+" = "+v)})
				break
			}
		}
	}
}

// pyAllTooling reports whether every dependency is a development tool or
// sits in a development scope or dependency group.
func pyAllTooling(deps []stack.Dependency, groupScopes map[string]bool) bool {
	for _, dep := range deps {
		if _, tool := pyToolDeps[dep.Name]; tool {
			continue
		}
		if dep.Scope == "dev" || pyDevWords[strings.ToLower(dep.Scope)] || groupScopes[dep.Scope] {
			continue
		}
		return false
	}
	return true
}

// The python-tooling family runs after source files are counted: a unit
// marked tooling only that has Python source of its own is a project after
// all; one without is not deployed, so not an application.
var _ = register(family{
	name:  "python-tooling",
	order: 55,
	run: func(d *Detection, _ []repo.File) {
		for _, u := range d.Inventory.Units {
			if u.Ecosystem != stack.Python || !u.ToolingOnly {
				continue
			}
			if u.Source.Python > 0 {
				u.ToolingOnly = false
			} else {
				u.Application = false
			}
		}
	},
})
