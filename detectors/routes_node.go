package detectors

import (
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/stackaudit/stackaudit/internal/source"
	"github.com/stackaudit/stackaudit/repo"
	"github.com/stackaudit/stackaudit/stack"
	"github.com/stackaudit/stackaudit/syntax"
)

// The routes-js family extracts the HTTP routes of Node units into
// Unit.Routes: Express and Koa (app.get, router.post, router.route('/x')
// chains, app.use('/prefix', router) across files), Fastify (fastify.get,
// route({...}), register(plugin, { prefix })), NestJS (@Controller with
// @Get/@Post..., setGlobalPrefix), Next.js (pages/api, app router route
// files, server actions) and GraphQL operations (SDL in .graphql files and
// gql templates, resolver maps, @Query/@Mutation resolvers; graphene and
// strawberry root types of Python units, routes_graphql_python.go). Source
// files are parsed once, through the source records the imports family fills
// (source.Whole); a call's further arguments are read from tokens
// (routes_node_args.go). The files are named routes_node*, not routes_js*:
// Go would build a _js.go file for GOOS=js only.
//
// Prefixes: every app, router or plugin is a node ("file#variable", or
// "file#fn:N" for the parameter of function N that routes are declared on);
// use/register calls mount nodes under others with a prefix, across files
// through relative imports; a route's paths are its node's prefixes joined
// with its own path (a router mounted twice gives two routes).
var _ = register(family{
	name:     "routes-js",
	order:    66,
	perUnit:  true,
	patterns: routesJSPatterns,
	run:      runRoutesJS,
})

var routesJSPatterns = []string{
	"**/*.ts", "**/*.tsx", "**/*.mts", "**/*.cts",
	"**/*.js", "**/*.jsx", "**/*.mjs", "**/*.cjs",
	"**/*.graphql", "**/*.gql", "**/*.py",
}

var routesJSFiles = repo.CompilePatterns(routesJSPatterns...)

// jsHTTPMethods maps router method names to route methods.
var jsHTTPMethods = map[string]string{
	"get": "GET", "post": "POST", "put": "PUT", "patch": "PATCH", "delete": "DELETE",
	"del": "DELETE", "options": "OPTIONS", "head": "HEAD", "all": "ANY",
}

// jsNestMethods maps NestJS method decorators to route methods.
var jsNestMethods = map[string]string{
	"Get": "GET", "Post": "POST", "Put": "PUT", "Patch": "PATCH", "Delete": "DELETE",
	"Options": "OPTIONS", "Head": "HEAD", "All": "ANY",
}

// jsRouteFile is one source file being read for routes.
type jsRouteFile struct {
	path      string
	u         *stack.Unit
	f         *syntax.File
	t         *jsToks
	binds     map[string]jsBind // local name → imported binding
	recv      map[string]string // receiver variable → framework, for variables made by a framework constructor
	own       map[string]string // receiver variable → its own prefix (new Router({ prefix }), router.prefix())
	opens     map[string][]int  // callee and line (jsOpenKey) → indices of the "(" of its calls
	used      map[int]bool      // call parentheses already matched to a syntax.Call
	fws       jsFrameworks      // frameworks the file imports
	funcs     map[string]int    // top-level function name → index; read through funcIndex
	funcsRead bool              // funcs is filled
	vars      map[string]int    // top-level variable → line, filled by varLine
	dflt      string            // the exported default's identifier, when "export default x" / "module.exports = x"
}

// funcIndex returns the file's function names → index (funcs), read from
// its summary on first use: most files are never asked.
func (rf *jsRouteFile) funcIndex() map[string]int {
	if !rf.funcsRead {
		rf.funcsRead = true
		for i := range rf.f.Functions {
			fn := &rf.f.Functions[i]
			if fn.Name != "" {
				if _, ok := rf.funcs[fn.Name]; !ok || fn.Parent < 0 {
					put(&rf.funcs, fn.Name, i)
				}
			}
		}
	}
	return rf.funcs
}

// put sets m[k] = v, making the map first if it is nil.
func put[K comparable, V any](m *map[K]V, k K, v V) {
	if *m == nil {
		*m = map[K]V{}
	}
	(*m)[k] = v
}

// jsBind is an imported binding: the module and the imported name
// ("default", "*", or a named export).
type jsBind struct{ module, name string }

// jsMount is "parent.use(prefix, child)" or "parent.register(child, { prefix })".
type jsMount struct {
	parent string // node key
	fw     string // the parent's framework
	guess  bool   // fw is guessed from the unit, not from a constructor or type
	prefix string
	file   string // the child's file
	name   string // the child's node name in file; "" for the file's exported root(s)
	ev     stack.Evidence
}

// jsRoute is a route relative to its node.
type jsRoute struct {
	node  string // node key; "" for routes whose path is already complete
	guess bool   // the framework is guessed from the unit, not from a constructor or type
	r     stack.Route
	u     *stack.Unit
}

// jsRouteState gathers everything across files.
type jsRouteState struct {
	d      *Detection
	files  map[string]*jsRouteFile
	exists map[string]bool
	routes []jsRoute
	mounts []jsMount
	// nodes per file: node name → true (variables and "fn:N")
	nodes map[string]map[string]bool
	// mounted within their own file
	localChild map[string]bool
	// the receiver of the call being read: its framework, and whether it is guessed
	curFW    string
	curGuess bool
	// prefixMemo caches nodePrefixes.
	prefixMemo map[string][]string
	// whole is set when the run covers every unit a relative import
	// reaches (rerunJSRoutes): a module outside its files is followed.
	whole bool
	// fileSlab holds the jsRouteFiles load hands out next.
	fileSlab []jsRouteFile
}

func runRoutesJS(d *Detection, files []repo.File) { runRoutesJSOver(d, files, false) }

// runRoutesJSOver reads the routes of files; whole says the run covers
// every unit their relative imports reach (rerunJSRoutes).
func runRoutesJSOver(d *Detection, files []repo.File, whole bool) {
	st := &jsRouteState{d: d, files: map[string]*jsRouteFile{}, exists: map[string]bool{},
		nodes: map[string]map[string]bool{}, localChild: map[string]bool{}, prefixMemo: map[string][]string{}, whole: whole}
	for _, f := range files {
		st.exists[f.Path] = true
	}
	sets := unitSourceSets(d)
	nodeSource, pySource := sets[0], sets[1] // Node units' and Python units' source files
	var pyFiles []string
	var pyUnits []*stack.Unit
	globalPrefix := map[*stack.Unit]string{}
	uriVersion := map[*stack.Unit]bool{}
	var nest []*jsRouteFile
	for _, f := range files {
		if d.Ctx.Err() != nil {
			return
		}
		ext := path.Ext(f.Path)
		if ext == ".py" {
			if u := d.UnitFor(f.Path, stack.Python); u != nil && pySource[f.Path] && pyUsesGraphQL(u) && !inFixtureFolder(relPath(u.Path, f.Path)) {
				pyFiles = append(pyFiles, f.Path)
				pyUnits = append(pyUnits, u)
			}
			continue
		}
		if ext == ".graphql" || ext == ".gql" {
			u := d.UnitFor(f.Path, "")
			if u == nil {
				continue
			}
			rel := relPath(u.Path, f.Path)
			if inHiddenFolder(rel) || inFixtureFolder(rel) || !(u.Ecosystem == stack.Node && jsUsesGraphQL(u) || u.Ecosystem == stack.Python && pyUsesGraphQL(u)) {
				continue
			}
			src, err := d.Snap.ReadFile(f.Path)
			if err != nil {
				continue
			}
			for _, op := range sdlOperations(string(src)) {
				st.add(jsRoute{u: u, r: stack.Route{Method: op.kind, Path: op.name, Framework: "graphql",
					Evidence: stack.Evidence{Path: f.Path, Line: op.line}}})
			}
			continue
		}
		u := d.UnitFor(f.Path, stack.Node)
		if u == nil || !nodeSource[f.Path] || inFixtureFolder(relPath(u.Path, f.Path)) {
			continue // not the unit's source: tests, generated code, test data
		}
		rf := st.load(f.Path, u)
		if rf == nil {
			continue
		}
		st.scanFile(rf)
		f := rf.f
		for i := -1; i < len(f.Functions); i++ {
			calls := f.Calls
			if i >= 0 {
				calls = f.Functions[i].Calls
			}
			for _, c := range calls {
				if strings.HasSuffix(c.Callee, ".setGlobalPrefix") && c.HasString {
					globalPrefix[u] = c.FirstString
				}
				if strings.HasSuffix(c.Callee, ".enableVersioning") && st.uriVersioning(rf, c) {
					uriVersion[u] = true
				}
			}
		}
		nest = append(nest, rf)
	}
	for _, rf := range nest {
		st.nestRoutes(rf, globalPrefix[rf.u], uriVersion[rf.u])
	}
	// Python GraphQL: the classes of each unit, for the handlers' evidence.
	classes := map[*stack.Unit]map[string]stack.Evidence{}
	for i, p := range pyFiles {
		m := classes[pyUnits[i]]
		if m == nil {
			m = map[string]stack.Evidence{}
			classes[pyUnits[i]] = m
		}
		if f := source.Whole(d.Snap, p); f != nil {
			for _, c := range f.Classes {
				if _, ok := m[c.Name]; !ok {
					m[c.Name] = stack.Evidence{Path: p, Line: c.Line}
				}
			}
		}
	}
	for i, p := range pyFiles {
		if d.Ctx.Err() != nil {
			return
		}
		st.pyGraphQLRoutes(p, pyUnits[i], classes[pyUnits[i]])
	}
	st.emit()
}

// unitSourceSets returns the source files of the Node units and of the
// Python units, listed once a scan.
func unitSourceSets(d *Detection) [2]map[string]bool {
	return d.once("unitSourceSets", func() any {
		sets := [2]map[string]bool{{}, {}}
		for _, u := range d.Inventory.Units {
			for _, p := range u.SourceFiles {
				switch u.Ecosystem {
				case stack.Node:
					sets[0][p] = true
				case stack.Python:
					sets[1][p] = true
				}
			}
		}
		return sets
	}).([2]map[string]bool)
}

// uriVersioning reports whether a NestJS app.enableVersioning call turns on
// URI versioning ({ type: VersioningType.URI }).
func (st *jsRouteState) uriVersioning(rf *jsRouteFile, c syntax.Call) bool {
	if !st.tokens(rf) {
		return false
	}
	open := st.callOpen(rf, c)
	args := rf.t.args(open)
	if len(args) == 0 {
		return false
	}
	typ := rf.t.dotted(rf.t.objKeys(args[0])["type"])
	return strings.HasSuffix(typ, ".URI")
}

// jsUsesGraphQL reports whether a unit depends on a GraphQL server or client.
func jsUsesGraphQL(u *stack.Unit) bool {
	for _, dep := range u.Dependencies {
		n := dep.Name
		if strings.Contains(n, "graphql") || strings.Contains(n, "apollo") || n == "mercurius" || strings.Contains(n, "yoga") {
			return true
		}
	}
	return false
}

// load parses a file (through the memo) and reads its bindings; it returns
// nil when the file cannot be read.
func (st *jsRouteState) load(p string, u *stack.Unit) *jsRouteFile {
	if rf, ok := st.files[p]; ok {
		return rf
	}
	f := source.Whole(st.d.Snap, p)
	if f == nil {
		st.files[p] = nil
		return nil
	}
	// The maps are made on their first entry (put): most files fill few
	// of them, and reading a nil map finds nothing.
	if len(st.fileSlab) == 0 {
		st.fileSlab = make([]jsRouteFile, 64) // one allocation for 64 files
	}
	rf := &st.fileSlab[0]
	st.fileSlab = st.fileSlab[1:]
	*rf = jsRouteFile{path: p, u: u, f: f}
	for _, im := range f.Imports {
		if fw := jsFrameworkModule(im.Module); fw != "" {
			rf.fws.add(fw)
		}
		for _, n := range im.Names {
			local := n.Name
			if n.Alias != "" {
				local = n.Alias
			}
			put(&rf.binds, local, jsBind{im.Module, n.Name})
		}
	}
	st.files[p] = rf
	return rf
}

// jsFrameworks is the set of frameworks a file imports: a few names at
// most (jsFrameworkModule's answers), so a slice, empty for most files.
type jsFrameworks []string

func (s *jsFrameworks) add(fw string) {
	if !slices.Contains(*s, fw) {
		*s = append(*s, fw)
	}
}

func (s jsFrameworks) has(fw string) bool { return slices.Contains(s, fw) }

// jsFrameworkModule returns the framework of a module a file imports.
func jsFrameworkModule(m string) string {
	switch m {
	case "express":
		return "express"
	case "koa", "koa-router", "@koa/router":
		return "koa"
	case "fastify":
		return "fastify"
	}
	return ""
}

// tokens tokenizes the file (once) and indexes its calls.
func (st *jsRouteState) tokens(rf *jsRouteFile) bool {
	if rf.t != nil {
		return true
	}
	src, err := source.Text(st.d.Snap, rf.path)
	if err != nil {
		return false
	}
	_, jsx := syntax.LangOf(rf.path)
	rf.t = newJSToks(src, jsx)
	rf.opens = map[string][]int{}
	t := rf.t
	for i := range t.toks {
		if t.op(i, "(") {
			if c, first := t.calleeAt(i); c != "" {
				// Indexed under the line of the callee's last name and of its
				// first token: syntax.Call gives one of them.
				k := jsOpenKey(c, t.toks[i-1].Line)
				rf.opens[k] = append(rf.opens[k], i)
				if l := t.toks[first].Line; l != t.toks[i-1].Line {
					k := jsOpenKey(c, l)
					rf.opens[k] = append(rf.opens[k], i)
				}
			}
		}
	}
	st.readRequires(rf)
	st.readReceivers(rf)
	return true
}

// readRequires adds "const x = require('m')" and "const { a, b: c } =
// require('m')" bindings, and notes "module.exports = x" / "export default x".
func (st *jsRouteState) readRequires(rf *jsRouteFile) {
	t := rf.t
	for i := range t.toks {
		switch {
		case t.is(i, syntax.Name, "require") && t.op(i+1, "(") && i+2 < len(t.toks) && t.toks[i+2].Kind == syntax.String && t.op(i+3, ")"):
			mod, _ := t.str(jsSpan{i + 2, i + 3})
			if fw := jsFrameworkModule(mod); fw != "" {
				rf.fws.add(fw)
			}
			if !t.op(i-1, "=") {
				continue
			}
			switch {
			case t.name(i-2) && t.op(i+4, ".") && t.name(i+5) && !t.op(i+6, "(") && !t.op(i+6, "."):
				// const users = require('../controllers').users
				put(&rf.binds, t.text(i-2), jsBind{mod, t.text(i + 5)})
			case t.name(i - 2):
				put(&rf.binds, t.text(i-2), jsBind{mod, "default"})
			case t.op(i-2, "}") && t.match[i-2] >= 0:
				for _, a := range t.args(t.match[i-2]) {
					switch {
					case a.b-a.a == 1 && t.name(a.a):
						put(&rf.binds, t.text(a.a), jsBind{mod, t.text(a.a)})
					case a.b-a.a == 3 && t.name(a.a) && t.op(a.a+1, ":") && t.name(a.a+2):
						put(&rf.binds, t.text(a.a+2), jsBind{mod, t.text(a.a)})
					}
				}
			}
		case t.is(i, syntax.Name, "module") && t.op(i+1, ".") && t.is(i+2, syntax.Name, "exports") && t.op(i+3, "=") && t.name(i+4) && !t.op(i+5, "(") && !t.op(i+5, "."):
			if n := t.text(i + 4); n != "function" && n != "async" && n != "class" {
				rf.dflt = n
			}
		case t.is(i, syntax.Name, "export") && t.is(i+1, syntax.Name, "default") && t.name(i+2) && !t.op(i+3, "(") && !t.op(i+3, "."):
			if n := t.text(i + 2); n != "function" && n != "async" && n != "class" {
				rf.dflt = n
			}
		}
	}
}

// readReceivers finds variables made by a framework constructor:
// express(), express.Router(), Router() from express, new Router() from
// koa-router, new Koa(), Fastify().
func (st *jsRouteState) readReceivers(rf *jsRouteFile) {
	t := rf.t
	for i := range t.toks {
		if !t.op(i, "=") || !t.name(i-1) {
			continue
		}
		lhs := t.text(i - 1)
		if t.op(i-2, ".") && t.is(i-3, syntax.Name, "this") {
			lhs = "this." + lhs
		}
		j := i + 1
		for t.is(j, syntax.Name, "new") || t.is(j, syntax.Name, "await") {
			j++
		}
		var fw, callee string
		open := -1
		if t.is(j, syntax.Name, "require") && t.op(j+1, "(") && j+2 < len(t.toks) && t.toks[j+2].Kind == syntax.String && t.op(j+3, ")") {
			mod, _ := t.str(jsSpan{j + 2, j + 3})
			fw = jsFrameworkModule(mod)
			switch {
			case t.op(j+4, "("):
				open = j + 4
			case t.op(j+4, ".") && t.name(j+5) && t.op(j+6, "("):
				callee, open = t.text(j+5), j+6
			}
			if fw == "" || open < 0 || (callee != "" && callee != "Router") {
				continue
			}
		} else {
			k := j
			for t.name(k) && t.op(k+1, ".") {
				k += 2
			}
			if !t.name(k) || !t.op(k+1, "(") {
				continue
			}
			callee = t.dotted(jsSpan{j, k + 1})
			open = k + 1
			parts := strings.Split(callee, ".")
			b, ok := rf.binds[parts[0]]
			switch {
			case ok:
				fw = jsFrameworkModule(b.module)
				if fw == "" || len(parts) > 2 || (len(parts) == 2 && parts[1] != "Router") {
					continue
				}
				if b.module == "koa" && (b.name != "default" || len(parts) > 1) {
					continue
				}
			case callee == "express.Router" || callee == "Router" && rf.fws.has("express"):
				fw = "express"
			default:
				continue
			}
		}
		put(&rf.recv, lhs, fw)
		if fw == "koa" {
			for _, a := range t.args(open) {
				if keys := t.objKeys(a); keys != nil {
					if p, ok := t.pathStr(keys["prefix"]); ok {
						put(&rf.own, lhs, p)
					}
				}
			}
		}
		st.node(rf.path, lhs)
	}
}

// node records a node name in a file.
func (st *jsRouteState) node(file, name string) {
	m := st.nodes[file]
	if m == nil {
		m = map[string]bool{}
		st.nodes[file] = m
	}
	m[name] = true
}

// jsCall is a call with the index of its enclosing function (-1 at module level).
type jsCall struct {
	call syntax.Call
	fn   int
}

func jsAllCalls(f *syntax.File) []jsCall {
	n := len(f.Calls)
	for _, fn := range f.Functions {
		n += len(fn.Calls)
	}
	if n == 0 {
		return nil
	}
	out := make([]jsCall, 0, n)
	for _, c := range f.Calls {
		out = append(out, jsCall{c, -1})
	}
	for i, fn := range f.Functions {
		for _, c := range fn.Calls {
			out = append(out, jsCall{c, i})
		}
	}
	return out
}

// jsRouteCallee splits a call that may declare or mount routes into its
// receiver, the router method, and whether it is a route() chain.
func jsRouteCallee(callee string) (recv, method string, chain bool) {
	i := strings.LastIndexByte(callee, '.')
	if i <= 0 {
		return "", "", false
	}
	recv, method = callee[:i], callee[i+1:]
	if k := strings.Index(recv, ".route()"); k > 0 {
		rest := recv[k+len(".route()"):]
		for seg := range strings.SplitSeq(strings.TrimPrefix(rest, "."), ".") {
			if seg == "" {
				continue
			}
			if _, ok := jsHTTPMethods[strings.TrimSuffix(seg, "()")]; !ok || !strings.HasSuffix(seg, "()") {
				return "", "", false
			}
		}
		return recv[:k], method, true
	}
	if k := strings.Index(recv, "()"); k >= 0 {
		// Router().use(a).use(b): a chain on a constructor's result.
		if strings.Contains(recv[:k], "(") {
			return "", "", false
		}
		for seg := range strings.SplitSeq(strings.TrimPrefix(recv[k+2:], "."), ".") {
			if seg == "" {
				continue
			}
			if _, ok := jsHTTPMethods[strings.TrimSuffix(seg, "()")]; !ok && seg != "use()" {
				return "", "", false
			}
		}
	}
	return recv, method, false
}

// ctorChain resolves the receiver of "Router().use(a)…" whose call opens at
// open: the variable it is assigned to, or "default" when it is exported
// as the module's default.
func (st *jsRouteState) ctorChain(rf *jsRouteFile, recv string, open int) (fw, node string, ok bool) {
	t := rf.t
	ctor := recv[:strings.Index(recv, "()")]
	parts := strings.Split(ctor, ".")
	b, bound := rf.binds[parts[0]]
	if !bound {
		return "", "", false
	}
	fw = jsFrameworkModule(b.module)
	switch {
	case fw == "express" && (len(parts) == 1 || len(parts) == 2 && parts[1] == "Router"):
	case fw == "koa" && b.module != "koa" && len(parts) == 1:
	default:
		return "", "", false
	}
	_, first := t.calleeAt(open)
	if first < 0 {
		return "", "", false
	}
	if t.is(first-1, syntax.Name, "new") {
		first--
	}
	var name string
	switch {
	case t.op(first-1, "=") && t.name(first-2) && !t.op(first-3, "."):
		name = t.text(first - 2)
	case t.is(first-1, syntax.Name, "default") && t.is(first-2, syntax.Name, "export"),
		t.op(first-1, "=") && t.is(first-2, syntax.Name, "exports") && t.op(first-3, ".") && t.is(first-4, syntax.Name, "module"):
		name = "default"
		rf.dflt = name
	default:
		return "", "", false
	}
	st.node(rf.path, name)
	return fw, rf.path + "#" + name, true
}

// scanFile reads the Express, Koa and Fastify calls of a file.
func (st *jsRouteState) scanFile(rf *jsRouteFile) {
	calls := jsAllCalls(rf.f)
	candidate := false
	for _, c := range calls {
		_, m, _ := jsRouteCallee(c.call.Callee)
		if _, ok := jsHTTPMethods[m]; ok || m == "use" || m == "register" || m == "route" || m == "prefix" || m == "setGlobalPrefix" || c.call.Callee == "require()" {
			candidate = true
			break
		}
	}
	if !candidate || !st.tokens(rf) {
		return
	}
	for _, c := range calls {
		if st.passMount(rf, c) {
			continue
		}
		recv, m, chain := jsRouteCallee(c.call.Callee)
		if recv == "" {
			continue
		}
		method, isRoute := jsHTTPMethods[m]
		if !isRoute && m != "use" && m != "register" && m != "route" && m != "prefix" {
			continue
		}
		if chain && !isRoute {
			continue
		}
		var fw, node string
		var guess, ok bool
		open := -1
		if strings.Contains(recv, "()") && !chain {
			if open = st.callOpen(rf, c.call); open < 0 {
				continue
			}
			fw, node, ok = st.ctorChain(rf, recv, open)
		} else {
			fw, node, guess, ok = st.receiver(rf, recv, c.fn)
		}
		if !ok {
			continue
		}
		st.curFW, st.curGuess = fw, guess
		if open < 0 {
			open = st.callOpen(rf, c.call)
		}
		if open < 0 {
			continue
		}
		t := rf.t
		args := t.args(open)
		ev := stack.Evidence{Path: rf.path, Line: t.toks[open].Line}
		switch {
		case chain:
			// router.route('/x').get(h): the path is the route() call's.
			k := open - 1
			for k > 0 && !(t.is(k, syntax.Name, "route") && t.op(k+1, "(")) {
				k--
			}
			ra := t.args(k + 1)
			if len(ra) == 0 || len(args) == 0 {
				continue
			}
			p, ok := t.pathStr(ra[0])
			if !ok || !jsRoutePath(p) {
				continue
			}
			ev.Line = t.toks[k].Line
			st.addRoute(rf, node, method, p, fw, args[len(args)-1], ev)
		case isRoute:
			if len(args) < 2 {
				continue
			}
			p, ok := t.pathStr(args[0])
			rest := args[1:]
			if ok && !jsRoutePath(p) && fw == "koa" {
				// koa-router named route: router.get('name', '/path', h)
				p, ok = t.pathStr(args[1])
				rest = args[2:]
			}
			paths := []string{p}
			if !ok && t.op(args[0].a, "[") {
				// app.get(['/a', '/b'], h)
				paths = t.strList(args[0])
				ok = len(paths) > 0
			}
			if !ok || len(rest) == 0 {
				continue
			}
			h := rest[len(rest)-1]
			if keys := t.objKeys(h); keys != nil {
				hv, ok := keys["handler"]
				if !ok {
					continue
				}
				h = hv
			}
			for _, p := range paths {
				if jsRoutePath(p) {
					st.addRoute(rf, node, method, p, fw, h, ev)
				}
			}
		case m == "route":
			// fastify.route({ method, url, handler })
			if len(args) != 1 {
				continue
			}
			keys := t.objKeys(args[0])
			url, ok := t.pathStr(keys["url"])
			if !ok {
				url, ok = t.pathStr(keys["path"])
			}
			h, hok := keys["handler"]
			if !ok || !hok || !jsRoutePath(url) {
				continue
			}
			for _, meth := range t.strList(keys["method"]) {
				st.addRoute(rf, node, strings.ToUpper(meth), url, fw, h, ev)
			}
		case m == "prefix":
			if len(args) == 1 {
				if p, ok := t.pathStr(args[0]); ok && jsRoutePath(p) {
					put(&rf.own, strings.TrimPrefix(node, rf.path+"#"), p)
				}
			}
		case m == "use":
			if st.tableMounts(rf, node, c.fn, args, ev) {
				continue
			}
			prefix := ""
			kids := args
			if len(args) > 0 {
				if p, ok := t.pathStr(args[0]); ok {
					if !jsRoutePath(p) {
						continue
					}
					prefix, kids = p, args[1:]
				}
			}
			for _, a := range kids {
				st.mount(rf, node, prefix, a, c.fn, ev)
			}
		case m == "register":
			if len(args) == 0 {
				continue
			}
			if len(args) > 1 && st.autoload(rf, node, args, ev) {
				continue
			}
			prefix := ""
			if len(args) > 1 {
				if p, ok := t.pathStr(t.objKeys(args[1])["prefix"]); ok && jsRoutePath(p) {
					prefix = p
				}
			}
			st.mount(rf, node, prefix, args[0], c.fn, ev)
		}
	}
}

// passMount reads a router passed to another module's function, which
// declares its routes on its parameter:
//
//	require('./routes/users')(router);   users(app);
//
// It reports whether the call was such a mount.
func (st *jsRouteState) passMount(rf *jsRouteFile, c jsCall) bool {
	t := rf.t
	var mod, name string
	open := -1
	switch b, ok := rf.binds[c.call.Callee]; {
	case c.call.Callee == "require()":
		for i := range t.toks {
			if t.toks[i].Line == c.call.Line && t.is(i, syntax.Name, "require") && t.op(i+1, "(") && i+2 < len(t.toks) &&
				t.toks[i+2].Kind == syntax.String && t.op(i+3, ")") && t.op(i+4, "(") && !rf.used[i+4] {
				mod, _ = t.str(jsSpan{i + 2, i + 3})
				open = i + 4
				put(&rf.used, open, true)
				break
			}
		}
	case ok && (strings.HasPrefix(b.module, "./") || strings.HasPrefix(b.module, "../")):
		mod = b.module
		if b.name != "default" && b.name != "*" {
			name = b.name
		}
		open = st.callOpen(rf, c.call)
	}
	if open < 0 {
		return false
	}
	file := st.resolve(rf.path, mod)
	if file == "" {
		return false
	}
	for _, a := range t.args(open) {
		r := t.dotted(a)
		if r == "" || strings.Contains(r, ".") && !strings.HasPrefix(r, "this.") {
			continue
		}
		fw, node, guess, ok := st.receiver(rf, r, c.fn)
		if !ok {
			continue
		}
		st.mounts = append(st.mounts, jsMount{parent: node, fw: fw, guess: guess, file: file, name: name,
			ev: stack.Evidence{Path: rf.path, Line: c.call.Line}})
	}
	return true
}

// tableMounts reads routers mounted from a table:
//
//	const defaultRoutes = [{ path: '/auth', route: authRoute }, …];
//	defaultRoutes.forEach((route) => { router.use(route.path, route.route); });
//
// It reports whether the call was such a mount.
func (st *jsRouteState) tableMounts(rf *jsRouteFile, node string, fn int, args []jsSpan, ev stack.Evidence) bool {
	if fn < 0 || len(args) != 2 {
		return false
	}
	f := rf.f.Functions[fn]
	if f.ArgOf == nil || len(f.Params) == 0 {
		return false
	}
	arr, ok := strings.CutSuffix(f.ArgOf.Callee, ".forEach")
	if !ok || strings.Contains(arr, ".") {
		return false
	}
	t := rf.t
	item := f.Params[0].Name + "."
	kp, ok1 := strings.CutPrefix(t.dotted(args[0]), item)
	kr, ok2 := strings.CutPrefix(t.dotted(args[1]), item)
	if !ok1 || !ok2 {
		return false
	}
	for i := range t.toks {
		if !t.is(i, syntax.Name, arr) || !t.op(i+1, "=") || !t.op(i+2, "[") {
			continue
		}
		for _, el := range t.args(i + 2) {
			keys := t.objKeys(el)
			p, ok := t.pathStr(keys[kp])
			child, cok := keys[kr]
			if !ok || !cok || !jsRoutePath(p) {
				continue
			}
			st.mount(rf, node, p, child, fn, ev)
		}
		return true
	}
	return false
}

// autoload reads fastify.register(autoLoad, { dir: path.join(__dirname,
// 'routes'), options: { prefix } }): every file below the folder is a
// plugin mounted under its folder's path (a "_id" folder is ":id"). It
// reports whether the call was such a registration.
func (st *jsRouteState) autoload(rf *jsRouteFile, node string, args []jsSpan, ev stack.Evidence) bool {
	t := rf.t
	b, ok := rf.binds[t.dotted(args[0])]
	if !ok || (b.module != "@fastify/autoload" && b.module != "fastify-autoload") {
		return false
	}
	keys := t.objKeys(args[1])
	dir, ok := t.str(keys["dir"])
	if !ok {
		c, open := t.callOf(keys["dir"])
		if !strings.HasSuffix(c, "join") && !strings.HasSuffix(c, "resolve") {
			return true
		}
		var parts []string
		for _, a := range t.args(open) {
			if s, ok := t.str(a); ok {
				parts = append(parts, s)
			}
		}
		dir = path.Join(parts...)
	}
	prefix, _ := t.pathStr(t.objKeys(keys["options"])["prefix"])
	root := path.Join(path.Dir(rf.path), dir)
	var files []string
	for p := range st.exists {
		if strings.HasPrefix(p, root+"/") {
			files = append(files, p)
		}
	}
	sort.Strings(files)
	for _, p := range files {
		switch path.Ext(p) {
		case ".js", ".ts", ".mjs", ".cjs", ".mts", ".cts":
		default:
			continue
		}
		var segs []string
		if rel := path.Dir(strings.TrimPrefix(p, root+"/")); rel != "." {
			for seg := range strings.SplitSeq(rel, "/") {
				if strings.HasPrefix(seg, "_") {
					seg = ":" + seg[1:]
				}
				segs = append(segs, seg)
			}
		}
		st.mounts = append(st.mounts, jsMount{parent: node, fw: st.curFW, guess: st.curGuess,
			prefix: jsJoinRoute(prefix, strings.Join(segs, "/")), file: p, ev: ev})
	}
	return true
}

// jsRoutePath reports whether a string is a route path: "/…", "*", "", or
// one that starts with a part known only at run time ("{?}/checkout").
func jsRoutePath(p string) bool {
	return p == "" || p == "*" || strings.HasPrefix(p, "/") || strings.HasPrefix(p, "{?}")
}

// callOpen finds the "(" of a syntax.Call in the tokens: the first unused
// call with that callee whose name is on the call's line.
func (st *jsRouteState) callOpen(rf *jsRouteFile, c syntax.Call) int {
	k := jsOpenKey(c.Callee, c.Line)
	list := rf.opens[k]
	for len(list) > 0 && rf.used[list[0]] {
		list = list[1:]
	}
	rf.opens[k] = list
	if len(list) == 0 {
		return -1
	}
	put(&rf.used, list[0], true)
	return list[0]
}

// jsOpenKey keys a call's "(" by callee and line.
func jsOpenKey(callee string, line int) string {
	return callee + "\x00" + strconv.Itoa(line)
}

// jsConventionalReceiver reports whether a name is what apps and routers are
// usually called.
func jsConventionalReceiver(name string) bool {
	if i := strings.LastIndexByte(name, '.'); i >= 0 {
		if name[:i] != "this" {
			return false
		}
		name = name[i+1:]
	}
	switch name {
	case "app", "router", "server", "fastify", "instance", "api", "routes":
		return true
	}
	return strings.HasSuffix(name, "Router") || strings.HasSuffix(name, "router") || strings.HasSuffix(name, "App")
}

// receiver decides whether recv (in the function fn, -1 at module level) is
// an app or router, and returns its framework and node key.
func (st *jsRouteState) receiver(rf *jsRouteFile, recv string, fn int) (fw, node string, guess, ok bool) {
	if fw, ok := rf.recv[recv]; ok {
		return fw, rf.path + "#" + recv, false, true
	}
	if _, imported := rf.binds[recv]; imported && !jsConventionalReceiver(recv) {
		return "", "", false, false
	}
	// A parameter of an enclosing function: a plugin or a routes(app) module.
	for k := fn; k >= 0 && k < len(rf.f.Functions); k = rf.f.Functions[k].Parent {
		f := rf.f.Functions[k]
		for _, p := range f.Params {
			if p.Name != recv {
				continue
			}
			fw := jsTypeFramework(p.Type)
			guess := fw == ""
			if fw == "" {
				if !jsConventionalReceiver(recv) && (f.ArgOf == nil || !strings.HasSuffix(f.ArgOf.Callee, ".register")) {
					return "", "", false, false
				}
				if fw = st.unitFramework(rf); fw == "" {
					return "", "", false, false
				}
			}
			name := "fn:" + strconv.Itoa(k)
			st.node(rf.path, name)
			return fw, rf.path + "#" + name, guess, true
		}
	}
	if strings.Contains(recv, ".") && !strings.HasPrefix(recv, "this.") || !jsConventionalReceiver(recv) || recv == "api" {
		return "", "", false, false
	}
	if fw = st.unitFramework(rf); fw == "" {
		return "", "", false, false
	}
	st.node(rf.path, recv)
	return fw, rf.path + "#" + recv, true, true
}

// jsTypeFramework returns the framework of a parameter's type annotation.
func jsTypeFramework(typ string) string {
	switch {
	case strings.Contains(typ, "Fastify"):
		return "fastify"
	case strings.Contains(typ, "Koa"):
		return "koa"
	case typ == "Router" || typ == "Express" || typ == "Application" || strings.HasPrefix(typ, "express."):
		return "express"
	}
	return ""
}

// unitFramework returns the framework a file's conventional receivers
// belong to: the one the file imports, else the unit's.
func (st *jsRouteState) unitFramework(rf *jsRouteFile) string {
	for _, fw := range []string{"express", "fastify", "koa"} {
		if rf.fws.has(fw) {
			return fw
		}
	}
	for _, fw := range []string{"express", "fastify", "koa"} {
		for _, c := range rf.u.Components {
			if c.ID == fw {
				return fw
			}
		}
	}
	return ""
}

// mount records "node.use(prefix, a)" for an argument a that names a
// router or plugin.
func (st *jsRouteState) mount(rf *jsRouteFile, parent, prefix string, a jsSpan, fn int, ev stack.Evidence) {
	t := rf.t
	m := jsMount{parent: parent, prefix: prefix, ev: ev, fw: st.curFW, guess: st.curGuess}
	name := t.dotted(a)
	if c, open := t.callOf(a); c != "" {
		ca := t.args(open)
		switch {
		case strings.HasSuffix(c, ".routes") || strings.HasSuffix(c, ".middleware"):
			name = strings.TrimSuffix(strings.TrimSuffix(c, ".routes"), ".middleware")
		case (c == "require" || c == "import") && len(ca) == 1:
			mod, ok := t.str(ca[0])
			if !ok {
				return
			}
			m.file = st.resolve(rf.path, mod)
			if m.file == "" {
				return
			}
			st.mounts = append(st.mounts, m)
			return
		case len(ca) == 1:
			// fp(plugin), wrapper(router)
			name = t.dotted(ca[0])
		default:
			return
		}
	}
	if name == "" {
		// An inline plugin: fastify.register(async (f) => {…}, { prefix })
		if t.isFunc(a) {
			start, end := t.toks[a.a].Start, t.toks[a.b-1].End
			for k, f := range rf.f.Functions {
				if f.BodyStart >= start && f.BodyEnd <= end {
					m.file, m.name = rf.path, "fn:"+strconv.Itoa(k)
					st.localChild[rf.path+"#"+m.name] = true
					st.mounts = append(st.mounts, m)
					return
				}
			}
		}
		return
	}
	if _, ok := rf.recv[name]; ok || (st.nodes[rf.path] != nil && st.nodes[rf.path][name]) {
		m.file, m.name = rf.path, name
		st.localChild[rf.path+"#"+name] = true
		st.mounts = append(st.mounts, m)
		return
	}
	if k, ok := rf.funcIndex()[name]; ok {
		m.file, m.name = rf.path, "fn:"+strconv.Itoa(k)
		st.localChild[rf.path+"#"+m.name] = true
		st.mounts = append(st.mounts, m)
		return
	}
	parts := strings.SplitN(name, ".", 2)
	b, ok := rf.binds[parts[0]]
	if !ok {
		if jsConventionalReceiver(name) {
			// A router defined later in the file or passed in.
			m.file, m.name = rf.path, name
			st.localChild[rf.path+"#"+name] = true
			st.mounts = append(st.mounts, m)
		}
		return
	}
	m.file = st.resolve(rf.path, b.module)
	if m.file == "" {
		return
	}
	switch {
	case b.name != "default" && b.name != "*":
		m.name = b.name
	case len(parts) == 2 && b.name == "*":
		m.name = parts[1]
	}
	st.mounts = append(st.mounts, m)
}

// resolve returns the repository file a relative module specifier names,
// or "". A file outside the run's files (another unit's, as the units are
// read one at a time) is noted for rerunJSRoutes, and followed only in
// that rerun.
func (st *jsRouteState) resolve(from, mod string) string {
	file := resolveJS(from, mod, func(p string) bool {
		return st.exists[p] || st.d.Snap.Exists(p) && routesJSFiles.Match(p)
	})
	if file == "" || st.exists[file] {
		return file
	}
	st.d.jsCross = append(st.d.jsCross, [2]*stack.Unit{st.d.UnitFor(from, stack.Node), st.d.UnitFor(file, stack.Node)})
	if st.whole {
		return file
	}
	return ""
}

// resolveJS returns the file a relative module specifier names among the
// files exists accepts, or "".
func resolveJS(from, mod string, exists func(string) bool) string {
	if !strings.HasPrefix(mod, "./") && !strings.HasPrefix(mod, "../") {
		return ""
	}
	base := path.Join(path.Dir(from), mod)
	exts := []string{".ts", ".js", ".mjs", ".cjs", ".tsx", ".jsx", ".mts", ".cts"}
	if exists(base) {
		return base
	}
	stem := base
	if e := path.Ext(base); e == ".js" || e == ".mjs" || e == ".cjs" || e == ".jsx" {
		stem = strings.TrimSuffix(base, e)
	}
	for _, e := range exts {
		if exists(stem + e) {
			return stem + e
		}
	}
	for _, e := range exts {
		if exists(base + "/index" + e) {
			return base + "/index" + e
		}
	}
	return ""
}

// rerunJSRoutes reads the routes of the Node units that relative imports
// join (a server mounting require('../billing/routes')) again, all
// together, as one run over the whole tree would: the per-unit runs could
// not follow those imports. files are the family's files; start holds
// where each unit's routes from this family begin, and they are replaced.
func rerunJSRoutes(d *Detection, files []repo.File, start map[*stack.Unit]int) {
	var edges [][2]*stack.Unit
	for len(d.jsCross) > 0 && d.Ctx.Err() == nil {
		edges = append(edges, d.jsCross...)
		d.jsCross = nil
		// Units joined by an import are read together; a unit importing
		// a file of no Node unit is read again on its own.
		group := map[*stack.Unit]*stack.Unit{}
		var find func(u *stack.Unit) *stack.Unit
		find = func(u *stack.Unit) *stack.Unit {
			p, ok := group[u]
			if !ok {
				group[u] = u
				return u
			}
			if p == u {
				return u
			}
			r := find(p)
			group[u] = r
			return r
		}
		for _, e := range edges {
			switch a, b := e[0], e[1]; {
			case a != nil && b != nil:
				group[find(a)] = find(b)
			case a != nil:
				find(a)
			case b != nil:
				find(b)
			}
		}
		sets := map[*stack.Unit][]*stack.Unit{}
		var roots []*stack.Unit
		for _, u := range d.Inventory.Units {
			if _, ok := group[u]; !ok {
				continue
			}
			r := find(u)
			if sets[r] == nil {
				roots = append(roots, r)
			}
			sets[r] = append(sets[r], u)
		}
		for _, r := range roots {
			in := map[*stack.Unit]bool{}
			for _, u := range sets[r] {
				in[u] = true
				if n, ok := start[u]; ok && n <= len(u.Routes) {
					u.Routes = u.Routes[:n]
				} else {
					start[u] = len(u.Routes)
				}
			}
			var own []repo.File
			for _, f := range files {
				if in[d.sourceUnit(f.Path)] {
					own = append(own, f)
				}
			}
			runRoutesJSOver(d, own, true)
		}
		// An import the rerun followed into a unit outside its group (a
		// chain through a file of no unit) joins the groups: read again.
		more := d.jsCross
		d.jsCross = nil
		for _, e := range more {
			_, a := group[e[0]]
			_, b := group[e[1]]
			switch {
			case e[0] != nil && e[1] != nil && (!a || !b || find(e[0]) != find(e[1])),
				e[0] != nil && e[1] == nil && !a,
				e[0] == nil && e[1] != nil && !b:
				d.jsCross = append(d.jsCross, e)
			}
		}
	}
}

// addRoute records a route declared on a node, with its handler argument.
func (st *jsRouteState) addRoute(rf *jsRouteFile, node, method, p, fw string, h jsSpan, ev stack.Evidence) {
	r := jsRoute{node: node, u: rf.u, guess: st.curGuess, r: stack.Route{Method: method, Path: p, Framework: fw, Evidence: ev}}
	t := rf.t
	name := ""
	for depth := 0; depth < 3; depth++ {
		if n := t.dotted(h); n != "" {
			name = n
			break
		}
		if n := t.funcName(h); n != "" {
			name = n
			break
		}
		c, open := t.callOf(h)
		if c == "" {
			break
		}
		ca := t.args(open)
		if strings.HasSuffix(c, ".bind") {
			name = strings.TrimSuffix(c, ".bind")
			break
		}
		if len(ca) == 0 {
			break
		}
		h = ca[len(ca)-1]
	}
	if name != "" {
		r.r.Handler = name
		st.findHandler(rf, &r, name)
	}
	if r.r.HandlerEvidence == nil && t.isFunc(h) {
		e := ev
		r.r.HandlerEvidence = &e
	}
	st.routes = append(st.routes, r)
}

// findHandler sets the handler's evidence when its definition is found in
// the repository: a function in the same file, or in the file an import
// names.
func (st *jsRouteState) findHandler(rf *jsRouteFile, r *jsRoute, name string) {
	parts := strings.Split(name, ".")
	if parts[0] == "this" && len(parts) > 1 {
		parts = parts[1:]
	}
	last := parts[len(parts)-1]
	if len(parts) == 1 {
		if k, ok := rf.funcIndex()[last]; ok {
			fn := rf.f.Functions[k]
			r.r.HandlerEvidence = &stack.Evidence{Path: rf.path, Line: fn.Line}
			return
		}
		if _, imported := rf.binds[last]; !imported {
			if line := st.varLine(rf.path, rf.u, last); line > 0 {
				r.r.HandlerEvidence = &stack.Evidence{Path: rf.path, Line: line}
			}
			return
		}
	}
	b, ok := rf.binds[parts[0]]
	if !ok && len(parts) == 2 {
		// const users = new UsersController(); router.get('/', users.list)
		if cls := st.newOf(rf, parts[0]); cls != "" {
			if k, ok := rf.funcIndex()[last]; ok && rf.f.Functions[k].Class == cls {
				r.r.HandlerEvidence = &stack.Evidence{Path: rf.path, Line: rf.f.Functions[k].Line}
				return
			}
			b, ok = rf.binds[cls]
		}
	}
	if !ok {
		return
	}
	file := st.resolve(rf.path, b.module)
	if file == "" {
		return
	}
	want := last
	if len(parts) == 1 && b.name != "default" && b.name != "*" {
		want = b.name
	}
	// a.b.c: the function named c may be any of several; only a unique
	// definition is taken.
	chain := len(parts) > 2
	if st.defineIn(r, file, want, chain) {
		return
	}
	if want != b.name && b.name != "default" && b.name != "*" {
		// The binding is a member of an index module that gathers others:
		// module.exports = { users: require('./users-controller') }.
		if g := st.memberModule(file, rf.u, b.name); g != "" {
			st.defineIn(r, g, want, chain)
		}
	}
}

// defineIn sets the handler's evidence to the definition of want in file:
// a top-level function or an object or class method, else a top-level
// variable; with unique, only when exactly one function has that name. It
// reports whether it found one.
func (st *jsRouteState) defineIn(r *jsRoute, file, want string, unique bool) bool {
	f := source.Whole(st.d.Snap, file)
	if f == nil {
		return false
	}
	line, n := 0, 0
	for _, fn := range f.Functions {
		if fn.Name == want && (fn.Parent < 0 || fn.Method) {
			if n == 0 {
				line = fn.Line
			}
			n++
		}
	}
	if n > 0 && (!unique || n == 1) {
		r.r.HandlerEvidence = &stack.Evidence{Path: file, Line: line}
		return true
	}
	if n == 0 && !unique {
		if l := st.varLine(file, r.u, want); l > 0 {
			r.r.HandlerEvidence = &stack.Evidence{Path: file, Line: l}
			return true
		}
	}
	return false
}

// memberModule returns the file an index module gives under name:
// "name: require('./x')", "exports.name = require('./x')", or "export {
// default as name } from './x'"; or "".
func (st *jsRouteState) memberModule(file string, u *stack.Unit, name string) string {
	rf := st.load(file, u)
	if rf == nil || !st.tokens(rf) {
		return ""
	}
	t := rf.t
	for i := range t.toks {
		if !t.is(i, syntax.Name, name) {
			continue
		}
		switch {
		case (t.op(i+1, ":") || t.op(i+1, "=")) && t.is(i+2, syntax.Name, "require") && t.op(i+3, "(") && t.op(i+5, ")"):
			if mod, ok := t.str(jsSpan{i + 4, i + 5}); ok {
				return st.resolve(file, mod)
			}
		case t.is(i-1, syntax.Name, "as") && t.is(i-2, syntax.Name, "default"):
			for j := i + 1; j < len(t.toks) && j < i+64; j++ {
				if t.is(j, syntax.Name, "from") {
					if mod, ok := t.str(jsSpan{j + 1, j + 2}); ok {
						return st.resolve(file, mod)
					}
					break
				}
			}
		}
	}
	return ""
}

// newOf returns the class a variable is made from ("const c = new C()"),
// or "".
func (st *jsRouteState) newOf(rf *jsRouteFile, name string) string {
	if !st.tokens(rf) {
		return ""
	}
	t := rf.t
	for i := range t.toks {
		if t.is(i, syntax.Name, name) && t.op(i+1, "=") && t.is(i+2, syntax.Name, "new") && t.name(i+3) && t.op(i+4, "(") {
			return t.text(i + 3)
		}
	}
	return ""
}

// varLine returns the line of a top-level "const|let|var name =" or
// "exports.name =" in a file, or 0: a handler made by a wrapper
// (const register = catchAsync(async (req, res) => {…})).
func (st *jsRouteState) varLine(file string, u *stack.Unit, name string) int {
	rf := st.load(file, u)
	if rf == nil || !st.tokens(rf) {
		return 0
	}
	if rf.vars == nil {
		rf.vars = map[string]int{}
		t := rf.t
		depth := 0
		for i := range t.toks {
			switch k := t.kindOf(i); {
			case k == '{' || k == '(' || k == '[':
				depth++
				continue
			case t.op(i, "}") || t.op(i, ")") || t.op(i, "]"):
				depth--
				continue
			}
			if depth != 0 || !t.name(i) || !t.op(i+1, "=") {
				continue
			}
			if t.is(i-1, syntax.Name, "const") || t.is(i-1, syntax.Name, "let") || t.is(i-1, syntax.Name, "var") ||
				t.op(i-1, ".") && (t.is(i-2, syntax.Name, "exports") || t.is(i-2, syntax.Name, "module")) {
				if _, ok := rf.vars[t.text(i)]; !ok {
					rf.vars[t.text(i)] = t.toks[i].Line
				}
			}
		}
	}
	return rf.vars[name]
}

// add records a route whose path is complete.
func (st *jsRouteState) add(r jsRoute) { st.routes = append(st.routes, r) }

// jsJoinRoute joins a prefix and a path: "/api" + "/users/" → "/api/users".
func jsJoinRoute(parts ...string) string {
	var segs []string
	for _, p := range parts {
		for s := range strings.SplitSeq(p, "/") {
			if s != "" {
				segs = append(segs, s)
			}
		}
	}
	return "/" + strings.Join(segs, "/")
}

// nodePrefixes returns the prefixes a node is reached under, once per node.
func (st *jsRouteState) nodePrefixes(node string) []string {
	if p, ok := st.prefixMemo[node]; ok {
		return p
	}
	p := st.prefixes(node, map[string]bool{}, 0)
	st.prefixMemo[node] = p
	return p
}

// prefixes returns the prefixes a node is reached under.
func (st *jsRouteState) prefixes(node string, seen map[string]bool, depth int) []string {
	file, name, _ := strings.Cut(node, "#")
	own := ""
	if rf := st.files[file]; rf != nil {
		own = rf.own[name]
	}
	if depth > 12 || seen[node] {
		return nil // a cycle: no path through here
	}
	seen[node] = true
	defer delete(seen, node)
	var out []string
	mounted := false
	for _, m := range st.mounts {
		if m.file != file || !st.mountTargets(m, name) {
			continue
		}
		mounted = true
		for _, p := range st.prefixes(m.parent, seen, depth+1) {
			out = append(out, jsJoinRoute(p, m.prefix, own))
			if len(out) >= 8 {
				return out
			}
		}
	}
	if len(out) == 0 {
		if mounted && depth > 0 {
			return nil
		}
		return []string{own}
	}
	sort.Strings(out)
	return slices.Compact(out)
}

// mountTargets reports whether a mount reaches the node named name in the
// mount's file: by name, or, for a mount of the whole file (a default
// import), the file's exported default or else its roots (nodes not
// mounted within the file).
func (st *jsRouteState) mountTargets(m jsMount, name string) bool {
	if m.name != "" {
		if m.name == name {
			return true
		}
		// A named function: the routes on its parameter.
		if rf := st.files[m.file]; rf != nil {
			if k, ok := rf.funcIndex()[m.name]; ok && name == "fn:"+strconv.Itoa(k) {
				return true
			}
		}
		return false
	}
	if rf := st.files[m.file]; rf != nil && rf.dflt != "" {
		if rf.dflt == name {
			return true
		}
		if k, ok := rf.funcIndex()[rf.dflt]; ok && name == "fn:"+strconv.Itoa(k) {
			return true
		}
		if st.nodes[m.file][rf.dflt] {
			return false
		}
	}
	return !st.localChild[m.file+"#"+name]
}

// mountFramework returns the framework of the app or router a node is
// mounted on, when a constructor or type says it, or "".
func (st *jsRouteState) mountFramework(node string, seen map[string]bool) string {
	if seen[node] || len(seen) > 12 {
		return ""
	}
	seen[node] = true
	file, name, _ := strings.Cut(node, "#")
	for _, m := range st.mounts {
		if m.file != file || !st.mountTargets(m, name) {
			continue
		}
		if !m.guess {
			return m.fw
		}
		if fw := st.mountFramework(m.parent, seen); fw != "" {
			return fw
		}
	}
	return ""
}

// emit applies prefixes and adds the routes to their units.
func (st *jsRouteState) emit() {
	type key struct {
		m, p, ev string
		line     int
	}
	seen := map[*stack.Unit]map[key]bool{}
	gqlHandlers := map[*stack.Unit]map[string]jsRoute{}
	schema := map[*stack.Unit]map[string]bool{}
	for _, r := range st.routes {
		if r.r.Framework == "graphql" && r.r.HandlerEvidence == nil {
			if schema[r.u] == nil {
				schema[r.u] = map[string]bool{}
			}
			schema[r.u][r.r.Method+" "+r.r.Path] = true
		}
		if r.r.Framework == "graphql" && r.r.HandlerEvidence != nil && r.node == "" {
			m := gqlHandlers[r.u]
			if m == nil {
				m = map[string]jsRoute{}
				gqlHandlers[r.u] = m
			}
			m[r.r.Method+" "+r.r.Path] = r
		}
	}
	for _, r := range st.routes {
		paths := []string{r.r.Path}
		if r.guess {
			if fw := st.mountFramework(r.node, map[string]bool{}); fw != "" {
				r.r.Framework = fw
			}
		}
		if r.node != "" {
			paths = nil
			for _, p := range st.nodePrefixes(r.node) {
				paths = append(paths, jsJoinRoute(p, r.r.Path))
			}
		}
		if r.r.Framework == "graphql" && r.r.HandlerEvidence == nil {
			if h, ok := gqlHandlers[r.u][r.r.Method+" "+r.r.Path]; ok {
				r.r.Handler, r.r.HandlerEvidence = h.r.Handler, h.r.HandlerEvidence
			}
		} else if r.r.Framework == "graphql" && r.node == "" {
			if schema[r.u][r.r.Method+" "+r.r.Path] {
				continue // the schema's declaration carries it
			}
		}
		for _, p := range paths {
			out := r.r
			out.Path = p
			k := key{out.Method, out.Path, out.Evidence.Path, out.Evidence.Line}
			if seen[r.u] == nil {
				seen[r.u] = map[key]bool{}
			}
			if seen[r.u][k] {
				continue
			}
			seen[r.u][k] = true
			r.u.Routes = append(r.u.Routes, out)
		}
	}
}
