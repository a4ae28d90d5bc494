package syntax

// JSTokenizer splits JavaScript or TypeScript source into tokens, JSX and TSX
// included. A "/" is a regular expression or a division depending on the
// previous significant token; template literals nest to any depth through a
// frame stack; when JSX is on, a "<" where an expression may start and
// followed by a tag name or ">" opens an element, whose text is JSXText and
// whose "{…}" holds ordinary tokens. Bad input never stops it: every call
// advances or returns EOF.
type JSTokenizer struct {
	src    []byte
	pos    int
	line   int
	jsx    bool
	exprOK bool // an expression may start here (regex, JSX)
	sawJSX bool // a JSX element was opened
	frames []jsFrame
	top    uint8 // frames[len(frames)-1].kind
}

type jsFrame struct {
	kind  uint8
	depth int // open "{" inside an expression frame
}

const (
	frTop uint8 = iota
	frTemplate
	frJSXExpr
	frJSXTag
	frJSXClose
	frJSXChildren
)

// NewJSTokenizer returns a tokenizer over src; jsx enables JSX elements
// (.js, .jsx, .tsx; off for .ts where "<T>" is a type assertion).
func NewJSTokenizer(src []byte, jsx bool) *JSTokenizer {
	t := &JSTokenizer{}
	t.Reset(src, jsx)
	return t
}

// Reset starts the tokenizer over on src, keeping its buffers.
func (t *JSTokenizer) Reset(src []byte, jsx bool) {
	*t = JSTokenizer{src: src, line: 1, jsx: jsx, exprOK: true, frames: append(t.frames[:0], jsFrame{kind: frTop})}
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		t.pos = 3
	}
}

// TokenizeJS returns all tokens of src, EOF excluded.
func TokenizeJS(src []byte, jsx bool) []Token {
	t := jsTokPool.Get().(*JSTokenizer)
	t.Reset(src, jsx)
	toks := collectJS(t)
	t.Reset(nil, false)
	jsTokPool.Put(t)
	return toks
}

// Next returns the next token; at the end it returns EOF forever.
func (t *JSTokenizer) Next() Token {
	switch t.top {
	case frJSXChildren:
		return t.jsxChildren()
	case frJSXTag, frJSXClose:
		return t.jsxTag()
	}
	return t.code()
}

// setTop caches the kind of the innermost frame after a change of frames.
func (t *JSTokenizer) setTop() { t.top = t.frames[len(t.frames)-1].kind }

// jsSpaceStart holds the bytes skipSpace may skip from.
var jsSpaceStart = [256]bool{' ': true, '\t': true, '\r': true, '\f': true, '\v': true, '\n': true, 0xE2: true, 0xC2: true}

// jsIdentPart is identPart with the backslash of a unicode escape.
var jsIdentPart = func() (a [256]bool) {
	a = identPart
	a['\\'] = true
	return a
}()

func exprKeyword(b []byte) bool {
	switch string(b) {
	case "return", "typeof", "instanceof", "in", "of", "new", "delete", "void", "throw",
		"case", "do", "else", "yield", "await", "extends", "export", "default":
		return true
	}
	return false
}

func (t *JSTokenizer) skipSpace() {
	src := t.src
	p, line := t.pos, t.line
	for p < len(src) {
		switch src[p] {
		case ' ', '\t', '\r', '\f', '\v':
			p++
		case '\n':
			p++
			line++
		case 0xE2: // U+2028, U+2029 line separators; U+00A0 etc. are rare
			if p+2 < len(src) && src[p+1] == 0x80 && (src[p+2] == 0xA8 || src[p+2] == 0xA9) {
				p += 3
				continue
			}
			t.pos, t.line = p, line
			return
		case 0xC2:
			if p+1 < len(src) && src[p+1] == 0xA0 {
				p += 2
				continue
			}
			t.pos, t.line = p, line
			return
		default:
			t.pos, t.line = p, line
			return
		}
	}
	t.pos, t.line = p, line
}

// code reads a token outside JSX tags and text, and sets exprOK for the
// token after it (comments leave it as it is).
func (t *JSTokenizer) code() Token {
	src := t.src
	if t.pos < len(src) && jsSpaceStart[src[t.pos]] {
		t.skipSpace()
	}
	start, line := t.pos, t.line
	if start >= len(src) {
		t.exprOK = true
		return Token{Kind: EOF, Start: start, End: start, Line: line}
	}
	c := src[start]
	switch {
	case identStart[c] || c == '\\':
		p := start + 1
		for p < len(src) && jsIdentPart[src[p]] {
			p++
		}
		t.pos = p
		t.exprOK = exprKeyword(src[start:p])
		return Token{Kind: Name, Start: start, End: p, Line: line}
	case digit[c] || c == '.' && start+1 < len(src) && digit[src[start+1]]:
		p := start + 1
		for p < len(src) {
			d := src[p]
			if identPart[d] && d < 0x80 || d == '.' {
				if (d|0x20 == 'e') && p+1 < len(src) && (src[p+1] == '+' || src[p+1] == '-') && !(src[start] == '0' && start+1 < len(src) && src[start+1]|0x20 == 'x') {
					p++
				}
				p++
			} else {
				break
			}
		}
		t.pos = p
		t.exprOK = false
		return Token{Kind: Number, Start: start, End: p, Line: line}
	case c == '"' || c == '\'':
		p := start + 1
		for p < len(src) {
			d := src[p]
			if d == '\\' {
				p++
				if p < len(src) && src[p] == '\n' {
					t.line++
				}
				p++
				continue
			}
			if d == c {
				p++
				break
			}
			if d == '\n' {
				break // unterminated
			}
			p++
		}
		t.pos = min(p, len(src))
		t.exprOK = false
		return Token{Kind: String, Start: start, End: t.pos, Line: line}
	case c == '`':
		t.pos++
		return t.template(start, true)
	case c == '#':
		if start == 0 && start+1 < len(src) && src[1] == '!' {
			t.lineComment()
			return Token{Kind: Comment, Start: start, End: t.pos, Line: line}
		}
		p := start + 1
		for p < len(src) && identPart[src[p]] {
			p++
		}
		t.pos = p
		t.exprOK = false
		return Token{Kind: PrivateName, Start: start, End: p, Line: line}
	case c == '/':
		if start+1 < len(src) && src[start+1] == '/' {
			t.lineComment()
			return Token{Kind: Comment, Start: start, End: t.pos, Line: line}
		}
		if start+1 < len(src) && src[start+1] == '*' {
			p := start + 2
			for p < len(src) {
				if src[p] == '*' && p+1 < len(src) && src[p+1] == '/' {
					p += 2
					break
				}
				if src[p] == '\n' {
					t.line++
				}
				p++
			}
			t.pos = min(p, len(src))
			return Token{Kind: Comment, Start: start, End: t.pos, Line: line}
		}
		if t.exprOK {
			t.regex()
			t.exprOK = false
			return Token{Kind: Regex, Start: start, End: t.pos, Line: line}
		}
	case c == '{':
		t.frames[len(t.frames)-1].depth++
		t.pos++
		t.exprOK = true
		return Token{Kind: Op, Start: start, End: t.pos, Line: line}
	case c == '}':
		t.pos++
		fr := &t.frames[len(t.frames)-1]
		if fr.depth > 0 {
			fr.depth--
		} else if fr.kind == frTemplate {
			t.frames = t.frames[:len(t.frames)-1]
			t.setTop()
			return t.template(start, false)
		} else if fr.kind == frJSXExpr {
			t.frames = t.frames[:len(t.frames)-1]
			t.setTop()
		}
		t.exprOK = false
		return Token{Kind: Op, Start: start, End: t.pos, Line: line}
	case c == '<':
		if t.jsx && t.exprOK && t.jsxStarts(start+1) {
			t.pos++
			t.sawJSX = true
			t.frames = append(t.frames, jsFrame{kind: frJSXTag})
			t.setTop()
			t.exprOK = true
			return Token{Kind: Op, Start: start, End: t.pos, Line: line}
		}
	}
	t.punct()
	switch c {
	case ')', ']':
		t.exprOK = false
	case '+', '-':
		t.exprOK = t.pos-start != 2 || src[start+1] != c
	default:
		t.exprOK = true
	}
	return Token{Kind: Op, Start: start, End: t.pos, Line: line}
}

// jsxStarts reports whether a "<" before p opens a JSX element: a tag name or
// ">" follows, and it is not a TSX generic arrow such as "<T,>" or
// "<T extends U>".
func (t *JSTokenizer) jsxStarts(p int) bool {
	src := t.src
	if p >= len(src) {
		return false
	}
	if src[p] == '>' {
		return true
	}
	if !identStart[src[p]] {
		return false
	}
	q := p
	for q < len(src) && identPart[src[q]] {
		q++
	}
	for q < len(src) && (src[q] == ' ' || src[q] == '\t') {
		q++
	}
	if q < len(src) && src[q] == ',' {
		return false
	}
	if q+7 < len(src) && string(src[q:q+7]) == "extends" && !identPart[src[q+7]] && src[q+7] != '=' {
		return false
	}
	return true
}

func (t *JSTokenizer) lineComment() {
	src := t.src
	for t.pos < len(src) && src[t.pos] != '\n' {
		t.pos++
	}
}

func (t *JSTokenizer) regex() {
	src := t.src
	t.pos++
	inClass := false
	for t.pos < len(src) {
		d := src[t.pos]
		if d == '\\' {
			t.pos += 2
			continue
		}
		if d == '\n' {
			break // unterminated
		}
		t.pos++
		if d == '[' {
			inClass = true
		} else if d == ']' {
			inClass = false
		} else if d == '/' && !inClass {
			break
		}
	}
	if t.pos > len(src) {
		t.pos = len(src)
	}
	for t.pos < len(src) && identPart[src[t.pos]] && src[t.pos] < 0x80 {
		t.pos++
	}
}

// template reads template text after "`" (head) or after "}" (continuation).
func (t *JSTokenizer) template(start int, head bool) Token {
	src := t.src
	line := t.line
	for t.pos < len(src) {
		d := src[t.pos]
		switch d {
		case '\\':
			t.pos++
			if t.pos < len(src) && src[t.pos] == '\n' {
				t.line++
			}
			t.pos++
			continue
		case '\n':
			t.line++
		case '`':
			t.pos++
			k := TemplateTail
			if head {
				k = Template
			}
			t.exprOK = false
			return Token{Kind: k, Start: start, End: t.pos, Line: line}
		case '$':
			if t.pos+1 < len(src) && src[t.pos+1] == '{' {
				t.pos += 2
				t.frames = append(t.frames, jsFrame{kind: frTemplate})
				t.setTop()
				t.exprOK = true
				k := TemplateMiddle
				if head {
					k = TemplateHead
				}
				return Token{Kind: k, Start: start, End: t.pos, Line: line}
			}
		}
		t.pos++
	}
	if t.pos > len(src) {
		t.pos = len(src)
	}
	k := TemplateTail // unterminated
	if head {
		k = Template
	}
	t.exprOK = false
	return Token{Kind: k, Start: start, End: t.pos, Line: line}
}

// punct reads one punctuator, longest match first.
func (t *JSTokenizer) punct() {
	src := t.src
	p := t.pos
	c := src[p]
	at := func(k int) byte { return peek(src, p+k) }
	n := 1
	switch c {
	case '.':
		if at(1) == '.' && at(2) == '.' {
			n = 3
		}
	case '=', '!':
		if at(1) == '=' {
			n = 2
			if at(2) == '=' {
				n = 3
			}
		} else if c == '=' && at(1) == '>' {
			n = 2
		}
	case '<':
		if at(1) == '<' {
			n = 2
			if at(2) == '=' {
				n = 3
			}
		} else if at(1) == '=' {
			n = 2
		}
	case '>':
		switch {
		case at(1) == '>' && at(2) == '>' && at(3) == '=':
			n = 4
		case at(1) == '>' && (at(2) == '>' || at(2) == '='):
			n = 3
		case at(1) == '>' || at(1) == '=':
			n = 2
		}
	case '&', '|', '?', '*':
		switch {
		case at(1) == c && at(2) == '=':
			n = 3
		case at(1) == c || at(1) == '=' && c != '?':
			n = 2
		case c == '?' && at(1) == '.' && !digit[at(2)]:
			n = 2
		}
	case '+', '-':
		if at(1) == c || at(1) == '=' {
			n = 2
		}
	case '/', '%', '^':
		if at(1) == '=' {
			n = 2
		}
	default:
		if c >= 0x80 {
			for p+n < len(src) && src[p+n]&0xC0 == 0x80 {
				n++
			}
		}
	}
	t.pos = p + n
}

// jsxTag reads inside an opening or closing tag.
func (t *JSTokenizer) jsxTag() Token {
	src := t.src
	t.skipSpace()
	if t.pos >= len(src) {
		return Token{Kind: EOF, Start: t.pos, End: t.pos, Line: t.line}
	}
	start, line := t.pos, t.line
	n := len(t.frames) - 1
	c := src[start]
	t.pos++
	switch {
	case identStart[c]:
		for t.pos < len(src) && (identPart[src[t.pos]] || src[t.pos] == '-') {
			t.pos++
		}
		return Token{Kind: Name, Start: start, End: t.pos, Line: line}
	case c == '"' || c == '\'':
		for t.pos < len(src) && src[t.pos] != c {
			if src[t.pos] == '\n' {
				t.line++
			}
			t.pos++
		}
		if t.pos < len(src) {
			t.pos++
		}
		return Token{Kind: String, Start: start, End: t.pos, Line: line}
	case c == '{':
		t.frames = append(t.frames, jsFrame{kind: frJSXExpr})
		t.setTop()
		t.exprOK = true
	case c == '/' && t.pos < len(src) && src[t.pos] == '>':
		t.pos++
		t.frames = t.frames[:n]
		t.setTop()
		t.exprOK = false
	case c == '/' && t.pos < len(src) && (src[t.pos] == '/' || src[t.pos] == '*'):
		t.pos = start
		tok := t.code()
		return tok
	case c == '<':
		t.frames[n].depth++ // TSX type arguments: <Select<string> …>
	case c == '>' && t.frames[n].depth > 0:
		t.frames[n].depth--
	case c == '>':
		if t.frames[n].kind == frJSXTag {
			t.frames[n].kind = frJSXChildren
			t.setTop()
		} else {
			t.frames = t.frames[:n]
			t.setTop()
			t.exprOK = false
		}
	}
	return Token{Kind: Op, Start: start, End: t.pos, Line: line}
}

// jsxChildren reads the text between tags, or the "<" or "{" that ends it.
func (t *JSTokenizer) jsxChildren() Token {
	src := t.src
	start, line := t.pos, t.line
	if t.pos >= len(src) {
		return Token{Kind: EOF, Start: t.pos, End: t.pos, Line: t.line}
	}
	switch src[start] {
	case '{':
		t.pos++
		t.frames = append(t.frames, jsFrame{kind: frJSXExpr})
		t.setTop()
		t.exprOK = true
		return Token{Kind: Op, Start: start, End: t.pos, Line: line}
	case '<':
		t.pos++
		p := t.pos
		for p < len(src) && (src[p] == ' ' || src[p] == '\t' || src[p] == '\n' || src[p] == '\r') {
			p++
		}
		n := len(t.frames) - 1
		if p < len(src) && src[p] == '/' {
			t.frames[n].kind = frJSXClose
			t.setTop()
		} else {
			t.frames = append(t.frames, jsFrame{kind: frJSXTag})
			t.setTop()
		}
		return Token{Kind: Op, Start: start, End: t.pos, Line: line}
	}
	for t.pos < len(src) && src[t.pos] != '<' && src[t.pos] != '{' {
		if src[t.pos] == '\n' {
			t.line++
		}
		t.pos++
	}
	return Token{Kind: JSXText, Start: start, End: t.pos, Line: line}
}
