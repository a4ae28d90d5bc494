package analyzers

import (
	"fmt"
	"strings"
)

// UnjustifiedSuppression reports inline `stackaudit:ignore` comments that
// give no reason or name no known rule. With --report-unused-ignores,
// Suppress reports under the same code the suppressions that matched
// nothing.
var UnjustifiedSuppression = register(&Analyzer{
	Code:     "SA001",
	Name:     "unjustified-suppression",
	Category: Tooling,
	Level:    Note,
	Summary:  "An inline stackaudit:ignore comment gives no reason or names no known rule",
	Tags:     []string{"maintainability", "suppression"},
	Run:      runUnjustifiedSuppression,
})

func runUnjustifiedSuppression(p *Pass) {
	for _, file := range p.Snapshot.Files() {
		if p.Context != nil && p.Context.Err() != nil {
			return
		}
		for _, ig := range fileIgnores(p.Snapshot, file.Path) {
			var unknown []string
			for _, r := range ig.Rules {
				if Lookup(r) == nil {
					unknown = append(unknown, r)
				}
			}
			written := strings.TrimSpace(IgnoreMarker + " " + strings.Join(ig.Rules, ","))
			var problems []string
			switch {
			case len(ig.Rules) == 0:
				problems = append(problems, "names no rule, so it suppresses nothing")
			case len(unknown) > 0:
				problems = append(problems, fmt.Sprintf("names %s, which no rule is called (see `stackaudit rules`)", strings.Join(unknown, ", ")))
			}
			if ig.Reason == "" {
				problems = append(problems, "gives no reason")
			}
			if len(problems) == 0 {
				continue
			}
			p.Report(Finding{
				Location: Location{Path: ig.Path, Line: ig.Line},
				Key:      []string{strings.ToUpper(strings.Join(ig.Rules, ",")), fmt.Sprint(len(ig.Reason) > 0)},
				Message: fmt.Sprintf("%s:%d: `%s` %s; write the rule's code or name and why the finding is accepted, e.g. `%s SA502 runs once at startup`",
					ig.Path, ig.Line, written, strings.Join(problems, " and "), IgnoreMarker),
			})
		}
	}
}
