package syntax

import (
	"strings"
	"sync"
)

// PyOptions tell ParsePython where the file sits, for relative imports.
type PyOptions struct {
	Module    string // dotted module path of the file ("pkg.sub.mod")
	IsPackage bool   // the file is a package's __init__.py
	// Visit, when set, sees every token the parse reads, comments
	// included, in order (see JSOptions.Visit).
	Visit func(Token)
}

type pyScope struct {
	class   bool
	idx     int // index in File.Functions or File.Classes
	indent  int // indentation depth of the body
	oneLine bool
	name    string
	qual    qualRef
}

type pyParser struct {
	scratch
	tz     PyTokenizer
	src    []byte
	toks   []Token
	opts   PyOptions
	scopes []pyScope
	indent int
	// open brackets, with their callee when they are a call's
	parens []pyParen
	// after a call's closing paren: its callee and the token index
	lastCall     string
	lastCallEnd  int
	lastCallLine int
}

type pyParen struct {
	callee string
	line   int
	idx    int // 1 + the call's index in its scope's Calls; 0 for a plain bracket
	scope  int // the function whose Calls hold it, -1 for the module
}

// ParsePython summarizes Python source.
func ParsePython(src []byte, opts PyOptions) *File {
	buf := getTokens()
	defer putTokens(buf)
	toks := *buf
	p := pyPool.Get().(*pyParser)
	tz := &p.tz
	tz.Reset(src)
	for {
		t := tz.Next()
		if t.Kind == EOF {
			break
		}
		if opts.Visit != nil {
			opts.Visit(t)
		}
		if t.Kind != Comment {
			toks = append(toks, t)
		}
	}
	*buf = toks
	p.src, p.toks, p.opts = src, toks, opts
	p.indent, p.lastCall, p.lastCallEnd, p.lastCallLine = 0, "", -2, 0
	p.resetScratch()
	p.run()
	f := &File{Lang: Python}
	p.finish(f)
	p.release()
	p.tz.Reset(nil)
	p.src, p.toks, p.opts, p.lastCall = nil, nil, PyOptions{}, ""
	p.scopes = reuse(p.scopes)
	p.parens = reuse(p.parens)
	pyPool.Put(p)
	return f
}

var pyPool = sync.Pool{New: func() any { return new(pyParser) }}

func (p *pyParser) is(i int, k Kind, s string) bool {
	return i >= 0 && i < len(p.toks) && p.toks[i].Kind == k && string(p.toks[i].Text(p.src)) == s
}

func (p *pyParser) txt(i int) string {
	if i < 0 || i >= len(p.toks) {
		return ""
	}
	return p.str(p.toks[i].Text(p.src))
}

func (p *pyParser) run() {
	toks := p.toks
	stmt := true
	for i := 0; i < len(toks); {
		t := toks[i]
		switch t.Kind {
		case Indent:
			p.indent++
			i++
			continue
		case Dedent:
			p.indent--
			p.closeScopes(i, false)
			i++
			stmt = true
			continue
		case Newline:
			p.closeScopes(i, true)
			p.parens = p.parens[:0]
			i++
			stmt = true
			continue
		}
		if stmt {
			stmt = false
			if next, ok := p.statement(i); ok {
				i = next
				// a block body starts with a statement; a one-line body
				// does not hold definitions
				stmt = next < len(toks) && toks[next].Kind == Indent
				continue
			}
		}
		i = p.expr(i)
	}
	p.closeScopes(len(toks), false)
	for len(p.scopes) > 0 {
		p.end(len(p.scopes)-1, len(toks))
	}
}

// closeScopes ends the scopes whose body is over at token i: deeper than the
// current indentation, or one-line bodies at a line end.
func (p *pyParser) closeScopes(i int, newline bool) {
	for n := len(p.scopes) - 1; n >= 0; n-- {
		s := p.scopes[n]
		if s.oneLine && newline || !s.oneLine && s.indent > p.indent {
			p.end(n, i)
			continue
		}
		break
	}
}

// end closes scope n whose body ends before token i.
func (p *pyParser) end(n, i int) {
	s := p.scopes[n]
	p.scopes = p.scopes[:n]
	j := i - 1
	for j > 0 && (p.toks[j].Kind == Newline || p.toks[j].Kind == Dedent || p.toks[j].Kind == Indent) {
		j--
	}
	endLine, endOff := 0, 0
	if j >= 0 && j < len(p.toks) {
		endLine, endOff = p.toks[j].Line+countLines(p.toks[j].Text(p.src)), p.toks[j].End
	}
	if s.class {
		c := &p.classes[s.idx]
		c.EndLine = max(endLine, c.Line)
		return
	}
	fn := &p.fns[s.idx]
	fn.EndLine = max(endLine, fn.Line)
	fn.BodyEnd = max(endOff, fn.BodyStart)
}

func (p *pyParser) statement(i int) (int, bool) {
	t := p.toks[i]
	if t.Kind == Op && p.is(i, Op, "@") {
		return p.decorator(i), true
	}
	if t.Kind != Name {
		return i, false
	}
	switch string(t.Text(p.src)) {
	case "def":
		return p.def(i, i, false), true
	case "async":
		if p.is(i+1, Name, "def") {
			return p.def(i, i+1, true), true
		}
	case "class":
		return p.class(i), true
	case "import":
		return p.importStmt(i), true
	case "from":
		return p.fromStmt(i), true
	case "case":
		// a match-statement pattern: "case Point(x=0):" holds no calls
		if j := i + 1; j < len(p.toks) && (p.toks[j].Kind != Op || p.is(j, Op, "[") || p.is(j, Op, "(") || p.is(j, Op, "{") || p.is(j, Op, "-")) {
			if end, ok := p.patternEnd(j); ok {
				return end, true
			}
		}
	}
	return i, false
}

// patternEnd returns the index after the ":" ending a case pattern that
// starts at j; ok is false when no ":" ends the line's pattern.
func (p *pyParser) patternEnd(j int) (int, bool) {
	for j < len(p.toks) && p.toks[j].Kind != Newline {
		if p.is(j, Op, "(") || p.is(j, Op, "[") || p.is(j, Op, "{") {
			j = p.match(j)
		} else if p.is(j, Op, ":") {
			return j + 1, true
		} else if p.is(j, Name, "if") {
			return j, true // the guard is an expression
		}
		j++
	}
	return j, false
}

func (p *pyParser) skipLine(i int) int {
	for i < len(p.toks) && p.toks[i].Kind != Newline {
		i++
	}
	return i
}

// match returns the index of the bracket closing the one at i, or the last
// token index when unbalanced. Python brackets never span a Newline token.
func (p *pyParser) match(i int) int {
	depth := 0
	for j := i; j < len(p.toks); j++ {
		t := p.toks[j]
		if t.Kind == Newline {
			return j - 1
		}
		if t.Kind != Op || t.End-t.Start != 1 {
			continue
		}
		switch p.src[t.Start] {
		case '(', '[', '{':
			depth++
		case ')', ']', '}':
			depth--
			if depth == 0 {
				return j
			}
		}
	}
	return len(p.toks) - 1
}

func (p *pyParser) dotted(i int) (string, int) {
	b, j := p.dottedBytes(i)
	return p.str(b), j
}

// dottedBytes is dotted's text: in the source or in p.cat.
func (p *pyParser) dottedBytes(i int) ([]byte, int) {
	if i >= len(p.toks) || p.toks[i].Kind != Name {
		return nil, i
	}
	j := i + 1
	for p.is(j, Op, ".") && j+1 < len(p.toks) && p.toks[j+1].Kind == Name {
		j += 2
	}
	if run := p.src[p.toks[i].Start:p.toks[j-1].End]; dottedRun(run) {
		return run, j
	}
	b := append(p.cat[:0], p.toks[i].Text(p.src)...)
	i++
	for p.is(i, Op, ".") && i+1 < len(p.toks) && p.toks[i+1].Kind == Name {
		b = append(b, '.')
		b = append(b, p.toks[i+1].Text(p.src)...)
		i += 2
	}
	p.cat = b
	return b, i
}

func (p *pyParser) decorator(i int) int {
	d := Decorator{Line: p.toks[i].Line}
	var j int
	d.Name, j = p.dotted(i + 1)
	if p.is(j, Op, "(") {
		m := p.match(j)
		d.Called = true
		if m > j+1 {
			d.Args = p.text(p.src, p.toks, j+1, m-1)
		}
		if j+1 < len(p.toks) && p.toks[j+1].Kind == String {
			d.FirstString = p.unquote(p.toks[j+1].Text(p.src))
		}
	}
	p.decos = append(p.decos, d)
	end := p.skipLine(i)
	p.exprs(i+1, end) // the decorator expression runs in the enclosing scope
	return end
}

// exprs reads the calls in tokens [a, b) of a header (decorator, parameter
// defaults and annotations, bases), which run in the enclosing scope.
func (p *pyParser) exprs(a, b int) {
	n := len(p.parens)
	for k := a; k < b; {
		k = p.expr(k)
	}
	if len(p.parens) > n {
		p.parens = p.parens[:n]
	}
}

func (p *pyParser) scopeNames() (qual qualRef, class string, parent int, inClass, nested bool) {
	parent = -1
	if n := len(p.scopes); n > 0 {
		s := p.scopes[n-1]
		qual = s.qual
		inClass = s.class
	}
	for n := len(p.scopes) - 1; n >= 0; n-- {
		s := p.scopes[n]
		if s.class && class == "" {
			class = s.name
		}
		if !s.class {
			nested = true
			if parent < 0 {
				parent = s.idx
			}
		}
	}
	return
}

// body starts the scope of a def or class whose header colon is at c.
func (p *pyParser) body(c int, sc pyScope) (next, bodyStart int) {
	if p.is(c, Op, ":") && c+1 < len(p.toks) && p.toks[c+1].Kind == Newline && c+2 < len(p.toks) && p.toks[c+2].Kind == Indent {
		sc.indent = p.indent + 1
		p.scopes = append(p.scopes, sc)
		if c+3 < len(p.toks) {
			return c + 2, p.toks[c+3].Start
		}
		return c + 2, p.toks[c+2].End
	}
	if p.is(c, Op, ":") && c+1 < len(p.toks) && p.toks[c+1].Kind != Newline {
		sc.oneLine = true
		p.scopes = append(p.scopes, sc)
		return c + 1, p.toks[c+1].Start
	}
	// no body: a syntax error; close at once
	sc.oneLine = true
	p.scopes = append(p.scopes, sc)
	end := len(p.src)
	if c < len(p.toks) {
		end = p.toks[c].End
	}
	return c, end
}

func (p *pyParser) def(start, i int, async bool) int {
	decos := p.takeDecos()
	fn := Function{Async: async, Decorators: decos, Line: p.toks[i].Line}
	qual, class, parent, inClass, nested := p.scopeNames()
	fn.Class, fn.Parent, fn.Method = class, parent, inClass
	j := i + 1
	if j < len(p.toks) && p.toks[j].Kind == Name {
		fn.Name = p.txt(j)
		j++
	}
	fq := p.qualify(qual, fn.Name)
	fn.Exported = !nested && !strings.HasPrefix(fn.Name, "_") && fn.Name != ""
	if p.is(j, Op, "(") {
		m := p.match(j)
		fn.Params = p.params(j+1, m)
		p.exprs(j+1, m) // defaults and annotations run in the enclosing scope
		j = m + 1
	}
	if p.is(j, Op, "->") {
		k := j + 1
		for k < len(p.toks) && !p.is(k, Op, ":") && p.toks[k].Kind != Newline {
			if p.is(k, Op, "(") || p.is(k, Op, "[") || p.is(k, Op, "{") {
				k = p.match(k)
			}
			k++
		}
		fn.Returns = p.text(p.src, p.toks, j+1, k-1)
		p.exprs(j+1, k)
		j = k
	}
	for j < len(p.toks) && !p.is(j, Op, ":") && p.toks[j].Kind != Newline {
		j++
	}
	idx := p.addFunction(fn, fq)
	next, bs := p.body(j, pyScope{idx: idx, name: fn.Name, qual: fq})
	p.fns[idx].BodyStart = bs
	p.fns[idx].BodyEnd = bs
	p.fns[idx].EndLine = fn.Line
	return next
}

// params splits the tokens in (a, b) into parameters.
func (p *pyParser) params(a, b int) []Param {
	start := len(p.paramAll)
	for k := a; k < b; {
		e := k
		for e < b && !p.is(e, Op, ",") {
			if p.is(e, Op, "(") || p.is(e, Op, "[") || p.is(e, Op, "{") {
				e = min(p.match(e), b)
			}
			e++
		}
		p.appendParam(p.src, p.toks, k, e, p.is)
		k = e + 1
	}
	if len(p.paramAll) == start {
		return nil
	}
	return p.paramAll[start:len(p.paramAll):len(p.paramAll)]
}

// appendParam reads one parameter from toks[a:e] (Python or TS syntax)
// into s.paramAll.
func (s *scratch) appendParam(src []byte, toks []Token, a, e int, is func(int, Kind, string) bool) {
	if a >= e {
		return
	}
	var pr Param
	k := a
	var prefix []byte
	if is(k, Op, "*") || is(k, Op, "**") || is(k, Op, "...") {
		prefix = toks[k].Text(src)
		k++
	}
	if k >= e {
		return // a lone "*" is the keyword-only marker
	}
	if toks[k].Kind != Name {
		if is(k, Op, "/") {
			return
		}
	}
	colon, eq := -1, -1
	depth := 0
	for j := k; j < e; j++ {
		if toks[j].Kind != Op {
			continue
		}
		switch string(toks[j].Text(src)) {
		case "(", "[", "{", "<":
			depth++
		case ")", "]", "}", ">":
			depth--
		case ":":
			if depth == 0 && colon < 0 && eq < 0 {
				colon = j
			}
		case "=":
			if depth == 0 && eq < 0 {
				eq = j
			}
		}
	}
	nameEnd := e - 1
	if colon >= 0 {
		nameEnd = colon - 1
	} else if eq >= 0 {
		nameEnd = eq - 1
	}
	if len(prefix) == 0 {
		pr.Name = s.text(src, toks, k, nameEnd)
	} else {
		b := append(append(s.cat[:0], prefix...), textBytes(src, toks, k, nameEnd)...)
		s.cat = b
		pr.Name = s.str(b)
	}
	if colon >= 0 {
		end := e - 1
		if eq >= 0 {
			end = eq - 1
		}
		pr.Type = s.text(src, toks, colon+1, end)
	}
	if eq >= 0 {
		pr.Default = s.text(src, toks, eq+1, e-1)
	}
	s.paramAll = append(s.paramAll, pr)
}

func (p *pyParser) class(i int) int {
	decos := p.takeDecos()
	c := Class{Decorators: decos, Line: p.toks[i].Line}
	qual, _, _, _, nested := p.scopeNames()
	j := i + 1
	if j < len(p.toks) && p.toks[j].Kind == Name {
		c.Name = p.txt(j)
		j++
	}
	cq := p.qualify(qual, c.Name)
	c.Exported = !nested && !strings.HasPrefix(c.Name, "_")
	if p.is(j, Op, "(") {
		m := p.match(j)
		nb := len(p.bases)
		for k := j + 1; k < m; {
			e := k
			kw := false
			for e < m && !p.is(e, Op, ",") {
				if p.is(e, Op, "(") || p.is(e, Op, "[") || p.is(e, Op, "{") {
					e = min(p.match(e), m)
				} else if p.is(e, Op, "=") || p.is(e, Op, "**") {
					kw = true
				}
				e++
			}
			if e > k && !kw {
				p.bases = append(p.bases, p.text(p.src, p.toks, k, e-1))
			}
			k = e + 1
		}
		if len(p.bases) > nb {
			c.Bases = p.bases[nb:len(p.bases):len(p.bases)]
		}
		p.exprs(j+1, m)
		j = m + 1
	}
	for j < len(p.toks) && !p.is(j, Op, ":") && p.toks[j].Kind != Newline {
		j++
	}
	idx := p.addClass(c, cq)
	next, _ := p.body(j, pyScope{class: true, idx: idx, name: c.Name, qual: cq})
	return next
}

func (p *pyParser) importStmt(i int) int {
	line := p.toks[i].Line
	j := i + 1
	for {
		mod, k := p.dotted(j)
		if mod == "" {
			break
		}
		imp := Import{Kind: ImportStatic, Module: mod, Resolved: mod, Line: line}
		if p.is(k, Name, "as") && k+1 < len(p.toks) && p.toks[k+1].Kind == Name {
			imp.Alias = p.txt(k + 1)
			k += 2
		}
		p.imports = append(p.imports, imp)
		j = k
		if !p.is(k, Op, ",") {
			break
		}
		j = k + 1
	}
	return j
}

func (p *pyParser) fromStmt(i int) int {
	imp := Import{Kind: ImportFrom, Line: p.toks[i].Line}
	j := i + 1
	for ; j < len(p.toks) && p.toks[j].Kind == Op; j++ {
		switch string(p.toks[j].Text(p.src)) {
		case ".":
			imp.Level++
			continue
		case "...":
			imp.Level += 3
			continue
		}
		break
	}
	if !p.is(j, Name, "import") {
		imp.Module, j = p.dotted(j)
	}
	if !p.is(j, Name, "import") {
		return p.skipLine(i)
	}
	if imp.Level > 0 {
		imp.Resolved, _ = ResolveRelative(p.opts.Module, p.opts.IsPackage, imp.Level, imp.Module)
	} else {
		imp.Resolved = imp.Module
	}
	nn := len(p.names)
	for j++; j < len(p.toks) && p.toks[j].Kind != Newline && !p.is(j, Op, ";"); j++ {
		t := p.toks[j]
		if t.Kind == Name {
			n := ImportName{Name: p.txt(j)}
			if p.is(j+1, Name, "as") && j+2 < len(p.toks) && p.toks[j+2].Kind == Name {
				n.Alias = p.txt(j + 2)
				j += 2
			}
			p.names = append(p.names, n)
		} else if p.is(j, Op, "*") {
			p.names = append(p.names, ImportName{Name: "*"})
		}
	}
	if len(p.names) > nn {
		imp.Names = p.names[nn:len(p.names):len(p.names)]
	}
	p.imports = append(p.imports, imp)
	return j
}

// pyKeyword reports whether b is a Python keyword.
func pyKeyword(b []byte) bool {
	switch string(b) {
	case "False", "None", "True", "and", "as", "assert", "async", "await", "break", "class",
		"continue", "def", "del", "elif", "else", "except", "finally", "for", "from", "global", "if",
		"import", "in", "is", "lambda", "nonlocal", "not", "or", "pass", "raise", "return", "try",
		"while", "with", "yield":
		return true
	}
	return false
}

// expr handles one token of an expression: calls and brackets.
func (p *pyParser) expr(i int) int {
	t := p.toks[i]
	switch t.Kind {
	case Op:
		if t.End-t.Start == 1 {
			switch p.src[t.Start] {
			case '(':
				if p.lastCallEnd == i-1 && len(p.lastCall) <= maxChain {
					// a call of a call's result: "f(x)(y)"
					p.call(p.concat(p.lastCall, "()"), i, p.lastCallLine)
					return i + 1
				}
				p.parens = append(p.parens, pyParen{})
			case '[', '{':
				p.parens = append(p.parens, pyParen{})
			case ')', ']', '}':
				if n := len(p.parens); n > 0 {
					if c := p.parens[n-1]; c.callee != "" {
						p.lastCall, p.lastCallEnd, p.lastCallLine = c.callee, i, c.line
					}
					p.parens = p.parens[:n-1]
				}
			case ':', ';':
				if len(p.parens) == 0 && (p.is(i+1, Name, "import") || p.is(i+1, Name, "from")) {
					// "if x: import y", "import a; import b"
					if next, ok := p.statement(i + 1); ok {
						return next
					}
				}
			}
		}
		return i + 1
	case Name:
	default:
		return i + 1
	}
	chain := false
	line := t.Line
	if p.is(i-1, Op, ".") {
		if p.lastCallEnd != i-2 || len(p.lastCall) > maxChain {
			return i + 1 // attribute of something that is not a call
		}
		chain = true
		line = p.lastCallLine
	}
	if !chain && pyKeyword(t.Text(p.src)) {
		return i + 1
	}
	j := i + 1
	for p.is(j, Op, ".") && j+1 < len(p.toks) && p.toks[j+1].Kind == Name {
		j += 2
	}
	if !p.is(j, Op, "(") {
		return j
	}
	if !chain {
		name, _ := p.dotted(i)
		p.call(name, j, line)
		return j + 1
	}
	name, _ := p.dottedBytes(i)
	b := append(append(p.cat2[:0], p.lastCall...), "()."...)
	b = append(b, name...)
	p.cat2 = b
	p.call(p.str(b), j, line)
	return j + 1
}

// call records a call whose argument list opens at token open.
func (p *pyParser) call(callee string, open, line int) {
	c := Call{Callee: callee, Line: line}
	if open+1 < len(p.toks) && p.toks[open+1].Kind == String {
		c.FirstString, c.HasString = p.unquote(p.toks[open+1].Text(p.src)), true
	}
	scope := p.callScope()
	for n := len(p.parens) - 1; n >= 0; n-- {
		if p.parens[n].idx > 0 {
			if p.parens[n].scope == scope {
				c.Outer = p.parens[n].idx
			}
			break
		}
	}
	idx := p.addCall(scope, c) + 1
	p.parens = append(p.parens, pyParen{callee, line, idx, scope})
}

// callScope is the index of the function whose Calls take the calls made
// now, or -1 for the module's.
func (p *pyParser) callScope() int {
	for n := len(p.scopes) - 1; n >= 0; n-- {
		if s := p.scopes[n]; !s.class {
			return s.idx
		}
	}
	return -1
}
