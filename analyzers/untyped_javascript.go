package analyzers

import (
	"fmt"
	"path"

	"github.com/stackaudit/stackaudit/repo"
	"github.com/stackaudit/stackaudit/stack"
)

// UntypedJavaScript reports Node units whose own source is mostly plain
// JavaScript that nothing type-checks.
var UntypedJavaScript = register(&Analyzer{
	Code:     "SA101",
	Name:     "untyped-javascript",
	Category: Typing,
	Level:    Warning,
	Summary:  "A Node unit is written mostly in plain JavaScript with no type checking",
	Tags:     []string{"typing", "javascript", "maintainability"},
	Options: []Option{
		{Name: "max-js-share", Default: 0.5, Doc: "the largest share of unchecked JavaScript among a unit's own source files that passes"},
		{Name: "min-files", Default: 5, Doc: "units with fewer unchecked JavaScript files than this never fire"},
	},
	Run: runUntypedJavaScript,
})

func runUntypedJavaScript(p *Pass) {
	for _, u := range p.Inventory.Units {
		if u.Ecosystem != stack.Node || u.ToolingOnly || u.Source.JavaScript == 0 {
			continue
		}
		if where := checkJSConfig(p.Snapshot, u); where != "" {
			// checkJs type-checks every JavaScript file of the project.
			continue
		}
		if !u.Application && typedWorkspaceMember(p.Inventory, u) != "" {
			// A workspace root whose product lives in TypeScript members:
			// its own JavaScript is build and release tooling.
			continue
		}
		js := u.Source.JavaScript - u.Source.CheckedJS
		total := u.Source.TypeScript + u.Source.JavaScript
		if js < p.Int("min-files") {
			continue
		}
		share := float64(js) / float64(total)
		if share <= p.Float("max-js-share") {
			continue
		}
		manifest := primaryManifest(u)
		evidence := fmt.Sprintf("%d of %d source files (%s) are plain JavaScript with no type checking", js, total, percent(share))
		if js == total {
			evidence = fmt.Sprintf("all %s are plain JavaScript with no type checking", plural(total, "source file", "source files"))
		}
		var notes string
		if u.Source.CheckedJS > 0 {
			notes = fmt.Sprintf(" (%d more %s `// @ts-check`)", u.Source.CheckedJS, carry(u.Source.CheckedJS))
		}
		p.Report(Finding{
			Location: Location{Path: manifest, Line: 1},
			Key:      []string{u.Path},
			Message: fmt.Sprintf("%s: %s%s; %s",
				manifest, evidence, notes, untypedJSAdvice(u)),
		})
	}
}

// typedWorkspaceMember returns a member of the workspace rooted at u that
// is written mostly in TypeScript, or "".
func typedWorkspaceMember(inv *stack.Inventory, u *stack.Unit) string {
	for _, m := range inv.Units {
		if m.Ecosystem == stack.Node && m.Workspace == u.Path && m.Path != u.Path && m.Source.TypeScript > 0 && m.Source.TypeScriptShare() >= 0.5 {
			return m.Path
		}
	}
	return ""
}

// checkJSConfig returns the config file that turns checkJs on for the
// unit (its effective tsconfig, or a jsconfig.json in its folder), or "".
func checkJSConfig(snap *repo.Snapshot, u *stack.Unit) string {
	if u.TSConfig != nil && u.TSConfig.CompilerOptions["checkJs"] {
		return u.TSConfig.Path
	}
	jsconfig := path.Join(u.Path, "jsconfig.json")
	raw, err := snap.ReadFile(jsconfig)
	if err != nil {
		return ""
	}
	if v, _, ok := jsoncCompilerOption(raw, "checkJs"); ok && v.Kind() == 't' {
		return jsconfig
	}
	return ""
}

func untypedJSAdvice(u *stack.Unit) string {
	if u.TSConfig != nil {
		return fmt.Sprintf("turn on `checkJs` in %s (or add `// @ts-check` file by file), run `tsc --noEmit` in CI, and convert files to TypeScript as you touch them", u.TSConfig.Path)
	}
	return "add a tsconfig.json with `allowJs` and `checkJs` (or `// @ts-check` file by file), run `tsc --noEmit` in CI, and convert files to TypeScript as you touch them"
}

func carry(n int) string {
	if n == 1 {
		return "carries"
	}
	return "carry"
}
