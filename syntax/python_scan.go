package syntax

// PyTokenizer splits Python source into tokens. It follows the CPython
// tokenizer where it matters for reading code: logical lines, INDENT/DEDENT,
// implicit joining inside brackets, backslash continuations, every string
// form, and f-strings tokenized in the 3.12 style (FStringStart, literal
// FStringMiddle parts, the tokens of each replacement field, FStringEnd).
// Bad input never stops it: an unterminated string ends at its line's end
// (or at EOF for triple quotes) and every call advances or returns EOF.
type PyTokenizer struct {
	src        []byte
	pos, line  int
	parens     int
	indents    []int
	dedents    int
	lineStart  bool
	needNL     bool // a token was emitted on the current logical line
	eof        bool
	modes      []pyMode
	pendingEnd bool
}

type pyMode struct {
	field       bool // a nested replacement field inside a format spec
	quote       byte
	triple, raw bool
	state       uint8 // fsLiteral, fsExpr, fsSpec
	depth       int   // parens at the start of the replacement field
	startParens int   // parens when the f-string began
}

const (
	fsLiteral uint8 = iota
	fsExpr
	fsSpec
)

// NewPyTokenizer returns a tokenizer over src.
func NewPyTokenizer(src []byte) *PyTokenizer {
	t := &PyTokenizer{}
	t.Reset(src)
	return t
}

// Reset starts the tokenizer over on src, keeping its buffers.
func (t *PyTokenizer) Reset(src []byte) {
	*t = PyTokenizer{src: src, line: 1, lineStart: true, indents: t.indents[:0], modes: t.modes[:0]}
	if len(src) >= 3 && src[0] == 0xEF && src[1] == 0xBB && src[2] == 0xBF {
		t.pos = 3
	}
}

// TokenizePython returns all tokens of src, EOF excluded.
func TokenizePython(src []byte) []Token {
	t := pyTokPool.Get().(*PyTokenizer)
	t.Reset(src)
	toks := collectPy(t)
	t.Reset(nil)
	pyTokPool.Put(t)
	return toks
}

func (t *PyTokenizer) tok(k Kind, start int) Token {
	return Token{Kind: k, Start: start, End: t.pos, Line: t.line}
}

// Next returns the next token; at the end it returns EOF forever.
func (t *PyTokenizer) Next() Token {
	if t.dedents > 0 {
		t.dedents--
		return Token{Kind: Dedent, Start: t.pos, End: t.pos, Line: t.line}
	}
	if n := len(t.modes); n > 0 && t.modes[n-1].state != fsExpr {
		return t.fstringText()
	}
	src := t.src
	for {
		if t.lineStart && t.parens == 0 && len(t.modes) == 0 {
			if tok, ok := t.indentation(); ok {
				return tok
			}
		}
		// skip blanks and continuations
		p := t.pos
		for p < len(src) {
			c := src[p]
			if c == ' ' || c == '\t' || c == '\f' {
				p++
			} else if c == '\\' && p+1 < len(src) && (src[p+1] == '\n' || src[p+1] == '\r') {
				p += 2
				if src[p-1] == '\r' && p < len(src) && src[p] == '\n' {
					p++
				}
				t.line++
			} else {
				break
			}
		}
		t.pos = p
		if p >= len(src) {
			return t.atEOF()
		}
		start := p
		c := src[p]
		switch {
		case c == '\n' || c == '\r':
			t.pos++
			if c == '\r' && t.pos < len(src) && src[t.pos] == '\n' {
				t.pos++
			}
			if len(t.modes) > 0 {
				if tok, ok := t.newlineInField(start); ok {
					return tok
				}
				t.line++
				continue
			}
			if t.parens > 0 || !t.needNL {
				t.line++
				t.lineStart = t.parens == 0
				continue
			}
			tok := Token{Kind: Newline, Start: start, End: t.pos, Line: t.line}
			t.line++
			t.needNL = false
			t.lineStart = true
			return tok
		case c == '#':
			for p < len(src) && src[p] != '\n' && src[p] != '\r' {
				p++
			}
			t.pos = p
			return Token{Kind: Comment, Start: start, End: p, Line: t.line}
		}
		t.needNL = true
		switch {
		case identStart[c] && c != '$':
			p++
			for p < len(src) && identPart[src[p]] {
				p++
			}
			t.pos = p
			if p < len(src) && (src[p] == '"' || src[p] == '\'') {
				if ok, f, raw := pyPrefix(src[start:p]); ok {
					return t.str(start, f, raw)
				}
			}
			return Token{Kind: Name, Start: start, End: p, Line: t.line}
		case digit[c] || c == '.' && t.pos+1 < len(src) && digit[src[t.pos+1]]:
			t.number()
			return t.tok(Number, start)
		case c == '"' || c == '\'':
			return t.str(start, false, false)
		}
		return t.op(start)
	}
}

// indentation handles the start of a physical line outside brackets. It
// returns an INDENT or DEDENT token when the level changes.
func (t *PyTokenizer) indentation() (Token, bool) {
	src := t.src
	col := 0
	p := t.pos
	begin := p
	for p < len(src) {
		switch src[p] {
		case ' ':
			col++
		case '\t':
			col = (col/8 + 1) * 8
		case '\f':
			col = 0
		default:
			goto done
		}
		p++
	}
done:
	t.pos = p
	if p >= len(src) || src[p] == '\n' || src[p] == '\r' || src[p] == '#' ||
		src[p] == '\\' && p+1 < len(src) && (src[p+1] == '\n' || src[p+1] == '\r') {
		return Token{}, false // blank or comment-only line: no change
	}
	t.lineStart = false
	cur := 0
	if n := len(t.indents); n > 0 {
		cur = t.indents[n-1]
	}
	if col > cur {
		t.indents = append(t.indents, col)
		return Token{Kind: Indent, Start: begin, End: t.pos, Line: t.line}, true
	}
	n := 0
	for len(t.indents) > 0 && t.indents[len(t.indents)-1] > col {
		t.indents = t.indents[:len(t.indents)-1]
		n++
	}
	if len(t.indents) > 0 && t.indents[len(t.indents)-1] < col {
		// inconsistent dedent: treat the new column as its own level
		t.indents = append(t.indents, col)
		n--
	}
	if n > 0 {
		t.dedents = n - 1
		return Token{Kind: Dedent, Start: t.pos, End: t.pos, Line: t.line}, true
	}
	return Token{}, false
}

func (t *PyTokenizer) atEOF() Token {
	t.modes = t.modes[:0]
	if t.needNL {
		t.needNL = false
		return Token{Kind: Newline, Start: t.pos, End: t.pos, Line: t.line}
	}
	if len(t.indents) > 0 {
		t.indents = t.indents[:len(t.indents)-1]
		return Token{Kind: Dedent, Start: t.pos, End: t.pos, Line: t.line}
	}
	return Token{Kind: EOF, Start: t.pos, End: t.pos, Line: t.line}
}

// newlineInField handles a line break inside an f-string replacement field:
// allowed in triple-quoted f-strings, it ends a single-quoted one (the string
// is unterminated) so that one bad line cannot swallow the file.
func (t *PyTokenizer) newlineInField(start int) (Token, bool) {
	i := len(t.modes) - 1
	for i > 0 && t.modes[i].field {
		i--
	}
	m := t.modes[i]
	if m.triple {
		return Token{}, false
	}
	t.modes = t.modes[:i]
	t.parens = m.startParens
	t.pos = start // the newline is read again as a normal one
	return Token{Kind: FStringEnd, Start: start, End: start, Line: t.line}, true
}

func pyPrefix(p []byte) (ok, f, raw bool) {
	if len(p) > 2 {
		return false, false, false
	}
	var r, b, u, ff int
	for _, c := range p {
		switch c | 0x20 {
		case 'r':
			r++
		case 'b':
			b++
		case 'u':
			u++
		case 'f', 't':
			ff++
		default:
			return false, false, false
		}
	}
	if r > 1 || b > 1 || u > 1 || ff > 1 || u == 1 && len(p) > 1 || b+ff > 1 {
		return false, false, false
	}
	return true, ff == 1, r == 1
}

func (t *PyTokenizer) number() {
	src := t.src
	p := t.pos
	if src[p] == '0' && p+1 < len(src) && (src[p+1]|0x20 == 'x' || src[p+1]|0x20 == 'o' || src[p+1]|0x20 == 'b') {
		p += 2
		for p < len(src) && (identPart[src[p]] && src[p] < 0x80) {
			p++
		}
		t.pos = p
		return
	}
	for p < len(src) {
		c := src[p]
		if digit[c] || c == '_' || c == '.' {
			p++
		} else if c|0x20 == 'e' {
			p++
			if p < len(src) && (src[p] == '+' || src[p] == '-') {
				p++
			}
		} else if c|0x20 == 'j' || c|0x20 == 'l' {
			p++
			break
		} else {
			break
		}
	}
	t.pos = p
}

// str reads a string starting at the quote at t.pos (prefix from start).
func (t *PyTokenizer) str(start int, f, raw bool) Token {
	src := t.src
	q := src[t.pos]
	triple := t.pos+2 < len(src) && src[t.pos+1] == q && src[t.pos+2] == q
	if triple {
		t.pos += 3
	} else {
		t.pos++
	}
	line := t.line
	if f {
		t.modes = append(t.modes, pyMode{quote: q, triple: triple, raw: raw, state: fsLiteral, startParens: t.parens})
		return Token{Kind: FStringStart, Start: start, End: t.pos, Line: line}
	}
	p := t.pos
	for p < len(src) {
		c := src[p]
		if c == '\\' {
			p += 2
			if p <= len(src) && src[p-1] == '\n' {
				t.line++
			} else if p <= len(src) && src[p-1] == '\r' {
				if p < len(src) && src[p] == '\n' {
					p++
				}
				t.line++
			}
			continue
		}
		if c == q {
			if !triple {
				p++
				break
			}
			if p+2 < len(src) && src[p+1] == q && src[p+2] == q {
				p += 3
				break
			}
		} else if c == '\n' || c == '\r' {
			if !triple {
				break // unterminated
			}
			if c == '\n' {
				t.line++
			} else if p+1 >= len(src) || src[p+1] != '\n' {
				t.line++
			}
		}
		p++
	}
	if p > len(src) {
		p = len(src)
	}
	t.pos = p
	return Token{Kind: String, Start: start, End: p, Line: line}
}

// fstringText reads inside an f-string outside a replacement field's
// expression: literal text, a format spec, "{", "}" or the closing quote.
func (t *PyTokenizer) fstringText() Token {
	src := t.src
	n := len(t.modes) - 1
	m := &t.modes[n]
	start := t.pos
	line := t.line
	// find the enclosing f-string for quote information
	fi := n
	for fi > 0 && t.modes[fi].field {
		fi--
	}
	fm := t.modes[fi]
	p := t.pos
	if p < len(src) {
		switch c := src[p]; {
		case c == '{' && (m.state == fsSpec || p+1 >= len(src) || src[p+1] != '{'):
			t.pos = p + 1
			if m.state == fsSpec {
				t.modes = append(t.modes, pyMode{field: true, state: fsExpr, depth: t.parens})
			} else {
				m.state = fsExpr
				m.depth = t.parens
			}
			return Token{Kind: Op, Start: p, End: p + 1, Line: line}
		case c == '}' && m.state == fsSpec:
			t.pos = p + 1
			if m.field {
				t.modes = t.modes[:n]
			} else {
				m.state = fsLiteral
			}
			return Token{Kind: Op, Start: p, End: p + 1, Line: line}
		}
	}
	for p < len(src) {
		c := src[p]
		switch {
		case c == '\\':
			if p+1 < len(src) && (src[p+1] == '{' || src[p+1] == '}') {
				p++
				continue
			}
			if !fm.raw && p+2 < len(src) && src[p+1] == 'N' && src[p+2] == '{' {
				p += 3
				for p < len(src) && src[p] != '}' && src[p] != fm.quote && src[p] != '\n' {
					p++
				}
				if p < len(src) && src[p] == '}' {
					p++
				}
				continue
			}
			p++
			if p < len(src) && (src[p] == '\n' || src[p] == '\r') {
				t.line++
				if src[p] == '\r' && p+1 < len(src) && src[p+1] == '\n' {
					p++
				}
			}
			if p < len(src) {
				p++
			}
			continue
		case c == '{':
			if m.state == fsLiteral && p+1 < len(src) && src[p+1] == '{' {
				p += 2
				continue
			}
			goto stop
		case c == '}':
			if m.state == fsSpec {
				goto stop
			}
			if p+1 < len(src) && src[p+1] == '}' {
				p += 2
				continue
			}
			p++ // a stray "}" is an error in Python; keep it as text
			continue
		case c == fm.quote:
			if !fm.triple || p+2 < len(src) && src[p+1] == c && src[p+2] == c {
				goto stop
			}
		case c == '\n' || c == '\r':
			if !fm.triple {
				goto stop
			}
			if c == '\n' || p+1 >= len(src) || src[p+1] != '\n' {
				t.line++
			}
		}
		p++
	}
stop:
	if p > start {
		t.pos = p
		return Token{Kind: FStringMiddle, Start: start, End: p, Line: line}
	}
	// at the closing quote, a line end (unterminated) or EOF: end the f-string
	if p < len(src) && src[p] == fm.quote {
		if fm.triple {
			p += 3
		} else {
			p++
		}
	}
	t.modes = t.modes[:fi]
	t.parens = fm.startParens
	t.pos = p
	return Token{Kind: FStringEnd, Start: start, End: p, Line: line}
}

func (t *PyTokenizer) op(start int) Token {
	src := t.src
	c := src[start]
	switch c {
	case '(', '[', '{':
		t.parens++
		t.pos++
		return t.tok(Op, start)
	case ')', ']', '}':
		if n := len(t.modes); n > 0 && c == '}' && t.parens == t.modes[n-1].depth {
			// end of a replacement field
			t.pos++
			if t.modes[n-1].field {
				t.modes = t.modes[:n-1]
			} else {
				t.modes[n-1].state = fsLiteral
			}
			return t.tok(Op, start)
		}
		if n := len(t.modes); n > 0 && t.parens <= t.modes[n-1].depth {
			t.pos++ // stray closer inside a replacement field
			return t.tok(Op, start)
		}
		if t.parens > 0 {
			t.parens--
		}
		t.pos++
		return t.tok(Op, start)
	case ':':
		if n := len(t.modes); n > 0 && t.parens == t.modes[n-1].depth && !(start+1 < len(src) && src[start+1] == '=') {
			t.pos++
			t.modes[n-1].state = fsSpec
			return t.tok(Op, start)
		}
	}
	at := func(k int) byte { return peek(src, start+k) }
	n := 1
	switch c {
	case '*', '/', '<', '>':
		if at(1) == c {
			n = 2
			if at(2) == '=' {
				n = 3
			}
		} else if at(1) == '=' || c == '<' && at(1) == '>' {
			n = 2
		}
	case '.':
		if at(1) == '.' && at(2) == '.' {
			n = 3
		}
	case '-':
		if at(1) == '>' || at(1) == '=' {
			n = 2
		}
	case ':', '=', '!', '+', '%', '&', '|', '^', '@':
		if at(1) == '=' {
			n = 2
		}
	}
	p := start + n
	if n == 1 {
		// keep multi-byte UTF-8 garbage together
		for p < len(src) && src[p]&0xC0 == 0x80 {
			p++
		}
	}
	t.pos = p
	return Token{Kind: Op, Start: start, End: p, Line: t.line}
}
