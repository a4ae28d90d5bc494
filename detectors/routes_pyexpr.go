package detectors

import (
	"strings"

	"github.com/stackaudit/stackaudit/syntax"
)

// A small reader of Python expressions and statements over the tokens of
// syntax.TokenizePython, enough to read route declarations: strings
// (f-strings and "+" joins kept as parts), dotted names, calls with
// positional and keyword arguments, lists, tuples and dicts. Anything else
// is read as pxOther and skipped with its brackets balanced. It runs in
// time linear in the tokens and never recurses deeper than pyMaxDepth.

type pxKind uint8

const (
	pxOther pxKind = iota
	pxStr          // text: the value (escapes as written)
	pxName         // text: the dotted name ("views.checkout", "True")
	pxCall         // text: the dotted callee; args, kws
	pxList         // list or tuple (text "("); args are the items
	pxDict         // kws: string keys and values
	pxSum          // parts joined with "+" (f-string parts too); args
	pxNum
	pxSpread // *x or **x; args[0] is x
)

// pyExpr is one expression read from tokens.
type pyExpr struct {
	kind pxKind
	text string
	args []*pyExpr
	kws  []pyKw
	line int
}

type pyKw struct {
	name string
	val  *pyExpr
}

// kw returns the keyword argument name, or nil.
func (e *pyExpr) kw(name string) *pyExpr {
	if e == nil {
		return nil
	}
	for _, k := range e.kws {
		if k.name == name {
			return k.val
		}
	}
	return nil
}

// arg returns the i-th positional argument, or the keyword argument name
// when there are not that many positional ones.
func (e *pyExpr) arg(i int, name string) *pyExpr {
	if e == nil {
		return nil
	}
	if i >= 0 && i < len(e.args) && e.args[i].kind != pxSpread {
		return e.args[i]
	}
	return e.kw(name)
}

// lastSeg returns the last segment of a dotted name.
func pyLastSeg(s string) string {
	if i := strings.LastIndexByte(s, '.'); i >= 0 {
		return s[i+1:]
	}
	return s
}

const pyMaxDepth = 64

type pyReader struct {
	src   []byte
	toks  []syntax.Token
	i     int
	depth int
}

func newPyReader(src []byte, toks []syntax.Token) *pyReader {
	// Comments carry nothing here.
	out := make([]syntax.Token, 0, len(toks))
	for _, t := range toks {
		if t.Kind != syntax.Comment {
			out = append(out, t)
		}
	}
	return &pyReader{src: src, toks: out}
}

func (r *pyReader) at(k syntax.Kind, s string) bool {
	if r.i >= len(r.toks) {
		return false
	}
	t := r.toks[r.i]
	return t.Kind == k && (s == "" || string(t.Text(r.src)) == s)
}

func (r *pyReader) op(s string) bool { return r.at(syntax.Op, s) }

func (r *pyReader) text() string {
	if r.i >= len(r.toks) {
		return ""
	}
	return string(r.toks[r.i].Text(r.src))
}

func (r *pyReader) line() int {
	if r.i < len(r.toks) {
		return r.toks[r.i].Line
	}
	if len(r.toks) > 0 {
		return r.toks[len(r.toks)-1].Line
	}
	return 0
}

// atEnd reports whether the current token ends an expression.
func (r *pyReader) atEnd() bool {
	if r.i >= len(r.toks) {
		return true
	}
	t := r.toks[r.i]
	switch t.Kind {
	case syntax.Newline, syntax.Indent, syntax.Dedent, syntax.EOF, syntax.FStringEnd:
		return true
	case syntax.Op:
		switch string(t.Text(r.src)) {
		case ",", ")", "]", "}", ":", "=", ";", "+=", ":=", "->":
			return true
		}
	case syntax.Name:
		switch string(t.Text(r.src)) {
		case "for", "if", "else", "async", "in", "as":
			return true
		}
	}
	return false
}

// skip passes tokens up to the end of the expression, brackets balanced.
func (r *pyReader) skip() {
	depth := 0
	for r.i < len(r.toks) {
		t := r.toks[r.i]
		if t.Kind == syntax.Newline && depth == 0 {
			return
		}
		if t.Kind == syntax.Op {
			switch string(t.Text(r.src)) {
			case "(", "[", "{":
				depth++
			case ")", "]", "}":
				if depth == 0 {
					return
				}
				depth--
			case ",", ":", "=", ";":
				if depth == 0 {
					return
				}
			}
		}
		if t.Kind == syntax.FStringEnd && depth == 0 {
			return
		}
		r.i++
	}
}

// expr reads one expression (an operand joined by binary operators).
func (r *pyReader) expr() *pyExpr {
	start := r.i
	e := r.operand()
	if r.at(syntax.Name, "if") {
		// x if c else y: not a value we can know
		r.skipTernary()
		e = &pyExpr{kind: pxOther, line: e.line}
	}
	for !r.atEnd() {
		if r.op("+") {
			r.i++
			rhs := r.operand()
			e = pyJoinSum(e, rhs)
			continue
		}
		// any other operator: the value is unknown
		before := r.i
		r.i++
		if !r.atEnd() {
			r.operand()
		}
		if r.i == before {
			r.i++
		}
		e = &pyExpr{kind: pxOther, line: e.line}
	}
	if r.i == start && r.i < len(r.toks) && !r.atEnd() {
		r.i++
	}
	return e
}

func (r *pyReader) skipTernary() {
	for r.at(syntax.Name, "if") || r.at(syntax.Name, "else") {
		r.i++
		r.operand()
		for !r.atEnd() {
			before := r.i
			r.i++
			r.operand()
			if r.i == before {
				r.i++
			}
		}
	}
}

func pyJoinSum(a, b *pyExpr) *pyExpr {
	if a.kind == pxStr && b.kind == pxStr {
		return &pyExpr{kind: pxStr, text: a.text + b.text, line: a.line}
	}
	if a.kind == pxList && b.kind == pxList {
		return &pyExpr{kind: pxList, args: append(append([]*pyExpr(nil), a.args...), b.args...), line: a.line}
	}
	var parts []*pyExpr
	for _, x := range []*pyExpr{a, b} {
		if x.kind == pxSum {
			parts = append(parts, x.args...)
		} else {
			parts = append(parts, x)
		}
	}
	return &pyExpr{kind: pxSum, args: parts, line: a.line}
}

// operand reads an atom and its trailers (.name, (args), [index]).
func (r *pyReader) operand() *pyExpr {
	line := r.line()
	if r.depth >= pyMaxDepth {
		r.skip()
		return &pyExpr{kind: pxOther, line: line}
	}
	r.depth++
	defer func() { r.depth-- }()
	if r.i >= len(r.toks) {
		return &pyExpr{kind: pxOther, line: line}
	}
	t := r.toks[r.i]
	var e *pyExpr
	switch t.Kind {
	case syntax.String:
		var b strings.Builder
		for r.at(syntax.String, "") {
			b.WriteString(syntax.Unquote(r.toks[r.i].Text(r.src)))
			r.i++
		}
		e = &pyExpr{kind: pxStr, text: b.String(), line: line}
		if r.at(syntax.FStringStart, "") {
			e = pyJoinSum(e, r.operand())
		}
	case syntax.FStringStart:
		e = r.fstring()
		for r.at(syntax.String, "") || r.at(syntax.FStringStart, "") {
			e = pyJoinSum(e, r.operand())
		}
	case syntax.Number:
		r.i++
		e = &pyExpr{kind: pxNum, text: string(t.Text(r.src)), line: line}
	case syntax.Name:
		switch string(t.Text(r.src)) {
		case "lambda":
			r.i++
			for !r.op(":") && !r.atEnd() {
				r.i++
			}
			if r.op(":") {
				r.i++
			}
			r.operand()
			return &pyExpr{kind: pxOther, line: line}
		case "not", "await", "yield":
			r.i++
			r.operand()
			return &pyExpr{kind: pxOther, line: line}
		}
		var b strings.Builder
		b.Write(t.Text(r.src))
		r.i++
		e = &pyExpr{kind: pxName, line: line}
		for r.op(".") && r.i+1 < len(r.toks) && r.toks[r.i+1].Kind == syntax.Name {
			b.WriteByte('.')
			b.Write(r.toks[r.i+1].Text(r.src))
			r.i += 2
		}
		e.text = b.String()
	case syntax.Op:
		switch string(t.Text(r.src)) {
		case "(":
			r.i++
			items, tuple := r.items(")")
			if len(items) == 1 && !tuple {
				e = items[0]
			} else {
				e = &pyExpr{kind: pxList, text: "(", args: items, line: line}
			}
		case "[":
			r.i++
			items, _ := r.items("]")
			e = &pyExpr{kind: pxList, args: items, line: line}
		case "{":
			r.i++
			e = r.dict()
			e.line = line
		case "*", "**":
			r.i++
			e = &pyExpr{kind: pxSpread, args: []*pyExpr{r.operand()}, line: line}
			return e
		case "-", "~", "+":
			r.i++
			r.operand()
			return &pyExpr{kind: pxOther, line: line}
		default:
			return &pyExpr{kind: pxOther, line: line}
		}
	default:
		return &pyExpr{kind: pxOther, line: line}
	}
	// trailers
	for r.i < len(r.toks) {
		switch {
		case r.op("("):
			r.i++
			c := &pyExpr{kind: pxCall, line: e.line}
			switch e.kind {
			case pxName:
				c.text = e.text
			default:
				c.text = "?"
			}
			r.callArgs(c)
			e = c
		case r.op(".") && r.i+1 < len(r.toks) && r.toks[r.i+1].Kind == syntax.Name:
			name := string(r.toks[r.i+1].Text(r.src))
			r.i += 2
			switch e.kind {
			case pxName:
				e = &pyExpr{kind: pxName, text: e.text + "." + name, line: e.line}
			case pxCall:
				e = &pyExpr{kind: pxName, text: e.text + "()." + name, line: e.line, args: []*pyExpr{e}}
			default:
				e = &pyExpr{kind: pxOther, line: e.line}
			}
		case r.op("["):
			r.i++
			r.items("]")
			e = &pyExpr{kind: pxOther, line: e.line}
		default:
			return e
		}
	}
	return e
}

// items reads comma-separated expressions up to the closing bracket.
func (r *pyReader) items(closer string) (items []*pyExpr, comma bool) {
	for r.i < len(r.toks) {
		if r.op(closer) {
			r.i++
			return items, comma
		}
		if r.op(",") {
			comma = true
			r.i++
			continue
		}
		before := r.i
		x := r.expr()
		if r.at(syntax.Name, "for") || r.at(syntax.Name, "if") || r.at(syntax.Name, "async") || r.op(":=") || r.op("=") || r.op(":") {
			// comprehension, walrus, slice: unknown
			x = &pyExpr{kind: pxOther, line: x.line}
			r.skipToCloser(closer)
		}
		items = append(items, x)
		if r.i == before {
			r.i++
		}
		if r.atStop() {
			return items, comma
		}
	}
	return items, comma
}

// atStop reports a token no bracket content can hold: the end of a
// logical line (only reached on unbalanced input).
func (r *pyReader) atStop() bool {
	return r.i < len(r.toks) && (r.toks[r.i].Kind == syntax.Newline || r.toks[r.i].Kind == syntax.FStringEnd)
}

// skipToCloser passes tokens up to (not including) the closer at depth 0.
func (r *pyReader) skipToCloser(closer string) {
	depth := 0
	for r.i < len(r.toks) {
		t := r.toks[r.i]
		if t.Kind == syntax.Newline {
			return
		}
		if t.Kind == syntax.Op {
			s := string(t.Text(r.src))
			switch s {
			case "(", "[", "{":
				depth++
			case ")", "]", "}":
				if depth == 0 {
					return
				}
				depth--
			}
		}
		r.i++
	}
}

func (r *pyReader) dict() *pyExpr {
	e := &pyExpr{kind: pxDict}
	for r.i < len(r.toks) {
		if r.op("}") {
			r.i++
			return e
		}
		if r.op(",") {
			r.i++
			continue
		}
		before := r.i
		k := r.expr()
		if r.op(":") {
			r.i++
			v := r.expr()
			if k.kind == pxStr {
				e.kws = append(e.kws, pyKw{name: k.text, val: v})
			}
		}
		if r.at(syntax.Name, "for") {
			r.skipToCloser("}")
			e.kind = pxOther
		}
		if r.i == before {
			r.i++
		}
		if r.atStop() {
			return e
		}
	}
	return e
}

// callArgs reads the arguments of a call after its "(".
func (r *pyReader) callArgs(c *pyExpr) {
	for r.i < len(r.toks) {
		if r.op(")") {
			r.i++
			return
		}
		if r.op(",") {
			r.i++
			continue
		}
		before := r.i
		if r.at(syntax.Name, "") && r.i+1 < len(r.toks) && r.toks[r.i+1].Kind == syntax.Op && string(r.toks[r.i+1].Text(r.src)) == "=" {
			name := r.text()
			r.i += 2
			c.kws = append(c.kws, pyKw{name: name, val: r.expr()})
		} else {
			x := r.expr()
			if r.at(syntax.Name, "for") || r.at(syntax.Name, "async") {
				x = &pyExpr{kind: pxOther, line: x.line}
				r.skipToCloser(")")
			}
			c.args = append(c.args, x)
		}
		if r.i == before {
			r.i++
		}
		if r.atStop() {
			return
		}
	}
}

// fstring reads an f-string into literal parts and field expressions.
func (r *pyReader) fstring() *pyExpr {
	line := r.line()
	r.i++ // FStringStart
	var parts []*pyExpr
	for r.i < len(r.toks) {
		t := r.toks[r.i]
		switch {
		case t.Kind == syntax.FStringEnd:
			r.i++
			return pySumOf(parts, line)
		case t.Kind == syntax.FStringMiddle:
			text := strings.ReplaceAll(strings.ReplaceAll(string(t.Text(r.src)), "{{", "{"), "}}", "}")
			parts = append(parts, &pyExpr{kind: pxStr, text: text, line: t.Line})
			r.i++
		case t.Kind == syntax.Op && string(t.Text(r.src)) == "{":
			r.i++
			x := r.expr()
			parts = append(parts, x)
			// conversion, format spec, "=": pass to the field's "}"
			depth := 0
			for r.i < len(r.toks) {
				t := r.toks[r.i]
				if t.Kind == syntax.FStringEnd && depth == 0 {
					break
				}
				if t.Kind == syntax.FStringStart {
					depth++
				}
				if t.Kind == syntax.FStringEnd {
					depth--
				}
				r.i++
				if depth == 0 && t.Kind == syntax.Op && string(t.Text(r.src)) == "}" {
					break
				}
			}
		case t.Kind == syntax.Newline:
			return pySumOf(parts, line)
		default:
			r.i++
		}
	}
	return pySumOf(parts, line)
}

func pySumOf(parts []*pyExpr, line int) *pyExpr {
	var out *pyExpr
	for _, p := range parts {
		if out == nil {
			out = p
		} else {
			out = pyJoinSum(out, p)
		}
	}
	if out == nil {
		return &pyExpr{kind: pxStr, line: line}
	}
	if out.kind != pxStr && out.kind != pxSum {
		out = &pyExpr{kind: pxSum, args: []*pyExpr{out}, line: line}
	}
	return out
}

// pyStmt is one statement of interest: an assignment (op "=" or "+=") or a
// call made as a statement (op "").
type pyStmt struct {
	op     string
	target string // dotted assignment target
	val    *pyExpr
	class  string // enclosing class, when the statement is in a class body
	line   int
}

// readPyStatements reads a file's assignments and call statements, at any
// depth (module, class bodies, function bodies).
func readPyStatements(src []byte, toks []syntax.Token) []pyStmt {
	r := newPyReader(src, toks)
	type scope struct {
		class string // "" for a function
		level int
	}
	var scopes []scope
	level := 0
	var out []pyStmt
	pendingClass, pendingDef := "", false
	for r.i < len(r.toks) {
		t := r.toks[r.i]
		switch t.Kind {
		case syntax.Newline:
			r.i++
			continue
		case syntax.Indent:
			level++
			if pendingClass != "" || pendingDef {
				scopes = append(scopes, scope{class: pendingClass, level: level})
			}
			pendingClass, pendingDef = "", false
			r.i++
			continue
		case syntax.Dedent:
			level--
			for len(scopes) > 0 && scopes[len(scopes)-1].level > level {
				scopes = scopes[:len(scopes)-1]
			}
			r.i++
			continue
		}
		pendingClass, pendingDef = "", false
		class := ""
		if len(scopes) > 0 {
			class = scopes[len(scopes)-1].class
		}
		if t.Kind == syntax.Name {
			switch string(t.Text(r.src)) {
			case "class":
				if r.i+1 < len(r.toks) {
					pendingClass = string(r.toks[r.i+1].Text(r.src))
				}
				r.skipLine()
				continue
			case "def":
				pendingDef = true
				r.skipLine()
				continue
			case "async":
				if r.i+1 < len(r.toks) && string(r.toks[r.i+1].Text(r.src)) == "def" {
					pendingDef = true
				}
				r.skipLine()
				continue
			case "if", "elif", "else", "for", "while", "with", "try", "except", "finally",
				"return", "import", "from", "raise", "assert", "del", "pass", "global",
				"nonlocal", "yield", "lambda", "match", "case", "break", "continue", "print":
				r.skipLine()
				continue
			}
		}
		if t.Kind == syntax.Op && string(t.Text(r.src)) == "@" {
			r.skipLine()
			continue
		}
		line := t.Line
		before := r.i
		lhs := r.expr()
		switch {
		case r.op("=") || r.op("+="):
			op := r.text()
			r.i++
			val := r.expr()
			for r.op("=") { // a = b = value
				r.i++
				val = r.expr()
			}
			if lhs.kind == pxName {
				out = append(out, pyStmt{op: op, target: lhs.text, val: val, class: class, line: line})
			}
		case r.op(":"):
			r.i++
			r.expr() // annotation
			if r.op("=") {
				r.i++
				val := r.expr()
				if lhs.kind == pxName {
					out = append(out, pyStmt{op: "=", target: lhs.text, val: val, class: class, line: line})
				}
			}
		case lhs.kind == pxCall && (r.atStmtEnd()):
			out = append(out, pyStmt{val: lhs, class: class, line: line})
		}
		if r.i == before {
			r.i++
		}
		r.skipLine()
	}
	return out
}

func (r *pyReader) atStmtEnd() bool {
	return r.i >= len(r.toks) || r.toks[r.i].Kind == syntax.Newline || r.op(";")
}

// skipLine passes to the end of the logical line (or a ";").
func (r *pyReader) skipLine() {
	for r.i < len(r.toks) {
		t := r.toks[r.i]
		if t.Kind == syntax.Newline || t.Kind == syntax.Indent || t.Kind == syntax.Dedent {
			return
		}
		r.i++
		if t.Kind == syntax.Op && string(t.Text(r.src)) == ";" {
			return
		}
	}
}
