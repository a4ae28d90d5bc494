package report

import (
	"io"

	"github.com/stackaudit/stackaudit/analyzers"
	"github.com/stackaudit/stackaudit/stack"
)

// JSONSchemaVersion is the version of the JSON report's shape. It changes
// only when a field is removed or changes meaning; see docs/json.md.
const JSONSchemaVersion = "1"

type jsonReport struct {
	SchemaVersion string              `json:"schemaVersion"`
	Tool          jsonTool            `json:"tool"`
	Target        string              `json:"target"`
	Revision      string              `json:"revision"`
	Inventory     *stack.Inventory    `json:"inventory"`
	Findings      []analyzers.Finding `json:"findings"`
	Notifications []Notification      `json:"notifications"`
	Metrics       []analyzers.Metric  `json:"metrics"`
}

type jsonTool struct {
	Name           string `json:"name"`
	Version        string `json:"version"`
	InformationURI string `json:"informationUri"`
}

// JSON writes res as one JSON object (documented in docs/json.md),
// indented by two spaces, ending in a newline. Lists are [] when empty,
// never null.
func JSON(w io.Writer, res *Result) error {
	return writeJSON(w, jsonReport{
		SchemaVersion: JSONSchemaVersion,
		Tool: jsonTool{
			Name:           nonEmpty(res.Tool.Name, "stackaudit"),
			Version:        res.Tool.Version,
			InformationURI: res.Tool.URI,
		},
		Target:        res.Target,
		Revision:      res.Revision,
		Inventory:     normalized(res.Inventory),
		Findings:      orEmpty(sortedFindings(res.Findings)),
		Notifications: orEmpty(sortedNotifications(res.Notifications)),
		Metrics:       orEmpty(res.Metrics),
	})
}

// StackJSON writes the inventory alone, as the stack command's JSON: the
// stack.Inventory struct, indented by two spaces, ending in a newline.
func StackJSON(w io.Writer, inv *stack.Inventory) error {
	return writeJSON(w, normalized(inv))
}

// normalized returns a copy of inv whose lists are empty rather than nil,
// so JSON readers always see [] where a list is expected. inv is not
// changed; nil gives an empty inventory.
func normalized(inv *stack.Inventory) *stack.Inventory {
	out := &stack.Inventory{}
	if inv != nil {
		*out = *inv
	}
	out.Units = make([]*stack.Unit, 0, len(out.Units))
	if inv != nil {
		for _, u := range inv.Units {
			if u == nil {
				continue
			}
			c := *u
			c.Manifests = orEmpty(c.Manifests)
			c.Lockfiles = orEmpty(c.Lockfiles)
			c.Components = orEmpty(c.Components)
			c.Tools = orEmpty(c.Tools)
			c.Dependencies = orEmpty(c.Dependencies)
			out.Units = append(out.Units, &c)
		}
	}
	out.Services = orEmpty(out.Services)
	out.Infrastructure = orEmpty(out.Infrastructure)
	out.CI = orEmpty(out.CI)
	return out
}

func orEmpty[T any](s []T) []T {
	if s == nil {
		return []T{}
	}
	return s
}
