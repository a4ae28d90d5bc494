package syntax

import (
	"strings"
	"testing"
)

func TestPythonCallOuter(t *testing.T) {
	src := `async def h(u):
    r = await asyncio.to_thread(lambda: json.loads(requests.get(u, headers=dict(a=1)).text))
    time.sleep([f(x)][0])
    return g(h(1))(2)
`
	f := ParsePython([]byte(src), PyOptions{})
	var got []string
	for _, c := range f.Functions[0].Calls {
		outer := ""
		if c.Outer > 0 {
			outer = f.Functions[0].Calls[c.Outer-1].Callee
		}
		got = append(got, c.Callee+"<"+outer)
	}
	want := "asyncio.to_thread< json.loads<asyncio.to_thread requests.get<json.loads dict<requests.get time.sleep< f<time.sleep g< h<g g()<"
	if s := strings.Join(got, " "); s != want {
		t.Errorf("got  %s\nwant %s", s, want)
	}
}

// FuzzPythonCallOuter checks that Outer always points at an earlier call
// of the same list.
func FuzzPythonCallOuter(f *testing.F) {
	for _, s := range []string{"f(g(h(1)))\n", "def a():\n    x(y(lambda: z()))\n", "class C:\n    v = f(g())\n    def m(self):\n        return h(i())\n", "f(\ndef g(): pass\n", "@d(e(f()))\ndef g(x=h(i())): j(k())\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		file := ParsePython([]byte(src), PyOptions{})
		check := func(calls []Call) {
			for i, c := range calls {
				if c.Outer < 0 || c.Outer > i {
					t.Fatalf("call %d (%s) has Outer %d", i, c.Callee, c.Outer)
				}
			}
		}
		check(file.Calls)
		for _, fn := range file.Functions {
			check(fn.Calls)
		}
	})
}
