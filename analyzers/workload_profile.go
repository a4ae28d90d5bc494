package analyzers

import (
	"sort"
	"strings"

	"github.com/stackaudit/stackaudit/internal/source"
	"github.com/stackaudit/stackaudit/stack"
	"github.com/stackaudit/stackaudit/syntax"
)

// The stack-fit rules (SA701, SA702) profile a unit by what its own source
// imports: the libraries below signal data and ML work or real-time work.
// Only imports count, so a dependency declared and never used says nothing.

// Workload kinds.
const (
	workloadData     = "data"
	workloadRealtime = "realtime"
)

// nodeWorkloadLibs maps npm packages (or a scope prefix ending in "/") to
// the kind of work they signal. browser marks packages that also run in a
// browser: they count only in a unit with a server framework, so a
// frontend doing inference in the page is not taken for a backend.
var nodeWorkloadLibs = map[string]struct {
	kind    string
	browser bool
}{
	"@tensorflow/tfjs-node":     {workloadData, false},
	"@tensorflow/tfjs-node-gpu": {workloadData, false},
	"@tensorflow/tfjs":          {workloadData, true},
	"danfojs-node":              {workloadData, false},
	"danfojs":                   {workloadData, true},
	"onnxruntime-node":          {workloadData, false},
	"onnxruntime-web":           {workloadData, true},
	"@xenova/transformers":      {workloadData, true},
	"@huggingface/transformers": {workloadData, true},
	"nodejs-polars":             {workloadData, false},
	"duckdb":                    {workloadData, false},
	"@duckdb/node-api":          {workloadData, false},
	"apache-arrow":              {workloadData, true},
	"arquero":                   {workloadData, true},
	"ml-matrix":                 {workloadData, true},
	"ml-regression":             {workloadData, true},
	"ml-random-forest":          {workloadData, true},
	"brain.js":                  {workloadData, true},
	"simple-statistics":         {workloadData, true},
	"mathjs":                    {workloadData, true},
	"socket.io":                 {workloadRealtime, false},
	"ws":                        {workloadRealtime, false},
	"yjs":                       {workloadRealtime, true},
	"y-websocket":               {workloadRealtime, true},
	"@hocuspocus/server":        {workloadRealtime, false},
	"@fastify/websocket":        {workloadRealtime, false},
	"express-ws":                {workloadRealtime, false},
	"@nestjs/websockets":        {workloadRealtime, false},
	"sockjs":                    {workloadRealtime, false},
	"uWebSockets.js":            {workloadRealtime, false},
}

// nodeServerFrameworks are the web components that run a server of their
// own (Next.js, Nuxt, SvelteKit and Remix also render pages in a browser).
var nodeServerFrameworks = map[string]bool{
	"express": true, "fastify": true, "koa": true, "nestjs": true, "hapi": true,
	"hono": true, "elysia": true, "adonisjs": true,
}

// pythonWorkloadLibs maps the top-level module a Python file imports to
// the distribution it comes from and the kind of work it signals.
var pythonWorkloadLibs = map[string]struct{ dist, kind string }{
	"pandas":             {"pandas", workloadData},
	"numpy":              {"numpy", workloadData},
	"polars":             {"polars", workloadData},
	"duckdb":             {"duckdb", workloadData},
	"torch":              {"torch", workloadData},
	"tensorflow":         {"tensorflow", workloadData},
	"sklearn":            {"scikit-learn", workloadData},
	"scipy":              {"scipy", workloadData},
	"dask":               {"dask", workloadData},
	"pyspark":            {"pyspark", workloadData},
	"xgboost":            {"xgboost", workloadData},
	"lightgbm":           {"lightgbm", workloadData},
	"jax":                {"jax", workloadData},
	"transformers":       {"transformers", workloadData},
	"channels":           {"channels", workloadRealtime},
	"socketio":           {"python-socketio", workloadRealtime},
	"flask_socketio":     {"flask-socketio", workloadRealtime},
	"websockets":         {"websockets", workloadRealtime},
	"sse_starlette":      {"sse-starlette", workloadRealtime},
	"django_eventstream": {"django-eventstream", workloadRealtime},
	"broadcaster":        {"broadcaster", workloadRealtime},
}

// pythonWebSocketImports are framework modules whose WebSocket class marks
// a file that serves WebSocket connections.
var pythonWebSocketImports = map[string]string{
	"fastapi":              "fastapi WebSocket",
	"fastapi.websockets":   "fastapi WebSocket",
	"starlette.websockets": "starlette WebSocket",
	"litestar":             "litestar WebSocket",
	"quart":                "quart websocket",
}

// workloadUse is one library of a kind a unit's source imports.
type workloadUse struct {
	// Lib is the package or distribution name.
	Lib string
	// Files are the source files importing it, sorted.
	Files []string
	// First is the first import, in file order.
	First Location
}

// workloadImports lists the libraries of the given kind that the unit's
// own source files import (tests and generated files are not source
// files), by number of files then name, and how many files import any.
func workloadImports(p *Pass, u *stack.Unit, kind string) ([]workloadUse, int) {
	server := false
	for _, c := range u.Components {
		if c.Category == stack.Web && nodeServerFrameworks[c.ID] {
			server = true
		}
	}
	byLib := map[string]*workloadUse{}
	anyFiles := 0
	for _, f := range u.SourceFiles {
		if p.Context != nil && p.Context.Err() != nil {
			break
		}
		hits, _ := source.Get(p.Snapshot, f).Fact(workloadFact).([]workloadHit)
		hit := false
		for _, h := range hits {
			lib := h.lib[0]
			if server {
				lib = h.lib[1]
			}
			if h.kind != kind || h.eco != u.Ecosystem || lib == "" {
				continue
			}
			use := byLib[lib]
			if use == nil {
				use = &workloadUse{Lib: lib, First: Location{Path: f, Line: h.line}}
				byLib[lib] = use
			}
			if n := len(use.Files); n == 0 || use.Files[n-1] != f {
				use.Files = append(use.Files, f)
			}
			hit = true
		}
		if hit {
			anyFiles++
		}
	}
	out := make([]workloadUse, 0, len(byLib))
	for _, use := range byLib {
		out = append(out, *use)
	}
	sort.Slice(out, func(i, j int) bool {
		if len(out[i].Files) != len(out[j].Files) {
			return len(out[i].Files) > len(out[j].Files)
		}
		return out[i].Lib < out[j].Lib
	})
	return out, anyFiles
}

// workloadHit is an import that signals a kind of work: the library it
// brings in when the unit is not a server (lib[0]) and when it is
// (lib[1]); eco is the ecosystem the file's language belongs to.
type workloadHit struct {
	lib  [2]string
	kind string
	eco  string
	line int
}

// workloadFact lists each source file's imports that signal work of a
// kind, taken as the file is read.
var workloadFact = source.Register(func(p string, src []byte, f *syntax.File) any {
	eco := stack.Node
	if f.Lang == syntax.Python {
		eco = stack.Python
	}
	var hits []workloadHit
	for _, im := range f.Imports {
		for _, kind := range []string{workloadData, workloadRealtime} {
			h := workloadHit{kind: kind, eco: eco, line: im.Line,
				lib: [2]string{importedWorkload(eco, im, kind, false), importedWorkload(eco, im, kind, true)}}
			if h.lib[0] != "" || h.lib[1] != "" {
				hits = append(hits, h)
			}
		}
	}
	if hits == nil {
		return nil
	}
	return hits
})

// importedWorkload returns the library an import brings in if it signals
// work of the kind, else "".
func importedWorkload(eco string, im syntax.Import, kind string, server bool) string {
	if im.TypeOnly {
		return ""
	}
	switch eco {
	case stack.Node:
		pkg := npmPackageOf(im.Module)
		lib, ok := nodeWorkloadLibs[pkg]
		if !ok || lib.kind != kind || (lib.browser && !server) {
			return ""
		}
		return pkg
	case stack.Python:
		if im.Level > 0 {
			return "" // relative: the project's own module
		}
		mod := nonEmptyStr(im.Resolved, im.Module)
		root, _, _ := strings.Cut(mod, ".")
		if lib, ok := pythonWorkloadLibs[root]; ok && lib.kind == kind {
			return lib.dist
		}
		if kind == workloadRealtime {
			if label, ok := pythonWebSocketImports[mod]; ok {
				for _, n := range im.Names {
					if strings.EqualFold(n.Name, "WebSocket") {
						return label
					}
				}
			}
		}
	}
	return ""
}

// npmPackageOf is the package of an import specifier ("lodash/fp" →
// lodash, "@scope/pkg/x" → @scope/pkg); "" for relative paths, node:
// built-ins and URLs.
func npmPackageOf(spec string) string {
	if spec == "" || strings.HasPrefix(spec, ".") || strings.HasPrefix(spec, "/") || strings.Contains(spec, ":") {
		return ""
	}
	first, rest, slash := strings.Cut(spec, "/")
	if strings.HasPrefix(spec, "@") {
		if !slash {
			return ""
		}
		second, _, _ := strings.Cut(rest, "/")
		return spec[:len(first)+1+len(second)]
	}
	return first
}

func nonEmptyStr(s ...string) string {
	for _, x := range s {
		if x != "" {
			return x
		}
	}
	return ""
}

// useList describes uses as "pandas (4 files), numpy (2 files)", at most
// max libraries and "and N more".
func useList(uses []workloadUse, max int) string {
	var parts []string
	for i, u := range uses {
		if i == max {
			parts = append(parts, plural(len(uses)-i, "more library", "more libraries"))
			break
		}
		parts = append(parts, u.Lib+" ("+plural(len(u.Files), "file", "files")+")")
	}
	return joinAnd(parts)
}

// useRelated points at the first import of each library.
func useRelated(uses []workloadUse) []Location {
	var out []Location
	for _, u := range uses {
		l := u.First
		l.Message = u.Lib + " imported here"
		out = append(out, l)
	}
	return out
}

// verb picks the singular or plural form of a verb for n subjects.
func verb(n int, one, many string) string {
	if n == 1 {
		return one
	}
	return many
}
