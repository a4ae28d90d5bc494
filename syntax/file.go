package syntax

import (
	"fmt"
	"strings"
)

// File is the summary of one source file.
type File struct {
	Lang      Lang
	Imports   []Import
	Functions []Function // every function, method and function expression, in source order
	Classes   []Class
	Calls     []Call // calls outside any function (module level, class bodies)
	TSCheck   bool   // JS: a "// @ts-check" comment before the first statement
	TSNoCheck bool   // JS: a "// @ts-nocheck" comment before the first statement
	HasJSX    bool   // JS: the file contains a JSX element
}

// ImportKind tells how a module is imported.
type ImportKind uint8

// Import kinds.
const (
	ImportStatic     ImportKind = iota // Python "import a.b"; JS "import x from 'm'"
	ImportFrom                         // Python "from m import x"
	ImportSideEffect                   // JS "import 'm'"
	ImportReexport                     // JS "export … from 'm'"
	ImportRequire                      // JS require('m')
	ImportDynamic                      // JS import('m')
)

// String returns a short name for the kind ("require", "reexport").
func (k ImportKind) String() string {
	switch k {
	case ImportStatic:
		return "import"
	case ImportFrom:
		return "from"
	case ImportSideEffect:
		return "side-effect"
	case ImportReexport:
		return "reexport"
	case ImportRequire:
		return "require"
	case ImportDynamic:
		return "dynamic"
	}
	return "?"
}

// Import is one imported module.
type Import struct {
	Kind ImportKind
	// Module is the module as written, without Python's leading dots
	// ("os.path", "./util", "express").
	Module string
	// Level is the number of leading dots of a Python relative import.
	Level int
	// Resolved is the absolute Python module ("pkg.sub.x"); empty when a
	// relative import cannot be resolved. JS modules are not resolved.
	Resolved string
	// Alias is the local name of Python "import a.b as c".
	Alias string
	// Names are the imported bindings: Python "from m import a as b", JS
	// "import d, {a as b}, * as ns" ("default" and "*" name the default and
	// namespace imports).
	Names    []ImportName
	TypeOnly bool // TS "import type"
	Line     int
}

// ImportName is one imported binding.
type ImportName struct {
	Name  string
	Alias string // empty when not renamed
}

// Function is a function, method, arrow function or function expression.
type Function struct {
	Name     string // empty for anonymous functions
	QualName string // "Class.method", "outer.inner"; empty when anonymous
	Class    string // the nearest enclosing class, if any
	Parent   int    // index in File.Functions of the enclosing function, or -1

	Params     []Param
	Returns    string // return annotation or type, as written
	Async      bool
	Generator  bool
	Method     bool   // defined directly in a class body or object literal
	Arrow      bool   // JS arrow function
	Exported   bool   // JS: exported; Python: public module-level function or method
	Accessor   string // JS: "get" or "set" for accessors
	Decorators []Decorator

	Line      int // line of the definition ("def", "function", name or parameters)
	EndLine   int // last line of the body
	BodyStart int // byte offset where the body starts
	BodyEnd   int // byte offset just after the body

	// Calls are the calls made in the body, nested functions excluded.
	Calls []Call
	// ArgOf is the call this function is passed to as an argument (JS
	// "app.get('/x', async (req, res) => {…})"), or nil.
	ArgOf *Call
}

// Param is one parameter.
type Param struct {
	Name    string // "*args" and "**kw" keep their stars; "...rest" its dots; destructuring patterns as written
	Type    string // annotation as written, empty if none
	Default string // default value as written, empty if none
}

// Decorator is a Python or TS decorator.
type Decorator struct {
	Name        string // dotted name: "app.route", "Get"
	Args        string // raw text between the parentheses
	Called      bool   // written with parentheses
	FirstString string // value of the first argument when it is a string literal
	Line        int
}

// Call is one call site.
type Call struct {
	// Callee is the dotted callee: "requests.get", "this.service.find",
	// "db.session.query().filter" (calls in the chain keep their "()").
	Callee string
	// FirstString is the first argument when it is a plain string literal,
	// quotes removed (escapes are kept as written).
	FirstString string
	HasString   bool // the first argument is a plain string literal
	New         bool // JS "new X()"
	Line        int
	// Outer is, in Python, 1 + the index in the same Calls list of the
	// innermost call whose arguments hold this one ("to_thread(lambda:
	// requests.get(u))": requests.get's Outer points at to_thread); 0 at
	// the top of a statement and in JS.
	Outer int
}

// Class is a class definition.
type Class struct {
	Name       string
	QualName   string
	Bases      []string // Python bases, JS/TS "extends" clause, as written
	Decorators []Decorator
	Exported   bool
	Line       int
	EndLine    int
}

// Parse summarizes a file, choosing the language from the path's extension.
// For Python files the module path is derived from the path (relative to the
// repository root is best) for resolving relative imports.
func Parse(path string, src []byte) (*File, error) {
	return ParseVisit(path, src, nil)
}

// ParseVisit is Parse that shows visit every token read, comments
// included, in order (nil for none).
func ParseVisit(path string, src []byte, visit func(Token)) (*File, error) {
	lang, jsx := LangOf(path)
	switch lang {
	case Python:
		mod, pkg := ModulePath(path)
		return ParsePython(src, PyOptions{Module: mod, IsPackage: pkg, Visit: visit}), nil
	case JavaScript, TypeScript:
		return ParseJS(src, JSOptions{TypeScript: lang == TypeScript, JSX: jsx, Visit: visit}), nil
	}
	return nil, fmt.Errorf("%s: not a Python, JavaScript or TypeScript file", path)
}

// ModulePath returns the dotted Python module of a file path ("pkg/sub/x.py"
// → "pkg.sub.x") and whether it is a package ("pkg/__init__.py" → "pkg",
// true).
func ModulePath(p string) (module string, isPackage bool) {
	p = strings.TrimLeft(strings.TrimPrefix(strings.ReplaceAll(p, "\\", "/"), "./"), "/")
	p = strings.TrimSuffix(strings.TrimSuffix(p, ".pyi"), ".py")
	if p == "__init__" {
		return "", true
	}
	if strings.HasSuffix(p, "/__init__") {
		p, isPackage = strings.TrimSuffix(p, "/__init__"), true
	}
	return strings.ReplaceAll(p, "/", "."), isPackage
}

// ResolveRelative resolves a Python relative import ("from ..x import y":
// level 2, name "x") made in module (isPackage when the module is a
// package's __init__). It reports false when the import climbs above the top
// package.
func ResolveRelative(module string, isPackage bool, level int, name string) (string, bool) {
	if level <= 0 {
		return name, name != ""
	}
	n := 0 // the dotted parts of module kept
	if module != "" {
		n = strings.Count(module, ".") + 1
	}
	if !isPackage {
		if n == 0 {
			return "", false
		}
		n--
	}
	if level-1 > n {
		return "", false
	}
	n -= level - 1
	if n == 0 {
		return name, name != ""
	}
	prefix := module
	for i, dots := 0, 0; i < len(module); i++ {
		if module[i] == '.' {
			if dots++; dots == n {
				prefix = module[:i]
				break
			}
		}
	}
	if name == "" {
		return prefix, true
	}
	return prefix + "." + name, true
}

// Unquote strips the prefix (r, b, f, …) and the quotes (single, double,
// triple or backtick) of a string token's text, keeping escapes as
// written; an unterminated string loses only its opening quotes.
func Unquote(b []byte) string { return string(unquote(b)) }

// unquote is Unquote without the copy.
func unquote(b []byte) []byte {
	i := 0
	for i < len(b) && b[i] != '"' && b[i] != '\'' && b[i] != '`' {
		i++
	}
	if i >= len(b) {
		return nil
	}
	q := b[i]
	b = b[i:]
	n := 1
	if len(b) >= 6 && b[1] == q && b[2] == q {
		n = 3
	}
	if len(b) < 2*n || b[len(b)-1] != q {
		return b[n:] // unterminated
	}
	return b[n : len(b)-n]
}
