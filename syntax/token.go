// Package syntax reads Python and JavaScript/TypeScript source: tokenizers
// that get strings, comments and nesting right, and per-file summaries
// (imports, functions, classes, calls) built on top of them. It is not a full
// parser; it is exact about what is code and what is text, and linear in time
// on any input.
package syntax

import (
	"bytes"
	"path"
	"strings"
	"sync"
)

// MaxFileSize is the size above which callers should skip a file instead of
// parsing it (the snapshot's default cap, 1 MiB).
const MaxFileSize = 1 << 20

// TooLarge reports whether a file of n bytes is over MaxFileSize.
func TooLarge(n int64) bool { return n > MaxFileSize }

// Kind is the kind of a token.
type Kind uint8

// Token kinds shared by both tokenizers.
const (
	EOF            Kind = iota
	Name                // identifier or keyword
	Number              // numeric literal
	String              // complete string literal, quotes and prefix included
	Op                  // operator or punctuation
	Comment             // comment, markers included
	Newline             // Python: end of a logical line
	Indent              // Python: start of an indented block
	Dedent              // Python: end of an indented block
	FStringStart        // Python: f-string prefix and opening quote
	FStringMiddle       // Python: literal text inside an f-string
	FStringEnd          // Python: closing quote of an f-string (empty if unterminated)
	Template            // JS: template literal without substitutions
	TemplateHead        // JS: "`text${"
	TemplateMiddle      // JS: "}text${"
	TemplateTail        // JS: "}text`"
	Regex               // JS: regular-expression literal with flags
	JSXText             // JS: text between JSX tags
	PrivateName         // JS: #name
)

var kindNames = [...]string{"EOF", "Name", "Number", "String", "Op", "Comment", "Newline", "Indent", "Dedent",
	"FStringStart", "FStringMiddle", "FStringEnd", "Template", "TemplateHead", "TemplateMiddle", "TemplateTail",
	"Regex", "JSXText", "PrivateName"}

// String returns the kind's name ("Name", "FStringStart").
func (k Kind) String() string {
	if int(k) < len(kindNames) {
		return kindNames[k]
	}
	return "Kind(?)"
}

// Token is one token: its kind, its byte span [Start, End) in the source and
// the 1-based line it starts on.
type Token struct {
	Kind       Kind
	Start, End int
	Line       int
}

// Text returns the token's bytes in src.
func (t Token) Text(src []byte) []byte { return src[t.Start:t.End] }

// Lang is the language of a source file.
type Lang uint8

// Languages Parse understands.
const (
	Unknown Lang = iota
	Python
	JavaScript
	TypeScript
)

// String returns the language's lower-case name.
func (l Lang) String() string {
	switch l {
	case Python:
		return "python"
	case JavaScript:
		return "javascript"
	case TypeScript:
		return "typescript"
	}
	return "unknown"
}

// LangOf returns the language of a file from its extension, and whether JSX
// is allowed in it.
func LangOf(p string) (lang Lang, jsx bool) {
	switch strings.ToLower(path.Ext(p)) {
	case ".py", ".pyi":
		return Python, false
	case ".js", ".jsx", ".mjs", ".cjs":
		return JavaScript, true
	case ".tsx":
		return TypeScript, true
	case ".ts", ".mts", ".cts":
		return TypeScript, false
	}
	return Unknown, false
}

// character classes
var (
	identStart, identPart, digit = classTables()
)

func classTables() (identStart, identPart, digit [256]bool) {
	for c := 0; c < 256; c++ {
		b := byte(c)
		l := b >= 'a' && b <= 'z' || b >= 'A' && b <= 'Z' || b == '_' || b >= 0x80
		identStart[c] = l || b == '$'
		identPart[c] = l || b == '$' || b >= '0' && b <= '9'
		digit[c] = b >= '0' && b <= '9'
	}
	return
}

// countLines returns the number of newlines in b.
func countLines(b []byte) int { return bytes.Count(b, nl) }

var nl = []byte{'\n'}

// Token buffers are reused between files: a summary never keeps its tokens.
var tokPool = sync.Pool{New: func() any { return new([]Token) }}

func getTokens() *[]Token {
	p := tokPool.Get().(*[]Token)
	*p = (*p)[:0]
	return p
}

func putTokens(p *[]Token) {
	if cap(*p) <= 1<<18 {
		tokPool.Put(p)
	}
}

// dottedRun reports whether b is only identifier characters and dots, so a
// dotted name can be sliced from the source as written.
func dottedRun(b []byte) bool {
	for _, c := range b {
		if !identPart[c] && c != '.' {
			return false
		}
	}
	return true
}

// maxChain caps callees built through calls ("a().b().c"), so that a long
// chain costs linear, not quadratic, memory.
const maxChain = 256

// peek returns src[i], or 0 past the end.
func peek(src []byte, i int) byte {
	if i < len(src) {
		return src[i]
	}
	return 0
}

// Tokenizers are reused by TokenizePython and TokenizeJS.
var (
	pyTokPool = sync.Pool{New: func() any { return new(PyTokenizer) }}
	jsTokPool = sync.Pool{New: func() any { return new(JSTokenizer) }}
)

// collectPy gathers t's tokens up to EOF (excluded) into a reused buffer
// and returns a copy of exactly their number, never nil. (One function per
// tokenizer, so that Next is a direct call.)
func collectPy(t *PyTokenizer) []Token {
	buf := getTokens()
	toks := *buf
	for {
		tok := t.Next()
		if tok.Kind == EOF {
			break
		}
		toks = append(toks, tok)
	}
	return copyTokens(buf, toks)
}

// collectJS is collectPy for JavaScript.
func collectJS(t *JSTokenizer) []Token {
	buf := getTokens()
	toks := *buf
	for {
		tok := t.Next()
		if tok.Kind == EOF {
			break
		}
		toks = append(toks, tok)
	}
	return copyTokens(buf, toks)
}

// copyTokens returns a copy of toks, exactly sized, and gives their buffer
// buf back to the pool.
func copyTokens(buf *[]Token, toks []Token) []Token {
	out := make([]Token, len(toks))
	copy(out, toks)
	*buf = toks
	putTokens(buf)
	return out
}
