package syntax

import (
	"testing"
)

var pySeeds = []string{
	"def f(a: int = 1, *args, **kw) -> None:\n    return g(a)\n",
	"@app.route('/x', methods=['GET'])\nasync def h():\n    await x.y()\n",
	"class A(B, metaclass=M):\n\tdef m(self): pass\n",
	"from ..a import (b as c,\n d)\nimport os.path as p\n",
	"f\"{x!r:>{w}} {{lit}} {f'{y}'}\"\n",
	"f'''a\n{b\n}c'''\n",
	"x = f'{a\ny = 'unterminated\n'''never closed",
	"if a:\n  if b:\n      c\n   d\n",
	"x = \\\n  1\n",
	"rb'\\d' Rf\"{x}\" u'\\N{DASH}' f'\\N{DASH}{x}'",
	"f'{'", "f'}'", "f'{x:{'", "(((", ")))", "\t \f\r\n\\", "@", "def", "class", "from . import",
}

var jsSeeds = []string{
	"import a, { b as c } from 'x'; export * from './y'; const z = require('z'); import('w');",
	"app.get('/x', async (req, res) => { res.send(`a ${`b ${\"}\"}`}`) });",
	"const re = /ab\\/\\/['\"]/g, d = a / b / c;",
	"class A extends B { @Get(':id') public async get(@Param('id') id: string): Promise<void> {} }",
	"export const f = async (a: number): Promise<void> => g<H>(a);",
	"function C() { return <div className='a' onClick={() => go(1)}><p>don't {x}</p><br/></div>; }",
	"const f = <T,>(x: T) => x; foo<Bar>(x); a < b;",
	"`${", "`${`${`${", "<a", "<a>{", "<a></", "/*", "//", "'", "\"\\", "/[", "#!x", "@", "(", ")", "}", "{", "=>",
	"x => y => z => w", "async x => 1\nfoo()", "class { static async *[Symbol.iterator]() {} }",
}

func checkTokens(t *testing.T, src []byte, toks []Token) {
	t.Helper()
	if len(toks) > 3*len(src)+16 {
		t.Fatalf("%d tokens for %d bytes", len(toks), len(src))
	}
	end, line := 0, 1
	for _, tok := range toks {
		if tok.Start < end || tok.End < tok.Start || tok.End > len(src) {
			t.Fatalf("token %v out of order after offset %d (len %d)", tok, end, len(src))
		}
		if tok.Line < line {
			t.Fatalf("token %v goes back from line %d", tok, line)
		}
		end, line = tok.End, tok.Line
	}
}

func FuzzPythonTokenizer(f *testing.F) {
	for _, s := range pySeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkTokens(t, src, TokenizePython(src))
	})
}

func FuzzJSTokenizer(f *testing.F) {
	for _, s := range jsSeeds {
		f.Add([]byte(s), true)
		f.Add([]byte(s), false)
	}
	f.Fuzz(func(t *testing.T, src []byte, jsx bool) {
		checkTokens(t, src, TokenizeJS(src, jsx))
	})
}

func checkFile(t *testing.T, src []byte, f *File) {
	t.Helper()
	for i, fn := range f.Functions {
		if fn.BodyStart < 0 || fn.BodyEnd < fn.BodyStart || fn.BodyEnd > len(src) {
			t.Fatalf("function %d %q body [%d,%d) outside [0,%d)", i, fn.QualName, fn.BodyStart, fn.BodyEnd, len(src))
		}
		if fn.EndLine < fn.Line || fn.Line < 1 {
			t.Fatalf("function %d %q lines %d-%d", i, fn.QualName, fn.Line, fn.EndLine)
		}
		if fn.Parent >= i {
			t.Fatalf("function %d parent %d", i, fn.Parent)
		}
	}
}

func FuzzParsePython(f *testing.F) {
	for _, s := range pySeeds {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, src []byte) {
		checkFile(t, src, ParsePython(src, PyOptions{Module: "pkg.mod"}))
	})
}

func FuzzParseJS(f *testing.F) {
	for _, s := range jsSeeds {
		f.Add([]byte(s), true, true)
		f.Add([]byte(s), false, false)
	}
	f.Fuzz(func(t *testing.T, src []byte, ts, jsx bool) {
		checkFile(t, src, ParseJS(src, JSOptions{TypeScript: ts, JSX: jsx}))
	})
}
