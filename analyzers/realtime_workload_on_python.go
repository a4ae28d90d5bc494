package analyzers

import (
	"fmt"

	"github.com/stackaudit/stackaudit/stack"
)

// RealtimeWorkloadOnPython reports Python units whose own source serves
// real-time connections in several files.
var RealtimeWorkloadOnPython = register(&Analyzer{
	Code:     "SA702",
	Name:     "realtime-workload-on-python",
	Category: StackFit,
	Level:    Note,
	Summary:  "A Python backend carries real-time connection work",
	Tags:     []string{"stack-fit", "python", "realtime", "websocket", "performance"},
	Options: []Option{
		{Name: "min-files", Default: 2, Doc: "the number of source files importing a real-time library or WebSocket class from which the rule reports"},
	},
	Run: runRealtimeWorkloadOnPython,
})

func runRealtimeWorkloadOnPython(p *Pass) {
	minFiles := max(p.Int("min-files"), 1)
	for _, u := range p.Inventory.Units {
		if u.ToolingOnly || (u.Ecosystem != stack.Node && u.Ecosystem != stack.Python) {
			continue
		}
		uses, files := workloadImports(p, u, workloadRealtime)
		if files > 0 {
			p.Metric(u.Path, "realtimeImportFiles", files)
		}
		if u.Ecosystem != stack.Python || files < minFiles {
			continue
		}
		manifest := primaryManifest(u)
		keys := []string{u.Path}
		for _, use := range uses {
			keys = append(keys, use.Lib)
		}
		p.Report(Finding{
			Location: Location{Path: manifest, Line: 1},
			Key:      keys,
			Related:  useRelated(uses),
			Message: fmt.Sprintf("%s: %s %s real-time libraries: %s; every open connection holds memory in a Python worker, one process runs Python code on one core at a time, and fanning a message out to many sockets needs a broker between processes. Load-test the number of connections you expect; serve them from an ASGI server with several processes and a channel layer or broker (Redis) between them, or hand the fan-out to a dedicated real-time service if the count grows",
				manifest, plural(files, "source file", "source files"), verb(files, "imports", "import"), useList(uses, 5)),
		})
	}
}
