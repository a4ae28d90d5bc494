package analyzers

import (
	"bytes"
	"context"
	"fmt"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stackaudit/stackaudit/detectors"
	"github.com/stackaudit/stackaudit/repo"
	"github.com/stackaudit/stackaudit/syntax"
)

func TestJSONCCompilerOption(t *testing.T) {
	tests := []struct {
		name, src, key string
		want           string
		line           int
		ok             bool
	}{
		{"plain", "{\n  \"compilerOptions\": {\n    \"strict\": false\n  }\n}\n", "strict", "false", 3, true},
		{"comments and trailing comma", "{\n  // old\n  \"compilerOptions\": {\n    /* \"strict\": true, */\n    \"strict\": false,\n  },\n}\n", "strict", "false", 5, true},
		{"byte-order mark", "\ufeff{\"compilerOptions\": {\n\"checkJs\": true}}", "checkJs", "true", 2, true},
		{"key outside compilerOptions", "{\"strict\": false, \"compilerOptions\": {}}", "strict", "", 0, false},
		{"missing", "{\"compilerOptions\": {\"target\": \"ES2022\"}}", "strict", "", 0, false},
		{"compilerOptions not an object", "{\"compilerOptions\": []}", "strict", "", 0, false},
		{"root not an object", "[1, 2]", "strict", "", 0, false},
		{"malformed", "{\"compilerOptions\": {\"strict\": }", "strict", "", 0, false},
		{"empty", "", "strict", "", 0, false},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			v, line, ok := jsoncCompilerOption([]byte(tt.src), tt.key)
			if ok != tt.ok || line != tt.line || string(v) != tt.want {
				t.Errorf("jsoncCompilerOption = %q, %d, %v; want %q, %d, %v", v, line, ok, tt.want, tt.line, tt.ok)
			}
		})
	}
}

func TestTypedDeclarations(t *testing.T) {
	src := `import type { RequestHandler } from "express";
export const list: RequestHandler = async (req, res) => {};
export const get: RequestHandler<{ id: string }, Array<Array<number>>> = (req) => {};
export const loose: Handler<any> = (req) => {};
let fn: (a: number) => void = (a) => {};
const untyped = (a) => a;
const text = "const fake: Handler = 1";
var broken: Foo;
`
	got := typedDeclarations([]byte(src), false)
	want := map[string]string{
		"list":  "RequestHandler",
		"get":   "RequestHandler<{ id: string }, Array<Array<number>>>",
		"loose": "Handler<any>",
		"fn":    "(a: number) => void",
	}
	if len(got) != len(want) {
		t.Errorf("typedDeclarations = %q, want %q", got, want)
	}
	for k, v := range want {
		if got[k] != v {
			t.Errorf("typedDeclarations[%q] = %q, want %q", k, got[k], v)
		}
	}
}

func TestMentionsAny(t *testing.T) {
	for typ, want := range map[string]bool{
		"any": true, "Record<string, any>": true, "Promise<any[]>": true, "(x: any) => void": true,
		"": false, "string": false, "Company": false, "anything": false, "'any'": false, "AnyOf<T>": false,
	} {
		if got := mentionsAny(typ); got != want {
			t.Errorf("mentionsAny(%q) = %v, want %v", typ, got, want)
		}
	}
}

func TestPercent(t *testing.T) {
	for share, want := range map[float64]string{0: "0%", 0.004: "0%", 0.25: "25%", 0.714: "71%", 0.996: "99%", 1: "100%"} {
		if got := percent(share); got != want {
			t.Errorf("percent(%v) = %q, want %q", share, got, want)
		}
	}
}

func TestTypeScriptTyped(t *testing.T) {
	src := `export function a(x: number, y = 2): string { return "" }
export function b(x: any): void {}
export function c(x) : void {}
export function d(x: number) { return x }
export class K {
  constructor(x: number) {}
  set v(n: number) {}
  m(): Record<string, any> { return {} }
}
export function Card({ t }: { t: string }) { return null }
`
	f := syntax.ParseJS([]byte(src), syntax.JSOptions{TypeScript: true, JSX: true})
	want := map[string]bool{"a": true, "b": false, "c": false, "d": false, "K.constructor": true, "K.v": true, "K.m": false, "Card": true}
	for i := range f.Functions {
		fn := &f.Functions[i]
		w, ok := want[fn.QualName]
		if !ok {
			continue
		}
		component := fn.Name == "Card"
		if got := typeScriptTyped(fn, component); got != w {
			t.Errorf("typeScriptTyped(%s) = %v, want %v", fn.QualName, got, w)
		}
		delete(want, fn.QualName)
	}
	if len(want) > 0 {
		t.Errorf("functions not found: %v", want)
	}
}

// FuzzTSConfigReaders feeds untrusted tsconfig and TypeScript text to the
// readers the typing rules use: no panic, and lines within the input.
func FuzzTSConfigReaders(f *testing.F) {
	for _, s := range []string{
		"{\"compilerOptions\": {\"strict\": false}}",
		"{\n// c\n\"compilerOptions\": {\"checkJs\": true,},}",
		"\ufeff{}",
		"export const h: Handler<{ a: B }> = (req) => {};",
		"const x: (a: number) => void = a => a; let y: A<B<C>> = 1",
		"const a: ",
		"var b: >>>>)))= 1",
	} {
		f.Add([]byte(s))
	}
	f.Fuzz(func(t *testing.T, b []byte) {
		if _, line, ok := jsoncCompilerOption(b, "strict"); ok && (line < 1 || line > len(b)+1) {
			t.Fatalf("line %d out of range", line)
		}
		for name, typ := range typedDeclarations(b, true) {
			if name == "" || typ == "" {
				t.Fatalf("empty declaration %q: %q", name, typ)
			}
		}
		mentionsAny(string(b))
	})
}

// TestTypingRulesBadInput runs the typing rules over files they cannot
// read: a binary Python file, one over the size cap, a malformed tsconfig.
// The scan goes on and the readable files are still counted.
func TestTypingRulesBadInput(t *testing.T) {
	var untyped strings.Builder
	for i := 0; i < 25; i++ {
		fmt.Fprintf(&untyped, "def f%d(a, b):\n    return a\n\n\n", i)
	}
	fsys := fstest.MapFS{
		"pyproject.toml":    {Data: []byte("[project]\nname = \"x\"\nversion = \"1\"\ndependencies = [\"flask\"]\n")},
		"app/views.py":      {Data: []byte(untyped.String())},
		"app/binary.py":     {Data: []byte("def f(\x00\x01\x02):\n")},
		"app/huge.py":       {Data: bytes.Repeat([]byte("def g(a): pass\n"), 80000)},
		"web/package.json":  {Data: []byte(`{"name": "web", "dependencies": {"express": "4"}}`)},
		"web/tsconfig.json": {Data: []byte(`{"compilerOptions": {"strict": fals`)},
		"web/src/a.ts":      {Data: []byte("export const a = (x: number): number => x;\n")},
	}
	ctx := context.Background()
	snap, err := repo.FromFS(ctx, fsys, repo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	inv := detectors.Detect(ctx, snap)
	var got []string
	for _, f := range Run(ctx, snap, inv, nil) {
		if strings.HasPrefix(f.Code, "SA10") {
			got = append(got, f.Code+" "+f.Location.Path+": "+f.Message)
		}
	}
	// Three Python files are under SA103's min-files; the tsconfig that
	// cannot be parsed says nothing about strict.
	want := []string{
		"SA104 pyproject.toml: pyproject.toml: 0 of 25 function signatures (0%)",
	}
	if len(got) != len(want) {
		t.Fatalf("findings:\n%s\nwant %d", strings.Join(got, "\n"), len(want))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("finding %d = %q, want prefix %q", i, got[i], want[i])
		}
	}
}
