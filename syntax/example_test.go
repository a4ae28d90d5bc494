package syntax_test

import (
	"fmt"

	"github.com/stackaudit/stackaudit/syntax"
)

// Route handlers in an Express app: the anonymous functions passed to
// app.get and the like, with the call they are an argument of.
func ExampleParseJS() {
	src := []byte(`
app.get('/users/:id', async (req, res) => {
  // res.send() in a comment is not a call
  res.json(await db.users.findOne(req.params.id));
});
`)
	f := syntax.ParseJS(src, syntax.JSOptions{JSX: true})
	for _, fn := range f.Functions {
		if fn.ArgOf != nil {
			fmt.Printf("%s %q async=%v lines %d-%d\n", fn.ArgOf.Callee, fn.ArgOf.FirstString, fn.Async, fn.Line, fn.EndLine)
			for _, c := range fn.Calls {
				fmt.Println("  calls", c.Callee, "on line", c.Line)
			}
		}
	}
	// Output:
	// app.get "/users/:id" async=true lines 2-5
	//   calls res.json on line 4
	//   calls db.users.findOne on line 4
}

// Blocking calls in async handlers of a FastAPI app, with their route.
func ExampleParsePython() {
	src := []byte(`
from ..db import session

@router.get("/report")
async def report(user: User = Depends(current_user)) -> Report:
    data = requests.get(f"{BASE}/x")  # blocks the event loop
    return build(data)
`)
	f := syntax.ParsePython(src, syntax.PyOptions{Module: "app.api.routes"})
	fmt.Println(f.Imports[0].Resolved)
	for _, fn := range f.Functions {
		fmt.Println(fn.Name, fn.Async, fn.Decorators[0].Name, fn.Decorators[0].FirstString, fn.Returns)
		for _, c := range fn.Calls {
			fmt.Println("  calls", c.Callee)
		}
	}
	// Output:
	// app.db
	// report true router.get /report Report
	//   calls requests.get
	//   calls build
}
