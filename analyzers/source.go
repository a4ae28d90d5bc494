package analyzers

import (
	"path"
	"strings"
	"sync"

	"github.com/stackaudit/stackaudit/internal/source"
	"github.com/stackaudit/stackaudit/repo"
	"github.com/stackaudit/stackaudit/stack"
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
	source.Keep(func(p string, f *syntax.File, test bool) bool {
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
	source.Keep(func(p string, f *syntax.File, test bool) bool {
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
	source.Keep(func(p string, f *syntax.File, test bool) bool {
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
	source.Keep(func(p string, f *syntax.File, test bool) bool {
		// ("/"+p contains "/models/", without building "/"+p)
		return f.Lang == syntax.Python && (path.Base(p) == "models.py" || strings.HasPrefix(p, "models/") || strings.Contains(p, "/models/"))
	})
	// SA302 untested-money-path: a file importing a payment provider's SDK
	// (its functions that call it are money paths), and test files (the
	// test index reads their calls and classes).
	source.Keep(func(p string, f *syntax.File, test bool) bool {
		if test || looseTestFile(p, stack.Python) || looseTestFile(p, stack.Node) {
			return true
		}
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

// testTokens is what SA302's test index reads from a test file's tokens:
// its identifiers and the words and URLs of its string literals.
type testTokens struct {
	idents   []string
	strWords []string
	urls     []testURL
}

// testTokensFact reads the tokens of the files that look like tests (a
// test folder or a test file name anywhere in the path) as they are read;
// the index reads any other test file again.
var testTokensFact = source.RegisterTokens(testLike, func(p string, src []byte, toks []syntax.Token, f *syntax.File) any {
	return testTokensFrom(p, src, toks)
})

// readTestTokens tokenizes a test file for the index.
func readTestTokens(p string, src []byte) *testTokens {
	lang, jsx := syntax.LangOf(p)
	switch lang {
	case syntax.Python:
		return testTokensFrom(p, src, syntax.TokenizePython(src))
	case syntax.JavaScript, syntax.TypeScript:
		return testTokensFrom(p, src, syntax.TokenizeJS(src, jsx))
	}
	return nil
}

// testTokensFrom reads a test file's tokens for the index.
func testTokensFrom(p string, src []byte, toks []syntax.Token) *testTokens {
	lang, _ := syntax.LangOf(p)
	if lang == syntax.Unknown {
		return nil
	}
	tmp := tokenIndexPool.Get().(*testIndex)
	defer putTokenIndex(tmp)
	tmp.addTokens(src, toks, lang == syntax.Python)
	t := &testTokens{urls: tmp.urls}
	if len(tmp.idents) > 0 {
		t.idents = make([]string, 0, len(tmp.idents))
	}
	if len(tmp.strWords) > 0 {
		t.strWords = make([]string, 0, len(tmp.strWords))
	}
	for w := range tmp.idents {
		t.idents = append(t.idents, w)
	}
	for w := range tmp.strWords {
		t.strWords = append(t.strWords, w)
	}
	return t
}

// tokenIndexPool holds the scratch indexes testTokensFrom fills: only
// their idents, strWords and urls are used, and the first two are copied
// out.
var tokenIndexPool = sync.Pool{New: func() any {
	return &testIndex{idents: map[string]bool{}, strWords: map[string]bool{}}
}}

// putTokenIndex empties a scratch index and returns it to the pool, unless
// its maps grew large.
func putTokenIndex(idx *testIndex) {
	idx.urls = nil // handed out with the tokens
	if len(idx.idents) > 4096 || len(idx.strWords) > 4096 {
		return
	}
	clear(idx.idents)
	clear(idx.strWords)
	tokenIndexPool.Put(idx)
}

// testTokensOf returns the test tokens of p: from its record when they
// were taken as it was read, otherwise by reading it again.
func testTokensOf(snap *repo.Snapshot, p string) *testTokens {
	r := source.Get(snap, p)
	if r == nil {
		return nil
	}
	if t, ok := r.Fact(testTokensFact).(*testTokens); ok {
		return t
	}
	src, err := snap.ReadFile(p)
	if err != nil {
		return nil
	}
	return readTestTokens(p, src)
}

// testLike reports whether a path looks like a test: a file name or a
// folder that says test or spec, or a conftest.py. It is generous: it
// only decides which files have their tokens read up front.
func testLike(p string) bool {
	lower := strings.ToLower(p)
	return strings.Contains(lower, "test") || strings.Contains(lower, "spec") || strings.Contains(lower, "e2e") ||
		strings.Contains(lower, "cypress") || path.Base(lower) == "conftest.py"
}
