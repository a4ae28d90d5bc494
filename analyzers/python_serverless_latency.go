package analyzers

import (
	"fmt"
	"sort"
	"strings"

	"github.com/stackaudit/stackaudit/stack"
	"go.yaml.in/yaml/v3"
)

// PythonServerlessLatency reports serverless functions on Python that
// answer HTTP requests, where a cold start is paid by a waiting user.
var PythonServerlessLatency = register(&Analyzer{
	Code:     "SA703",
	Name:     "python-serverless-latency",
	Category: StackFit,
	Level:    Note,
	Summary:  "HTTP-facing serverless functions run on Python",
	Tags:     []string{"stack-fit", "python", "serverless", "latency", "cold-start"},
	Options: []Option{
		{Name: "min-functions", Default: 1, Doc: "the number of HTTP-triggered Python functions in one deployment file from which the rule reports"},
	},
	Run: runPythonServerlessLatency,
})

// httpFunction is one Python function that answers HTTP.
type httpFunction struct {
	name    string
	at      Location
	trigger string
	runtime string
	unit    string
}

func runPythonServerlessLatency(p *Pass) {
	minFns := max(p.Int("min-functions"), 1)
	byFile := map[string][]httpFunction{}
	triggers := map[string]map[string]string{} // deployment file → function → trigger
	for _, s := range p.Inventory.Services {
		switch s.Kind {
		case "serverless":
			if s.Runtime == nil || s.Runtime.Name != stack.Python {
				continue
			}
			file := s.Evidence.Path
			if _, done := triggers[file]; !done {
				triggers[file] = httpTriggers(p, file)
			}
			trig, ok := triggers[file][s.Name]
			if !ok {
				continue // no HTTP event: a queue, schedule or stream consumer
			}
			byFile[file] = append(byFile[file], httpFunction{name: s.Name, at: Location{Path: file, Line: s.Evidence.Line},
				trigger: trig, runtime: strings.TrimSpace(s.Runtime.Name + " " + s.Runtime.Constraint), unit: s.Unit})
		case "vercel":
			u := p.Inventory.Unit(s.Unit)
			if s.Unit == "" || u == nil || u.Ecosystem != stack.Python || u.ToolingOnly {
				continue
			}
			rt := "python"
			if u.Runtime != nil && u.Runtime.Constraint != "" {
				rt += " " + u.Runtime.Constraint
			}
			byFile[s.Evidence.Path] = append(byFile[s.Evidence.Path], httpFunction{name: s.Name, at: Location{Path: s.Evidence.Path, Line: s.Evidence.Line},
				trigger: "Vercel function", runtime: rt, unit: s.Unit})
		}
	}
	files := make([]string, 0, len(byFile))
	for f := range byFile {
		files = append(files, f)
	}
	sort.Strings(files)
	for _, file := range files {
		fns := byFile[file]
		if len(fns) < minFns {
			continue
		}
		sort.Slice(fns, func(i, j int) bool {
			if fns[i].at.Line != fns[j].at.Line {
				return fns[i].at.Line < fns[j].at.Line
			}
			return fns[i].name < fns[j].name
		})
		var names, keys, runtimes []string
		var related []Location
		seenRT := map[string]bool{}
		units := map[string]bool{}
		for i, f := range fns {
			keys = append(keys, f.name)
			if i < 5 {
				names = append(names, fmt.Sprintf("%s (%s, %s)", f.name, f.trigger, locString(f.at)))
			}
			if !seenRT[f.runtime] {
				seenRT[f.runtime] = true
				runtimes = append(runtimes, f.runtime)
			}
			if f.unit != "" {
				units[f.unit] = true
			}
			l := f.at
			l.Message = f.name + ": " + f.trigger
			related = append(related, l)
		}
		if len(fns) > 5 {
			names = append(names, plural(len(fns)-5, "more", "more"))
		}
		heavy := ""
		var heavyLibs []string
		seenLib := map[string]bool{}
		unitList := make([]string, 0, len(units))
		for u := range units {
			unitList = append(unitList, u)
		}
		sort.Strings(unitList)
		for _, up := range unitList {
			if u := p.Inventory.Unit(up); u != nil {
				uses, _ := workloadImports(p, u, workloadData)
				for _, use := range uses {
					if !seenLib[use.Lib] {
						seenLib[use.Lib] = true
						heavyLibs = append(heavyLibs, use.Lib)
					}
				}
			}
		}
		if len(heavyLibs) > 0 {
			heavy = fmt.Sprintf(" (the functions' code also imports %s; heavy imports lengthen every cold start)", joinAnd(heavyLibs))
		}
		p.Report(Finding{
			Location: Location{Path: file, Line: fns[0].at.Line},
			Key:      append([]string{file}, keys...),
			Related:  related,
			Message: fmt.Sprintf("%s: %s HTTP requests on %s: %s; a cold start loads the interpreter and every module the handler imports before the first request is answered%s, so the user who hits a cold instance waits for it. Check the cold-start time (Init Duration in the logs) on the routes where latency matters; import heavy modules inside the handler that needs them, trim the package, or keep instances warm (provisioned concurrency, SnapStart for Python)",
				file, plural(len(fns), "serverless function answers", "serverless functions answer"), joinAnd(runtimes), joinAnd(names), heavy),
		})
	}
}

func locString(l Location) string {
	if l.Line > 0 {
		return fmt.Sprintf("%s:%d", l.Path, l.Line)
	}
	return l.Path
}

// httpTriggers reads a Serverless Framework file or a SAM/CloudFormation
// template and returns, for each function that answers HTTP, what makes it
// do so (http, httpApi, alb, websocket events; Api/HttpApi events; a
// function URL). A file that cannot be read gives none: the deploy
// detector has already said why.
func httpTriggers(p *Pass, file string) map[string]string {
	out := map[string]string{}
	b, err := p.Snapshot.ReadFile(file)
	if err != nil {
		return out
	}
	var doc yaml.Node
	if err := yaml.Unmarshal(b, &doc); err != nil || len(doc.Content) == 0 {
		return out
	}
	root := doc.Content[0]
	if fns := yamlGet(root, "functions"); fns != nil && fns.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(fns.Content); i += 2 {
			name := fns.Content[i].Value
			events := yamlGet(fns.Content[i+1], "events")
			if events == nil || events.Kind != yaml.SequenceNode {
				continue
			}
			for _, ev := range events.Content {
				if ev.Kind != yaml.MappingNode || len(ev.Content) < 2 {
					continue
				}
				switch k := ev.Content[0].Value; k {
				case "http", "httpApi", "alb", "websocket", "cloudFront":
					out[name] = k + " event"
				}
				if _, ok := out[name]; ok {
					break
				}
			}
		}
	}
	if res := yamlGet(root, "Resources"); res != nil && res.Kind == yaml.MappingNode {
		for i := 0; i+1 < len(res.Content); i += 2 {
			name := res.Content[i].Value
			props := yamlGet(res.Content[i+1], "Properties")
			if yamlGet(props, "FunctionUrlConfig") != nil {
				out[name] = "function URL"
				continue
			}
			events := yamlGet(props, "Events")
			if events == nil || events.Kind != yaml.MappingNode {
				continue
			}
			for j := 0; j+1 < len(events.Content); j += 2 {
				switch t := yamlGet(events.Content[j+1], "Type"); {
				case t != nil && (t.Value == "Api" || t.Value == "HttpApi"):
					out[name] = t.Value + " event"
				}
				if _, ok := out[name]; ok {
					break
				}
			}
		}
	}
	return out
}

// yamlGet returns the value of key in a mapping node, or nil.
func yamlGet(n *yaml.Node, key string) *yaml.Node {
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	for i := 0; i+1 < len(n.Content); i += 2 {
		if n.Content[i].Value == key {
			return n.Content[i+1]
		}
	}
	return nil
}
