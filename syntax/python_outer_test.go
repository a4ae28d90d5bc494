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
