package syntax

import (
	"strings"
	"testing"
)

// TestLinearOnPathologicalInput parses 256 KiB inputs built to provoke
// rescans (deep nesting, long modifier runs, chains of arrows, unclosed
// strings and templates). A quadratic parser would not finish in the test
// timeout; a linear one takes milliseconds.
func TestLinearOnPathologicalInput(t *testing.T) {
	if testing.Short() {
		t.Skip("large inputs")
	}
	const size = MaxFileSize / 4
	rep := func(s string) []byte { return []byte(strings.Repeat(s, size/len(s))) }
	py := map[string][]byte{
		"open parens":       rep("("),
		"nested f-strings":  rep("f'{"),
		"indent staircase":  []byte(strings.Repeat("if x:\n", 1) + strings.Repeat(" ", size/2) + "y\n"),
		"decorators":        rep("@a.b(c)\n"),
		"def headers":       rep("def f(a, b=(1, [2, {3: (4,)}])) -> x[y]:"),
		"unclosed triple":   append([]byte("'''"), rep("a\n")...),
		"dotted chain":      rep("a."),
		"call after call":   rep("a().b"),
		"deep def nesting":  []byte(nestedDefs(700)),
		"classes and bases": rep("class A(B, C(D), metaclass=M): pass\n"),
	}
	for name, src := range py {
		t.Run("python/"+name, func(t *testing.T) {
			checkFile(t, src, ParsePython(src, PyOptions{Module: "m"}))
		})
	}
	js := map[string][]byte{
		"open parens":        rep("("),
		"arrow chain":        rep("x=>"),
		"paren arrow chain":  rep("(a):b=>"),
		"modifiers":          append([]byte("class A {"), rep("static ")...),
		"templates":          rep("`${"),
		"jsx":                rep("<a>{"),
		"generic-like":       rep("a<b,"),
		"regex-like":         rep("=/["),
		"objects":            rep("{a:"),
		"functions":          rep("function f(a,b){"),
		"unbalanced closers": rep(")}]"),
		"comparisons":        rep("a < b > (c) "),
		"binding lookback":   rep("const a = b = c = d = "),
	}
	for name, src := range js {
		for _, opts := range []JSOptions{{TypeScript: true}, {JSX: true}} {
			t.Run("js/"+name, func(t *testing.T) {
				checkFile(t, src, ParseJS(src, opts))
			})
		}
	}
}

func nestedDefs(n int) string {
	var b strings.Builder
	for i := 0; i < n; i++ {
		b.WriteString(strings.Repeat(" ", i))
		b.WriteString("def f():\n")
	}
	b.WriteString(strings.Repeat(" ", n) + "g()\n")
	return b.String()
}
