package syntax

import (
	"fmt"
	"strings"
	"testing"
)

// show renders tokens as "Kind:text" lines, comments included.
func show(src string, toks []Token) string {
	var b strings.Builder
	for _, t := range toks {
		fmt.Fprintf(&b, "%s:%s\n", t.Kind, src[t.Start:t.End])
	}
	return b.String()
}

func lines(s ...string) string { return strings.Join(s, "\n") + "\n" }

func TestPythonTokens(t *testing.T) {
	tests := []struct {
		name, src, want string
	}{
		{"indent and dedent", "def f():\n    x\n\ny\n", lines(
			"Name:def", "Name:f", "Op:(", "Op:)", "Op::", "Newline:\n", "Indent:    ", "Name:x", "Newline:\n",
			"Dedent:", "Name:y", "Newline:\n")},
		{"tabs and nested blocks", "if a:\n\tif b:\n\t\tc\nd", lines(
			"Name:if", "Name:a", "Op::", "Newline:\n", "Indent:\t", "Name:if", "Name:b", "Op::", "Newline:\n",
			"Indent:\t\t", "Name:c", "Newline:\n", "Dedent:", "Dedent:", "Name:d", "Newline:")},
		{"brackets join lines", "x = (1,\n  2)\ny", lines(
			"Name:x", "Op:=", "Op:(", "Number:1", "Op:,", "Number:2", "Op:)", "Newline:\n", "Name:y", "Newline:")},
		{"backslash continuation", "x = 1 + \\\n    2\n", lines(
			"Name:x", "Op:=", "Number:1", "Op:+", "Number:2", "Newline:\n")},
		{"comments and blank lines", "# c()\n\n  # indented comment\nx # t\n", lines(
			"Comment:# c()", "Comment:# indented comment", "Name:x", "Comment:# t", "Newline:\n")},
		{"string prefixes", `r'\d' b"x" Rb'y' bR"z" u'u' rf"{a}" F'q'`, lines(
			`String:r'\d'`, `String:b"x"`, `String:Rb'y'`, `String:bR"z"`, `String:u'u'`,
			`FStringStart:rf"`, "Op:{", "Name:a", "Op:}", `FStringEnd:"`,
			`FStringStart:F'`, "FStringMiddle:q", "FStringEnd:'", "Newline:")},
		{"not a prefix", `ub'x' print"y"`, lines("Name:ub", "String:'x'", "Name:print", `String:"y"`, "Newline:")},
		{"triple quotes", "s = '''a\n'b'\n''' + \"\"\"c\"\"\"", lines(
			"Name:s", "Op:=", "String:'''a\n'b'\n'''", "Op:+", `String:"""c"""`, "Newline:")},
		{"escaped quote", `'a\'b' "c\\"`, lines(`String:'a\'b'`, `String:"c\\"`, "Newline:")},
		{"f-string nested quotes 3.12", `f"{x["k"]} {f'{y}'}"`, lines(
			`FStringStart:f"`, "Op:{", "Name:x", "Op:[", `String:"k"`, "Op:]", "Op:}", "FStringMiddle: ",
			"Op:{", "FStringStart:f'", "Op:{", "Name:y", "Op:}", "FStringEnd:'", "Op:}", `FStringEnd:"`, "Newline:")},
		{"f-string escapes and spec", `f"{{a}} {x:>{w}.2f} {y!r} {z=}"`, lines(
			`FStringStart:f"`, "FStringMiddle:{{a}} ", "Op:{", "Name:x", "Op::", "FStringMiddle:>",
			"Op:{", "Name:w", "Op:}", "FStringMiddle:.2f", "Op:}", "FStringMiddle: ", "Op:{", "Name:y", "Op:!", "Name:r",
			"Op:}", "FStringMiddle: ", "Op:{", "Name:z", "Op:=", "Op:}", `FStringEnd:"`, "Newline:")},
		{"f-string dict and slice", `f"{d[1:2]} {({'a': 1})['a']}"`, lines(
			`FStringStart:f"`, "Op:{", "Name:d", "Op:[", "Number:1", "Op::", "Number:2", "Op:]", "Op:}", "FStringMiddle: ",
			"Op:{", "Op:(", "Op:{", "String:'a'", "Op::", "Number:1", "Op:}", "Op:)", "Op:[", "String:'a'", "Op:]", "Op:}",
			`FStringEnd:"`, "Newline:")},
		{"triple f-string over lines", "f'''a\n{b\n}c'''\nx", lines(
			"FStringStart:f'''", "FStringMiddle:a\n", "Op:{", "Name:b", "Op:}", "FStringMiddle:c", "FStringEnd:'''",
			"Newline:\n", "Name:x", "Newline:")},
		{"unterminated string ends at line end", "x = 'abc\ny = 1\n", lines(
			"Name:x", "Op:=", "String:'abc", "Newline:\n", "Name:y", "Op:=", "Number:1", "Newline:\n")},
		{"unterminated f-string field", "x = f'{a\ny()\n", lines(
			"Name:x", "Op:=", "FStringStart:f'", "Op:{", "Name:a", "FStringEnd:", "Newline:\n", "Name:y", "Op:(", "Op:)", "Newline:\n")},
		{"unterminated triple", "x = '''abc\ndef", lines("Name:x", "Op:=", "String:'''abc\ndef", "Newline:")},
		{"numbers", "0x1F 1_000 3.14e-10 1j .5 0o7 0b1", lines(
			"Number:0x1F", "Number:1_000", "Number:3.14e-10", "Number:1j", "Number:.5", "Number:0o7", "Number:0b1", "Newline:")},
		{"operators", "a **= b // c -> d := e != f @ g ...", lines(
			"Name:a", "Op:**=", "Name:b", "Op://", "Name:c", "Op:->", "Name:d", "Op::=", "Name:e", "Op:!=", "Name:f",
			"Op:@", "Name:g", "Op:...", "Newline:")},
		{"dedent at EOF", "class A:\n  def f(self):\n    pass", lines(
			"Name:class", "Name:A", "Op::", "Newline:\n", "Indent:  ", "Name:def", "Name:f", "Op:(", "Name:self", "Op:)",
			"Op::", "Newline:\n", "Indent:    ", "Name:pass", "Newline:", "Dedent:", "Dedent:")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := show(tt.src, TokenizePython([]byte(tt.src)))
			if got != tt.want {
				t.Errorf("tokens of %q:\n got:\n%s\nwant:\n%s", tt.src, got, tt.want)
			}
		})
	}
}

func TestPythonTokenLines(t *testing.T) {
	src := "a = '''x\ny'''\nb = (1,\n2)\nc = \\\n 3\nd\n"
	want := map[string]int{"a": 1, "b": 3, "c": 5, "3": 6, "d": 7}
	for _, tok := range TokenizePython([]byte(src)) {
		if l, ok := want[src[tok.Start:tok.End]]; ok && l != tok.Line {
			t.Errorf("%q on line %d, want %d", src[tok.Start:tok.End], tok.Line, l)
		}
	}
}

func TestJSTokens(t *testing.T) {
	tests := []struct {
		name, src string
		jsx       bool
		want      string
	}{
		{"regex vs division", "a = b / c / d; r = /x\\/\\/y['\"]/gi.test(s)", false, lines(
			"Name:a", "Op:=", "Name:b", "Op:/", "Name:c", "Op:/", "Name:d", "Op:;", "Name:r", "Op:=",
			`Regex:/x\/\/y['"]/gi`, "Op:.", "Name:test", "Op:(", "Name:s", "Op:)")},
		{"regex after keyword and paren", "return /a/; (x) / 2; x = [/b[/]c/]", false, lines(
			"Name:return", "Regex:/a/", "Op:;", "Op:(", "Name:x", "Op:)", "Op:/", "Number:2", "Op:;",
			"Name:x", "Op:=", "Op:[", "Regex:/b[/]c/", "Op:]")},
		{"comments", "// a()\n/* b()\n*/ c", false, lines("Comment:// a()", "Comment:/* b()\n*/", "Name:c")},
		{"strings", `'it\'s' "a//b" 'x`, false, lines(`String:'it\'s'`, `String:"a//b"`, "String:'x")},
		{"nested templates", "`a ${`b ${\"}\"} c`} d ${e}`", false, lines(
			"TemplateHead:`a ${", "TemplateHead:`b ${", `String:"}"`, "TemplateTail:} c`", "TemplateMiddle:} d ${",
			"Name:e", "TemplateTail:}`")},
		{"template with object", "`${ {a: 1}.a }`", false, lines(
			"TemplateHead:`${", "Op:{", "Name:a", "Op::", "Number:1", "Op:}", "Op:.", "Name:a", "TemplateTail:}`")},
		{"numbers", "1_000n 0xFFn .5e-3 0b1 1e+9", false, lines(
			"Number:1_000n", "Number:0xFFn", "Number:.5e-3", "Number:0b1", "Number:1e+9")},
		{"punctuators", "a?.b ?? c >>>= d === e => f ?.5:1", false, lines(
			"Name:a", "Op:?.", "Name:b", "Op:??", "Name:c", "Op:>>>=", "Name:d", "Op:===", "Name:e", "Op:=>", "Name:f",
			"Op:?", "Number:.5", "Op::", "Number:1")},
		{"private and decorator", "@Dec() class A { #x = 1 }", false, lines(
			"Op:@", "Name:Dec", "Op:(", "Op:)", "Name:class", "Name:A", "Op:{", "PrivateName:#x", "Op:=", "Number:1", "Op:}")},
		{"jsx text with apostrophe", "x = <p className='a'>don't {y}</p>;", true, lines(
			"Name:x", "Op:=", "Op:<", "Name:p", "Name:className", "Op:=", "String:'a'", "Op:>", "JSXText:don't ",
			"Op:{", "Name:y", "Op:}", "Op:<", "Op:/", "Name:p", "Op:>", "Op:;")},
		{"jsx nested, fragments, self closing", "f(<><a-b x={`t`} /><B.C>{[1].map(i => <i>{i}</i>)}</B.C></>)", true, lines(
			"Name:f", "Op:(", "Op:<", "Op:>", "Op:<", "Name:a-b", "Name:x", "Op:=", "Op:{", "Template:`t`", "Op:}", "Op:/>",
			"Op:<", "Name:B", "Op:.", "Name:C", "Op:>", "Op:{", "Op:[", "Number:1", "Op:]", "Op:.", "Name:map", "Op:(",
			"Name:i", "Op:=>", "Op:<", "Name:i", "Op:>", "Op:{", "Name:i", "Op:}", "Op:<", "Op:/", "Name:i", "Op:>", "Op:)",
			"Op:}", "Op:<", "Op:/", "Name:B", "Op:.", "Name:C", "Op:>", "Op:<", "Op:/>", "Op:)")},
		{"jsx off in .ts: generic call and assertion", "foo<Bar>(x); y = <T>z;", false, lines(
			"Name:foo", "Op:<", "Name:Bar", "Op:>", "Op:(", "Name:x", "Op:)", "Op:;", "Name:y", "Op:=", "Op:<", "Name:T",
			"Op:>", "Name:z", "Op:;")},
		{"comparison is not jsx", "if (a <b) c = d < e;", true, lines(
			"Name:if", "Op:(", "Name:a", "Op:<", "Name:b", "Op:)", "Name:c", "Op:=", "Name:d", "Op:<", "Name:e", "Op:;")},
		{"tsx generic arrow", "const f = <T,>(x: T) => x", true, lines(
			"Name:const", "Name:f", "Op:=", "Op:<", "Name:T", "Op:,", "Op:>", "Op:(", "Name:x", "Op::", "Name:T", "Op:)",
			"Op:=>", "Name:x")},
		{"division after jsx", "a = <b/> / 2", true, lines("Name:a", "Op:=", "Op:<", "Name:b", "Op:/>", "Op:/", "Number:2")},
		{"tsx element with type arguments", "x = <Select<string> a={1}>t</Select>", true, lines(
			"Name:x", "Op:=", "Op:<", "Name:Select", "Op:<", "Name:string", "Op:>", "Name:a", "Op:=", "Op:{", "Number:1", "Op:}",
			"Op:>", "JSXText:t", "Op:<", "Op:/", "Name:Select", "Op:>")},
		{"hashbang", "#!/usr/bin/env node\nx", false, lines("Comment:#!/usr/bin/env node", "Name:x")},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			got := show(tt.src, TokenizeJS([]byte(tt.src), tt.jsx))
			if got != tt.want {
				t.Errorf("tokens of %q:\n got:\n%s\nwant:\n%s", tt.src, got, tt.want)
			}
		})
	}
}

func TestJSTokenLines(t *testing.T) {
	src := "a\n/* x\ny */ b\n`t\n${c}\n` d\n<p>\ne</p>\nf"
	want := map[string]int{"a": 1, "b": 3, "c": 5, "d": 6, "f": 9}
	for _, tok := range TokenizeJS([]byte(src), true) {
		if l, ok := want[src[tok.Start:tok.End]]; ok && l != tok.Line {
			t.Errorf("%q on line %d, want %d", src[tok.Start:tok.End], tok.Line, l)
		}
	}
}

func TestCRLF(t *testing.T) {
	py := "x = (1,\r\n 2)\r\nif a:\r\n    b = '''s\r\nt'''\r\nc\r\n"
	got := show(py, TokenizePython([]byte(py)))
	want := lines("Name:x", "Op:=", "Op:(", "Number:1", "Op:,", "Number:2", "Op:)", "Newline:\r\n", "Name:if", "Name:a", "Op::",
		"Newline:\r\n", "Indent:    ", "Name:b", "Op:=", "String:'''s\r\nt'''", "Newline:\r\n", "Dedent:", "Name:c", "Newline:\r\n")
	if got != want {
		t.Errorf("python CRLF:\n got:\n%s\nwant:\n%s", got, want)
	}
	for _, tok := range TokenizePython([]byte(py)) {
		if py[tok.Start:tok.End] == "c" && tok.Line != 6 {
			t.Errorf("python CRLF: c on line %d, want 6", tok.Line)
		}
	}
	js := "a // x\r\nb /* y\r\n */ c\r\n`t\r\n` d"
	for _, tok := range TokenizeJS([]byte(js), false) {
		want := map[string]int{"a": 1, "b": 2, "c": 3, "d": 5}
		if l, ok := want[js[tok.Start:tok.End]]; ok && l != tok.Line {
			t.Errorf("js CRLF: %q on line %d, want %d", js[tok.Start:tok.End], tok.Line, l)
		}
		if tok.Kind == Comment && js[tok.End-1] == '\n' {
			t.Errorf("js CRLF: comment %q takes the line end", js[tok.Start:tok.End])
		}
	}
}
