package detectors

import (
	"strings"

	"github.com/stackaudit/stackaudit/syntax"
)

// jsToks is a JS/TS file's tokens without comments, with the index of the
// matching bracket of each (, [, { and template head, for reading a call's
// arguments.
type jsToks struct {
	src   []byte
	toks  []syntax.Token
	match []int // index of the matching closer or opener; -1 when unmatched or not a bracket
	// consts are the file's string constants (name = 'literal', assigned
	// once), read by pathStr; filled on first use.
	consts map[string]string
}

// newJSToks tokenizes src.
func newJSToks(src []byte, jsx bool) *jsToks {
	all := syntax.TokenizeJS(src, jsx)
	toks := make([]syntax.Token, 0, len(all))
	for _, t := range all {
		if t.Kind == syntax.Comment || t.Kind == syntax.EOF {
			continue
		}
		toks = append(toks, t)
	}
	t := &jsToks{src: src, toks: toks, match: make([]int, len(toks))}
	var stack []int
	for i, tok := range toks {
		t.match[i] = -1
		switch {
		case tok.Kind == syntax.Op && len(tok.Text(src)) == 1 && strings.IndexByte("([{", tok.Text(src)[0]) >= 0,
			tok.Kind == syntax.TemplateHead:
			stack = append(stack, i)
		case tok.Kind == syntax.TemplateMiddle:
			// Closes a substitution and opens the next: stays on the stack.
		case tok.Kind == syntax.Op && len(tok.Text(src)) == 1 && strings.IndexByte(")]}", tok.Text(src)[0]) >= 0,
			tok.Kind == syntax.TemplateTail:
			want := jsOpener(tok, src)
			// Pop to the nearest matching jsOpener; an unmatched closer is ignored.
			for k := len(stack) - 1; k >= 0; k-- {
				if t.kindOf(stack[k]) == want {
					t.match[stack[k]] = i
					t.match[i] = stack[k]
					stack = stack[:k]
					break
				}
			}
		}
	}
	return t
}

// jsOpener returns the jsOpener a closer token matches: '(' '[' '{' or '`'.
func jsOpener(tok syntax.Token, src []byte) byte {
	if tok.Kind == syntax.TemplateTail {
		return '`'
	}
	switch tok.Text(src)[0] {
	case ')':
		return '('
	case ']':
		return '['
	}
	return '{'
}

// kindOf returns the jsOpener byte of token i ('(' '[' '{' '`'), or 0.
func (t *jsToks) kindOf(i int) byte {
	tok := t.toks[i]
	if tok.Kind == syntax.TemplateHead {
		return '`'
	}
	if tok.Kind == syntax.Op {
		b := tok.Text(t.src)
		if len(b) == 1 && strings.IndexByte("([{", b[0]) >= 0 {
			return b[0]
		}
	}
	return 0
}

// is reports whether token i has kind k and text s.
func (t *jsToks) is(i int, k syntax.Kind, s string) bool {
	return i >= 0 && i < len(t.toks) && t.toks[i].Kind == k && string(t.toks[i].Text(t.src)) == s
}

func (t *jsToks) op(i int, s string) bool { return t.is(i, syntax.Op, s) }

func (t *jsToks) name(i int) bool {
	return i >= 0 && i < len(t.toks) && t.toks[i].Kind == syntax.Name
}

func (t *jsToks) text(i int) string {
	if i < 0 || i >= len(t.toks) {
		return ""
	}
	return string(t.toks[i].Text(t.src))
}

// jsSpan is a half-open range of token indices [a, b).
type jsSpan struct{ a, b int }

// args splits the arguments of the call whose "(" (or the "{" of an object
// literal, or "[" of an array) is at open into token ranges at top-level
// commas. It returns nil when open is not a matched bracket. Empty
// arguments (a trailing comma) are dropped.
func (t *jsToks) args(open int) []jsSpan {
	if open < 0 || open >= len(t.toks) || t.kindOf(open) == 0 || t.kindOf(open) == '`' {
		return nil
	}
	end := t.match[open]
	if end < 0 {
		return nil
	}
	var out []jsSpan
	start := open + 1
	for i := open + 1; i < end; i++ {
		if t.kindOf(i) != 0 {
			if m := t.match[i]; m > i && m < end {
				i = m
			}
			continue
		}
		if t.op(i, ",") {
			if i > start {
				out = append(out, jsSpan{start, i})
			}
			start = i + 1
		}
	}
	if end > start {
		out = append(out, jsSpan{start, end})
	}
	return out
}

// str returns the value of an argument that is one string literal or a
// template literal without substitutions.
func (t *jsToks) str(s jsSpan) (string, bool) {
	if s.b-s.a != 1 {
		return "", false
	}
	tok := t.toks[s.a]
	if tok.Kind != syntax.String && tok.Kind != syntax.Template {
		return "", false
	}
	b := tok.Text(t.src)
	if len(b) < 2 {
		return "", false
	}
	return string(b[1 : len(b)-1]), true
}

// pathStr is str for route paths: a template literal's substitutions,
// known only at run time, are written {?} (`${base}/checkout` →
// "{?}/checkout").
func (t *jsToks) pathStr(s jsSpan) (string, bool) {
	if v, ok := t.str(s); ok {
		return v, true
	}
	if t.dotted(s) != "" {
		// A constant: router.post(CHECKOUT, h), this.router.get(this.path, h)
		if v := t.constant(s); v != "{?}" {
			return v, true
		}
		return "", false
	}
	if s.b-s.a < 2 || t.toks[s.a].Kind != syntax.TemplateHead || t.match[s.a] != s.b-1 {
		return "", false
	}
	piece := func(i, trimEnd int) string {
		b := t.toks[i].Text(t.src)
		if len(b) < 1+trimEnd {
			return ""
		}
		return string(b[1 : len(b)-trimEnd])
	}
	var b strings.Builder
	b.WriteString(piece(s.a, 2)) // "`text${"
	sub := s.a + 1               // where the current substitution starts
	for i := s.a + 1; i < s.b-1; i++ {
		if k := t.kindOf(i); k != 0 && t.match[i] > i {
			i = t.match[i]
			continue
		}
		if t.toks[i].Kind == syntax.TemplateMiddle {
			b.WriteString(t.constant(jsSpan{sub, i}))
			b.WriteString(piece(i, 2)) // "}text${"
			sub = i + 1
		}
	}
	b.WriteString(t.constant(jsSpan{sub, s.b - 1}))
	b.WriteString(piece(s.b-1, 1)) // "}text`"
	return b.String(), true
}

// constant returns the value of a substitution that names a string
// constant of the file (BASE, this.path where the class sets path =
// '/posts'), when exactly one assignment gives that name a string; else
// "{?}".
func (t *jsToks) constant(s jsSpan) string {
	name := t.dotted(s)
	name = strings.TrimPrefix(name, "this.")
	if name == "" || strings.Contains(name, ".") {
		return "{?}"
	}
	if t.consts == nil {
		t.consts = map[string]string{}
		seen := map[string]int{}
		for i := 1; i+2 < len(t.toks); i++ {
			if !t.name(i) || !t.op(i+1, "=") || t.op(i-1, ".") && !t.is(i-2, syntax.Name, "this") {
				continue
			}
			v, ok := t.str(jsSpan{i + 2, i + 3})
			if !ok || t.op(i+3, "+") || t.op(i+3, ".") {
				continue
			}
			n := t.text(i)
			seen[n]++
			t.consts[n] = v
		}
		for n, c := range seen {
			if c > 1 {
				delete(t.consts, n)
			}
		}
	}
	if v, ok := t.consts[name]; ok {
		return v
	}
	return "{?}"
}

// dotted returns the text of an argument that is a plain dotted name
// ("checkout", "controller.checkout", "this.handler"), or "".
func (t *jsToks) dotted(s jsSpan) string {
	if s.b <= s.a || (s.b-s.a)%2 == 0 {
		return ""
	}
	var b strings.Builder
	for i := s.a; i < s.b; i++ {
		if (i-s.a)%2 == 0 {
			if !t.name(i) {
				return ""
			}
		} else if !t.op(i, ".") {
			return ""
		}
		b.WriteString(t.text(i))
	}
	return b.String()
}

// callOf returns, for an argument that is a call "f(…)" or "a.b(…)", the
// callee text and the index of its "(", or "", -1.
func (t *jsToks) callOf(s jsSpan) (string, int) {
	if s.b-s.a < 3 || !t.op(s.b-1, ")") {
		return "", -1
	}
	open := t.match[s.b-1]
	if open <= s.a {
		return "", -1
	}
	callee := t.dotted(jsSpan{s.a, open})
	if callee == "" {
		return "", -1
	}
	return callee, open
}

// isFunc reports whether an argument is a function expression or an arrow
// function.
func (t *jsToks) isFunc(s jsSpan) bool {
	i := s.a
	if t.is(i, syntax.Name, "async") {
		i++
	}
	if t.is(i, syntax.Name, "function") {
		return true
	}
	for j := i; j < s.b; j++ {
		if t.op(j, "=>") {
			return true
		}
		if t.kindOf(j) == '(' && t.match[j] > j {
			j = t.match[j]
			continue
		}
		if !t.name(j) && !t.op(j, ":") && !t.op(j, "<") && !t.op(j, ">") && !t.op(j, ",") {
			return false
		}
	}
	return false
}

// funcName returns the name of a named function expression
// ("function checkout(req, res) {…}"), or "".
func (t *jsToks) funcName(s jsSpan) string {
	i := s.a
	if t.is(i, syntax.Name, "async") {
		i++
	}
	if t.is(i, syntax.Name, "function") && t.name(i+1) && i+1 < s.b {
		return t.text(i + 1)
	}
	return ""
}

// objKeys reads an object literal argument "{ a: x, 'b': y, c, d() {} }"
// and returns each key's value range (a shorthand key's range is the key
// itself; a method's is the method). Spreads and computed keys are skipped.
func (t *jsToks) objKeys(s jsSpan) map[string]jsSpan {
	if s.b-s.a < 2 || !t.op(s.a, "{") || t.match[s.a] != s.b-1 {
		return nil
	}
	out := map[string]jsSpan{}
	for _, p := range t.args(s.a) {
		i := p.a
		if t.is(i, syntax.Name, "async") && i+1 < p.b && !t.op(i+1, ":") && !t.op(i+1, "(") {
			i++
		}
		var key string
		switch {
		case t.name(i):
			key = t.text(i)
		case i < len(t.toks) && t.toks[i].Kind == syntax.String:
			key, _ = t.str(jsSpan{i, i + 1})
		default:
			continue
		}
		switch {
		case i+1 == p.b:
			out[key] = jsSpan{i, i + 1}
		case t.op(i+1, ":"):
			out[key] = jsSpan{i + 2, p.b}
		case t.op(i+1, "("):
			out[key] = jsSpan{i, p.b}
		}
	}
	return out
}

// strList returns the strings of an argument that is a string or an array
// of strings.
func (t *jsToks) strList(s jsSpan) []string {
	if v, ok := t.str(s); ok {
		return []string{v}
	}
	if s.b-s.a >= 2 && t.op(s.a, "[") && t.match[s.a] == s.b-1 {
		var out []string
		for _, e := range t.args(s.a) {
			if v, ok := t.str(e); ok {
				out = append(out, v)
			}
		}
		return out
	}
	return nil
}

// calleeAt returns the dotted callee text ending at the name token before
// the "(" at open, as the syntax package writes it ("router.route().get"),
// and the index of its first token.
func (t *jsToks) calleeAt(open int) (string, int) {
	i := open - 1
	if !t.name(i) {
		return "", -1
	}
	parts := []string{t.text(i)}
	first := i
	for n := 0; n < 64; n++ {
		if !(t.op(i-1, ".") || t.op(i-1, "?.")) {
			break
		}
		j := i - 2
		if t.op(j, ")") && t.match[j] >= 0 && t.name(t.match[j]-1) {
			parts = append(parts, t.text(t.match[j]-1)+"()")
			i = t.match[j] - 1
		} else if t.name(j) {
			parts = append(parts, t.text(j))
			i = j
		} else {
			break
		}
		first = i
	}
	for a, b := 0, len(parts)-1; a < b; a, b = a+1, b-1 {
		parts[a], parts[b] = parts[b], parts[a]
	}
	return strings.Join(parts, "."), first
}
