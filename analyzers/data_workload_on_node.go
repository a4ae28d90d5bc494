package analyzers

import (
	"fmt"

	"github.com/stackaudit/stackaudit/stack"
)

// DataWorkloadOnNode reports Node backends whose own source imports data
// and ML libraries.
var DataWorkloadOnNode = register(&Analyzer{
	Code:     "SA701",
	Name:     "data-workload-on-node",
	Category: StackFit,
	Level:    Note,
	Summary:  "A Node backend carries data or ML work",
	Tags:     []string{"stack-fit", "node", "data", "machine-learning", "performance"},
	Options: []Option{
		{Name: "min-files", Default: 1, Doc: "the number of source files importing a data or ML library from which the rule reports"},
	},
	Run: runDataWorkloadOnNode,
})

func runDataWorkloadOnNode(p *Pass) {
	minFiles := max(p.Int("min-files"), 1)
	for _, u := range p.Inventory.Units {
		if u.ToolingOnly || (u.Ecosystem != stack.Node && u.Ecosystem != stack.Python) {
			continue
		}
		uses, files := workloadImports(p, u, workloadData)
		if files > 0 {
			// The profile of every unit, for the reports' stack-fit table.
			p.Metric(u.Path, "dataImportFiles", files)
		}
		if u.Ecosystem != stack.Node || files < minFiles || !isNodeBackend(p.Inventory, u) {
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
			Message: fmt.Sprintf("%s: %s of this Node backend %s data or ML libraries: %s; Node's dataframe and ML libraries cover fewer models, formats and tools than Python's (pandas, scikit-learn, PyTorch), and CPU-bound work on the main thread stalls every request the process serves. Keep this work off the request path (worker_threads or a queue worker), and weigh a separate worker in the language its libraries are best served in if it grows",
				manifest, plural(files, "source file", "source files"), verb(files, "imports", "import"), useList(uses, 5)),
		})
	}
}

// isNodeBackend reports whether a Node unit serves requests: it has a
// server framework, declares routes, or a service is built from it.
func isNodeBackend(inv *stack.Inventory, u *stack.Unit) bool {
	if len(u.Routes) > 0 {
		return true
	}
	for _, c := range u.Components {
		if c.Category == stack.Web && nodeServerFrameworks[c.ID] {
			return true
		}
	}
	for _, s := range inv.Services {
		if s.Unit == u.Path && s.Kind != "vercel" && s.Kind != "netlify" {
			return true
		}
	}
	return false
}
