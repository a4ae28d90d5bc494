package analyzers

import (
	"bytes"
	"fmt"
	"path"
	"strings"

	"github.com/tailscale/hujson"

	"github.com/stackaudit/stackaudit/repo"
	"github.com/stackaudit/stackaudit/stack"
)

// TypeScriptNotStrict reports TypeScript units whose effective tsconfig
// leaves strict mode off, turns strict flags off one by one, or lets a
// large share of plain JavaScript in through allowJs.
var TypeScriptNotStrict = register(&Analyzer{
	Code:     "SA102",
	Name:     "typescript-not-strict",
	Category: Typing,
	Level:    Warning,
	Summary:  "A tsconfig leaves strict mode off, or allowJs carries a large share of unchecked JavaScript",
	Tags:     []string{"typing", "typescript", "maintainability"},
	Options: []Option{
		{Name: "max-js-share", Default: 0.25, Doc: "with allowJs and no checkJs, the largest share of unchecked JavaScript among a unit's source files that passes"},
		{Name: "min-js-files", Default: 5, Doc: "with allowJs, fewer unchecked JavaScript files than this never fire"},
	},
	Run: runTypeScriptNotStrict,
})

// strictFlags are the checks `strict` turns on, each of which a tsconfig
// may turn off again on its own.
var strictFlags = []string{
	"noImplicitAny", "strictNullChecks", "strictFunctionTypes", "strictBindCallApply",
	"strictPropertyInitialization", "noImplicitThis", "useUnknownInCatchVariables", "alwaysStrict",
}

func runTypeScriptNotStrict(p *Pass) {
	for _, u := range p.Inventory.Units {
		if u.Ecosystem != stack.Node || u.TSConfig == nil || u.Source.TypeScript == 0 {
			continue
		}
		chain := tsconfigChain(p.Snapshot, u.TSConfig)
		if !readableJSONC(p.Snapshot, chain) {
			// The detectors noted the file they could not read; its
			// options are unknown, not off.
			continue
		}
		opts := u.TSConfig.CompilerOptions
		var off []string
		for _, f := range strictFlags {
			if v, ok := opts[f]; ok && !v {
				off = append(off, f)
			}
		}
		strict, set := opts["strict"]
		base := unreadableBase(p.Snapshot, u.TSConfig)
		switch {
		case set && strict || !set && base != "":
			// With strict on, or possibly on in a package base that cannot
			// be read here (@tsconfig/node20, @vue/tsconfig usually set it),
			// only flags turned off again are certain.
			if len(off) == 0 {
				break
			}
			file, line := findCompilerOption(p.Snapshot, chain, off...)
			on, again := "`strict` is on but ", " again"
			if !set {
				on, again = fmt.Sprintf("whatever %s sets, ", base), ""
			}
			p.Report(Finding{
				Location: Location{Path: file, Line: line},
				Key:      []string{u.Path, "flags-off"},
				Message: fmt.Sprintf("%s: %s%s %s turned off%s (%s); remove %s so the unit gets the checks `strict` promises, fixing the errors tsc then reports module by module",
					file, on, quoteList(off), isAre(len(off)), again, strictFlagCost(off), itThem(len(off))),
			})
		case set && !strict:
			file, line := findCompilerOption(p.Snapshot, chain, "strict")
			p.Report(Finding{
				Location: Location{Path: file, Line: line},
				Key:      []string{u.Path, "strict"},
				Message: fmt.Sprintf("%s: `\"strict\": false` in the tsconfig of %s (%s); %s",
					file, unitLabel(u), plural(u.Source.TypeScript, "TypeScript file", "TypeScript files"), strictAdvice(opts)),
			})
		case !allSet(opts, strictFlags):
			// Flags turned on one by one make the same compiler as strict.
			msg := fmt.Sprintf("%s: `strict` is not set", u.TSConfig.Path)
			if len(chain) > 1 {
				msg += " (nor in " + strings.Join(chain[1:], ", ") + ", which it extends)"
			}
			p.Report(Finding{
				Location: Location{Path: u.TSConfig.Path, Line: 1},
				Key:      []string{u.Path, "strict"},
				Message: fmt.Sprintf("%s, so TypeScript checks the %s of %s loosely; %s",
					msg, plural(u.Source.TypeScript, "TypeScript file", "TypeScript files"), unitLabel(u), strictAdvice(opts)),
			})
		}
		reportAllowJS(p, u, chain)
	}
}

// reportAllowJS reports allowJs carrying a large share of JavaScript that
// nothing type-checks.
func reportAllowJS(p *Pass, u *stack.Unit, chain []string) {
	opts := u.TSConfig.CompilerOptions
	if !opts["allowJs"] || opts["checkJs"] {
		return
	}
	js := u.Source.JavaScript - u.Source.CheckedJS
	total := u.Source.TypeScript + u.Source.JavaScript
	if js < p.Int("min-js-files") || total == 0 {
		return
	}
	share := float64(js) / float64(total)
	if share <= p.Float("max-js-share") {
		return
	}
	file, line := findCompilerOption(p.Snapshot, chain, "allowJs")
	p.Report(Finding{
		Location: Location{Path: file, Line: line},
		Key:      []string{u.Path, "allowJs"},
		Message: fmt.Sprintf("%s: `allowJs` lets %d of %d source files (%s) of %s stay plain JavaScript that tsc does not check (no `checkJs`, no `// @ts-check`); convert the busiest files to TypeScript first, or turn on `checkJs` and fix what it reports",
			file, js, total, percent(share), unitLabel(u)),
	})
}

// tsconfigChain lists the tsconfig files in the repository that make a
// unit's effective configuration, nearest first.
func tsconfigChain(snap *repo.Snapshot, t *stack.TSConfig) []string {
	chain := []string{t.Path}
	for _, e := range t.Extends {
		if snap.Exists(e) {
			chain = append(chain, e)
		}
	}
	return chain
}

// readableJSONC reports whether every file of the chain can be read and
// parsed as JSONC.
func readableJSONC(snap *repo.Snapshot, chain []string) bool {
	for _, f := range chain {
		raw, err := snap.ReadFile(f)
		if err != nil {
			return false
		}
		if _, err := hujson.Parse(bytes.TrimPrefix(raw, []byte("\ufeff"))); err != nil {
			return false
		}
	}
	return true
}

// unreadableBase returns the first extends target that is not a file in
// the repository (a package base such as @tsconfig/node20, or a generated
// file such as .svelte-kit/tsconfig.json), or "".
func unreadableBase(snap *repo.Snapshot, t *stack.TSConfig) string {
	for _, e := range t.Extends {
		if !snap.Exists(e) {
			return e
		}
	}
	return ""
}

// findCompilerOption returns the nearest file of the chain that sets one
// of the compiler options, and the first line there that sets one; the
// first file and line 1 when none can be read to say.
func findCompilerOption(snap *repo.Snapshot, chain []string, names ...string) (string, int) {
	for _, f := range chain {
		raw, err := snap.ReadFile(f)
		if err != nil {
			continue
		}
		first := 0
		for _, name := range names {
			if _, line, ok := jsoncCompilerOption(raw, name); ok && (first == 0 || line < first) {
				first = line
			}
		}
		if first > 0 {
			return f, first
		}
	}
	return chain[0], 1
}

// jsoncCompilerOption finds compilerOptions.name in a tsconfig or jsconfig
// read as JSONC, and returns its value and the line of its key.
func jsoncCompilerOption(raw []byte, name string) (hujson.Literal, int, bool) {
	raw = bytes.TrimPrefix(raw, []byte("\ufeff"))
	v, err := hujson.Parse(raw)
	if err != nil {
		return nil, 0, false
	}
	root, ok := v.Value.(*hujson.Object)
	if !ok {
		return nil, 0, false
	}
	for _, m := range root.Members {
		if key, ok := m.Name.Value.(hujson.Literal); !ok || key.String() != "compilerOptions" {
			continue
		}
		opts, ok := m.Value.Value.(*hujson.Object)
		if !ok {
			return nil, 0, false
		}
		for _, o := range opts.Members {
			if key, ok := o.Name.Value.(hujson.Literal); ok && key.String() == name {
				lit, _ := o.Value.Value.(hujson.Literal)
				return lit, 1 + bytes.Count(raw[:o.Name.StartOffset], []byte("\n")), true
			}
		}
	}
	return nil, 0, false
}

func strictAdvice(opts map[string]bool) string {
	var on []string
	for _, f := range strictFlags {
		if opts[f] {
			on = append(on, f)
		}
	}
	advice := "set `\"strict\": true` in compilerOptions and fix what `tsc --noEmit` reports (`// @ts-expect-error` marks what must wait)"
	if len(on) > 0 {
		advice = fmt.Sprintf("%s %s already on; set `\"strict\": true` for the rest and fix what `tsc --noEmit` reports", quoteList(on), isAre(len(on)))
	}
	return advice
}

// strictFlagCost says what turning the flags off lets through.
func strictFlagCost(off []string) string {
	var out []string
	for _, f := range off {
		switch f {
		case "strictNullChecks":
			out = append(out, "null and undefined pass for any type")
		case "noImplicitAny":
			out = append(out, "untyped parameters become any")
		case "strictPropertyInitialization":
			out = append(out, "class fields may stay undefined")
		case "strictFunctionTypes":
			out = append(out, "callbacks are checked bivariantly")
		case "useUnknownInCatchVariables":
			out = append(out, "caught errors are any")
		case "noImplicitThis":
			out = append(out, "`this` may be any")
		}
	}
	if len(out) == 0 {
		return "their checks are skipped"
	}
	return strings.Join(out, ", ")
}

func allSet(opts map[string]bool, names []string) bool {
	for _, n := range names {
		if !opts[n] {
			return false
		}
	}
	return true
}

// quoteList formats names as `a`, `b` and `c`.
func quoteList(names []string) string {
	q := make([]string, len(names))
	for i, n := range names {
		q[i] = "`" + n + "`"
	}
	if len(q) == 1 {
		return q[0]
	}
	return strings.Join(q[:len(q)-1], ", ") + " and " + q[len(q)-1]
}

func isAre(n int) string {
	if n == 1 {
		return "is"
	}
	return "are"
}

func itThem(n int) string {
	if n == 1 {
		return "it"
	}
	return "them"
}

// unitLabel names a unit in a message: its folder, or "the repository root".
func unitLabel(u *stack.Unit) string {
	if u.Path == "." || u.Path == "" {
		return "the root unit"
	}
	return path.Clean(u.Path)
}

// percent formats a share as a whole percentage, never rounding a share
// below 1 up to 100%.
func percent(share float64) string {
	n := int(share*100 + 0.5)
	if n == 100 && share < 1 {
		n = 99
	}
	return fmt.Sprintf("%d%%", n)
}
