package analyzers

import (
	"fmt"
	"path"
	"sort"
	"strings"
	"sync"

	"github.com/stackaudit/stackaudit/internal/source"
	"github.com/stackaudit/stackaudit/stack"
	"github.com/stackaudit/stackaudit/syntax"
)

// LowTypeCoverage reports units where few function signatures carry
// types: fully annotated Python functions, or exported TypeScript
// functions with explicit parameter and return types and no `any`.
var LowTypeCoverage = register(&Analyzer{
	Code:     "SA104",
	Name:     "low-type-coverage",
	Category: Typing,
	Level:    Note,
	Summary:  "Few function signatures in a Python or TypeScript unit are fully typed",
	Tags:     []string{"typing", "python", "typescript", "maintainability"},
	Options: []Option{
		{Name: "min-share", Default: 0.5, Doc: "the lowest share of fully typed signatures that passes"},
		{Name: "min-functions", Default: 20, Doc: "units with fewer counted functions than this never fire"},
		{Name: "min-file-functions", Default: 5, Doc: "a file needs at least this many counted functions to be listed among the least typed"},
	},
	Run: runLowTypeCoverage,
})

// maxWorstFiles bounds the related locations of a finding.
const maxWorstFiles = 5

// fileCoverage is the count of one file's signatures.
type fileCoverage struct {
	path         string
	total, typed int
	// line is the first signature that is not fully typed.
	line int
}

func (c fileCoverage) share() float64 { return float64(c.typed) / float64(c.total) }

func runLowTypeCoverage(p *Pass) {
	for _, u := range p.Inventory.Units {
		if p.Context.Err() != nil {
			return
		}
		var files []fileCoverage
		switch {
		case u.Ecosystem == stack.Python && u.Source.Python > 0:
			files = coverageOf(p, u, syntax.Python)
		case u.Ecosystem == stack.Node && u.Source.TypeScript > 0:
			files = coverageOf(p, u, syntax.TypeScript)
		default:
			continue
		}
		var total, typed int
		for _, c := range files {
			total += c.total
			typed += c.typed
		}
		if total == 0 || total < p.Int("min-functions") {
			continue
		}
		share := float64(typed) / float64(total)
		if share >= p.Float("min-share") {
			continue
		}
		manifest := primaryManifest(u)
		what := fmt.Sprintf("%d of %d function signatures (%s) are fully annotated", typed, total, percent(share))
		advice := "annotate every parameter and the return type as you touch a function, starting with the files listed, and have mypy or pyright hold the line (`disallow_untyped_defs` per finished module)"
		if u.Ecosystem == stack.Node {
			what = fmt.Sprintf("%d of %d exported functions (%s) declare their parameter and return types without `any`", typed, total, percent(share))
			advice = "declare parameter and return types on exported functions, starting with the files listed, and turn on `@typescript-eslint/explicit-module-boundary-types` and `no-explicit-any` to hold the line"
		}
		p.Report(Finding{
			Location: Location{Path: manifest, Line: 1},
			Key:      []string{u.Path},
			Message: fmt.Sprintf("%s: %s, below the %s threshold; %s",
				manifest, what, percent(p.Float("min-share")), advice),
			Related: worstFiles(files, p.Int("min-file-functions")),
		})
	}
}

// coverageOf counts the signatures of the unit's own source files of one
// language; tests and generated files are not among them. The counts are
// taken as each file is read (coverageFact).
func coverageOf(p *Pass, u *stack.Unit, lang syntax.Lang) []fileCoverage {
	var out []fileCoverage
	for _, file := range u.SourceFiles {
		if l, _ := syntax.LangOf(file); l != lang || lang == syntax.Python && inMigrations(file) {
			continue
		}
		c, ok := source.Get(p.Snapshot, file).Fact(coverageFact).(*coverageCount)
		if ok && c.total > 0 {
			out = append(out, fileCoverage{path: file, total: int(c.total), typed: int(c.typed), line: int(c.line)})
		}
	}
	return out
}

// coverageFact counts each Python and TypeScript file's signatures as it
// is read.
var coverageFact = source.Register(func(file string, src []byte, f *syntax.File) any {
	var c fileCoverage
	switch f.Lang {
	case syntax.Python:
		c = pythonCoverage(file, f)
	case syntax.TypeScript:
		c = typeScriptCoverage(file, src, f)
	default:
		return nil
	}
	if c.total == 0 {
		return nil
	}
	return newCoverageCount(coverageCount{int32(c.total), int32(c.typed), int32(c.line)})
})

// coverageCount is a file's fileCoverage as kept with its record.
type coverageCount struct{ total, typed, line int32 }

// coverageSlab hands out coverageCounts from shared arrays: a count boxed
// in an interface was an allocation for every file.
var coverageSlab struct {
	sync.Mutex
	free []coverageCount
}

func newCoverageCount(c coverageCount) *coverageCount {
	coverageSlab.Lock()
	defer coverageSlab.Unlock()
	if len(coverageSlab.free) == 0 {
		coverageSlab.free = make([]coverageCount, 512)
	}
	p := &coverageSlab.free[0]
	coverageSlab.free = coverageSlab.free[1:]
	*p = c
	return p
}

// inMigrations reports whether a Python file lies in a migrations folder
// (Django's app/migrations/, Alembic's migrations/ or alembic/ with its
// versions/): code the framework writes, whose upgrade() and downgrade()
// no one annotates.
func inMigrations(p string) bool {
	for seg := range strings.SplitSeq(path.Dir(p), "/") {
		if seg == "migrations" || seg == "alembic" {
			return true
		}
	}
	return false
}

// worstFiles lists the files with the lowest share of typed signatures
// among those with at least min counted functions.
func worstFiles(files []fileCoverage, min int) []Location {
	var cands []fileCoverage
	for _, c := range files {
		if c.total >= min && c.typed < c.total {
			cands = append(cands, c)
		}
	}
	sort.Slice(cands, func(i, j int) bool {
		a, b := cands[i], cands[j]
		if sa, sb := a.share(), b.share(); sa != sb {
			return sa < sb
		}
		if a.total-a.typed != b.total-b.typed {
			return a.total-a.typed > b.total-b.typed
		}
		return a.path < b.path
	})
	if len(cands) > maxWorstFiles {
		cands = cands[:maxWorstFiles]
	}
	var out []Location
	for _, c := range cands {
		out = append(out, Location{Path: c.path, Line: c.line,
			Message: fmt.Sprintf("%d of %d signatures fully typed (%s)", c.typed, c.total, percent(c.share()))})
	}
	return out
}

// pythonCoverage counts module-level functions and methods (nested
// functions are left out) and those of them syntax.FullyTyped accepts:
// every parameter but a method's self or cls annotated, and a return
// annotation, which __init__ with annotated parameters may omit.
func pythonCoverage(file string, f *syntax.File) fileCoverage {
	c := fileCoverage{path: file}
	for i := range f.Functions {
		fn := &f.Functions[i]
		if fn.Parent != -1 {
			continue
		}
		c.total++
		if fn.FullyTyped(syntax.Python) {
			c.typed++
		} else if c.line == 0 {
			c.line = fn.Line
		}
	}
	return c
}

// typeScriptCoverage counts a file's exported functions and the public
// methods of its exported classes. One is typed when each parameter has a
// type (or a default value to infer it from), the return type is declared
// (constructors and React components in .tsx files need none), and
// neither says `any`. A function assigned to
// a variable declared with a type (`export const h: Handler = (req) =>
// …`) takes its types from the variable.
func typeScriptCoverage(file string, src []byte, f *syntax.File) fileCoverage {
	c := fileCoverage{path: file}
	exportedClass := map[string]bool{}
	for _, cl := range f.Classes {
		if cl.Exported {
			exportedClass[cl.Name] = true
		}
	}
	var declared map[string]string // variable name → its type annotation, read on demand
	_, jsx := syntax.LangOf(file)
	for i := range f.Functions {
		fn := &f.Functions[i]
		if fn.Parent != -1 {
			continue
		}
		method := fn.Method && fn.Class != "" && exportedClass[fn.Class] && !strings.HasPrefix(fn.Name, "#")
		if !fn.Exported && !method {
			continue
		}
		c.total++
		// A React component in a .tsx file returns JSX; by convention its
		// return type is inferred, and its props are what need types.
		component := jsx && !fn.Method && fn.Name != "" && fn.Name[0] >= 'A' && fn.Name[0] <= 'Z'
		typed := typeScriptTyped(fn, component)
		if !typed && !fn.Method && fn.Name != "" {
			if declared == nil {
				if declared = typedDeclarations(src, jsx); declared == nil {
					declared = map[string]string{}
				}
			}
			if t, ok := declared[fn.Name]; ok && !mentionsAny(t) {
				typed = true
			}
		}
		if typed {
			c.typed++
		} else if c.line == 0 {
			c.line = fn.Line
		}
	}
	return c
}

func typeScriptTyped(fn *syntax.Function, component bool) bool {
	if fn.UsesAny() {
		return false
	}
	if fn.FullyTyped(syntax.TypeScript) {
		return true
	}
	// Beyond FullyTyped: a parameter's type may be inferred from its
	// default value, and a component's return type is inferred JSX.
	for _, prm := range fn.Params {
		if prm.Type == "" && prm.Default == "" {
			return false
		}
	}
	return fn.Returns != "" || component || fn.Method && (fn.Name == "constructor" || fn.Accessor == "set")
}

// mentionsAny reports whether a type, as written, uses `any`.
func mentionsAny(typ string) bool {
	if typ == "" {
		return false
	}
	src := []byte(typ)
	for _, t := range syntax.TokenizeJS(src, false) {
		if t.Kind == syntax.Name && string(t.Text(src)) == "any" {
			return true
		}
	}
	return false
}

// maxAnnotationTokens bounds how far a variable's type annotation is read.
const maxAnnotationTokens = 200

// typedDeclarations maps the variables a TypeScript file declares with a
// type annotation (`const h: Handler = …`) to the annotation as written.
func typedDeclarations(src []byte, jsx bool) map[string]string {
	out := map[string]string{}
	toks := syntax.TokenizeJS(src, jsx)
	is := func(i int, k syntax.Kind, s string) bool {
		return i < len(toks) && toks[i].Kind == k && string(toks[i].Text(src)) == s
	}
	for i := 0; i+2 < len(toks); i++ {
		if !(is(i, syntax.Name, "const") || is(i, syntax.Name, "let") || is(i, syntax.Name, "var")) ||
			toks[i+1].Kind != syntax.Name || !is(i+2, syntax.Op, ":") {
			continue
		}
		if end, ok := annotationEnd(src, toks, i+3); ok {
			out[string(toks[i+1].Text(src))] = string(src[toks[i+3].Start:toks[end-1].End])
			i = end
		}
	}
	return out
}

// annotationEnd finds the "=" that ends a type annotation starting at
// token start, outside any brackets, and reports false when there is none
// within maxAnnotationTokens.
func annotationEnd(src []byte, toks []syntax.Token, start int) (int, bool) {
	depth := 0
	for j := start; j < len(toks) && j-start < maxAnnotationTokens; j++ {
		if toks[j].Kind != syntax.Op {
			continue
		}
		switch op := string(toks[j].Text(src)); op {
		case "(", "[", "{", "<":
			depth++
		case ")", "]", "}", ">", ">>", ">>>":
			depth -= len(op)
		case "=":
			if depth <= 0 {
				return j, j > start
			}
		case ";":
			return 0, false
		}
	}
	return 0, false
}
