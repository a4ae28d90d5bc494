package analyzers

import (
	"fmt"
	"path"
	"strings"

	"github.com/stackaudit/stackaudit/internal/source"
	"github.com/stackaudit/stackaudit/stack"
	"github.com/stackaudit/stackaudit/syntax"
)

// CPUWorkInRequestPath reports synchronous file, crypto, compression and
// child-process calls and CPU-heavy libraries (PDF, image) called inside
// Node request handlers of a unit with no worker threads or job queue.
var CPUWorkInRequestPath = register(&Analyzer{
	Code:     "SA501",
	Name:     "cpu-work-in-request-path",
	Category: Runtime,
	Level:    Warning,
	Summary:  "Synchronous or CPU-heavy work inside a Node request handler blocks every other request",
	Tags:     []string{"runtime", "performance", "node", "event-loop"},
	Run:      runCPUWorkInRequestPath,
})

// cpuWork is one kind of blocking work and what to do instead.
type cpuWork struct {
	modules []string // the file must import one of these
	what    string
	fix     string
	effect  string // what it does to the service, when not blocking the loop
}

const loopBlocked = "Node serves every request on one thread, so no other request is answered while it runs"

var (
	workFS = cpuWork{[]string{"fs", "fs-extra", "graceful-fs"},
		"synchronous file I/O", "use the promise API (`await fs.promises.readFile(...)`, `import { readFile } from 'node:fs/promises'`), or read the file once at start-up", ""}
	workCrypto = cpuWork{[]string{"crypto"},
		"a synchronous key derivation (CPU-bound by design)", "use the callback or promisified form (`await promisify(crypto.scrypt)(...)`), which runs in libuv's thread pool", ""}
	workZlib = cpuWork{[]string{"zlib"},
		"synchronous compression", "use the stream or callback API (`zlib.gzip`, `pipeline(src, zlib.createGzip(), res)`) or compression middleware", ""}
	workExec = cpuWork{[]string{"child_process"},
		"a synchronous child process", "use `execFile`/`spawn` with a callback or `await promisify(execFile)(...)`", ""}
	workBcrypt = cpuWork{[]string{"bcrypt", "bcryptjs"},
		"synchronous bcrypt hashing (CPU-bound by design, tens of milliseconds a call)", "use `await bcrypt.hash(...)` / `await bcrypt.compare(...)`, which run off the event loop", ""}
	workPDFKit = cpuWork{[]string{"pdfkit"},
		"PDF generation with pdfkit", "generate the PDF in a worker thread (piscina) or a background job (BullMQ) and hand back a link", ""}
	workBrowser = cpuWork{[]string{"puppeteer", "puppeteer-core", "playwright", "playwright-core"},
		"headless-browser rendering", "render in a background job (BullMQ) or a separate service, and hand back a link when it is ready",
		"each request holds a browser page's CPU and hundreds of megabytes for the whole render, so a burst of requests exhausts the service"}
	workSharp = cpuWork{[]string{"sharp"},
		"image processing with sharp", "resize in a background job (BullMQ) or a worker pool, or once at upload time",
		"it runs in libuv's small thread pool (4 threads by default, shared with file and DNS work) and holds each image in memory, so a burst of requests queues every file read behind the resizes"}
	workJimp = cpuWork{[]string{"jimp"},
		"image processing with Jimp (pure JavaScript, on the event loop)", "move it to a worker thread (piscina) or a background job, or use sharp", ""}
	workCanvas = cpuWork{[]string{"canvas", "@napi-rs/canvas", "skia-canvas"},
		"drawing with node-canvas (synchronous, on the event loop)", "move the drawing to a worker thread (piscina) or a background job", ""}
)

// syncCalls maps the last part of a callee to the work it does; the file
// must import one of the work's modules.
var syncCalls = map[string]cpuWork{
	"readFileSync": workFS, "writeFileSync": workFS, "appendFileSync": workFS, "readdirSync": workFS,
	"copyFileSync": workFS, "statSync": workFS, "unlinkSync": workFS, "rmSync": workFS, "readJsonSync": workFS, "renameSync": workFS,
	"pbkdf2Sync": workCrypto, "scryptSync": workCrypto, "generateKeyPairSync": workCrypto,
	"gzipSync": workZlib, "gunzipSync": workZlib, "deflateSync": workZlib, "inflateSync": workZlib,
	"brotliCompressSync": workZlib, "brotliDecompressSync": workZlib, "unzipSync": workZlib,
	"execSync": workExec, "execFileSync": workExec, "spawnSync": workExec,
	"hashSync": workBcrypt, "compareSync": workBcrypt, "genSaltSync": workBcrypt,
	"createCanvas": workCanvas, "loadImage": workCanvas,
}

// offThreadPackages are packages that move work off the event loop; a unit
// that declares one is taken to know how.
var offThreadPackages = map[string]bool{
	"piscina": true, "workerpool": true, "tinypool": true, "threads": true, "bree": true,
	"bullmq": true, "bull": true, "bee-queue": true, "agenda": true, "kue": true, "pg-boss": true,
	"graphile-worker": true, "@nestjs/bull": true, "@nestjs/bullmq": true, "inngest": true,
	"@trigger.dev/sdk": true,
}

func runCPUWorkInRequestPath(p *Pass) {
	seen := map[string]bool{}
	for _, u := range p.Inventory.Units {
		if u.Ecosystem != stack.Node || offThread(p, u) {
			continue
		}
		for _, h := range nodeHandlers(p, u) {
			checkNodeHandler(p, h, seen)
		}
	}
}

// offThread reports a unit with a job queue, a worker pool or its own
// worker threads.
func offThread(p *Pass, u *stack.Unit) bool {
	for _, c := range u.Components {
		if c.Category == stack.Queue {
			return true
		}
	}
	for _, d := range u.Dependencies {
		if offThreadPackages[d.Name] {
			return true
		}
	}
	for _, file := range u.SourceFiles {
		f := source.Get(p.Snapshot, file)
		if f == nil {
			continue
		}
		for _, im := range f.Imports() {
			if strings.TrimPrefix(im.Module, "node:") == "worker_threads" {
				return true
			}
		}
	}
	return false
}

// nodeHandler is one request handler function.
type nodeHandler struct {
	file  string
	f     *syntax.File
	fn    *syntax.Function
	route string // "GET /reports", or "" when only the call shape says it is a handler
}

// nodeHandlers finds a unit's request handlers: the functions its routes
// name, and functions passed to app.get('/…', …)-style calls.
func nodeHandlers(p *Pass, u *stack.Unit) []nodeHandler {
	var out []nodeHandler
	have := map[string]bool{}
	add := func(file string, f *syntax.File, i int, route string) {
		k := fmt.Sprintf("%s:%d", file, i)
		if have[k] {
			return
		}
		have[k] = true
		out = append(out, nodeHandler{file, f, &f.Functions[i], route})
	}
	for _, r := range u.Routes {
		ev := r.HandlerEvidence
		if ev == nil || !isJSFile(ev.Path) || nonProductionFile(ev.Path) {
			continue
		}
		f := source.File(p.Snapshot, ev.Path)
		if f == nil {
			continue
		}
		for i := range f.Functions {
			if fn := &f.Functions[i]; fn.Line == ev.Line && (fn.Parent < 0 || f.Functions[fn.Parent].Line != ev.Line) {
				add(ev.Path, f, i, r.Method+" "+r.Path)
			}
		}
	}
	for _, file := range u.SourceFiles {
		if !isJSFile(file) || nonProductionFile(file) {
			continue
		}
		f := source.File(p.Snapshot, file)
		if f == nil {
			continue
		}
		for i := range f.Functions {
			if c := f.Functions[i].ArgOf; c != nil && routeCall(c) {
				add(file, f, i, strings.ToUpper(c.Callee[strings.LastIndex(c.Callee, ".")+1:])+" "+c.FirstString)
			}
		}
	}
	return out
}

// nonProductionFile reports source in a folder that does not serve
// production traffic: scripts and tools, mocks, local and development
// helpers, tests, docs and demos (packages/workers/scripts/runtime/local-trigger-server.js).
func nonProductionFile(p string) bool {
	dir := path.Dir(p)
	if dir == "." {
		return false
	}
	for seg := range strings.SplitSeq(dir, "/") {
		s := strings.ToLower(seg)
		if devName(s) || showcaseSegments[s] || nonProductionFolders[s] {
			return true
		}
	}
	return false
}

var nonProductionFolders = map[string]bool{
	"scripts": true, "script": true, "tools": true, "mocks": true, "mock": true, "__mocks__": true,
	"fixtures": true, "examples": true, "example": true, "stubs": true, "seed": true, "seeds": true,
}

func isJSFile(p string) bool {
	switch path.Ext(p) {
	case ".js", ".mjs", ".cjs", ".ts", ".mts", ".cts", ".jsx", ".tsx":
		return true
	}
	return false
}

// routeCall reports app.get('/x', …)-style calls.
func routeCall(c *syntax.Call) bool {
	i := strings.LastIndex(c.Callee, ".")
	if i < 0 || !c.HasString || !strings.HasPrefix(c.FirstString, "/") {
		return false
	}
	switch c.Callee[i+1:] {
	case "get", "post", "put", "patch", "delete", "all", "head", "options":
		return true
	}
	return false
}

// checkNodeHandler reports the blocking calls of a handler and of the
// same-file functions it calls by name.
func checkNodeHandler(p *Pass, h nodeHandler, seen map[string]bool) {
	imports := jsImportSet(h.f)
	name := h.fn.QualName
	if name == "" {
		name = "handler"
	}
	route := ""
	if h.route != "" {
		route = " for " + h.route
	}
	report := func(c syntax.Call, in *syntax.Function, via *syntax.Call) {
		w, ok := cpuCall(c, imports)
		if !ok {
			return
		}
		key := fmt.Sprintf("%s:%d:%s", h.file, c.Line, c.Callee)
		if seen[key] {
			return
		}
		seen[key] = true
		where := "the request handler" + route
		var related []Location
		if via != nil {
			where = fmt.Sprintf("`%s`, which the request handler%s calls on line %d", in.Name, route, via.Line)
			related = append(related, Location{Path: h.file, Line: via.Line, Message: "the handler calls " + in.Name + " here"})
		} else {
			related = append(related, Location{Path: h.file, Line: h.fn.Line, Message: "the handler starts here"})
		}
		effect := w.effect
		if effect == "" {
			effect = loopBlocked
		}
		callee := c.Callee
		if c.New {
			callee = "new " + callee
		}
		p.Report(Finding{
			Location: Location{Path: h.file, Line: c.Line},
			Key:      []string{h.route, name, c.Callee},
			Related:  related,
			Message: fmt.Sprintf("%s:%d: `%s(…)` is %s inside %s; %s; %s",
				h.file, c.Line, callee, w.what, where, effect, w.fix),
		})
	}
	for _, rc := range h.reachedCalls() {
		report(rc.call, rc.in, rc.via)
	}
}

// reachedCall is a call made during a request: in the handler (in is the
// handler, via nil) or in a same-file function it calls (via is that call).
type reachedCall struct {
	call syntax.Call
	in   *syntax.Function
	via  *syntax.Call
}

// reachedCalls returns the handler's own calls, those of the callbacks
// written inside it (files.map(f => readFileSync(f))), which run on the
// same thread during the request, and one level down the calls of the
// same-file functions these call by name.
func (h nodeHandler) reachedCalls() []reachedCall {
	calls := append([]syntax.Call(nil), h.fn.Calls...)
	for i := range h.f.Functions {
		if within(h.f, i, h.fn) {
			calls = append(calls, h.f.Functions[i].Calls...)
		}
	}
	var out []reachedCall
	for _, c := range calls {
		out = append(out, reachedCall{c, h.fn, nil})
	}
	for ci, c := range calls {
		if strings.ContainsAny(c.Callee, ".()") || c.New {
			continue
		}
		var g *syntax.Function
		n := 0
		for i := range h.f.Functions {
			if fn := &h.f.Functions[i]; fn.Name == c.Callee && fn.Parent < 0 && fn.Class == "" {
				g, n = fn, n+1
			}
		}
		if n != 1 || g == h.fn {
			continue
		}
		for _, gc := range g.Calls {
			out = append(out, reachedCall{gc, g, &calls[ci]})
		}
	}
	return out
}

// within reports whether function i is nested, at any depth, inside fn.
func within(f *syntax.File, i int, fn *syntax.Function) bool {
	for n, p := 0, f.Functions[i].Parent; p >= 0 && n < 1000; n++ {
		if &f.Functions[p] == fn {
			return true
		}
		p = f.Functions[p].Parent
	}
	return false
}

// jsImportSet is the set of modules a file imports or requires, without
// the node: prefix, with the local names of their default and namespace
// bindings.
type jsImports struct {
	modules map[string]bool
	locals  map[string]string // local name → module
}

func jsImportSet(f *syntax.File) jsImports {
	return jsImportSetInto(jsImports{modules: map[string]bool{}, locals: map[string]string{}}, f)
}

// jsImportSetInto adds jsImportSet(f) to out's maps and returns out.
func jsImportSetInto(out jsImports, f *syntax.File) jsImports {
	for _, im := range f.Imports {
		m := strings.TrimPrefix(im.Module, "node:")
		out.modules[m] = true
		for _, n := range im.Names {
			local := n.Alias
			if local == "" {
				local = n.Name
			}
			out.locals[local] = m
		}
	}
	return out
}

// cpuCall tells what blocking work a call does, if any.
func cpuCall(c syntax.Call, im jsImports) (cpuWork, bool) {
	callee := c.Callee
	last := callee[strings.LastIndex(callee, ".")+1:]
	first, _, dotted := strings.Cut(callee, ".")
	imported := func(w cpuWork) bool {
		for _, m := range w.modules {
			if im.modules[m] {
				return true
			}
		}
		return false
	}
	if w, ok := syncCalls[last]; ok && !c.New && imported(w) {
		return w, true
	}
	mod := im.locals[first]
	switch {
	case c.New && (mod == "pdfkit" || mod == "" && im.modules["pdfkit"] && (first == "PDFDocument" || first == "PDFKit")):
		return workPDFKit, true
	case (last == "pdf" || last == "screenshot") && dotted && imported(workBrowser):
		return workBrowser, true
	case !dotted && !c.New && (mod == "sharp" || mod == "" && first == "sharp" && im.modules["sharp"]):
		return workSharp, true
	case imported(workJimp) && (mod == "jimp" || first == "Jimp") && (c.New || last == "read" || last == "create"):
		return workJimp, true
	}
	return cpuWork{}, false
}
