package analyzers

import (
	"fmt"
	"path"
	"strings"

	"github.com/stackaudit/stackaudit/internal/source"
	"github.com/stackaudit/stackaudit/stack"
	"github.com/stackaudit/stackaudit/syntax"
)

// BlockingCallInAsyncHandler reports blocking calls (requests, time.sleep,
// sync database drivers, the sync Django ORM, open, subprocess, smtplib)
// made inside `async def` request handlers, where they stop the event loop.
var BlockingCallInAsyncHandler = register(&Analyzer{
	Code:     "SA502",
	Name:     "blocking-call-in-async-handler",
	Category: Runtime,
	Level:    Warning,
	Summary:  "A blocking call inside an async request handler stalls every request on the worker",
	Tags:     []string{"runtime", "performance", "python", "async"},
	Run:      runBlockingCallInAsyncHandler,
})

// asyncFrameworks are the web components whose async handlers run on the
// server's event loop. Flask runs an async view in its own loop per
// request, so a blocking call there stalls only that request.
var asyncFrameworks = map[string]bool{
	"fastapi": true, "starlette": true, "django": true, "quart": true, "sanic": true, "litestar": true,
}

// blocking is a kind of blocking call and its async alternative.
type blocking struct {
	what string
	fix  string
}

var (
	blockHTTP       = blocking{"a synchronous HTTP request", "use httpx.AsyncClient (`async with httpx.AsyncClient() as client: r = await client.get(...)`) or aiohttp"}
	blockHTTPClient = blocking{"a synchronous HTTP client (its requests block)", "use httpx.AsyncClient (`async with httpx.AsyncClient() as client: r = await client.get(...)`) or aiohttp"}
	blockSleep      = blocking{"a sleep that holds the thread", "use `await asyncio.sleep(...)`"}
	blockPostgres   = blocking{"a synchronous PostgreSQL connection", "use asyncpg or psycopg 3's async API (`await psycopg.AsyncConnection.connect(...)`)"}
	blockMySQL      = blocking{"a synchronous MySQL connection", "use aiomysql or asyncmy"}
	blockSQLite     = blocking{"a synchronous SQLite connection", "use aiosqlite"}
	blockORM        = blocking{"a synchronous Django ORM query", "use the async ORM methods (`await Model.objects.aget(...)`, `acreate`, `acount`, `await obj.asave()`) or wrap the work in `sync_to_async`"}
	blockORMWrite   = blocking{"a synchronous Django model write", "use `await obj.asave()` / `await obj.adelete()` (Django 4.2+) or wrap the work in `sync_to_async`"}
	blockFile       = blocking{"synchronous file I/O", "use aiofiles (`async with aiofiles.open(...)`) or `await asyncio.to_thread(...)`"}
	blockSubprocess = blocking{"a synchronous subprocess", "use `await asyncio.create_subprocess_exec(...)`"}
	blockSMTP       = blocking{"a synchronous SMTP connection", "use aiosmtplib, or hand the e-mail to a background task"}
	blockMail       = blocking{"Django's synchronous send_mail", "wrap it in `await sync_to_async(send_mail)(...)` or hand it to a background task"}
)

// blockingCalls maps fully qualified callees to their kind.
var blockingCalls = map[string]blocking{
	"requests.get": blockHTTP, "requests.post": blockHTTP, "requests.put": blockHTTP, "requests.patch": blockHTTP,
	"requests.delete": blockHTTP, "requests.head": blockHTTP, "requests.options": blockHTTP, "requests.request": blockHTTP,
	"urllib.request.urlopen": blockHTTP, "urllib3.request": blockHTTP, "httpx.get": blockHTTP, "httpx.post": blockHTTP,
	"httpx.put": blockHTTP, "httpx.patch": blockHTTP, "httpx.delete": blockHTTP, "httpx.request": blockHTTP,
	"httpx.Client": blockHTTPClient, "requests.Session": blockHTTPClient, "requests.session": blockHTTPClient,
	"time.sleep":       blockSleep,
	"psycopg2.connect": blockPostgres,
	"pymysql.connect":  blockMySQL,
	"MySQLdb.connect":  blockMySQL,
	"sqlite3.connect":  blockSQLite,
	"open":             blockFile,
	"io.open":          blockFile,
	"subprocess.run":   blockSubprocess, "subprocess.call": blockSubprocess,
	"subprocess.check_call": blockSubprocess, "subprocess.check_output": blockSubprocess,
	"os.system":                  blockSubprocess,
	"smtplib.SMTP":               blockSMTP,
	"smtplib.SMTP_SSL":           blockSMTP,
	"django.core.mail.send_mail": blockMail, "django.core.mail.send_mass_mail": blockMail,
}

// ormEvaluating are QuerySet and manager methods that run a query at once
// (filter, exclude and the like are lazy and fine to build in async code).
var ormEvaluating = map[string]bool{
	"get": true, "create": true, "get_or_create": true, "update_or_create": true, "bulk_create": true,
	"bulk_update": true, "count": true, "exists": true, "first": true, "last": true, "latest": true,
	"earliest": true, "aggregate": true, "update": true, "delete": true, "in_bulk": true, "contains": true,
	"explain": true, "iterator": true,
}

// offloaders run a sync callable in a thread; a call in their arguments
// does not block the loop.
var offloaders = map[string]bool{
	"to_thread": true, "run_in_threadpool": true, "run_in_executor": true, "sync_to_async": true,
	"run_sync": true, "database_sync_to_async": true, "run_in_thread": true, "submit": true,
}

// routeDecorators are the last parts of route decorators (@app.get,
// @router.post, @bp.route, @api_view).
var routeDecorators = map[string]bool{
	"get": true, "post": true, "put": true, "patch": true, "delete": true, "head": true, "options": true,
	"trace": true, "route": true, "api_route": true, "websocket": true, "api_view": true, "action": true,
}

// httpMethods are the method names of Django class-based views.
var httpMethods = map[string]bool{
	"get": true, "post": true, "put": true, "patch": true, "delete": true, "head": true, "options": true,
}

func runBlockingCallInAsyncHandler(p *Pass) {
	seen := map[string]bool{}
	for _, u := range p.Inventory.Units {
		if u.Ecosystem != stack.Python || !usesAsyncFramework(u) {
			continue
		}
		django := hasComponent(u, "django")
		for _, h := range pythonHandlers(p, u) {
			if h.fn.Async {
				checkAsyncHandler(p, h, django, seen)
			}
		}
	}
}

func usesAsyncFramework(u *stack.Unit) bool {
	for _, c := range u.Components {
		if asyncFrameworks[c.ID] {
			return true
		}
	}
	return false
}

// pyHandler is one Python request handler.
type pyHandler struct {
	file  string
	f     *syntax.File
	fn    *syntax.Function
	route string // " (GET /items)", " (@app.get(\"/items\"))" or ""
	names map[string]string
}

// pythonHandlers finds a Python unit's request handlers (see handlerRoute).
func pythonHandlers(p *Pass, u *stack.Unit) []pyHandler {
	routed := map[string]string{} // path:line of a handler → "GET /items"
	for _, r := range u.Routes {
		if r.HandlerEvidence != nil {
			routed[fmt.Sprintf("%s:%d", r.HandlerEvidence.Path, r.HandlerEvidence.Line)] = r.Method + " " + r.Path
		}
	}
	requestViews := hasComponent(u, "django") || hasComponent(u, "starlette")
	var out []pyHandler
	for _, file := range u.SourceFiles {
		if path.Ext(file) != ".py" || nonProductionFile(file) {
			continue
		}
		f := source.File(p.Snapshot, file)
		if f == nil {
			continue
		}
		var names map[string]string
		for i := range f.Functions {
			fn := &f.Functions[i]
			if route, ok := handlerRoute(fn, file, routed, requestViews); ok {
				if names == nil {
					names = pyBindings(f)
				}
				out = append(out, pyHandler{file, f, fn, route, names})
			}
		}
	}
	return out
}

// reachedCalls returns the handler's calls and, one level down, the calls
// of the same-file functions it calls (`helper()`, `self.helper()`) unless
// it hands them to a thread.
func (h pyHandler) reachedCalls() []reachedCall {
	var out []reachedCall
	for _, c := range h.fn.Calls {
		out = append(out, reachedCall{c, h.fn, nil})
	}
	for ci, c := range h.fn.Calls {
		if offloaded(c, h.fn.Calls) {
			continue
		}
		g := sameFileCallee(h.f, h.fn, c.Callee)
		if g == nil || g == h.fn || offloadedDef(g) {
			continue
		}
		for _, gc := range g.Calls {
			out = append(out, reachedCall{gc, g, &h.fn.Calls[ci]})
		}
	}
	return out
}

// checkAsyncHandler reports the blocking calls of one async handler and of
// the same-file functions it calls directly.
func checkAsyncHandler(p *Pass, h pyHandler, django bool, seen map[string]bool) {
	for _, rc := range h.reachedCalls() {
		c, in, via := rc.call, rc.in, rc.via
		b, callee, ok := blockingCall(c, in.Calls, h.names, django)
		if !ok {
			continue
		}
		key := fmt.Sprintf("%s:%d:%s", h.file, c.Line, callee)
		if seen[key] {
			continue
		}
		seen[key] = true
		where := fmt.Sprintf("the async handler `%s`%s", h.fn.QualName, h.route)
		var related []Location
		if via != nil {
			where = fmt.Sprintf("`%s`, which the async handler `%s`%s calls on line %d", in.QualName, h.fn.QualName, h.route, via.Line)
			related = append(related, Location{Path: h.file, Line: via.Line, Message: fmt.Sprintf("%s calls %s here", h.fn.QualName, in.QualName)})
		}
		inKey := ""
		if via != nil {
			inKey = in.QualName
		}
		p.Report(Finding{
			Location: Location{Path: h.file, Line: c.Line},
			Key:      []string{h.fn.QualName, inKey, callee},
			Related:  related,
			Message: fmt.Sprintf("%s:%d: `%s(…)` is %s inside %s; while it waits the event loop serves no other request on this worker; %s, or declare the handler with plain `def` so the framework runs it in a thread",
				h.file, c.Line, c.Callee, b.what, where, b.fix),
		})
	}
}

func hasComponent(u *stack.Unit, id string) bool {
	for _, c := range u.Components {
		if c.ID == id {
			return true
		}
	}
	return false
}

// handlerRoute tells whether an async function is a request handler, and
// names its route for the message: listed in the unit's routes, decorated
// with a route decorator, or shaped like a Django view (a module function
// or a view method taking `request`).
func handlerRoute(h *syntax.Function, file string, routed map[string]string, requestViews bool) (string, bool) {
	if r, ok := routed[fmt.Sprintf("%s:%d", file, h.Line)]; ok {
		return " (" + r + ")", true
	}
	for _, d := range h.Decorators {
		last := d.Name[strings.LastIndex(d.Name, ".")+1:]
		if !routeDecorators[last] {
			continue
		}
		if d.FirstString != "" {
			return fmt.Sprintf(" (@%s(%q))", d.Name, d.FirstString), true
		}
		return fmt.Sprintf(" (@%s)", d.Name), true
	}
	if !requestViews || len(h.Params) == 0 {
		return "", false
	}
	switch {
	case h.Class == "" && h.Parent < 0 && h.Params[0].Name == "request":
		return "", true
	case h.Method && httpMethods[h.Name] && len(h.Params) > 1 && h.Params[1].Name == "request":
		return "", true
	}
	return "", false
}

// blockingCall resolves a call's callee through the file's imports and
// tells whether it blocks, unless it is made inside an offloading call.
func blockingCall(c syntax.Call, calls []syntax.Call, names map[string]string, django bool) (blocking, string, bool) {
	if offloaded(c, calls) {
		return blocking{}, "", false
	}
	callee := c.Callee
	first, rest, dotted := strings.Cut(callee, ".")
	// Only names the imports bind, and the builtin open, are looked up: a
	// local variable named `requests` is not the module.
	full := ""
	if m, ok := names[first]; ok {
		full = m
		if dotted {
			full += "." + rest
		}
	} else if callee == "open" {
		full = "open"
	}
	if b, ok := blockingCalls[full]; ok && full != "" {
		return b, full, true
	}
	if django && strings.Contains(callee, ".objects.") {
		last := callee[strings.LastIndex(callee, ".")+1:]
		if ormEvaluating[last] {
			return blockORM, callee, true
		}
	}
	// obj.save(), form.save(), self.object.delete(): a model write (a
	// variable, not an imported module such as a cache or storage).
	if django && dotted && (rest == "save" || rest == "delete" || strings.HasPrefix(first, "self") && (strings.HasSuffix(rest, ".save") || strings.HasSuffix(rest, ".delete"))) {
		if _, imported := names[first]; !imported && first != "super()" && !strings.Contains(callee, "()") {
			return blockORMWrite, callee, true
		}
	}
	return blocking{}, "", false
}

// offloaded reports a call made in the arguments of a call that runs it in
// a thread (asyncio.to_thread(lambda: requests.get(u))), at any depth.
func offloaded(c syntax.Call, calls []syntax.Call) bool {
	for n, o := 0, c.Outer; o > 0 && o <= len(calls) && n < 64; n++ {
		outer := calls[o-1]
		name := strings.TrimSuffix(outer.Callee, "()")
		if offloaders[name[strings.LastIndex(name, ".")+1:]] {
			return true
		}
		o = outer.Outer
	}
	return false
}

// offloadedDef reports a function decorated to run in a thread
// (@sync_to_async, @database_sync_to_async): calling it does not block.
func offloadedDef(g *syntax.Function) bool {
	for _, d := range g.Decorators {
		if offloaders[d.Name[strings.LastIndex(d.Name, ".")+1:]] {
			return true
		}
	}
	return false
}

// pyBindings maps the names a file's imports bind to the module or object
// they stand for: "requests" → "requests", "sleep" → "time.sleep",
// "rq" → "urllib.request".
func pyBindings(f *syntax.File) map[string]string {
	return pyBindingsInto(map[string]string{}, f)
}

// pyBindingsInto adds pyBindings(f) to names and returns it.
func pyBindingsInto(names map[string]string, f *syntax.File) map[string]string {
	for _, im := range f.Imports {
		switch im.Kind {
		case syntax.ImportStatic:
			if im.Alias != "" {
				names[im.Alias] = im.Module
			} else {
				first, _, _ := strings.Cut(im.Module, ".")
				names[first] = first
			}
		case syntax.ImportFrom:
			if im.Level > 0 {
				continue
			}
			for _, n := range im.Names {
				if n.Name == "*" {
					continue
				}
				local := n.Name
				if n.Alias != "" {
					local = n.Alias
				}
				names[local] = im.Module + "." + n.Name
			}
		}
	}
	return names
}

// sameFileCallee returns the function of the same file a handler's call
// names: a module-level function (`helper()`) or a method of the handler's
// class (`self.helper()`).
func sameFileCallee(f *syntax.File, h *syntax.Function, callee string) *syntax.Function {
	name, class := callee, ""
	if rest, ok := strings.CutPrefix(callee, "self."); ok && h.Class != "" {
		name, class = rest, h.Class
	}
	if strings.ContainsAny(name, ".()") {
		return nil
	}
	var found []*syntax.Function
	for i := range f.Functions {
		g := &f.Functions[i]
		if g.Name == name && g.Class == class && (class != "" || g.Parent < 0) {
			found = append(found, g)
		}
	}
	if len(found) != 1 {
		return nil // redefined or overloaded: not worth guessing
	}
	return found[0]
}
