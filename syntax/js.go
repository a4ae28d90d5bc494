package syntax

import (
	"bytes"
	"strings"
	"sync"
	"unicode"
)

// JSOptions choose the dialect of a JavaScript/TypeScript file.
type JSOptions struct {
	TypeScript bool // .ts/.tsx/.mts/.cts
	JSX        bool // JSX elements allowed (.js, .jsx, .tsx; not .ts)
	// Visit, when set, sees every token the parse reads, comments
	// included, in order: a caller that needs the tokens too (comments,
	// normalised lines) gets them without tokenizing the file again.
	Visit func(Token)
}

// bracket kinds
const (
	bkParen uint8 = iota
	bkCall
	bkBracket
	bkBlock
	bkObject
	bkFuncBody
	bkClassBody
	bkTemplate
	bkType // parentheses in a TS type: "(() => void) | null"
)

type jsBracket struct {
	kind  uint8
	fn    int // bkFuncBody: function index
	class int // bkClassBody: class index
	call  Call
}

type jsScope struct {
	fn    int
	depth int // brackets open when the body began (block bodies: including their "{")
	expr  bool
}

type jsParser struct {
	scratch
	tz       JSTokenizer
	src      []byte
	toks     []Token
	opc      []byte // per token: its byte when a one-byte Op, else 0 (see op)
	match    []int32
	f        *File
	brackets []jsBracket
	scopes   []jsScope
	export   bool // an "export" modifier waits for its declaration
	ts       bool // TypeScript: types may hold function types
	// the next "{" opens the body of this function / class (-1 when none)
	pendingFn    int
	pendingClass int
	// after a call's closing paren: its callee and the token index
	lastCall     string
	lastCallEnd  int
	lastCallLine int
}

// ParseJS summarizes JavaScript or TypeScript source.
func ParseJS(src []byte, opts JSOptions) *File {
	f := &File{Lang: JavaScript}
	if opts.TypeScript {
		f.Lang = TypeScript
	}
	p := jsPool.Get().(*jsParser)
	tz := &p.tz
	tz.Reset(src, opts.JSX)
	buf := getTokens()
	defer putTokens(buf)
	toks := *buf
	opc := p.opc[:0]
	head := true
	for {
		t := tz.Next()
		if t.Kind == EOF {
			break
		}
		if opts.Visit != nil {
			opts.Visit(t)
		}
		if t.Kind == Comment {
			if head {
				c := t.Text(src)
				if len(c) > 2 && c[1] == '/' {
					w := bytes.TrimSpace(c[2:])
					f.TSCheck = f.TSCheck || string(firstField(w)) == "@ts-check"
					f.TSNoCheck = f.TSNoCheck || bytes.HasPrefix(w, tsNoCheck)
				}
			}
			continue
		}
		head = false
		toks = append(toks, t)
		c := byte(0)
		if t.Kind == Op && t.End-t.Start == 1 {
			c = src[t.Start]
		}
		opc = append(opc, c)
	}
	f.HasJSX = tz.sawJSX
	*buf = toks
	p.src, p.toks, p.opc, p.ts = src, toks, opc, opts.TypeScript
	p.export, p.pendingFn, p.pendingClass = false, -1, -1
	p.lastCall, p.lastCallEnd, p.lastCallLine = "", -2, 0
	p.resetScratch()
	mp := matchPool.Get().(*[]int32)
	p.matchBrackets(mp)
	p.run()
	p.match = nil
	if cap(*mp) <= 1<<19 {
		matchPool.Put(mp)
	}
	p.finish(f)
	p.f = f
	p.markExports()
	p.release()
	p.tz.Reset(nil, false)
	p.src, p.toks, p.f, p.lastCall = nil, nil, nil, ""
	if cap(p.opc) > 1<<18 {
		p.opc = nil
	}
	p.brackets = reuse(p.brackets)
	p.scopes = reuse(p.scopes)
	jsPool.Put(p)
	return f
}

var jsPool = sync.Pool{New: func() any { return new(jsParser) }}

var tsNoCheck = []byte("@ts-nocheck")

// firstField returns the first whitespace-separated word of s (which has
// no leading space).
func firstField(s []byte) []byte {
	if i := bytes.IndexFunc(s, unicode.IsSpace); i >= 0 {
		return s[:i]
	}
	return s
}

var matchPool = sync.Pool{New: func() any { return new([]int32) }}

// matchBrackets links every opening bracket to its closer (-1 if none):
// parentheses, brackets, braces, and template heads to their tails.
func (p *jsParser) matchBrackets(mp *[]int32) {
	if cap(*mp) < 2*len(p.toks) {
		*mp = make([]int32, 0, 2*len(p.toks))
	}
	p.match = (*mp)[:len(p.toks)]
	stack := (*mp)[len(p.toks):len(p.toks)]
	for i, t := range p.toks {
		p.match[i] = -1
		var open, close byte
		switch t.Kind {
		case Op:
			switch c := p.opc[i]; c {
			case '(', '[', '{':
				open = c
			case ')', ']', '}':
				close = c
			}
		case TemplateHead:
			open = '`'
		case TemplateTail:
			close = '`'
		case TemplateMiddle:
			continue
		}
		if open != 0 {
			stack = append(stack, int32(i))
			continue
		}
		if close == 0 {
			continue
		}
		want := byte('`')
		switch close {
		case ')':
			want = '('
		case ']':
			want = '['
		case '}':
			want = '{'
		}
		// pop to the matching opener if it is on the stack; else ignore
		for n := len(stack) - 1; n >= 0; n-- {
			oc := p.opc[stack[n]] // 0 for a template head
			if oc == 0 {
				oc = '`'
			}
			if oc == want {
				p.match[stack[n]] = int32(i)
				p.match[i] = stack[n]
				stack = stack[:n]
				break
			}
			if len(stack)-n > 8 {
				break
			}
		}
	}
}

func (p *jsParser) is(i int, k Kind, s string) bool {
	return i >= 0 && i < len(p.toks) && p.toks[i].Kind == k && string(p.toks[i].Text(p.src)) == s
}

// op reports whether token i is the operator s. A one-byte s, always a
// constant, is compared with opc[i] alone.
func (p *jsParser) op(i int, s string) bool {
	if len(s) == 1 {
		return uint(i) < uint(len(p.opc)) && p.opc[i] == s[0]
	}
	return p.is(i, Op, s)
}

func (p *jsParser) name(i int) bool { return i >= 0 && i < len(p.toks) && p.toks[i].Kind == Name }

// typeContextToken reports whether a "{" after b starts a type (an object
// type), not a function body.
func typeContextToken(b []byte) bool {
	switch string(b) {
	case ":", "|", "&", "<", ",", "=>", "(", "[", "?", "keyof", "typeof":
		return true
	}
	return false
}

// b returns the bytes of token i (nil when out of range).
func (p *jsParser) b(i int) []byte {
	if i < 0 || i >= len(p.toks) {
		return nil
	}
	return p.toks[i].Text(p.src)
}

func (p *jsParser) txt(i int) string {
	if i < 0 || i >= len(p.toks) {
		return ""
	}
	return p.str(p.toks[i].Text(p.src))
}

// closer returns the matching closer of the opener at i, or the last token.
func (p *jsParser) closer(i int) int {
	if i < len(p.match) && p.match[i] >= 0 {
		return int(p.match[i])
	}
	return len(p.toks) - 1
}

// jsNotCallee reports whether b is a keyword that is never a callee.
func jsNotCallee(b []byte) bool {
	switch string(b) {
	case "if", "for", "while", "switch", "catch", "with", "return", "typeof", "instanceof", "in",
		"of", "new", "delete", "void", "throw", "case", "do", "else", "yield", "await", "function",
		"class", "const", "let", "var", "export", "default", "extends", "async", "static", "as",
		"satisfies", "keyof", "public", "private", "protected", "readonly", "abstract", "override",
		"declare", "interface", "enum", "implements", "try", "finally", "break", "continue", "debugger":
		return true
	}
	return false
}

// jsModifier reports whether b is a member modifier.
func jsModifier(b []byte) bool {
	switch string(b) {
	case "async", "static", "public", "private", "protected", "readonly", "abstract", "override",
		"declare", "get", "set", "accessor":
		return true
	}
	return false
}

func (p *jsParser) run() {
	toks := p.toks
	for i := 0; i < len(toks); {
		p.asi(i)
		t := toks[i]
		switch t.Kind {
		case Name:
			i = p.word(i)
		case Op:
			i = p.punct(i)
		case TemplateHead:
			p.brackets = append(p.brackets, jsBracket{kind: bkTemplate})
			i++
		case TemplateTail:
			p.pop(i)
			i++
		default:
			i++
		}
	}
	for len(p.scopes) > 0 {
		p.endScope(len(p.toks) - 1)
	}
}

// asi ends expression-bodied arrow functions at a line break that starts a
// new statement.
func (p *jsParser) asi(i int) {
	if i == 0 || len(p.scopes) == 0 {
		return
	}
	s := p.scopes[len(p.scopes)-1]
	if !s.expr || s.depth != len(p.brackets) || p.toks[i].Line == p.toks[i-1].Line {
		return
	}
	prev, cur := p.toks[i-1], p.toks[i]
	ends := false
	switch prev.Kind {
	case Name:
		ends = !jsNotCallee(p.b(i-1)) || string(p.b(i-1)) == "this"
	case Number, String, Template, TemplateTail, Regex, PrivateName:
		ends = true
	case Op:
		ends = p.op(i-1, ")") || p.op(i-1, "]") || p.op(i-1, "}")
	}
	starts := cur.Kind == Name && !jsBinaryWord(p.b(i)) || cur.Kind == String || cur.Kind == Number || p.op(i, "@")
	if ends && starts {
		p.endScope(i - 1)
	}
}

// jsBinaryWord reports whether b is a word that continues an expression.
func jsBinaryWord(b []byte) bool {
	switch string(b) {
	case "in", "instanceof", "as", "satisfies", "of":
		return true
	}
	return false
}

// endScope closes the innermost function scope; its body ends with token j.
func (p *jsParser) endScope(j int) {
	s := p.scopes[len(p.scopes)-1]
	p.scopes = p.scopes[:len(p.scopes)-1]
	fn := &p.fns[s.fn]
	if j >= 0 && j < len(p.toks) {
		t := p.toks[j]
		fn.EndLine = max(t.Line+countLines(t.Text(p.src)), fn.Line)
		fn.BodyEnd = max(t.End, fn.BodyStart)
	}
}

// pop closes the bracket closed at token i and the scopes inside it.
func (p *jsParser) pop(i int) {
	if len(p.brackets) == 0 {
		return
	}
	if p.match[i] < 0 {
		return // stray closer
	}
	b := p.brackets[len(p.brackets)-1]
	p.brackets = p.brackets[:len(p.brackets)-1]
	if len(p.brackets) == 0 {
		p.export = false // "export interface X { … }" is over
	}
	for len(p.scopes) > 0 && p.scopes[len(p.scopes)-1].depth > len(p.brackets) {
		s := p.scopes[len(p.scopes)-1]
		if s.expr {
			p.endScope(i - 1)
		} else {
			p.endScope(i)
		}
	}
	if b.kind == bkClassBody {
		p.classes[b.class].EndLine = p.toks[i].Line
	}
	if b.kind == bkCall {
		p.lastCall, p.lastCallEnd, p.lastCallLine = b.call.Callee, i, b.call.Line
	}
}

func (p *jsParser) top() uint8 {
	if n := len(p.brackets); n > 0 {
		return p.brackets[n-1].kind
	}
	return bkBlock
}

func (p *jsParser) punct(i int) int {
	c := p.opc[i]
	switch c {
	case '(':
		if p.lastCallEnd == i-1 && len(p.lastCall) <= maxChain {
			// a call of a call's result: "f(x)(y)"
			p.call(p.concat(p.lastCall, "()"), i, false, p.lastCallLine)
			return i + 1
		}
		if p.typeContext(i) {
			p.brackets = append(p.brackets, jsBracket{kind: bkType})
			return i + 1
		}
		if a, ok := p.arrowAt(i); ok {
			return a
		}
		p.brackets = append(p.brackets, jsBracket{kind: bkParen})
	case '[':
		p.brackets = append(p.brackets, jsBracket{kind: bkBracket})
	case '{':
		b := jsBracket{kind: bkBlock}
		if p.pendingFn >= 0 {
			b.kind, b.fn = bkFuncBody, p.pendingFn
			p.pendingFn = -1
			p.brackets = append(p.brackets, b)
			p.scopes = append(p.scopes, jsScope{fn: b.fn, depth: len(p.brackets)})
			return i + 1
		}
		if p.pendingClass >= 0 {
			b.kind, b.class = bkClassBody, p.pendingClass
			p.pendingClass = -1
		} else if p.objectStarts(i) {
			b.kind = bkObject
		}
		p.brackets = append(p.brackets, b)
	case ')', ']', '}':
		p.pop(i)
	case ',', ';':
		for len(p.scopes) > 0 {
			sc := p.scopes[len(p.scopes)-1]
			if !sc.expr || sc.depth != len(p.brackets) {
				break
			}
			p.endScope(i - 1)
		}
		if c == ';' {
			if len(p.brackets) == 0 {
				p.export = false
			}
			if p.top() == bkClassBody {
				p.decos = p.decos[:0]
			}
		}
	case '@':
		if p.name(i + 1) {
			return p.decorator(i)
		}
	}
	// "=>" not consumed by an arrow head is a type such as "() => void";
	// a "<" may be TS generic parameters of a following arrow: "<T>(x: T) => x"
	return i + 1
}

// objectStarts guesses whether the "{" at i opens an object literal (or
// pattern) rather than a block.
func (p *jsParser) objectStarts(i int) bool {
	if i == 0 {
		return false
	}
	pt := p.toks[i-1]
	switch pt.Kind {
	case Op:
		switch string(p.b(i - 1)) {
		case ")", "]", "}", ";", "=>":
			return false
		}
		return true
	case Name:
		switch string(p.b(i - 1)) {
		case "return", "yield", "await", "typeof", "case", "in", "of", "export", "default", "new", "void", "throw", "delete", "as", "satisfies", "extends":
			return true
		}
		return false
	case TemplateHead, TemplateMiddle:
		return true
	}
	return false
}

func (p *jsParser) decorator(i int) int {
	d := Decorator{Line: p.toks[i].Line}
	j := i + 1
	b := p.cat[:0]
	for {
		b = append(b, p.b(j)...)
		j++
		if p.op(j, ".") && p.name(j+1) {
			b = append(b, '.')
			j++
			continue
		}
		break
	}
	p.cat = b
	d.Name = p.str(b)
	if p.op(j, "(") {
		m := p.closer(j)
		d.Called = true
		if m > j+1 {
			d.Args = p.text(p.src, p.toks, j+1, m-1)
		}
		if j+1 < len(p.toks) && p.toks[j+1].Kind == String {
			d.FirstString = p.unquote(p.toks[j+1].Text(p.src))
		}
		j = m + 1
	}
	p.decos = append(p.decos, d)
	return j
}

// word handles a Name token at i.
func (p *jsParser) word(i int) int {
	w := p.b(i)
	afterDot := p.op(i-1, ".") || p.op(i-1, "?.")
	if !afterDot {
		switch string(w) {
		case "import":
			if !p.op(i+1, "(") && !p.op(i+1, ".") {
				return p.importDecl(i)
			}
		case "export":
			return p.exportDecl(i)
		case "function":
			return p.function(i)
		case "class":
			if !p.op(i+1, ":") && !p.op(i+1, "=") && !p.op(i+1, ",") && !p.op(i+1, ")") && !p.op(i+1, "}") {
				return p.class(i)
			}
		case "const", "let", "var":
			if len(p.brackets) == 0 && !p.is(i-1, Name, "export") && !p.is(i-1, Name, "declare") {
				p.export = false
			}
		case "new":
			return p.newExpr(i)
		}
		if p.op(i+1, "=>") && !p.typeContext(i) {
			return p.arrow(i, i, i, i+1)
		}
		if string(w) == "async" && (p.op(i+1, "(") || p.op(i+1, "<")) {
			return i + 1 // async arrow: its "(" reads it
		}
		if k := p.top(); ((k == bkClassBody || k == bkObject) && !jsNotCallee(w) || (k == bkClassBody || k == bkObject) && jsModifier(w)) && p.memberStart(i) {
			if j, ok := p.method(i); ok {
				return j
			}
		}
	}
	// a call: dotted chain followed by "(", "?.(" or "<…>("
	chain := false
	line := p.toks[i].Line
	if afterDot {
		if p.lastCallEnd != i-2 || len(p.lastCall) > maxChain {
			return i + 1
		}
		chain = true
		line = p.lastCallLine
	} else if jsNotCallee(w) {
		return i + 1
	}
	j := p.chainEnd(i)
	open := p.callParen(j)
	if open < 0 {
		return j
	}
	p.call(p.chainText(chain, i, j), open, false, line)
	return open + 1
}

// chainEnd returns the index after the dotted chain ("a.b?.c!.d") that
// starts with the name at i.
func (p *jsParser) chainEnd(i int) int {
	j := i
	for {
		j++
		if p.op(j, "!") && (p.op(j+1, ".") || p.op(j+1, "?.")) {
			j++ // TS non-null assertion
		}
		if (p.op(j, ".") || p.op(j, "?.")) && j+1 < len(p.toks) && (p.toks[j+1].Kind == Name || p.toks[j+1].Kind == PrivateName) {
			j++
			continue
		}
		return j
	}
}

// chainText renders the chain in toks[i:j] as a dotted name, after
// lastCall + "()." when chain is set.
func (p *jsParser) chainText(chain bool, i, j int) string {
	if run := p.src[p.toks[i].Start:p.toks[j-1].End]; !chain && dottedRun(run) {
		return p.str(run) // as written
	}
	b := p.cat[:0]
	if chain {
		b = append(append(b, p.lastCall...), "()."...)
	}
	for k := i; k < j; k++ {
		if t := p.toks[k]; t.Kind == Name || t.Kind == PrivateName {
			if k > i {
				b = append(b, '.')
			}
			b = append(b, t.Text(p.src)...)
		}
	}
	p.cat = b
	return p.str(b)
}

// callParen returns the index of the "(" that makes the chain ending before
// j a call, or -1.
func (p *jsParser) callParen(j int) int {
	if p.op(j, "(") {
		return j
	}
	if p.op(j, "?.") && p.op(j+1, "(") {
		return j + 1
	}
	if p.op(j, "<") {
		if e := p.typeArgs(j); e > 0 && p.op(e+1, "(") {
			return e + 1
		}
	}
	return -1
}

// typeArgs returns the index of the ">" closing TS type arguments opened at
// j, or -1 when the tokens cannot be type arguments. It looks at most 64
// tokens ahead, keeping the parser linear.
func (p *jsParser) typeArgs(j int) int {
	depth := 0
	for k := j; k < len(p.toks) && k < j+64; k++ {
		t := p.toks[k]
		switch t.Kind {
		case Name, String, Number, Template:
			continue
		case Op:
		default:
			return -1
		}
		switch string(p.b(k)) {
		case "<":
			depth++
		case ">":
			depth--
		case ">>":
			depth -= 2
		case ">>>":
			depth -= 3
		case ".", ",", "|", "&", "?", ":", "=>", "...", "[", "]", "{", "}", "(", ")", "-":
		default:
			return -1
		}
		if depth <= 0 {
			if depth == 0 {
				return k
			}
			return -1
		}
	}
	return -1
}

// call records a call whose argument list opens at token open.
func (p *jsParser) call(callee string, open int, isNew bool, line int) {
	c := Call{Callee: callee, New: isNew, Line: line}
	if open+1 < len(p.toks) {
		if t := p.toks[open+1]; t.Kind == String || t.Kind == Template {
			c.FirstString, c.HasString = p.unquote(t.Text(p.src)), true
		}
	}
	if !isNew && c.HasString && (callee == "require" || callee == "import") {
		k := ImportRequire
		if callee == "import" {
			k = ImportDynamic
		}
		p.imports = append(p.imports, Import{Kind: k, Module: c.FirstString, Line: line})
	}
	owner := -1
	if n := len(p.scopes); n > 0 {
		owner = p.scopes[n-1].fn
	}
	p.addCall(owner, c)
	p.brackets = append(p.brackets, jsBracket{kind: bkCall, call: c})
}

func (p *jsParser) newExpr(i int) int {
	j := i + 1
	if !p.name(j) {
		return j
	}
	k := p.chainEnd(j)
	open := p.callParen(k)
	if open < 0 {
		return k
	}
	p.call(p.chainText(false, j, k), open, true, p.toks[i].Line)
	return open + 1
}

func (p *jsParser) importDecl(i int) int {
	imp := Import{Kind: ImportStatic, Line: p.toks[i].Line}
	j := i + 1
	if p.is(j, Name, "type") && (p.name(j+1) && !p.is(j+1, Name, "from") || p.op(j+1, "{") || p.op(j+1, "*")) {
		imp.TypeOnly = true
		j++
	}
	if j < len(p.toks) && p.toks[j].Kind == String {
		imp.Kind = ImportSideEffect
		imp.Module = p.unquote(p.toks[j].Text(p.src))
		p.imports = append(p.imports, imp)
		return j + 1
	}
	nn := len(p.names)
	for k := 0; j < len(p.toks) && k < 4; k++ {
		switch {
		case p.name(j) && !p.is(j, Name, "from"):
			if p.op(j+1, "=") { // import x = require('m')
				return j + 2
			}
			p.names = append(p.names, ImportName{Name: "default", Alias: p.txt(j)})
			j++
		case p.op(j, "*") && p.is(j+1, Name, "as") && p.name(j+2):
			p.names = append(p.names, ImportName{Name: "*", Alias: p.txt(j + 2)})
			j += 3
		case p.op(j, "{"):
			m := p.closer(j)
			p.namedList(j+1, m)
			j = m + 1
		}
		if p.op(j, ",") {
			j++
			continue
		}
		break
	}
	if p.is(j, Name, "from") && j+1 < len(p.toks) && p.toks[j+1].Kind == String {
		imp.Module = p.unquote(p.toks[j+1].Text(p.src))
		imp.Names = p.namesFrom(nn)
		p.imports = append(p.imports, imp)
		return j + 2
	}
	return j
}

// namesFrom returns the import names stored from index nn on, nil when
// none.
func (p *jsParser) namesFrom(nn int) []ImportName {
	if len(p.names) == nn {
		return nil
	}
	return p.names[nn:len(p.names):len(p.names)]
}

// namedList reads "a, b as c, type d" between a and b into p.names.
func (p *jsParser) namedList(a, b int) {
	for k := a; k < b; k++ {
		if !p.name(k) && !(k < len(p.toks) && p.toks[k].Kind == String) {
			continue
		}
		if p.is(k, Name, "type") && p.name(k+1) && !p.is(k+1, Name, "as") {
			continue
		}
		n := ImportName{Name: p.txt(k)}
		if p.toks[k].Kind == String {
			n.Name = p.unquote(p.toks[k].Text(p.src))
		}
		if p.is(k+1, Name, "as") && k+2 < b {
			n.Alias = p.txt(k + 2)
			k += 2
		}
		p.names = append(p.names, n)
	}
}

func (p *jsParser) exportDecl(i int) int {
	j := i + 1
	typeOnly := false
	if p.is(j, Name, "type") && (p.op(j+1, "{") || p.op(j+1, "*")) {
		typeOnly = true
		j++
	}
	if p.op(j, "*") || p.op(j, "{") {
		imp := Import{Kind: ImportReexport, TypeOnly: typeOnly, Line: p.toks[i].Line}
		if p.op(j, "*") {
			n := ImportName{Name: "*"}
			j++
			if p.is(j, Name, "as") && j+1 < len(p.toks) {
				n.Alias = p.txt(j + 1)
				j += 2
			}
			p.names = append(p.names, n)
			imp.Names = p.namesFrom(len(p.names) - 1)
		} else {
			m := p.closer(j)
			nn := len(p.names)
			p.namedList(j+1, m)
			imp.Names = p.namesFrom(nn)
			j = m + 1
		}
		if p.is(j, Name, "from") && j+1 < len(p.toks) && p.toks[j+1].Kind == String {
			imp.Module = p.unquote(p.toks[j+1].Text(p.src))
			p.imports = append(p.imports, imp)
			return j + 2
		}
		// a local export list: "export { a, b as c }"
		for _, n := range imp.Names {
			p.exported = append(p.exported, n.Name)
		}
		return j
	}
	if p.is(j, Name, "default") && p.name(j+1) && (p.op(j+2, ";") || j+2 >= len(p.toks) || p.toks[j+2].Line > p.toks[j+1].Line) {
		p.exported = append(p.exported, p.txt(j+1)) // "export default handler;"
		return j + 2
	}
	p.export = true
	return j
}

// markExports flags top-level functions and classes named in local export
// lists.
func (p *jsParser) markExports() {
	if len(p.exported) == 0 {
		return
	}
	names := map[string]bool{}
	for _, n := range p.exported {
		names[n] = true
	}
	for i := range p.f.Functions {
		if fn := &p.f.Functions[i]; fn.Parent < 0 && fn.Class == "" && names[fn.Name] {
			fn.Exported = true
		}
	}
	for i := range p.f.Classes {
		if c := &p.f.Classes[i]; names[c.Name] {
			c.Exported = true
		}
	}
}

// bindingName finds the name a function expression starting at token s is
// bound to: "const f = …", "x.f = …", "{ f: … }", class field "f = …".
func (p *jsParser) bindingName(s int) string {
	if p.op(s-1, "=") {
		for j := s - 2; j >= 0 && j > s-24; j-- {
			t := p.toks[j]
			if t.Kind == Op && (p.op(j, ";") || p.op(j, "{") || p.op(j, "}") || p.op(j, "=")) {
				break
			}
			if p.is(j, Name, "const") || p.is(j, Name, "let") || p.is(j, Name, "var") {
				if p.name(j + 1) {
					return p.txt(j + 1)
				}
				return ""
			}
		}
		if j := s - 2; j >= 0 && (p.toks[j].Kind == Name || p.toks[j].Kind == PrivateName) {
			return p.txt(j)
		}
		return ""
	}
	if p.op(s-1, ":") && p.top() == bkObject && s >= 2 {
		if p.name(s - 2) {
			return p.txt(s - 2)
		}
		if p.toks[s-2].Kind == String {
			return p.unquote(p.toks[s-2].Text(p.src))
		}
	}
	return ""
}

// newFunction appends a function defined at token line with the current
// context (parent, class, call it is passed to) and returns its index.
func (p *jsParser) newFunction(fn Function, start int) int {
	fn.Parent = -1
	var parentQual qualRef
	if n := len(p.scopes); n > 0 {
		fn.Parent = p.scopes[n-1].fn
		parentQual = p.fnQual[fn.Parent]
		if parentQual.len() == 0 {
			parentQual = qualRef{s: "<anonymous>"}
		}
	}
	inClassBody := false
	for n := len(p.brackets) - 1; n >= 0; n-- {
		if p.brackets[n].kind == bkClassBody {
			fn.Class = p.classes[p.brackets[n].class].Name
			inClassBody = n == len(p.brackets)-1
			fn.Method = fn.Method || inClassBody
			break
		}
	}
	if n := len(p.brackets); n > 0 && p.brackets[n-1].kind == bkCall {
		fn.ArgOf = p.keepArgOf(p.brackets[n-1].call)
	}
	var q qualRef
	if fn.Name != "" {
		switch {
		case inClassBody:
			q = p.qualify(qualRef{s: fn.Class}, fn.Name)
		case parentQual.len() != 0:
			q = p.qualify(parentQual, fn.Name)
		default:
			q = qualRef{s: fn.Name}
		}
	}
	if p.export && len(p.brackets) == 0 {
		fn.Exported = true
		p.export = false
	}
	fn.Decorators = p.takeDecos()
	if start < len(p.toks) {
		fn.Line = p.toks[start].Line
	}
	fn.EndLine = fn.Line
	return p.addFunction(fn, q)
}

// function reads "function name<T>(params): R {" at i.
func (p *jsParser) function(i int) int {
	start := i
	fn := Function{}
	if p.is(i-1, Name, "async") {
		fn.Async = true
		start = i - 1
	}
	j := i + 1
	if p.op(j, "*") {
		fn.Generator = true
		j++
	}
	if p.name(j) {
		fn.Name = p.txt(j)
		j++
	} else {
		fn.Name = p.bindingName(start)
	}
	if p.op(j, "<") {
		if e := p.typeArgs(j); e > 0 {
			j = e + 1
		}
	}
	if !p.op(j, "(") {
		return j
	}
	m := p.closer(j)
	params := p.params(j+1, m)
	ret, k := p.returnType(m+1, false)
	if !p.op(k, "{") {
		return k // overload or declaration without a body
	}
	fn.Params, fn.Returns = params, ret
	idx := p.newFunction(fn, i)
	p.fns[idx].BodyStart = p.toks[k].Start
	p.pendingFn = idx
	return k
}

// returnType reads an optional ": Type" at j, stopping at the body "{" (or
// "=>" for arrows). It returns the type text and the index after it.
func (p *jsParser) returnType(j int, arrow bool) (string, int) {
	if !p.op(j, ":") {
		return "", j
	}
	k := j + 1
	angle := 0
	for n := 0; k < len(p.toks) && n < 256; n++ {
		t := p.toks[k]
		if t.Kind == Op {
			switch string(p.b(k)) {
			case "{":
				prev := p.b(k - 1)
				if !arrow && angle == 0 && !typeContextToken(prev) {
					return p.text(p.src, p.toks, j+1, k-1), k
				}
				k = p.closer(k) + 1
				continue
			case "(", "[":
				k = p.closer(k) + 1
				continue
			case "<":
				angle++
			case ">":
				angle--
			case ">>":
				angle -= 2
			case "=>":
				if arrow && angle <= 0 {
					return p.text(p.src, p.toks, j+1, k-1), k
				}
			case ";", ",", ")", "]", "}", "=":
				if angle <= 0 {
					return p.text(p.src, p.toks, j+1, k-1), k
				}
			}
		}
		k++
	}
	return p.text(p.src, p.toks, j+1, k-1), k
}

// params splits the tokens in (a, b) into parameters.
func (p *jsParser) params(a, b int) []Param {
	start := len(p.paramAll)
	for k := a; k < b; {
		// skip parameter decorators and modifiers
		for k < b && p.op(k, "@") {
			k += 2
			for p.op(k, ".") {
				k += 2
			}
			if p.op(k, "(") {
				k = p.closer(k) + 1
			}
		}
		for k+1 < b && p.name(k) && jsModifier(p.b(k)) && !p.op(k+1, ":") && !p.op(k+1, ",") && !p.op(k+1, "=") && !p.op(k+1, "?") {
			k++
		}
		e := k
		angle := 0
		for e < b && !(angle <= 0 && p.op(e, ",")) {
			switch {
			case p.op(e, "(") || p.op(e, "[") || p.op(e, "{") || p.toks[e].Kind == TemplateHead:
				e = min(p.closer(e), b)
			case p.op(e, "<"):
				angle++
			case p.op(e, ">"):
				angle--
			case p.op(e, ">>"):
				angle -= 2
			}
			e++
		}
		p.appendParam(p.src, p.toks, k, e, p.is)
		if n := len(p.paramAll); n > start {
			p.paramAll[n-1].Name = strings.TrimSuffix(p.paramAll[n-1].Name, "?")
		}
		k = e + 1
	}
	if len(p.paramAll) == start {
		return nil
	}
	return p.paramAll[start:len(p.paramAll):len(p.paramAll)]
}

// arrowAt checks whether the "(" at i opens arrow-function parameters and,
// if so, reads the arrow.
// typeContext reports whether the token at i (a "(" or a single arrow
// parameter) sits in a TypeScript type, where "() => void" is a function
// type and not a function: after an annotation's ":", a "|" or "&", "as",
// "type X =", or inside such a type's parentheses.
func (p *jsParser) typeContext(i int) bool {
	if !p.ts {
		return false
	}
	if p.top() == bkType {
		return true
	}
	s := i
	if p.op(s-1, ">") { // generic parameters: "<T>(x: T) => T"
		for k := s - 2; k >= 0 && k > s-32; k-- {
			if p.op(k, "<") {
				s = k
				break
			}
		}
	}
	switch {
	case p.op(s-1, "|") || p.op(s-1, "&") || p.is(s-1, Name, "as") || p.is(s-1, Name, "satisfies") || p.is(s-1, Name, "keyof"):
		return true
	case p.op(s-1, "="):
		// "type F = () => void", "type F<T> = …"
		for k := s - 2; k >= 0 && k > s-32; k-- {
			if p.is(k, Name, "type") {
				return k == s-3 || p.op(k+2, "<")
			}
			if t := p.toks[k]; t.Kind == Op && !p.op(k, "<") && !p.op(k, ">") && !p.op(k, ",") {
				return false
			}
		}
		return false
	case p.op(s-1, ":"):
		switch p.top() {
		case bkObject:
			return false
		case bkClassBody:
			return true
		}
		return !p.ternary(s - 1)
	}
	return false
}

// ternary reports whether the ":" at c closes a conditional "a ? b : c",
// looking back a bounded distance in the same bracket.
func (p *jsParser) ternary(c int) bool {
	depth := 0
	for k := c - 1; k >= 0 && k > c-64; k-- {
		t := p.toks[k]
		if t.Kind != Op || t.End-t.Start != 1 {
			continue
		}
		switch p.src[t.Start] {
		case ')', ']', '}':
			depth++
		case '(', '[', '{':
			depth--
			if depth < 0 {
				return false
			}
		case '?':
			if depth == 0 && k != c-1 {
				return true
			}
		case ';', ',':
			if depth == 0 {
				return false
			}
		}
	}
	return false
}

func (p *jsParser) arrowAt(i int) (int, bool) {
	m := p.closer(i)
	if p.op(m+1, "=>") {
		return p.arrow(p.arrowStart(i), i, m, m+1), true
	}
	if p.op(m+1, ":") {
		if _, k := p.returnType(m+1, true); p.op(k, "=>") {
			return p.arrow(p.arrowStart(i), i, m, k), true
		}
	}
	return 0, false
}

// arrowStart returns the first token of an arrow whose "(" is at i: its
// "async" and generic parameters included.
func (p *jsParser) arrowStart(i int) int {
	s := i
	if p.op(s-1, ">") {
		for k := s - 2; k >= 0 && k > s-32; k-- {
			if p.op(k, "<") {
				s = k
				break
			}
		}
	}
	if p.is(s-1, Name, "async") {
		s--
	}
	return s
}

// arrow reads an arrow function: start is its first token, params are the
// tokens (a, b) exclusive when a "(" is at a (or the single name a == b), and
// the "=>" is at arrow.
func (p *jsParser) arrow(start, a, b, arrow int) int {
	fn := Function{Arrow: true, Async: p.is(start, Name, "async") && start != a}
	if a == b {
		p.paramAll = append(p.paramAll, Param{Name: p.txt(a)})
		fn.Params = p.paramAll[len(p.paramAll)-1:]
		if p.is(a-1, Name, "async") {
			fn.Async = true
			start = a - 1
		}
	} else {
		fn.Params = p.params(a+1, b)
		if b+1 < arrow {
			fn.Returns = p.text(p.src, p.toks, b+2, arrow-1)
		}
	}
	fn.Name = p.bindingName(start)
	idx := p.newFunction(fn, a)
	body := arrow + 1
	if body >= len(p.toks) {
		return body
	}
	p.fns[idx].BodyStart = p.toks[body].Start
	if p.op(body, "{") {
		p.pendingFn = idx
		return body
	}
	p.scopes = append(p.scopes, jsScope{fn: idx, depth: len(p.brackets), expr: true})
	return body
}

// method reads a method definition in a class body or object literal whose
// name is at i (modifiers before it included); ok is false when it is not
// one.
func (p *jsParser) method(i int) (int, bool) {
	j := i
	fn := Function{}
	// modifiers: a modifier word followed by another name, "*", "[" or "#x"
	for j < len(p.toks) && j < i+8 && p.name(j) && jsModifier(p.b(j)) && j+1 < len(p.toks) &&
		(p.name(j+1) || p.op(j+1, "*") || p.op(j+1, "[") || p.toks[j+1].Kind == PrivateName || p.toks[j+1].Kind == String) {
		switch string(p.b(j)) {
		case "async":
			fn.Async = true
		case "get", "set":
			fn.Accessor = p.txt(j)
		}
		j++
	}
	if p.op(j, "*") {
		fn.Generator = true
		j++
	}
	if j >= len(p.toks) {
		return j, false
	}
	nameTok := j
	switch t := p.toks[j]; {
	case t.Kind == Name || t.Kind == PrivateName:
		fn.Name = p.txt(j)
		j++
	case t.Kind == String:
		fn.Name = p.unquote(t.Text(p.src))
		j++
	case p.op(j, "["):
		fn.Name = p.text(p.src, p.toks, j, p.closer(j))
		j = p.closer(j) + 1
	default:
		return i, false
	}
	if p.op(j, "?") || p.op(j, "!") {
		j++
	}
	if p.top() == bkClassBody && (p.op(j, "=") || p.op(j, ":")) {
		// class field: "name = …" or "name: Type = …"; an arrow value finds
		// its name through bindingName, and the field's decorators go to it
		if p.op(j, "=") && !p.isFunctionValue(j+1) {
			p.decos = p.decos[:0]
		}
		return j, j > i
	}
	if p.op(j, "<") {
		if e := p.typeArgs(j); e > 0 {
			j = e + 1
		}
	}
	if !p.op(j, "(") {
		return i, false
	}
	m := p.closer(j)
	params := p.params(j+1, m)
	ret, k := p.returnType(m+1, false)
	if !p.op(k, "{") {
		if p.top() == bkClassBody {
			p.decos = p.decos[:0]
			return k, true // abstract method or overload signature
		}
		return i, false
	}
	fn.Params, fn.Returns, fn.Method = params, ret, true
	idx := p.newFunction(fn, nameTok)
	p.fns[idx].BodyStart = p.toks[k].Start
	p.pendingFn = idx
	return k, true
}

// memberStart reports whether token i can start a class member or object
// property: it follows "{", ";", "}", ",", a decorator or a modifier.
func (p *jsParser) memberStart(i int) bool {
	if i == 0 {
		return true
	}
	switch t := p.toks[i-1]; t.Kind {
	case Op:
		switch string(p.b(i - 1)) {
		case "{", "}", ";", ",", ")", "]", "*":
			return true
		}
		return false
	case Name:
		return true
	}
	return false
}

func (p *jsParser) isFunctionValue(j int) bool {
	if p.is(j, Name, "async") {
		j++
	}
	return p.is(j, Name, "function") || p.op(j, "(") || p.op(j, "<") || p.name(j) && p.op(j+1, "=>")
}

func (p *jsParser) class(i int) int {
	c := Class{Line: p.toks[i].Line}
	c.Decorators = p.takeDecos()
	j := i + 1
	if p.name(j) && !p.is(j, Name, "extends") && !p.is(j, Name, "implements") {
		c.Name = p.txt(j)
		j++
	} else {
		c.Name = p.bindingName(i)
	}
	if p.op(j, "<") {
		if e := p.typeArgs(j); e > 0 {
			j = e + 1
		}
	}
	nb := len(p.bases)
	for n := 0; j < len(p.toks) && !p.op(j, "{") && n < 256; n++ {
		if p.is(j, Name, "extends") {
			k := j + 1
			for k < len(p.toks) && !p.op(k, "{") && !p.is(k, Name, "implements") {
				if p.op(k, "(") || p.op(k, "[") {
					k = p.closer(k)
				}
				k++
			}
			if k > j+1 {
				p.bases = append(p.bases, p.text(p.src, p.toks, j+1, k-1))
			}
			j = k
			continue
		}
		j++
	}
	if len(p.bases) > nb {
		c.Bases = p.bases[nb:len(p.bases):len(p.bases)]
	}
	c.Exported = p.export && len(p.brackets) == 0
	if c.Exported {
		p.export = false
	}
	p.addClass(c, qualRef{s: c.Name})
	if p.op(j, "{") {
		p.pendingClass = len(p.classes) - 1
	}
	return j
}
