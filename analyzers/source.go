package analyzers

import (
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/stackaudit/stackaudit/internal/source"
	"github.com/stackaudit/stackaudit/repo"
	"github.com/stackaudit/stackaudit/syntax"
)

// Rules read summaries with source.File. After detection a summary is
// compacted: its Functions are there only for the files the keepers below
// keep, and a rule that reads functions must be one of those keepers'
// reasons.

// The rules that read function bodies keep the files where they can find
// something whole through compaction; every other file keeps its imports,
// classes and module-level calls, which is all the other rules read.
func init() {
	// SA501 cpu-work-in-request-path: a JavaScript or TypeScript file with
	// a call that blocks the event loop (its findings are such calls, in
	// the file's own handlers and the same-file functions they call), and
	// SA504 heavy-work-without-queue: a file with a call that does heavy
	// work (e-mail, PDF, export, outgoing HTTP) in a function.
	source.Keep(func(p string, f *syntax.File) bool {
		// The import maps are pooled: this runs for every file, and
		// nothing keeps them.
		var scratch *keepScratch
		defer func() {
			if scratch != nil {
				scratch.put()
			}
		}()
		if f.Lang == syntax.Python {
			var names map[string]string
			for i := range f.Functions {
				for _, c := range f.Functions[i].Calls {
					if names == nil {
						scratch = getKeepScratch()
						names = pyBindingsInto(scratch.names, f)
					}
					if _, ok := pyHeavyCall(c, names); ok {
						return true
					}
				}
			}
			return false
		}
		var im *jsImports
		for i := range f.Functions {
			for _, c := range f.Functions[i].Calls {
				if im == nil {
					scratch = getKeepScratch()
					scratch.js = jsImportSetInto(scratch.js, f)
					im = &scratch.js
				}
				if _, ok := cpuCall(c, *im); ok {
					return true
				}
				if _, ok := nodeHeavyCall(c, *im); ok {
					return true
				}
			}
		}
		return false
	})
	// SA503 dev-server-in-production: a Flask module that calls .run (the
	// app may be made in a factory function).
	source.Keep(func(p string, f *syntax.File) bool {
		if f.Lang != syntax.Python {
			return false
		}
		flask := false
		for _, im := range f.Imports {
			flask = flask || im.Module == "flask"
		}
		if !flask {
			return false
		}
		run := func(calls []syntax.Call) bool {
			for _, c := range calls {
				if strings.HasSuffix(c.Callee, ".run") {
					return true
				}
			}
			return false
		}
		if run(f.Calls) {
			return true
		}
		for i := range f.Functions {
			if run(f.Functions[i].Calls) {
				return true
			}
		}
		return false
	})
	// SA502 blocking-call-in-async-handler: a Python file with an async
	// function (its findings are in async handlers).
	source.Keep(func(p string, f *syntax.File) bool {
		if f.Lang != syntax.Python {
			return false
		}
		for i := range f.Functions {
			if f.Functions[i].Async {
				return true
			}
		}
		return false
	})
	// SA403 god-module: a Django models module (its classes' bases say
	// which are models).
	source.Keep(func(p string, f *syntax.File) bool {
		// ("/"+p contains "/models/", without building "/"+p)
		return f.Lang == syntax.Python && (path.Base(p) == "models.py" || strings.HasPrefix(p, "models/") || strings.Contains(p, "/models/"))
	})
	// SA302 untested-money-path: a file importing a payment provider's SDK
	// (its functions that call it are money paths). Test files are read
	// for the test index as they are read (testFileFact).
	source.Keep(func(p string, f *syntax.File) bool {
		py := f.Lang == syntax.Python
		for _, imp := range f.Imports {
			if !imp.TypeOnly && sdkProvider(imp.Module, py) != "" {
				return true
			}
		}
		return false
	})
}

// keepScratch holds the import maps of the SA501/SA504 keeper, reused
// from file to file.
type keepScratch struct {
	names map[string]string // pyBindings
	js    jsImports         // jsImportSet
}

var keepScratchPool = sync.Pool{New: func() any {
	return &keepScratch{names: map[string]string{}, js: jsImports{modules: map[string]bool{}, locals: map[string]string{}}}
}}

func getKeepScratch() *keepScratch { return keepScratchPool.Get().(*keepScratch) }

// put empties the maps and returns them to the pool, unless one grew
// large (clearing it would then cost more than a new one).
func (s *keepScratch) put() {
	if len(s.names) > 64 || len(s.js.modules) > 64 || len(s.js.locals) > 64 {
		return
	}
	clear(s.names)
	clear(s.js.modules)
	clear(s.js.locals)
	keepScratchPool.Put(s)
}

// testFile is what SA302's test index takes from one test file: the
// identifiers, string words and URLs of its tokens, and from its summary
// the modules and names it imports, the names it passes to reverse() and
// url_for(), and what its test classes are named for. It is made as the
// file is read, so that no test file's whole summary outlives its unit.
type testFile struct {
	idents   []string
	strWords []string
	urls     []testURL

	pyImports, pyNames []string // the keys testIndex.addImports sets
	jsImports, jsNames []string
	jsAliases          []string // in import order
	urlNames           []string
	subjects           []string // a resource for each test class named for it
	imports            []testImport
}

// testImport is a test file's import, as SA301 reads it for the units it
// reaches.
type testImport struct {
	module, resolved string
}

// testFileFact reads the files that look like tests (a test folder or a
// test file name anywhere in the path) as they are read; the index reads
// any other test file again.
var testFileFact = source.RegisterTokens(testLike, func(p string, src []byte, toks []syntax.Token, f *syntax.File) any {
	return testFileFrom(p, src, toks, f)
})

// readTestFile reads a test file for the index from its text.
func readTestFile(p string, src []byte) *testFile {
	if lang, _ := syntax.LangOf(p); lang == syntax.Unknown {
		return nil
	}
	var toks []syntax.Token
	f, err := syntax.ParseVisit(p, src, func(t syntax.Token) { toks = append(toks, t) })
	if err != nil {
		return nil
	}
	return testFileFrom(p, src, toks, f)
}

// testFileFrom reads a test file's tokens and summary for the index.
func testFileFrom(p string, src []byte, toks []syntax.Token, f *syntax.File) *testFile {
	lang, _ := syntax.LangOf(p)
	if lang == syntax.Unknown {
		return nil
	}
	tmp := scratchIndexPool.Get().(*testIndex)
	defer putScratchIndex(tmp)
	tmp.addTokens(src, toks, lang == syntax.Python)
	t := &testFile{urls: tmp.urls}
	if f != nil {
		tmp.addImports(p, f)
		tmp.addCalls(f)
		tmp.addSubjects(p, f)
		for _, imp := range f.Imports {
			t.imports = append(t.imports, testImport{imp.Module, imp.Resolved})
		}
		t.jsAliases = tmp.jsAliases
		for r, files := range tmp.subjects {
			for range files {
				t.subjects = append(t.subjects, r)
			}
		}
		sort.Strings(t.subjects)
	}
	keys := func(m map[string]bool) []string {
		if len(m) == 0 {
			return nil
		}
		out := make([]string, 0, len(m))
		for k := range m {
			out = append(out, k)
		}
		sort.Strings(out)
		return out
	}
	t.idents, t.strWords = keys(tmp.idents), keys(tmp.strWords)
	t.pyImports, t.pyNames = keys(tmp.pyImports), keys(tmp.pyNames)
	t.jsImports, t.jsNames = keys(tmp.jsImports), keys(tmp.jsNames)
	t.urlNames = keys(tmp.urlNames)
	return t
}

// scratchIndexPool holds the scratch indexes testFileFrom fills; what it
// keeps is copied out of them.
var scratchIndexPool = sync.Pool{New: func() any { return newTestIndex() }}

// putScratchIndex empties a scratch index and returns it to the pool,
// unless one of its maps grew large.
func putScratchIndex(idx *testIndex) {
	idx.urls, idx.jsAliases, idx.files = nil, nil, nil // handed out with the file
	for _, m := range []map[string]bool{idx.idents, idx.strWords, idx.pyImports, idx.pyNames, idx.jsImports, idx.jsNames, idx.urlNames} {
		if len(m) > 4096 {
			return
		}
	}
	if len(idx.subjects) > 4096 {
		return
	}
	for _, m := range []map[string]bool{idx.idents, idx.strWords, idx.pyImports, idx.pyNames, idx.jsImports, idx.jsNames, idx.urlNames} {
		clear(m)
	}
	clear(idx.subjects)
	scratchIndexPool.Put(idx)
}

// testFileOf returns what the index takes from the test file p: from its
// record when it was taken as the file was read, otherwise by reading and
// parsing it again.
func testFileOf(snap *repo.Snapshot, p string) *testFile {
	r := source.Get(snap, p)
	if r == nil {
		return nil
	}
	if t, ok := r.Fact(testFileFact).(*testFile); ok {
		return t
	}
	src, err := snap.ReadFile(p)
	if err != nil {
		return nil
	}
	return readTestFile(p, src)
}

// testLike reports whether a path looks like a test: a file name or a
// folder that says test or spec, or a conftest.py. It is generous: it
// only decides which files have their tokens read up front.
func testLike(p string) bool {
	lower := strings.ToLower(p)
	return strings.Contains(lower, "test") || strings.Contains(lower, "spec") || strings.Contains(lower, "e2e") ||
		strings.Contains(lower, "cypress") || path.Base(lower) == "conftest.py"
}
