package analyzers

import (
	_ "embed"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/stackaudit/stackaudit/stack"
)

// DeprecatedPackage reports dependencies whose maintainers retired them,
// from the list in data/deprecated.json.
var DeprecatedPackage = register(&Analyzer{
	Code:     "SA604",
	Name:     "deprecated-package",
	Category: Dependencies,
	Level:    Warning,
	Summary:  "A dependency whose maintainers deprecated, archived or stopped maintaining it",
	Tags:     []string{"dependencies", "maintenance", "security"},
	Options: []Option{
		{Name: "ignore", Default: []string{}, Doc: "package names to leave out (a retirement the team has accepted)"},
	},
	Run: runDeprecatedPackage,
})

//go:embed data/deprecated.json
var deprecatedJSON []byte

// RetiredPackage is one entry of data/deprecated.json.
type RetiredPackage struct {
	Name string `json:"name"`
	// Status is deprecated, unmaintained, maintenance or end-of-life.
	Status string `json:"status"`
	// Level is the finding's level: warning, or note for packages in
	// maintenance mode or trivially replaced.
	Level Level `json:"level"`
	// Since is when it was retired (YYYY-MM or YYYY-MM-DD), when known.
	Since       string `json:"since,omitempty"`
	Why         string `json:"why"`
	Replacement string `json:"replacement"`
	// Source is the URL of the retirement notice.
	Source string `json:"source"`
}

// RetiredPackages returns the list by ecosystem (node, python), keyed by
// name (PEP 503-normalised for Python).
func RetiredPackages() map[string]map[string]RetiredPackage {
	var doc struct {
		Node   []RetiredPackage `json:"node"`
		Python []RetiredPackage `json:"python"`
	}
	if err := json.Unmarshal(deprecatedJSON, &doc); err != nil {
		panic("analyzers/data/deprecated.json: " + err.Error())
	}
	out := map[string]map[string]RetiredPackage{stack.Node: {}, stack.Python: {}}
	for _, e := range doc.Node {
		out[stack.Node][e.Name] = e
	}
	for _, e := range doc.Python {
		out[stack.Python][e.Name] = e
	}
	return out
}

var retired = RetiredPackages()

func runDeprecatedPackage(p *Pass) {
	ignore := map[string]bool{}
	for _, n := range p.Strings("ignore") {
		ignore[strings.ToLower(n)] = true
	}
	for _, u := range p.Inventory.Units {
		list := retired[u.Ecosystem]
		seen := map[string]bool{}
		for _, d := range u.Dependencies {
			e, ok := list[d.Name]
			if !ok || ignore[d.Name] {
				continue
			}
			k := d.Name + "\x00" + d.Evidence.Path
			if seen[k] {
				continue
			}
			seen[k] = true
			status := map[string]string{
				"deprecated":   "is deprecated",
				"unmaintained": "is no longer maintained",
				"maintenance":  "is in maintenance mode",
				"end-of-life":  "has reached end of life",
			}[e.Status]
			if status == "" {
				status = "is retired"
			}
			since := ""
			if e.Since != "" {
				since = " since " + e.Since
			}
			seenAs := d.Evidence.Detail
			if seenAs == "" {
				seenAs = d.Name
			}
			p.Report(Finding{
				Location: Location{Path: d.Evidence.Path, Line: d.Evidence.Line},
				Key:      []string{u.Path, d.Name},
				Level:    e.Level,
				Message: fmt.Sprintf("%s: %s %s: %s %s%s (%s); replace it with %s; see %s",
					d.Evidence.Path, scopeWord(d.Scope), seenAs, d.Name, status, since, e.Why, e.Replacement, e.Source),
			})
		}
	}
}

// scopeWord names a dependency's scope for a message.
func scopeWord(scope string) string {
	switch scope {
	case "prod", "":
		return "dependency"
	case "dev":
		return "dev dependency"
	}
	return scope + " dependency"
}
