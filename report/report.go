// Package report writes a scan's Result as SARIF 2.1.0, JSON, text or
// Markdown. Writers only format: they never decide what is a finding.
package report

import (
	"github.com/stackaudit/stackaudit/analyzers"
	"github.com/stackaudit/stackaudit/stack"
)

// Result is everything a scan produced.
type Result struct {
	// Tool names the program and its version.
	Tool Tool
	// Target is what was scanned, as the user gave it.
	Target string
	// Revision is the commit scanned, when known.
	Revision string
	// Inventory is the detected stack.
	Inventory *stack.Inventory
	// Rules are the rules that ran, sorted by code.
	Rules []*analyzers.Analyzer
	// Findings are sorted by path, line and code.
	Findings []analyzers.Finding
	// Notifications are problems met while reading, sorted by path.
	Notifications []Notification
	// Metrics are per-unit figures the rules recorded (money paths found
	// and tested), sorted by unit, rule and name.
	Metrics []analyzers.Metric
	// Category is SARIF's automationDetails.id, when set.
	Category string
	// Baselined counts the findings left out because a baseline or the
	// scan of an earlier revision (--new-since) already had them.
	Baselined int
}

// Tool identifies stackaudit in output.
type Tool struct {
	Name    string
	Version string
	URI     string
}

// Notification is a problem met while reading: a file that could not be
// read or parsed, a rule that could not judge.
type Notification struct {
	// Path is the file concerned, if any.
	Path string `json:"path,omitempty"`
	// Message says what went wrong and why.
	Message string `json:"message"`
	// Level is error, warning or note.
	Level string `json:"level"`
}
