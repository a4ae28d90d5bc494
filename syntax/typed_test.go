package syntax

import "testing"

func TestFullyTyped(t *testing.T) {
	py := "def a(x: int) -> int: ...\ndef b(x) -> int: ...\ndef c(x: int): ...\ndef d(): ...\ndef e() -> None: ...\n" +
		"class K:\n    def __init__(self, x: int): ...\n    def m(self, y: str) -> str: ...\n    @staticmethod\n    def s(z) -> int: ...\n    def n(self, *args: Any, **kw: int) -> Any: ...\n"
	want := map[string][2]bool{ // typed, any
		"a": {true, false}, "b": {false, false}, "c": {false, false}, "d": {false, false}, "e": {true, false},
		"K.__init__": {true, false}, "K.m": {true, false}, "K.s": {false, false}, "K.n": {true, true},
	}
	for _, fn := range ParsePython([]byte(py), PyOptions{}).Functions {
		if got := [2]bool{fn.FullyTyped(Python), fn.UsesAny()}; got != want[fn.QualName] {
			t.Errorf("python %s: typed, any = %v, want %v", fn.QualName, got, want[fn.QualName])
		}
	}
	ts := "export function a(x: number): string { return '' }\nexport function b(x): string { return '' }\n" +
		"export const c = (x: number) => x;\nexport const d = (x: any): number => 1;\n" +
		"class K { constructor(private x: number) {} set v(y: string) {} get w(): Many { return 1 } }\napp.get('/', (req: Request, res: Response) => {});\n"
	want = map[string][2]bool{
		"a": {true, false}, "b": {false, false}, "c": {false, false}, "d": {true, true},
		"K.constructor": {true, false}, "K.v": {true, false}, "K.w": {true, false}, "": {true, false},
	}
	for _, fn := range ParseJS([]byte(ts), JSOptions{TypeScript: true}).Functions {
		if got := [2]bool{fn.FullyTyped(TypeScript), fn.UsesAny()}; got != want[fn.QualName] {
			t.Errorf("ts %s: typed, any = %v, want %v", fn.QualName, got, want[fn.QualName])
		}
		if fn.FullyTyped(JavaScript) {
			t.Errorf("%s typed as JavaScript", fn.QualName)
		}
	}
}
