package detectors

import (
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/tailscale/hujson"

	"github.com/stackaudit/stackaudit/repo"
	"github.com/stackaudit/stackaudit/stack"
)

// The node-tools family finds the linters, formatters, type checkers and
// test runners of Node units, each from a config file, a package.json key
// or a script that runs it. A dependency alone is weak evidence (it may be
// a leftover) and is not counted. Tools configured at a workspace root
// stay on the root: rules look there for its members.
var _ = register(family{
	name:  "node-tools",
	order: 30,
	patterns: []string{
		"**/package.json",
		"**/eslint.config.*", "**/.eslintrc*",
		"**/biome.json", "**/biome.jsonc",
		"**/.oxlintrc.json",
		"**/.prettierrc*", "**/prettier.config.*",
		"**/dprint.json", "**/.dprint.json", "**/dprint.jsonc", "**/.dprint.jsonc",
		"**/jest.config.*", "**/vitest.config.*", "**/vitest.workspace.*",
		"**/.mocharc*", "**/playwright.config.*",
	},
	run: runNodeTools,
})

// nodeTool is a tool id and kind.
type nodeTool struct{ id, kind string }

var (
	toolESLint     = nodeTool{"eslint", stack.Linter}
	toolBiomeLint  = nodeTool{"biome", stack.Linter}
	toolBiomeFmt   = nodeTool{"biome", stack.Formatter}
	toolOxlint     = nodeTool{"oxlint", stack.Linter}
	toolStandard   = nodeTool{"standard", stack.Linter}
	toolXO         = nodeTool{"xo", stack.Linter}
	toolPrettier   = nodeTool{"prettier", stack.Formatter}
	toolDprint     = nodeTool{"dprint", stack.Formatter}
	toolTypeScript = nodeTool{"typescript", stack.TypeChecker}
	toolJest       = nodeTool{"jest", stack.TestRunner}
	toolVitest     = nodeTool{"vitest", stack.TestRunner}
	toolMocha      = nodeTool{"mocha", stack.TestRunner}
	toolPlaywright = nodeTool{"playwright", stack.TestRunner}
	toolNodeTest   = nodeTool{"node:test", stack.TestRunner}
	toolBunTest    = nodeTool{"bun:test", stack.TestRunner}
)

var jsExts = []string{"js", "mjs", "cjs", "ts", "mts", "cts"}

// nodeToolConfigs maps config file names to the tools they configure.
var nodeToolConfigs = func() map[string][]nodeTool {
	m := map[string][]nodeTool{}
	add := func(t nodeTool, names ...string) {
		for _, n := range names {
			m[n] = append(m[n], t)
		}
	}
	withExts := func(stem string, exts ...string) []string {
		out := make([]string, len(exts))
		for i, e := range exts {
			out[i] = stem + "." + e
		}
		return out
	}
	add(toolESLint, withExts("eslint.config", jsExts...)...)
	add(toolESLint, ".eslintrc")
	add(toolESLint, withExts(".eslintrc", "js", "cjs", "json", "yml", "yaml")...)
	add(toolBiomeLint, "biome.json", "biome.jsonc")
	add(toolBiomeFmt, "biome.json", "biome.jsonc")
	add(toolOxlint, ".oxlintrc.json")
	add(toolPrettier, ".prettierrc")
	add(toolPrettier, withExts(".prettierrc", "json", "json5", "yml", "yaml", "toml", "js", "cjs", "mjs", "ts", "mts", "cts")...)
	add(toolPrettier, withExts("prettier.config", jsExts...)...)
	add(toolDprint, "dprint.json", ".dprint.json", "dprint.jsonc", ".dprint.jsonc")
	add(toolJest, withExts("jest.config", append([]string{"json"}, jsExts...)...)...)
	add(toolVitest, withExts("vitest.config", jsExts...)...)
	add(toolVitest, withExts("vitest.workspace", append([]string{"json"}, jsExts...)...)...)
	add(toolMocha, ".mocharc")
	add(toolMocha, withExts(".mocharc", "js", "cjs", "mjs", "json", "jsonc", "yml", "yaml")...)
	add(toolPlaywright, withExts("playwright.config", jsExts...)...)
	return m
}()

// packageJSONToolKeys are package.json keys that configure a tool.
var packageJSONToolKeys = []struct {
	key  string
	tool nodeTool
}{
	{"eslintConfig", toolESLint},
	{"prettier", toolPrettier},
	{"standard", toolStandard},
	{"xo", toolXO},
	{"jest", toolJest},
	{"mocha", toolMocha},
}

func runNodeTools(d *Detection, files []repo.File) {
	// Type checking: a tsconfig is what makes tsc check a unit.
	for _, u := range d.Inventory.Units {
		if u.Ecosystem == stack.Node && u.TSConfig != nil {
			addTool(u, toolTypeScript.id, toolTypeScript.kind, stack.Evidence{Path: u.TSConfig.Path})
		}
	}
	// Kinds a biome config turns off, so `biome check` in a script does
	// not bring them back.
	biomeOff := map[*stack.Unit][]nodeTool{}
	for _, f := range files {
		base, dir := path.Base(f.Path), path.Dir(f.Path)
		if base == "package.json" {
			if u := d.UnitFor(f.Path, stack.Node); u != nil && u.Path == dir {
				packageJSONTools(d, u, f.Path)
			}
			continue
		}
		tools, ok := nodeToolConfigs[base]
		if !ok {
			continue
		}
		owners := configOwners(d, dir)
		if len(owners) == 0 {
			continue
		}
		if base == "biome.json" || base == "biome.jsonc" {
			var off []nodeTool
			tools, off = biomeTools(d, f.Path)
			for _, u := range owners {
				biomeOff[u] = off
			}
		}
		for _, u := range owners {
			for _, t := range tools {
				addTool(u, t.id, t.kind, stack.Evidence{Path: f.Path})
			}
		}
	}
	for u, off := range biomeOff {
		for _, t := range off {
			removeTool(u, t)
		}
	}
}

// configOwners returns the Node units a tool config in dir serves: the
// unit at dir; none when dir is a subfolder of a unit (a template, a
// fixture or a nested override); and when dir is above every unit (a
// repository root without package.json), the topmost units beneath it,
// since ESLint and Prettier look for their config upwards.
func configOwners(d *Detection, dir string) []*stack.Unit {
	if u := d.UnitFor(path.Join(dir, "package.json"), stack.Node); u != nil {
		if u.Path == dir {
			return []*stack.Unit{u}
		}
		return nil
	}
	var out []*stack.Unit
	for _, u := range d.Inventory.Units {
		if u.Ecosystem != stack.Node || !inFolder(u.Path, dir) {
			continue
		}
		if parent := path.Dir(u.Path); u.Path != "." && d.UnitFor(path.Join(parent, "x"), stack.Node) == nil {
			out = append(out, u)
		}
	}
	return out
}

// removeTool drops a tool of u.
func removeTool(u *stack.Unit, t nodeTool) {
	kept := u.Tools[:0]
	for _, x := range u.Tools {
		if x.ID != t.id || x.Kind != t.kind {
			kept = append(kept, x)
		}
	}
	u.Tools = kept
}

// packageJSONTools finds tools configured by package.json keys and run by
// its scripts (and by lint-staged commands).
func packageJSONTools(d *Detection, u *stack.Unit, file string) {
	raw, err := d.Snap.ReadFile(file)
	if err != nil {
		return // the node family reported it
	}
	p, err := parsePackageJSON(raw)
	if err != nil {
		return
	}
	for _, k := range packageJSONToolKeys {
		if p.Keys[k.key] {
			addTool(u, k.tool.id, k.tool.kind, stack.Evidence{Path: file, Line: p.line(k.key), Detail: fmt.Sprintf("%q key", k.key)})
		}
	}
	for _, name := range orderedKeys(p.Scripts) {
		cmd := p.Scripts[name]
		for _, t := range commandTools(cmd) {
			addTool(u, t.id, t.kind, stack.Evidence{
				Path: file, Line: p.line("scripts", name),
				Detail: fmt.Sprintf("%q: %q", name, cmd),
			})
		}
	}
	if p.Keys["lint-staged"] {
		for _, cmd := range lintStagedCommands(raw) {
			for _, t := range commandTools(cmd) {
				addTool(u, t.id, t.kind, stack.Evidence{
					Path: file, Line: p.line("lint-staged"),
					Detail: fmt.Sprintf("lint-staged: %q", cmd),
				})
			}
		}
	}
}

// lintStagedCommands returns the commands of package.json's lint-staged
// key: a map of globs to a command or a list of commands.
func lintStagedCommands(raw []byte) []string {
	var doc struct {
		LintStaged map[string]json.RawMessage `json:"lint-staged"`
	}
	if json.Unmarshal(raw, &doc) != nil {
		return nil
	}
	var out []string
	for _, glob := range orderedKeys(doc.LintStaged) {
		v := doc.LintStaged[glob]
		var one string
		var many []string
		if json.Unmarshal(v, &one) == nil {
			out = append(out, one)
		} else if json.Unmarshal(v, &many) == nil {
			out = append(out, many...)
		}
	}
	return out
}

// biomeTools reads biome.json: the linter and the formatter are on unless
// the file turns them off. It returns the tools on and those turned off.
func biomeTools(d *Detection, file string) (on, off []nodeTool) {
	both := []nodeTool{toolBiomeLint, toolBiomeFmt}
	raw, err := d.Snap.ReadFile(file)
	if err != nil {
		d.Problemf(file, "cannot read: %v", errors.Unwrap(err))
		return both, nil
	}
	std, err := hujson.Standardize(raw)
	if err != nil {
		d.Problemf(file, "cannot parse biome config: %v; counted as enabling the linter and formatter", err)
		return both, nil
	}
	var doc struct {
		Linter struct {
			Enabled *bool `json:"enabled"`
		} `json:"linter"`
		Formatter struct {
			Enabled *bool `json:"enabled"`
		} `json:"formatter"`
	}
	if err := json.Unmarshal(std, &doc); err != nil {
		d.Problemf(file, "cannot parse biome config: %v; counted as enabling the linter and formatter", jsonError(std, err))
		return both, nil
	}
	for _, x := range []struct {
		enabled *bool
		tool    nodeTool
	}{{doc.Linter.Enabled, toolBiomeLint}, {doc.Formatter.Enabled, toolBiomeFmt}} {
		if x.enabled == nil || *x.enabled {
			on = append(on, x.tool)
		} else {
			off = append(off, x.tool)
		}
	}
	return on, off
}

var (
	shellSeparators = regexp.MustCompile(`&&|\|\||[;|&]`)
	envAssignment   = regexp.MustCompile(`^[A-Za-z_][A-Za-z0-9_]*=`)
)

// commandRunners are programs that run another program named after them
// (npx eslint, cross-env NODE_ENV=test jest, c8 mocha).
var commandRunners = map[string]bool{
	"npx": true, "pnpx": true, "bunx": true, "cross-env": true, "env": true,
	"c8": true, "nyc": true, "dotenv": true, "env-cmd": true, "time": true,
}

// commandTools returns the tools a shell command line runs. It reads the
// command as words, never running it: each `&&`, `||`, `;` or `|` segment
// is unwrapped from package runners and environment settings, and its
// program named.
func commandTools(cmd string) []nodeTool {
	var out []nodeTool
	for _, seg := range shellSeparators.Split(cmd, -1) {
		words := strings.Fields(seg)
		if len(words) >= 2 && words[0] == "bun" && words[1] == "test" {
			out = append(out, toolBunTest)
			continue
		}
		words = unwrapRunners(words)
		if len(words) == 0 {
			continue
		}
		prog := path.Base(strings.Trim(words[0], `"'`))
		if i := strings.LastIndex(prog, "@"); i > 0 {
			prog = prog[:i] // npx eslint@9
		}
		args := words[1:]
		switch prog {
		case "eslint":
			out = append(out, toolESLint)
		case "oxlint":
			out = append(out, toolOxlint)
		case "standard", "ts-standard":
			out = append(out, toolStandard)
		case "xo":
			out = append(out, toolXO)
		case "prettier":
			out = append(out, toolPrettier)
		case "dprint":
			out = append(out, toolDprint)
		case "biome":
			switch firstWord(args) {
			case "lint":
				out = append(out, toolBiomeLint)
			case "format":
				out = append(out, toolBiomeFmt)
			case "check", "ci":
				out = append(out, toolBiomeLint, toolBiomeFmt)
			}
		case "next":
			if firstWord(args) == "lint" {
				out = append(out, toolESLint) // next lint runs ESLint
			}
		case "vue-cli-service":
			if firstWord(args) == "lint" {
				out = append(out, toolESLint)
			}
		case "tsc", "vue-tsc", "tsgo":
			out = append(out, toolTypeScript)
		case "jest":
			out = append(out, toolJest)
		case "vitest":
			out = append(out, toolVitest)
		case "mocha", "ts-mocha", "_mocha":
			out = append(out, toolMocha)
		case "playwright":
			if firstWord(args) == "test" {
				out = append(out, toolPlaywright)
			}
		case "node", "tsx", "bun":
			for _, a := range args {
				if a == "--test" || strings.HasPrefix(a, "--test=") {
					out = append(out, toolNodeTest)
					break
				}
			}
		}
	}
	return out
}

// unwrapRunners drops environment settings, package runners and their
// flags from the front of a command's words.
func unwrapRunners(words []string) []string {
	for len(words) > 0 {
		w := words[0]
		switch {
		case envAssignment.MatchString(w):
			words = words[1:]
		case commandRunners[w]:
			words = words[1:]
			for len(words) > 0 && (strings.HasPrefix(words[0], "-") || envAssignment.MatchString(words[0])) {
				if words[0] == "--" {
					words = words[1:]
					break
				}
				// -p pkg takes a value; other flags stand alone.
				if words[0] == "-p" || words[0] == "--package" || words[0] == "-e" {
					words = words[1:]
				}
				if len(words) > 0 {
					words = words[1:]
				}
			}
		case w == "yarn" || w == "pnpm" || w == "npm" || w == "bun":
			// `yarn eslint`, `pnpm exec eslint`, `npm exec -- eslint`,
			// `bun x eslint`; `npm run lint` runs a script, not a tool.
			if len(words) < 2 {
				return nil
			}
			switch words[1] {
			case "exec", "dlx", "x":
				words = words[2:]
				for len(words) > 0 && strings.HasPrefix(words[0], "-") {
					words = words[1:]
				}
			case "run", "run-script", "test", "install", "ci", "add", "i", "start", "build":
				return nil
			default:
				if w == "npm" || strings.HasPrefix(words[1], "-") {
					return nil
				}
				words = words[1:]
			}
		default:
			return words
		}
	}
	return words
}

func firstWord(args []string) string {
	for _, a := range args {
		if !strings.HasPrefix(a, "-") {
			return a
		}
	}
	return ""
}
