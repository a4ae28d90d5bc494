package detectors

import (
	"path"
	"sort"
	"strconv"
	"strings"

	"github.com/stackaudit/stackaudit/internal/source"
	"github.com/stackaudit/stackaudit/repo"
	"github.com/stackaudit/stackaudit/stack"
	"github.com/stackaudit/stackaudit/syntax"
)

// The routes-python family reads the HTTP routes a Python unit declares
// into Unit.Routes: Django urlpatterns (path, re_path, url, include) from
// the ROOT_URLCONF modules (or every urls.py no other one includes), Django
// REST Framework routers and ViewSets (@action, @api_view), FastAPI
// (@app.get, APIRouter prefix, include_router), Starlette (Route, Mount)
// and Flask (@app.route, blueprints with url_prefix, register_blueprint,
// add_url_rule). Prefixes are followed across files through imports;
// string constants (module-level, or class attributes read through an
// instance such as settings.API_V1_STR) are resolved.
//
// What cannot be known statically:
//   - a path part held in a variable or call the reader cannot resolve is
//     written "{?}" and the route is kept (include_router(r,
//     prefix=get_prefix()) gives "/{?}/stripe");
//   - a Django include() of patterns built at run time by the unit's own
//     function (include(get_model_urls(...))) is one route, ANY
//     "<prefix>{?}", with no handler;
//   - an include() of a module outside the unit (third-party urlconfs,
//     admin.site.urls) and a ViewSet that cannot be found are skipped;
//   - @x.get("/path") on an application the reader cannot reach (the
//     result of a factory, a parameter) in a file that imports FastAPI or
//     Flask is kept without prefixes.
//
// Paths start with "/"; Django and DRF paths keep the trailing slash and
// converters as written (<int:pk>, regex groups without ^ and $), DRF detail
// routes use {lookup} (pk, or the ViewSet's lookup_url_kwarg/lookup_field),
// i18n_patterns put "{language}/" in front.
// Flask's url_prefix given to register_blueprint replaces the blueprint's
// own, as Flask does. Test files and fixture folders are left out. Files
// are parsed once, through the source records the imports family fills
// (source.Whole); the statement reader tokenizes only the files that
// mention a routing name, and others when a name resolves into them.
var _ = register(family{
	name:     "routes-python",
	order:    65,
	perUnit:  true,
	patterns: []string{"**/*.py"},
	run:      runPythonRoutes,
})

// pyRouteWords are names whose presence in a file's calls, decorators or
// file name make it worth reading for routes.
var pyRouteWords = map[string]bool{
	"path": true, "re_path": true, "url": true, "include": true,
	"register": true, "include_router": true, "register_blueprint": true,
	"add_url_rule": true, "add_api_route": true, "add_route": true, "mount": true,
	"Route": true, "Mount": true, "FastAPI": true, "APIRouter": true, "Flask": true,
	"Blueprint": true, "Starlette": true, "Router": true, "DefaultRouter": true, "SimpleRouter": true,
}

// pyRouteModule is one .py file of the unit.
type pyRouteModule struct {
	path  string
	mod   string // dotted module under its source root
	isPkg bool
	f     *syntax.File
	stmts []pyStmt // read when the file mentions routing, or on demand
	read  bool
	full  bool // stmts have been read
	decos []pyRouteDeco
}

// pyRouteDeco is a decorator that may declare a route: @x.get(...),
// @x.route(...), @x.api_route(...).
type pyRouteDeco struct {
	fn *syntax.Function
	d  *syntax.Decorator
}

// routeDecos returns the module's route-like decorators, found once.
func (m *pyRouteModule) routeDecos() []pyRouteDeco {
	if m.decos == nil {
		m.decos = []pyRouteDeco{}
		for i := range m.f.Functions {
			fn := &m.f.Functions[i]
			for j := range fn.Decorators {
				d := &fn.Decorators[j]
				recv, meth := pySplitLast(d.Name)
				if recv != "" && d.Called && pyDecoratorMethod(meth) {
					m.decos = append(m.decos, pyRouteDeco{fn: fn, d: d})
				}
			}
		}
	}
	return m.decos
}

// pyObj is an application, router or blueprint bound to a name.
type pyObj struct {
	key   string // path + ":" + name
	m     *pyRouteModule
	name  string
	kind  string // fastapi, flask, starlette, drf (a DRF router)
	base  string // the framework class it is (or subclasses): APIRouter, Blueprint
	ctor  *pyExpr
	line  int
	child bool // included in another object
}

type pyRouteSet struct {
	d       *Detection
	u       *stack.Unit
	mods    []*pyRouteModule
	byMod   map[string]*pyRouteModule
	objs    map[string]*pyObj
	out     []stack.Route
	seen    map[string]bool
	visit   map[string]bool // objects and modules on the current walk
	reached map[string]bool
	// budget bounds the walks: includes can form a DAG whose paths
	// multiply (each module including the next twice).
	budget int
	// claimed holds the route decorators (path:line) read through the
	// application or router they belong to.
	claimed map[string]bool
}

// pyRouteBudget is the number of include and object walks, and
// pyMaxRoutes the number of routes, one unit may take.
const (
	pyRouteBudget = 20000
	pyMaxRoutes   = 20000
)

// spend takes one walk from the budget and reports whether any was left.
func (rs *pyRouteSet) spend() bool {
	if rs.budget <= 0 || len(rs.out) >= pyMaxRoutes {
		return false
	}
	rs.budget--
	return true
}

func runPythonRoutes(d *Detection, files []repo.File) {
	byUnit := map[*stack.Unit][]string{}
	var units []*stack.Unit
	for _, f := range files {
		if path.Ext(f.Path) != ".py" {
			continue
		}
		u := d.UnitFor(f.Path, stack.Python)
		if u == nil {
			continue
		}
		rel := relPath(u.Path, f.Path)
		if inHiddenFolder(rel) || inFixtureFolder(rel) || rel == "setup.py" {
			continue
		}
		if _, ok := byUnit[u]; !ok {
			units = append(units, u)
		}
		byUnit[u] = append(byUnit[u], f.Path)
	}
	for _, u := range units {
		if d.Ctx.Err() != nil {
			return
		}
		rs := newPyRouteSet(d, u, byUnit[u])
		rs.collect()
		u.Routes = append(u.Routes, rs.out...)
	}
}

func newPyRouteSet(d *Detection, u *stack.Unit, paths []string) *pyRouteSet {
	tests := map[string]bool{}
	for _, p := range u.TestFiles {
		tests[p] = true
	}
	layout := newPyLayout(u.Path)
	for _, p := range paths {
		layout.add(p)
	}
	rs := &pyRouteSet{d: d, u: u, byMod: map[string]*pyRouteModule{}, objs: map[string]*pyObj{},
		seen: map[string]bool{}, visit: map[string]bool{}, reached: map[string]bool{}, budget: pyRouteBudget, claimed: map[string]bool{}}
	// The modules live in one array, made at its largest size so that
	// appending never moves them.
	arena := make([]pyRouteModule, 0, len(paths))
	for _, p := range paths {
		if tests[p] || pyTestPath(relPath(u.Path, p)) {
			continue
		}
		arena = append(arena, pyRouteModule{path: p})
		m := &arena[len(arena)-1]
		// The module name under the deepest source root holding the file;
		// the file answers to its name under every root.
		best := ""
		for _, root := range layout.roots {
			if !inFolder(p, root) {
				continue
			}
			name, pkg := syntax.ModulePath(relPath(root, p))
			if _, taken := rs.byMod[name]; !taken || len(root) > len(best) {
				rs.byMod[name] = m
			}
			if m.mod == "" || len(root) > len(best) {
				m.mod, m.isPkg, best = name, pkg, root
			}
		}
		rs.mods = append(rs.mods, m)
	}
	return rs
}

// pyTestPath reports a test module by its name or folder.
func pyTestPath(rel string) bool {
	base := path.Base(rel)
	if strings.HasPrefix(base, "test_") || strings.HasSuffix(base, "_test.py") || base == "conftest.py" {
		return true
	}
	for seg := range strings.SplitSeq(path.Dir(rel), "/") {
		if seg == "tests" || seg == "test" {
			return true
		}
	}
	return false
}

// load parses a module and, when it mentions routing, reads its statements.
func (rs *pyRouteSet) load(m *pyRouteModule) {
	if m.read {
		return
	}
	m.read = true
	m.f = source.Whole(rs.d.Snap, m.path)
	if m.f == nil {
		return
	}
	if !pyMentionsRouting(m.path, m.f) {
		return
	}
	rs.statements(m)
}

// statements reads a module's assignments and call statements once: those
// of a module that mentions routing were read with the file
// (pyStatementsFact); another is read again.
func (rs *pyRouteSet) statements(m *pyRouteModule) {
	if m.full || m.f == nil {
		return
	}
	m.full = true
	if st, ok := source.Get(rs.d.Snap, m.path).Fact(pyStatementsFact).([]pyStmt); ok {
		m.stmts = st
		return
	}
	src, err := source.Text(rs.d.Snap, m.path)
	if err != nil {
		return
	}
	m.stmts = readPyStatements(src, syntax.TokenizePython(src))
}

// pyStatementsFact holds the statements of the Python modules that
// mention routing, read from the parse's tokens.
var pyStatementsFact = source.RegisterTokens(func(p string) bool { return path.Ext(p) == ".py" },
	func(p string, src []byte, toks []syntax.Token, f *syntax.File) any {
		if !pyMentionsRouting(p, f) {
			return nil
		}
		if st := readPyStatements(src, toks); st != nil {
			return st
		}
		return []pyStmt{}
	})

func pyMentionsRouting(p string, f *syntax.File) bool {
	switch base := path.Base(p); {
	case base == "urls.py", base == "routes.py", base == "routing.py":
		return true
	case strings.HasPrefix(base, "settings"), path.Base(path.Dir(p)) == "settings":
		return true // ROOT_URLCONF
	}
	for _, c := range f.Calls {
		last := pyLastSeg(strings.TrimSuffix(c.Callee, "()"))
		if pyRouteWords[last] || strings.HasSuffix(last, "Router") {
			return true
		}
	}
	for i := range f.Functions {
		for _, d := range f.Functions[i].Decorators {
			if recv, meth := pySplitLast(d.Name); recv != "" && d.Called && pyDecoratorMethod(meth) {
				return true
			}
		}
	}
	for _, fn := range f.Functions {
		for _, c := range fn.Calls {
			if pyRouteWords[pyLastSeg(c.Callee)] {
				return true
			}
		}
	}
	for _, imp := range f.Imports {
		switch pyTopName(imp.Module) {
		case "fastapi", "flask", "starlette", "rest_framework":
			return true
		}
	}
	return false
}

func (rs *pyRouteSet) collect() {
	for _, m := range rs.mods {
		if rs.d.Ctx.Err() != nil {
			return
		}
		rs.load(m)
	}
	rs.findObjects()
	rs.linkObjects()
	rs.django()
	// Applications first, then routers and blueprints nothing includes
	// (their routes are still served when included dynamically).
	var roots, loose []*pyObj
	for _, o := range rs.sortedObjs() {
		if o.child || rs.reached[o.key] {
			continue
		}
		switch o.kind {
		case "drf":
			loose = append(loose, o)
		default:
			if pyAppCtor[o.base] {
				roots = append(roots, o)
			} else {
				loose = append(loose, o)
			}
		}
	}
	for _, o := range roots {
		rs.emitObj(o, "", nil)
	}
	for _, o := range loose {
		if !rs.reached[o.key] {
			rs.emitObj(o, "", nil)
		}
	}
	rs.looseStarlette()
	rs.looseDecorators()
}

// unknownApp reports whether a decorator's receiver may be an
// application the reader cannot see: a name bound nowhere in reach (a
// parameter, a third-party import) or the result of a factory the unit
// defines (app = create_app()). A known object (walked already) or a name
// bound to anything else (cache = Cache()) is not.
func (rs *pyRouteSet) unknownApp(m *pyRouteModule, recv string) bool {
	if rs.objAt(m, recv) != nil {
		return false
	}
	v := rs.resolve(m, recv, 0)
	switch {
	case v.m == nil:
		return true
	case v.rest != "" || v.val == nil || v.val.kind != pxCall:
		return false
	}
	f := rs.resolve(v.m, v.val.text, 0)
	return f.fn != nil && f.rest == ""
}

// looseDecorators reads route decorators whose application the reader
// cannot reach (app = create_app(), an app passed as a parameter), in
// files that import FastAPI or Flask: @x.get("/path") with a literal path
// is a route, served under prefixes that are unknown.
func (rs *pyRouteSet) looseDecorators() {
	for _, m := range rs.mods {
		if m.f == nil {
			continue
		}
		fw := ""
		for _, imp := range m.f.Imports {
			switch pyTopName(imp.Module) {
			case "fastapi":
				fw = "fastapi"
			case "flask":
				if fw == "" {
					fw = "flask"
				}
			}
		}
		if fw == "" {
			continue
		}
		for _, rd := range m.routeDecos() {
			recv, meth := pySplitLast(rd.d.Name)
			if rs.claimed[m.path+":"+strconv.Itoa(rd.d.Line)] || !rs.unknownApp(m, recv) {
				continue
			}
			if pe := pyParseArgs(rd.d.Args).arg(0, pyPathKw(fw)); pe == nil || pe.kind != pxStr || !strings.HasPrefix(pe.text, "/") {
				continue
			}
			rs.decorated(m, rd.fn, rd.d, meth, fw, "")
		}
	}
}

var pyAppCtor = map[string]bool{"FastAPI": true, "Flask": true, "Starlette": true}

// pyObjKind tells what a constructor call builds.
func pyObjKind(m *pyRouteModule, callee string) string {
	switch pyLastSeg(callee) {
	case "FastAPI", "APIRouter":
		return "fastapi"
	case "Flask", "Blueprint":
		return "flask"
	case "Api":
		// Flask-RESTful / Flask-RESTX
		if pyImportsAny(m, "flask_restful", "flask_restx", "flask_restplus") {
			return "flask"
		}
	case "Starlette":
		return "starlette"
	case "Router":
		// starlette.routing.Router; a bare Router() only where the
		// module imports Starlette
		if strings.HasSuffix(callee, "routing.Router") || callee == "Router" && pyImportsStarlette(m) {
			return "starlette"
		}
	case "DefaultRouter", "SimpleRouter":
		return "drf"
	}
	return ""
}

func (rs *pyRouteSet) sortedObjs() []*pyObj {
	out := make([]*pyObj, 0, len(rs.objs))
	for _, o := range rs.objs {
		out = append(out, o)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].key < out[j].key })
	return out
}

// findObjects records the names bound to applications and routers, and
// the DRF routers known by their register calls.
func (rs *pyRouteSet) findObjects() {
	for _, m := range rs.mods {
		for _, s := range m.stmts {
			if s.op != "=" || s.val.kind != pxCall || strings.Contains(s.target, ".") || s.class != "" {
				continue
			}
			kind, base := rs.libClass(m, s.val.text, 0)
			if kind == "" && strings.HasSuffix(pyLastSeg(s.val.text), "Router") && pyRegistersViewSets(m, s.target) {
				kind, base = "drf", pyLastSeg(s.val.text)
			}
			if kind == "" {
				continue
			}
			key := m.path + ":" + s.target
			if _, ok := rs.objs[key]; !ok {
				rs.objs[key] = &pyObj{key: key, m: m, name: s.target, kind: kind, base: base, ctor: s.val, line: s.line}
			}
		}
	}
}

// libClass tells which framework class a constructor builds: the class
// itself (APIRouter, Blueprint) or the one a class of the unit subclasses
// (class UserAPIRouter(APIRouter)). It returns the framework and the
// library class's name.
func (rs *pyRouteSet) libClass(m *pyRouteModule, callee string, depth int) (kind, base string) {
	if kind := pyObjKind(m, callee); kind != "" {
		return kind, pyLastSeg(callee)
	}
	if depth > 6 || !pyCapitalized(pyLastSeg(callee)) {
		return "", ""
	}
	v := rs.resolve(m, callee, 0)
	if v.cls == nil || v.rest != "" {
		return "", ""
	}
	for _, b := range v.cls.Bases {
		b = strings.TrimSpace(b)
		if i := strings.IndexByte(b, '['); i >= 0 {
			b = b[:i]
		}
		if b == callee && v.m == m {
			continue
		}
		if kind, base := rs.libClass(v.m, b, depth+1); kind != "" {
			return kind, base
		}
	}
	return "", ""
}

func pyCapitalized(s string) bool { return s != "" && s[0] >= 'A' && s[0] <= 'Z' }

// pyRegistersViewSets reports whether the module calls name.register(...)
// with a string prefix, as a DRF router is used.
func pyRegistersViewSets(m *pyRouteModule, name string) bool {
	for _, s := range m.stmts {
		if s.op == "" && s.val.text == name+".register" && len(s.val.args) >= 2 && s.val.args[0].kind == pxStr {
			return true
		}
	}
	return false
}

// linkObjects marks the objects included into others.
func (rs *pyRouteSet) linkObjects() {
	for _, m := range rs.mods {
		for _, s := range m.stmts {
			// Flask-RESTful: api = Api(app) serves below app
			if s.op == "=" && s.val.kind == pxCall && pyLastSeg(s.val.text) == "Api" {
				if o := rs.objs[m.path+":"+s.target]; o != nil && o.base == "Api" {
					if t := s.val.arg(0, "app"); t != nil && t.kind == pxName && rs.objAt(m, t.text) != nil {
						o.child = true
					}
				}
			}
			// Starlette: Mount("/api", app=api) anywhere in a value
			pyWalkExpr(s.val, func(e *pyExpr) {
				if e.kind == pxCall && pyLastSeg(e.text) == "Mount" {
					if a := e.arg(1, "app"); a != nil && a.kind == pxName {
						if o := rs.objAt(m, a.text); o != nil {
							o.child = true
						}
					}
				}
			})
			if s.op != "" {
				continue
			}
			var target *pyExpr
			switch pyLastSeg(s.val.text) {
			case "include_router", "register_blueprint", "mount":
				target = s.val.arg(0, "router")
				if pyLastSeg(s.val.text) == "register_blueprint" {
					target = s.val.arg(0, "blueprint")
				}
				if pyLastSeg(s.val.text) == "mount" {
					target = s.val.arg(1, "app")
				}
			}
			if target == nil || target.kind != pxName {
				continue
			}
			if o := rs.objAt(m, target.text); o != nil {
				o.child = true
			}
		}
	}
}

// objAt resolves a dotted name in a module to an application or router.
func (rs *pyRouteSet) objAt(m *pyRouteModule, name string) *pyObj {
	v := rs.resolve(m, name, 0)
	if v.m != nil && v.rest == "" && v.name != "" {
		return rs.objs[v.m.path+":"+v.name]
	}
	return nil
}

// pyValue is what a dotted name resolves to: a name bound in a module
// (an assignment, a def or a class), or a module; rest is what is left of
// the dotted name past it.
type pyValue struct {
	m    *pyRouteModule
	name string // "" when the value is the module itself
	fn   *syntax.Function
	cls  *syntax.Class
	val  *pyExpr // the assigned value
	rest string
}

func (rs *pyRouteSet) module(name string) *pyRouteModule {
	m := rs.byMod[name]
	if m != nil {
		rs.load(m)
	}
	return m
}

// resolve follows a dotted name through the module's bindings and imports.
func (rs *pyRouteSet) resolve(m *pyRouteModule, dotted string, depth int) pyValue {
	if m == nil || m.f == nil || dotted == "" || depth > 8 {
		return pyValue{}
	}
	rs.statements(m)
	head, rest, _ := strings.Cut(dotted, ".")
	// local bindings: the first assignment wins for objects
	for _, s := range m.stmts {
		if s.op == "=" && s.target == head && s.class == "" {
			return pyValue{m: m, name: head, val: s.val, rest: rest}
		}
	}
	for i := range m.f.Classes {
		c := &m.f.Classes[i]
		if c.Name == head && c.QualName == head {
			return pyValue{m: m, name: head, cls: c, rest: rest}
		}
	}
	for i := range m.f.Functions {
		fn := &m.f.Functions[i]
		if fn.Name == head && fn.QualName == head {
			return pyValue{m: m, name: head, fn: fn, rest: rest}
		}
	}
	for _, imp := range m.f.Imports {
		mod := imp.Module
		if imp.Level > 0 {
			var ok bool
			if mod, ok = syntax.ResolveRelative(m.mod, m.isPkg, imp.Level, imp.Module); !ok {
				continue
			}
		}
		switch imp.Kind {
		case syntax.ImportStatic:
			if imp.Alias == head {
				return rs.inModule(mod, rest, depth)
			}
			if imp.Alias == "" && pyTopName(mod) == head {
				// "import a.b" binds a; a.b.c names a.b's c
				return rs.inModule(head, rest, depth)
			}
		case syntax.ImportFrom:
			for _, n := range imp.Names {
				local := n.Alias
				if local == "" {
					local = n.Name
				}
				if local != head || n.Name == "*" {
					continue
				}
				if sub := rs.module(mod + "." + n.Name); sub != nil {
					return rs.inModule(mod+"."+n.Name, rest, depth)
				}
				if src := rs.module(mod); src != nil {
					v := rs.resolve(src, pyJoinDotted(n.Name, rest), depth+1)
					if v.m != nil {
						return v
					}
				}
				return pyValue{}
			}
			for _, n := range imp.Names {
				if n.Name == "*" {
					if src := rs.module(mod); src != nil && src != m {
						if v := rs.resolve(src, dotted, depth+1); v.m != nil {
							return v
						}
					}
				}
			}
		}
	}
	return pyValue{}
}

// inModule resolves rest inside the module named mod, descending into
// submodules as far as files exist.
func (rs *pyRouteSet) inModule(mod, rest string, depth int) pyValue {
	for {
		m := rs.module(mod)
		if rest == "" {
			if m == nil {
				return pyValue{}
			}
			return pyValue{m: m}
		}
		head, tail, _ := strings.Cut(rest, ".")
		if rs.module(mod+"."+head) != nil {
			mod, rest = mod+"."+head, tail
			continue
		}
		if m == nil {
			return pyValue{}
		}
		return rs.resolve(m, rest, depth+1)
	}
}

func pyJoinDotted(a, b string) string {
	if b == "" {
		return a
	}
	return a + "." + b
}

// str resolves an expression to a string; parts it cannot know are "{?}".
func (rs *pyRouteSet) str(m *pyRouteModule, e *pyExpr, depth int) string {
	if e == nil {
		return ""
	}
	switch e.kind {
	case pxStr:
		return e.text
	case pxSum:
		var b strings.Builder
		for _, p := range e.args {
			b.WriteString(rs.str(m, p, depth))
		}
		return b.String()
	case pxName:
		if depth < 6 {
			if s, ok := rs.constStr(m, e.text, depth+1); ok {
				return s
			}
		}
	}
	return "{?}"
}

// constStr resolves a name to a string constant: a module-level
// assignment, or a class attribute read through an instance
// (settings.API_V1_STR where settings = Settings()).
func (rs *pyRouteSet) constStr(m *pyRouteModule, name string, depth int) (string, bool) {
	v := rs.resolve(m, name, 0)
	if v.m == nil {
		return "", false
	}
	if v.val != nil && v.rest == "" {
		s := rs.str(v.m, v.val, depth)
		return s, !strings.Contains(s, "{?}")
	}
	if v.val != nil && v.val.kind == pxCall && !strings.Contains(v.rest, ".") {
		// an instance of a class: its class attribute
		cv := rs.resolve(v.m, v.val.text, 0)
		if cv.cls != nil && cv.rest == "" {
			for _, s := range cv.m.stmts {
				if s.class == cv.cls.Name && s.target == v.rest && s.op == "=" {
					str := rs.str(cv.m, s.val, depth)
					return str, !strings.Contains(str, "{?}")
				}
			}
		}
	}
	return "", false
}

// add records one route.
func (rs *pyRouteSet) add(r stack.Route) {
	if len(rs.out) >= pyMaxRoutes {
		return
	}
	if !strings.HasPrefix(r.Path, "/") {
		r.Path = "/" + r.Path
	}
	key := r.Method + " " + r.Path + " " + r.Evidence.Path + ":" + strconv.Itoa(r.Evidence.Line) + " " + r.Handler
	if rs.seen[key] {
		return
	}
	rs.seen[key] = true
	rs.out = append(rs.out, r)
}

func pyEv(p string, line int, detail string) stack.Evidence {
	if len(detail) > 120 {
		detail = detail[:117] + "…"
	}
	return stack.Evidence{Path: p, Line: line, Detail: detail}
}

// joinURL joins a prefix and a path with one slash between them.
func pyJoinURL(a, b string) string {
	switch {
	case a == "":
		return b
	case b == "":
		return a
	case strings.HasSuffix(a, "/") && strings.HasPrefix(b, "/"):
		return a + b[1:]
	case !strings.HasSuffix(a, "/") && !strings.HasPrefix(b, "/"):
		return a + "/" + b
	}
	return a + b
}

// pyHTTPMethods are the handler method names of class-based views.
var pyHTTPMethods = []string{"get", "post", "put", "patch", "delete", "head", "options"}

// ---- handlers ----

// pyHandler is a resolved view: its name as written, its methods (ANY
// when unknown) and where it is defined.
type pyHandler struct {
	name    string
	methods []string
	// defs gives the definition of each method (or "" for the view itself)
	defs map[string]*stack.Evidence
	def  *stack.Evidence
	// drf is true for Django REST Framework views (@api_view, APIView
	// and ViewSet subclasses) routed by a Django path().
	drf bool
}

func pyFnEvidence(m *pyRouteModule, fn *syntax.Function) *stack.Evidence {
	e := pyEv(m.path, fn.Line, "def "+fn.Name)
	return &e
}

// decoratorMethods reads a view's methods from Django and DRF decorators.
func pyDecoratorMethods(fn *syntax.Function) []string {
	for _, d := range fn.Decorators {
		switch pyLastSeg(d.Name) {
		case "api_view":
			ms := pyStringList(pyParseArgs(d.Args).arg(0, "http_method_names"))
			if len(ms) == 0 {
				return []string{"GET"}
			}
			return ms
		case "require_http_methods":
			if ms := pyStringList(pyParseArgs(d.Args).arg(0, "request_method_list")); len(ms) > 0 {
				return ms
			}
		case "require_POST":
			return []string{"POST"}
		case "require_GET":
			return []string{"GET"}
		case "require_safe":
			return []string{"GET", "HEAD"}
		}
	}
	return nil
}

// parseArgs reads raw decorator arguments as a call's arguments.
func pyParseArgs(raw string) *pyExpr {
	src := []byte("f(" + raw + ")")
	r := newPyReader(src, syntax.TokenizePython(src))
	e := r.operand()
	if e.kind != pxCall {
		return &pyExpr{kind: pxCall}
	}
	return e
}

// stringList returns the upper-cased strings of a list or tuple.
func pyStringList(e *pyExpr) []string {
	if e == nil {
		return nil
	}
	if e.kind == pxStr {
		return []string{strings.ToUpper(e.text)}
	}
	if e.kind != pxList {
		return nil
	}
	var out []string
	for _, x := range e.args {
		if x.kind == pxStr && x.text != "" {
			out = append(out, strings.ToUpper(x.text))
		}
	}
	return out
}

// pyKnownViewMethods are the methods of generic views by base class name.
var pyKnownViewMethods = map[string][]string{
	"TemplateView": {"GET"}, "ListView": {"GET"}, "DetailView": {"GET"}, "ArchiveIndexView": {"GET"},
	"FormView": {"GET", "POST"}, "CreateView": {"GET", "POST"}, "UpdateView": {"GET", "POST"}, "DeleteView": {"GET", "POST"},
	"LoginView": {"GET", "POST"}, "PasswordChangeView": {"GET", "POST"}, "PasswordResetView": {"GET", "POST"},
	"ListAPIView": {"GET"}, "RetrieveAPIView": {"GET"}, "CreateAPIView": {"POST"}, "DestroyAPIView": {"DELETE"},
	"UpdateAPIView": {"PUT", "PATCH"}, "ListCreateAPIView": {"GET", "POST"}, "RetrieveUpdateAPIView": {"GET", "PUT", "PATCH"},
	"RetrieveDestroyAPIView": {"GET", "DELETE"}, "RetrieveUpdateDestroyAPIView": {"GET", "PUT", "PATCH", "DELETE"},
}

// classMethods returns the methods (from names: http method names or DRF
// actions) a class defines, following its bases inside the unit; known
// library bases add what table gives them.
func (rs *pyRouteSet) classMethods(m *pyRouteModule, cls *syntax.Class, names []string, table map[string][]string, depth int) (found []string, defs map[string]*stack.Evidence) {
	defs = map[string]*stack.Evidence{}
	var walk func(m *pyRouteModule, cls *syntax.Class, depth int)
	walk = func(m *pyRouteModule, cls *syntax.Class, depth int) {
		if depth > 6 {
			return
		}
		for i := range m.f.Functions {
			fn := &m.f.Functions[i]
			if fn.Method && fn.QualName == cls.QualName+"."+fn.Name {
				for _, n := range names {
					if fn.Name == n && defs[n] == nil {
						defs[n] = pyFnEvidence(m, fn)
						found = append(found, n)
					}
				}
			}
		}
		for _, b := range cls.Bases {
			b = strings.TrimSpace(b)
			if i := strings.IndexByte(b, '['); i >= 0 {
				b = b[:i]
			}
			if ms, ok := table[pyLastSeg(b)]; ok {
				for _, n := range ms {
					if _, seen := defs[n]; !seen {
						defs[n] = nil
						found = append(found, n)
					}
				}
				continue
			}
			v := rs.resolve(m, b, 0)
			if v.cls != nil && v.rest == "" && v.cls != cls {
				walk(v.m, v.cls, depth+1)
			}
		}
	}
	walk(m, cls, depth)
	return found, defs
}

// view resolves the view argument of a Django path() or Flask
// add_url_rule(): a function, or a class's as_view().
func (rs *pyRouteSet) view(m *pyRouteModule, e *pyExpr, depth int) pyHandler {
	if e == nil {
		return pyHandler{}
	}
	switch e.kind {
	case pxCall:
		if pyLastSeg(e.text) != "as_view" {
			// a wrapper: login_required(views.checkout),
			// csrf_exempt(View.as_view()), cache_page(60)(view)
			if a := e.arg(0, "view_func"); a != nil && depth < 4 && (a.kind == pxName || a.kind == pxCall) {
				if h := rs.view(m, a, depth+1); h.name != "" {
					return h
				}
			}
			if e.text == "?" {
				return pyHandler{}
			}
			return pyHandler{name: e.text}
		}
		clsName := strings.TrimSuffix(e.text, ".as_view")
		h := pyHandler{name: clsName}
		// DRF: ViewSet.as_view({"get": "list", "post": "create"})
		if a := e.arg(0, "actions"); a != nil && a.kind == pxDict {
			h.defs = map[string]*stack.Evidence{}
			v := rs.resolve(m, clsName, 0)
			for _, kv := range a.kws {
				meth := strings.ToUpper(kv.name)
				h.methods = append(h.methods, meth)
				if v.cls != nil && kv.val.kind == pxStr {
					_, defs := rs.classMethods(v.m, v.cls, []string{kv.val.text}, nil, 0)
					h.defs[meth] = defs[kv.val.text]
				}
			}
			if v.cls != nil {
				e := pyEv(v.m.path, v.cls.Line, "class "+v.cls.Name)
				h.def = &e
			}
			h.drf = true
			return h
		}
		v := rs.resolve(m, clsName, 0)
		if v.cls == nil || v.rest != "" {
			return h
		}
		rs.classView(&h, v)
		return h
	case pxName:
		h := pyHandler{name: e.text}
		v := rs.resolve(m, e.text, 0)
		if v.rest != "" {
			return h
		}
		switch {
		case v.fn != nil:
			h.def = pyFnEvidence(v.m, v.fn)
			h.methods = pyDecoratorMethods(v.fn)
			for _, d := range v.fn.Decorators {
				h.drf = h.drf || pyLastSeg(d.Name) == "api_view"
			}
		case v.val != nil && depth < 4:
			// checkout = CheckoutView.as_view()
			inner := rs.view(v.m, v.val, depth+1)
			inner.name = e.text
			return inner
		case v.cls != nil:
			// a class endpoint (Starlette HTTPEndpoint)
			rs.classView(&h, v)
		}
		return h
	}
	return pyHandler{}
}

// classView fills a handler from a class-based view: the HTTP methods it
// (or a base in the unit) defines, or those of a known generic base.
func (rs *pyRouteSet) classView(h *pyHandler, v pyValue) {
	d := pyEv(v.m.path, v.cls.Line, "class "+v.cls.Name)
	h.def = &d
	found, defs := rs.classMethods(v.m, v.cls, pyHTTPMethods, pyKnownViewMethods, 0)
	h.defs = map[string]*stack.Evidence{}
	for _, n := range found {
		meth := strings.ToUpper(n)
		if !pyContains(h.methods, meth) {
			h.methods = append(h.methods, meth)
		}
		if defs[n] != nil {
			h.defs[meth] = defs[n]
		}
	}
	h.drf = rs.drfClass(v.m, v.cls, 0)
}

// drfClass reports whether a class is a Django REST Framework view: one of
// its bases, followed through the unit, is a DRF view class.
func (rs *pyRouteSet) drfClass(m *pyRouteModule, cls *syntax.Class, depth int) bool {
	if depth > 6 {
		return false
	}
	for _, b := range cls.Bases {
		b = strings.TrimSpace(b)
		name := pyLastSeg(b)
		if _, ok := pyDRFBaseActions[name]; ok || strings.HasSuffix(name, "APIView") {
			return true
		}
		v := rs.resolve(m, b, 0)
		if v.cls != nil && v.rest == "" && v.cls != cls && rs.drfClass(v.m, v.cls, depth+1) {
			return true
		}
	}
	return false
}

func pyContains(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// routesFor adds one route per method of a handler.
func (rs *pyRouteSet) routesFor(fw, p string, h pyHandler, decl stack.Evidence, defaults []string) {
	methods := h.methods
	if len(methods) == 0 {
		methods = defaults
	}
	for _, meth := range methods {
		r := stack.Route{Method: meth, Path: p, Framework: fw, Handler: h.name, Evidence: decl}
		if h.drf && fw == "django" {
			r.Framework = "djangorestframework"
		}
		if d := h.defs[meth]; d != nil {
			r.HandlerEvidence = d
		} else if h.def != nil {
			r.HandlerEvidence = h.def
		}
		rs.add(r)
	}
}

// ---- Django ----

func (rs *pyRouteSet) django() {
	var roots []*pyRouteModule
	for _, m := range rs.mods {
		for _, s := range m.stmts {
			if s.op == "=" && s.target == "ROOT_URLCONF" && s.class == "" && s.val.kind == pxStr {
				if r := rs.module(s.val.text); r != nil && !pyContainsMod(roots, r) {
					roots = append(roots, r)
				}
			}
		}
	}
	if len(roots) == 0 {
		// every urls.py no other urls.py includes
		included := map[*pyRouteModule]bool{}
		var urls []*pyRouteModule
		for _, m := range rs.mods {
			if path.Base(m.path) != "urls.py" || !pyHasURLPatterns(m) {
				continue
			}
			urls = append(urls, m)
			for _, s := range m.stmts {
				pyWalkExpr(s.val, func(e *pyExpr) {
					if e.kind == pxCall && pyLastSeg(e.text) == "include" {
						a := e.arg(0, "arg")
						if a != nil && a.kind == pxList && a.text == "(" && len(a.args) > 0 {
							a = a.args[0]
						}
						if a != nil && a.kind == pxStr {
							if t := rs.module(a.text); t != nil {
								included[t] = true
							}
						}
					}
				})
			}
		}
		for _, m := range urls {
			if !included[m] {
				roots = append(roots, m)
			}
		}
	}
	for _, m := range roots {
		rs.urlconf(m, "", 0)
	}
}

func pyContainsMod(list []*pyRouteModule, m *pyRouteModule) bool {
	for _, x := range list {
		if x == m {
			return true
		}
	}
	return false
}

func pyHasURLPatterns(m *pyRouteModule) bool {
	for _, s := range m.stmts {
		if s.target == "urlpatterns" {
			return true
		}
	}
	return false
}

// pyWalkExpr calls fn on e and every expression inside it.
func pyWalkExpr(e *pyExpr, fn func(*pyExpr)) {
	if e == nil {
		return
	}
	fn(e)
	for _, a := range e.args {
		pyWalkExpr(a, fn)
	}
	for _, k := range e.kws {
		pyWalkExpr(k.val, fn)
	}
}

// urlconf walks a module's urlpatterns under a prefix.
func (rs *pyRouteSet) urlconf(m *pyRouteModule, prefix string, depth int) {
	key := "urls:" + m.path
	if rs.visit[key] || depth > 16 || !rs.spend() {
		return
	}
	rs.visit[key] = true
	defer delete(rs.visit, key)
	for _, s := range m.stmts {
		switch {
		case s.class != "":
		case s.target == "urlpatterns" && (s.op == "=" || s.op == "+="):
			rs.patterns(m, s.val, prefix, depth)
		case s.op == "" && (s.val.text == "urlpatterns.append" || s.val.text == "urlpatterns.extend" || s.val.text == "urlpatterns.insert"):
			args := s.val.args
			if s.val.text == "urlpatterns.insert" && len(args) > 1 {
				args = args[1:]
			}
			for _, a := range args {
				if s.val.text == "urlpatterns.extend" {
					rs.patterns(m, a, prefix, depth)
				} else {
					rs.pattern(m, a, prefix, depth)
				}
			}
		}
	}
}

// patterns walks a list of url patterns (or a name bound to one).
func (rs *pyRouteSet) patterns(m *pyRouteModule, e *pyExpr, prefix string, depth int) {
	if e == nil || depth > 16 {
		return
	}
	switch e.kind {
	case pxList:
		for _, it := range e.args {
			rs.pattern(m, it, prefix, depth)
		}
	case pxSum:
		for _, it := range e.args {
			rs.patterns(m, it, prefix, depth)
		}
	case pxSpread:
		rs.patterns(m, e.args[0], prefix, depth)
	case pxName:
		rs.includeName(m, e.text, prefix, depth)
	case pxCall:
		switch pyLastSeg(e.text) {
		case "format_suffix_patterns":
			rs.patterns(m, e.arg(0, "urlpatterns"), prefix, depth)
		case "i18n_patterns":
			// i18n_patterns(path(...), path(...)): the patterns are the
			// arguments; served below a language prefix
			for _, a := range e.args {
				rs.pattern(m, a, prefix+"{language}/", depth)
			}
		}
	}
}

// includeName includes what a name stands for: a DRF router's urls, a
// list of patterns, or a module's urlpatterns.
func (rs *pyRouteSet) includeName(m *pyRouteModule, name string, prefix string, depth int) {
	v := rs.resolve(m, name, 0)
	switch {
	case v.m == nil:
	case v.name == "" && v.rest == "":
		rs.urlconf(v.m, prefix, depth+1)
	case v.name == "" && v.rest == "urlpatterns":
		rs.urlconf(v.m, prefix, depth+1)
	case v.rest == "urls" || v.rest == "get_urls()" || v.rest == "":
		if o := rs.objs[v.m.path+":"+v.name]; o != nil && o.kind == "drf" {
			rs.emitObj(o, prefix, nil)
			return
		}
		if v.rest == "" && v.val != nil && (v.val.kind == pxList || v.val.kind == pxSum) {
			key := "list:" + v.m.path + ":" + v.name
			if rs.visit[key] {
				return
			}
			rs.visit[key] = true
			rs.patterns(v.m, v.val, prefix, depth+1)
			delete(rs.visit, key)
		}
		if v.name == "urlpatterns" && v.rest == "" {
			rs.urlconf(v.m, prefix, depth+1)
		}
	}
}

// pattern reads one path(), re_path() or url() entry.
func (rs *pyRouteSet) pattern(m *pyRouteModule, e *pyExpr, prefix string, depth int) {
	if e == nil {
		return
	}
	if e.kind != pxCall {
		if e.kind == pxSpread || e.kind == pxName {
			rs.patterns(m, e, prefix, depth)
		}
		return
	}
	fn := pyLastSeg(e.text)
	if fn != "path" && fn != "re_path" && fn != "url" {
		return
	}
	route := rs.str(m, e.arg(0, "route"), 0)
	if fn != "path" {
		route = strings.TrimSuffix(strings.TrimPrefix(route, "^"), "$")
	}
	full := prefix + route
	view := e.arg(1, "view")
	if view == nil {
		return
	}
	if view.kind == pxCall && pyLastSeg(view.text) == "include" {
		target := view.arg(0, "arg")
		if target != nil && target.kind == pxList && target.text == "(" && len(target.args) > 0 {
			target = target.args[0] // include((patterns, "app"))
		}
		switch {
		case target == nil:
		case target.kind == pxStr:
			if t := rs.module(target.text); t != nil {
				rs.urlconf(t, full, depth+1)
			}
		case target.kind == pxCall && pyLastSeg(target.text) != "format_suffix_patterns" && pyLastSeg(target.text) != "i18n_patterns":
			// include(get_model_urls("dcim", "site")): patterns built at
			// run time by the unit's own code; the prefix is all we know.
			if v := rs.resolve(m, target.text, 0); v.fn != nil && v.rest == "" {
				rs.add(stack.Route{Method: "ANY", Path: full + "{?}", Framework: "django",
					Evidence: pyEv(m.path, e.line, fn+"(\""+route+"\", include("+target.text+"(…)))")})
			}
		default:
			rs.patterns(m, target, full, depth+1)
		}
		return
	}
	if view.kind == pxName && pyLastSeg(view.text) == "urls" {
		// admin.site.urls, router.urls: an included urlconf
		rs.patterns(m, view, full, depth+1)
		return
	}
	if view.kind == pxList && view.text == "(" && len(view.args) > 0 {
		// path("x/", (patterns, "app", "ns"))
		rs.patterns(m, view.args[0], full, depth+1)
		return
	}
	h := rs.view(m, view, 0)
	rs.routesFor("django", full, h, pyEv(m.path, e.line, fn+"(\""+route+"\")"), []string{"ANY"})
}

// ---- applications, routers, blueprints ----

// emitObj writes the routes of an application or router with the prefix
// acc in front; own overrides its own prefix (Flask url_prefix given at
// registration) when not nil.
func (rs *pyRouteSet) emitObj(o *pyObj, acc string, own *string) {
	if rs.visit[o.key] || !rs.spend() {
		return
	}
	rs.visit[o.key] = true
	defer delete(rs.visit, o.key)
	rs.reached[o.key] = true
	m := o.m
	switch o.kind {
	case "drf":
		rs.drfRouter(o, acc)
		return
	case "starlette":
		routes := o.ctor.kw("routes")
		if o.base == "Router" {
			routes = o.ctor.arg(0, "routes")
		}
		rs.starletteRoutes(m, routes, acc, "starlette", 0)
	}
	prefix := ""
	switch o.base {
	case "APIRouter":
		prefix = rs.str(m, o.ctor.kw("prefix"), 0)
	case "Blueprint":
		prefix = rs.str(m, o.ctor.arg(2, "url_prefix"), 0)
		if o.ctor.arg(2, "url_prefix") == nil {
			prefix = ""
		}
	case "Api":
		if x := o.ctor.kw("prefix"); x != nil {
			prefix = rs.str(m, x, 0)
		}
	case "FastAPI":
		rs.starletteRoutes(m, o.ctor.kw("routes"), acc, "fastapi", 0)
	}
	if own != nil {
		prefix = *own
	}
	base := pyJoinURL(acc, prefix)
	fw := o.kind
	// decorated functions in every module that resolve to this object
	for _, mm := range rs.mods {
		if mm.f == nil {
			continue
		}
		for _, rd := range mm.routeDecos() {
			fn, d := rd.fn, rd.d
			recv, meth := pySplitLast(d.Name)
			if !rs.refersTo(mm, recv, o) {
				continue
			}
			rs.claimed[mm.path+":"+strconv.Itoa(d.Line)] = true
			rs.decorated(mm, fn, d, meth, fw, base)
		}
		for _, s := range mm.stmts {
			if s.op != "" {
				continue
			}
			recv, meth := pySplitLast(s.val.text)
			if recv == "" || !rs.refersTo(mm, recv, o) {
				continue
			}
			c := s.val
			switch meth {
			case "include_router", "register_blueprint":
				target := c.arg(0, "router")
				if meth == "register_blueprint" {
					target = c.arg(0, "blueprint")
				}
				if target == nil || target.kind != pxName {
					continue
				}
				child := rs.objAt(mm, target.text)
				if child == nil {
					continue
				}
				if meth == "include_router" {
					p := ""
					if x := c.kw("prefix"); x != nil {
						p = rs.str(mm, x, 0)
					}
					rs.emitObj(child, pyJoinURL(base, p), nil)
				} else {
					var override *string
					if x := c.kw("url_prefix"); x != nil {
						p := rs.str(mm, x, 0)
						override = &p
					}
					// nested blueprints sit under the parent's prefix
					rs.emitObj(child, base, override)
				}
			case "mount":
				p := rs.str(mm, c.arg(0, "path"), 0)
				target := c.arg(1, "app")
				if target != nil && target.kind == pxName {
					if child := rs.objAt(mm, target.text); child != nil {
						rs.emitObj(child, pyJoinURL(base, p), nil)
					}
				}
			case "add_url_rule":
				rule := c.arg(0, "rule")
				if rule == nil {
					continue
				}
				p := rs.str(mm, rule, 0)
				h := rs.view(mm, c.arg(2, "view_func"), 0)
				if ms := pyStringList(c.kw("methods")); len(ms) > 0 {
					h.methods = ms
				}
				rs.routesFor(fw, pyJoinURL(base, p), h, pyEv(mm.path, c.line, "add_url_rule(\""+p+"\")"), []string{"GET"})
			case "add_api_route", "add_route":
				rule := c.arg(0, "path")
				if rule == nil {
					continue
				}
				p := rs.str(mm, rule, 0)
				h := rs.view(mm, c.arg(1, "endpoint"), 0)
				if ms := pyStringList(c.kw("methods")); len(ms) > 0 {
					h.methods = ms
				}
				rs.routesFor(fw, pyJoinURL(base, p), h, pyEv(mm.path, c.line, meth+"(\""+p+"\")"), []string{"GET"})
			case "add_resource":
				// Flask-RESTful: api.add_resource(Resource, "/a", "/b")
				if len(c.args) < 2 || o.base != "Api" {
					continue
				}
				h := rs.view(mm, c.args[0], 0)
				for _, u := range c.args[1:] {
					if u.kind == pxSpread {
						continue
					}
					p := rs.str(mm, u, 0)
					rs.routesFor(fw, pyJoinURL(base, p), h, pyEv(mm.path, c.line, "add_resource(\""+p+"\")"), nil)
				}
			}
		}
	}
	// Flask-RESTful: Api(app) or Api(blueprint) serves under this object
	if o.base == "Flask" || o.base == "Blueprint" {
		for _, api := range rs.sortedObjs() {
			if api.base == "Api" {
				if t := api.ctor.arg(0, "app"); t != nil && t.kind == pxName && rs.refersTo(api.m, t.text, o) {
					rs.emitObj(api, base, nil)
				}
			}
		}
	}
}

// pyImportsAny reports whether a module imports one of the top-level
// packages.
func pyImportsAny(m *pyRouteModule, tops ...string) bool {
	if m == nil || m.f == nil {
		return false
	}
	for _, imp := range m.f.Imports {
		top := pyTopName(imp.Module)
		for _, t := range tops {
			if top == t {
				return true
			}
		}
	}
	return false
}

func pyClip(s string) string {
	if len(s) > 80 {
		return s[:77] + "…"
	}
	return s
}

// decorated adds the routes of one route decorator under base.
func (rs *pyRouteSet) decorated(m *pyRouteModule, fn *syntax.Function, d *syntax.Decorator, meth, fw, base string) {
	args := pyParseArgs(d.Args)
	pe := args.arg(0, pyPathKw(fw))
	if pe == nil {
		return
	}
	methods := []string{strings.ToUpper(meth)}
	if meth == "route" || meth == "api_route" {
		if methods = pyStringList(args.kw("methods")); len(methods) == 0 {
			methods = []string{"GET"}
		}
	}
	h := pyHandler{name: fn.QualName, methods: methods, def: pyFnEvidence(m, fn)}
	rs.routesFor(fw, pyJoinURL(base, rs.str(m, pe, 0)), h, pyEv(m.path, d.Line, "@"+d.Name+"("+pyClip(d.Args)+")"), nil)
}

func pyPathKw(fw string) string {
	if fw == "flask" {
		return "rule"
	}
	return "path"
}

func pyDecoratorMethod(m string) bool {
	switch m {
	case "get", "post", "put", "patch", "delete", "head", "options", "trace", "route", "api_route":
		return true
	}
	return false
}

func pySplitLast(s string) (string, string) {
	i := strings.LastIndexByte(s, '.')
	if i < 0 {
		return "", s
	}
	return s[:i], s[i+1:]
}

// refersTo reports whether a dotted name in module m resolves to object o.
func (rs *pyRouteSet) refersTo(m *pyRouteModule, name string, o *pyObj) bool {
	if m == o.m && name == o.name {
		return true
	}
	if !strings.Contains(name, ".") && m != o.m && !pyImportsName(m, name) {
		return false
	}
	return rs.objAt(m, name) == o
}

// pyImportsName is a quick check that a bare name comes from an import.
func pyImportsName(m *pyRouteModule, name string) bool {
	for _, imp := range m.f.Imports {
		if imp.Alias == name || pyTopName(imp.Module) == name {
			return true
		}
		for _, n := range imp.Names {
			if n.Alias == name || n.Alias == "" && n.Name == name || n.Name == "*" {
				return true
			}
		}
	}
	return false
}

// ---- Django REST Framework ----

var pyDRFActions = []struct {
	name, method string
	detail       bool
}{
	{"list", "GET", false}, {"create", "POST", false},
	{"retrieve", "GET", true}, {"update", "PUT", true},
	{"partial_update", "PATCH", true}, {"destroy", "DELETE", true},
}

var pyDRFBaseActions = map[string][]string{
	"ModelViewSet":         {"list", "create", "retrieve", "update", "partial_update", "destroy"},
	"ReadOnlyModelViewSet": {"list", "retrieve"},
	"ListModelMixin":       {"list"}, "CreateModelMixin": {"create"}, "RetrieveModelMixin": {"retrieve"},
	"UpdateModelMixin": {"update", "partial_update"}, "DestroyModelMixin": {"destroy"},
	"ViewSet": {}, "GenericViewSet": {}, "ViewSetMixin": {},
}

func (rs *pyRouteSet) drfRouter(o *pyObj, acc string) {
	slash := "/"
	if ts := o.ctor.kw("trailing_slash"); ts != nil && ts.kind == pxName && ts.text == "False" {
		slash = ""
	}
	m := o.m
	// drf-nested-routers: NestedSimpleRouter(router, r"orders",
	// lookup="order") registers below "orders/{order_pk}/"
	nested := ""
	if strings.HasPrefix(o.base, "Nested") {
		if pp := o.ctor.arg(1, "parent_prefix"); pp != nil {
			lookup := "pk"
			if l := o.ctor.kw("lookup"); l != nil {
				lookup = rs.str(m, l, 0) + "_pk"
			}
			nested = pyJoinURL(rs.str(m, pp, 0), "{"+lookup+"}/")
		}
	}
	for _, s := range m.stmts {
		if s.op != "" || s.val.text != o.name+".register" {
			continue
		}
		c := s.val
		prefixE := c.arg(0, "prefix")
		vs := c.arg(1, "viewset")
		if prefixE == nil || vs == nil {
			continue
		}
		prefix := strings.TrimSuffix(strings.TrimPrefix(rs.str(m, prefixE, 0), "^"), "$")
		coll := pyJoinURL(pyJoinURL(acc, nested), prefix) + slash
		decl := pyEv(m.path, c.line, "register(\""+prefix+"\")")
		handler := vs.text
		if vs.kind != pxName {
			continue
		}
		v := rs.resolve(m, vs.text, 0)
		if v.cls == nil || v.rest != "" {
			// the ViewSet is out of reach: its routes are unknown
			continue
		}
		lookup := "pk"
		for _, attr := range []string{"lookup_url_kwarg", "lookup_field"} {
			if x, ok := rs.classAttr(v.m, v.cls, attr, 0); ok && x != "" {
				lookup = x
				break
			}
		}
		detail := strings.TrimSuffix(coll, "/") + "/{" + lookup + "}" + slash
		found, defs := rs.classMethods(v.m, v.cls, []string{"list", "create", "retrieve", "update", "partial_update", "destroy"}, pyDRFBaseActions, 0)
		clsEv := pyEv(v.m.path, v.cls.Line, "class "+v.cls.Name)
		for _, a := range pyDRFActions {
			if !pyContains(found, a.name) {
				continue
			}
			p := coll
			if a.detail {
				p = detail
			}
			r := stack.Route{Method: a.method, Path: p, Framework: "djangorestframework", Handler: handler + "." + a.name, Evidence: decl, HandlerEvidence: &clsEv}
			if defs[a.name] != nil {
				r.HandlerEvidence = defs[a.name]
			}
			rs.add(r)
		}
		// @action methods, in the class and its bases in the unit
		rs.drfExtraActions(v.m, v.cls, handler, coll, detail, slash, decl, 0)
	}
}

// classAttr returns the string a class (or a base in the unit) assigns
// to a class attribute.
func (rs *pyRouteSet) classAttr(m *pyRouteModule, cls *syntax.Class, name string, depth int) (string, bool) {
	if depth > 6 {
		return "", false
	}
	rs.statements(m)
	for _, s := range m.stmts {
		if s.class == cls.Name && s.target == name && s.op == "=" && s.line > cls.Line && s.line <= cls.EndLine {
			if s.val.kind == pxStr {
				return s.val.text, true
			}
			return "", false
		}
	}
	for _, b := range cls.Bases {
		v := rs.resolve(m, strings.TrimSpace(b), 0)
		if v.cls != nil && v.rest == "" && v.cls != cls {
			if x, ok := rs.classAttr(v.m, v.cls, name, depth+1); ok {
				return x, true
			}
		}
	}
	return "", false
}

func (rs *pyRouteSet) drfExtraActions(m *pyRouteModule, cls *syntax.Class, handler, coll, detail, slash string, decl stack.Evidence, depth int) {
	if depth > 6 {
		return
	}
	for i := range m.f.Functions {
		fn := &m.f.Functions[i]
		if !fn.Method || fn.QualName != cls.QualName+"."+fn.Name {
			continue
		}
		for _, d := range fn.Decorators {
			if pyLastSeg(d.Name) != "action" && pyLastSeg(d.Name) != "detail_route" && pyLastSeg(d.Name) != "list_route" {
				continue
			}
			args := pyParseArgs(d.Args)
			isDetail := pyLastSeg(d.Name) == "detail_route"
			if x := args.kw("detail"); x != nil && x.kind == pxName && x.text == "True" {
				isDetail = true
			}
			seg := fn.Name
			if x := args.kw("url_path"); x != nil {
				seg = rs.str(m, x, 0)
			}
			base := coll
			if isDetail {
				base = detail
			}
			p := strings.TrimSuffix(base, "/") + "/" + seg + slash
			methods := pyStringList(args.kw("methods"))
			if len(methods) == 0 {
				methods = []string{"GET"}
			}
			for _, meth := range methods {
				rs.add(stack.Route{Method: meth, Path: p, Framework: "djangorestframework", Handler: handler + "." + fn.Name,
					Evidence: decl, HandlerEvidence: pyFnEvidence(m, fn)})
			}
		}
	}
	for _, b := range cls.Bases {
		if _, known := pyDRFBaseActions[pyLastSeg(b)]; known {
			continue
		}
		v := rs.resolve(m, strings.TrimSpace(b), 0)
		if v.cls != nil && v.rest == "" && v.cls != cls {
			rs.drfExtraActions(v.m, v.cls, handler, coll, detail, slash, decl, depth+1)
		}
	}
}

// ---- Starlette ----

// starletteRoutes walks a list of Route and Mount entries.
func (rs *pyRouteSet) starletteRoutes(m *pyRouteModule, e *pyExpr, acc, fw string, depth int) {
	if e == nil || depth > 16 {
		return
	}
	switch e.kind {
	case pxList, pxSum:
		for _, it := range e.args {
			rs.starletteRoutes(m, it, acc, fw, depth)
		}
	case pxSpread:
		rs.starletteRoutes(m, e.args[0], acc, fw, depth)
	case pxName:
		v := rs.resolve(m, e.text, 0)
		if v.m != nil && v.val != nil && v.rest == "" {
			key := "list:" + v.m.path + ":" + v.name
			if rs.visit[key] {
				return
			}
			rs.visit[key] = true
			rs.reached[key] = true
			rs.starletteRoutes(v.m, v.val, acc, fw, depth+1)
			delete(rs.visit, key)
		}
	case pxCall:
		switch pyLastSeg(e.text) {
		case "Route":
			pe := e.arg(0, "path")
			if pe == nil {
				return
			}
			p := rs.str(m, pe, 0)
			h := rs.view(m, e.arg(1, "endpoint"), 0)
			if ms := pyStringList(e.kw("methods")); len(ms) > 0 {
				h.methods = ms
			}
			rs.routesFor(fw, pyJoinURL(acc, p), h, pyEv(m.path, e.line, "Route(\""+p+"\")"), []string{"GET"})
		case "Mount":
			pe := e.arg(0, "path")
			if pe == nil {
				return
			}
			p := pyJoinURL(acc, rs.str(m, pe, 0))
			if routes := e.kw("routes"); routes != nil {
				rs.starletteRoutes(m, routes, p, fw, depth+1)
			} else if app := e.arg(1, "app"); app != nil && app.kind == pxName {
				if o := rs.objAt(m, app.text); o != nil {
					rs.emitObj(o, p, nil)
				}
			}
		}
	}
}

// looseStarlette reads module-level lists of Route/Mount that no
// application reached (a routes list handed to an app built elsewhere).
func (rs *pyRouteSet) looseStarlette() {
	for _, m := range rs.mods {
		if !pyImportsStarlette(m) {
			continue
		}
		for _, s := range m.stmts {
			if s.op != "=" || s.class != "" || s.val.kind != pxList {
				continue
			}
			key := "list:" + m.path + ":" + s.target
			if rs.reached[key] {
				continue
			}
			has := false
			for _, it := range s.val.args {
				if it.kind == pxCall && (pyLastSeg(it.text) == "Route" || pyLastSeg(it.text) == "Mount") {
					has = true
				}
			}
			if has {
				rs.reached[key] = true
				rs.starletteRoutes(m, s.val, "", "starlette", 0)
			}
		}
	}
}

func pyImportsStarlette(m *pyRouteModule) bool {
	if m.f == nil {
		return false
	}
	for _, imp := range m.f.Imports {
		if strings.HasPrefix(imp.Module, "starlette") {
			return true
		}
	}
	return false
}

// pyTopName is a dotted module name's first element ("a.b.c" → a), as
// strings.SplitN(s, ".", 2)[0] without the slice.
func pyTopName(s string) string {
	top, _, _ := strings.Cut(s, ".")
	return top
}
