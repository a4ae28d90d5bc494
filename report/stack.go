package report

import (
	"bufio"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"

	"github.com/stackaudit/stackaudit/stack"
)

// shortNames are the labels the stack view uses for long component ids.
var shortNames = map[string]string{
	"djangorestframework": "drf",
}

// toolKindOrder is the order tools are listed in a unit's line.
var toolKindOrder = []string{stack.Linter, stack.Formatter, stack.TypeChecker, stack.TestRunner}

// Stack writes the inventory for a terminal: one block a unit, then
// services, infrastructure, CI jobs and git facts.
func Stack(w io.Writer, inv *stack.Inventory, opts TextOptions) error {
	bw := bufio.NewWriter(w)
	p := painter(opts.Color)
	inv = normalized(inv)

	if len(inv.Units) == 0 {
		bw.WriteString("no units found: no package.json, pyproject.toml, requirements*.txt, Pipfile, setup.py or setup.cfg\n")
	}
	width := 0
	for _, u := range inv.Units {
		width = max(width, len([]rune(unitLabel(u.Path))))
	}
	for _, u := range inv.Units {
		fmt.Fprintf(bw, "%s  %s\n", p.paint(ansiBold, pad(unitLabel(u.Path), width)), clean(strings.Join(unitFacts(u), " · ")))
		for _, d := range unitDetails(u) {
			fmt.Fprintf(bw, "%s  %s\n", strings.Repeat(" ", width), p.paint(ansiDim, clean(d)))
		}
	}

	if len(inv.Services) > 0 {
		rows := [][]string{}
		for _, s := range inv.Services {
			unit := "-"
			if s.Unit != "" {
				unit = unitLabel(s.Unit)
			}
			runtime := ""
			if s.Runtime != nil {
				runtime = strings.TrimSpace(s.Runtime.Name + " " + s.Runtime.Constraint)
			}
			rows = append(rows, []string{s.Name, s.Kind, evidence(s.Evidence), unit, runtime, s.Command})
		}
		section(bw, p, "services", rows)
	}
	if len(inv.Infrastructure) > 0 {
		rows := [][]string{}
		for _, s := range inv.Infrastructure {
			rows = append(rows, []string{s.Name, s.Kind, s.Image, evidence(s.Evidence)})
		}
		section(bw, p, "infrastructure", rows)
	}
	if len(inv.CI) > 0 {
		rows := [][]string{}
		for _, j := range inv.CI {
			checks := "no checks"
			if len(j.Checks) > 0 {
				checks = strings.Join(j.Checks, ", ")
			}
			tools := ""
			if len(j.Tools) > 0 {
				tools = "tools: " + strings.Join(j.Tools, ", ")
			}
			rows = append(rows, []string{j.Provider, j.Name, evidence(j.Evidence), checks, tools})
		}
		section(bw, p, "ci", rows)
	}
	if g := inv.Git; g != nil {
		fmt.Fprintf(bw, "\n%s  %s\n", p.paint(ansiBold, "git"), clean(gitLine(g)))
	}
	return bw.Flush()
}

// unitLabel shows a unit's folder with a trailing slash: "backend/", "./".
func unitLabel(p string) string {
	if p == "" || p == "." {
		return "./"
	}
	return clean(strings.TrimSuffix(p, "/")) + "/"
}

// unitFacts is the one-line summary of a unit: runtime, language, package
// manager, lockfile, components with versions, tools.
func unitFacts(u *stack.Unit) []string {
	var out []string
	eco := nonEmpty(u.Ecosystem, "unknown")
	if u.Runtime != nil && u.Runtime.Constraint != "" {
		eco += " " + u.Runtime.Constraint
	}
	out = append(out, eco)
	if u.Ecosystem == stack.Node && u.Language != "" {
		lang := u.Language
		if n := u.Source.TypeScript + u.Source.JavaScript; n > 0 && u.Source.TypeScript > 0 && u.Source.JavaScript > 0 {
			lang += fmt.Sprintf(" %d%%", int(u.Source.TypeScriptShare()*100+0.5))
		}
		out = append(out, lang)
	}
	if u.PackageManager != "" {
		out = append(out, u.PackageManager)
	}
	if len(u.Lockfiles) == 0 {
		out = append(out, "no lockfile")
	} else {
		var names []string
		for _, l := range u.Lockfiles {
			names = append(names, path.Base(l.Path))
		}
		out = append(out, strings.Join(names, ", "))
	}
	for _, c := range u.Components {
		label := c.ID
		if s, ok := shortNames[c.ID]; ok {
			label = s
		}
		if v := nonEmpty(c.Version, c.Constraint); v != "" {
			label += " " + v
		}
		out = append(out, label)
	}
	if tools := toolIDs(u.Tools); len(tools) > 0 {
		out = append(out, "tools: "+strings.Join(tools, ", "))
	} else {
		out = append(out, "no tools")
	}
	return out
}

// toolIDs lists tool ids linters first, then formatters, type checkers,
// test runners and anything else, each id once.
func toolIDs(tools []stack.Tool) []string {
	var out []string
	seen := map[string]bool{}
	add := func(t stack.Tool) {
		if !seen[t.ID] {
			seen[t.ID] = true
			out = append(out, t.ID)
		}
	}
	for _, k := range toolKindOrder {
		for _, t := range tools {
			if t.Kind == k {
				add(t)
			}
		}
	}
	for _, t := range tools {
		add(t)
	}
	return out
}

// unitDetails are the lines beneath a unit's summary: its manifests and
// role, and the components declared but not imported or the reverse.
func unitDetails(u *stack.Unit) []string {
	var facts []string
	if len(u.Manifests) > 0 {
		facts = append(facts, strings.Join(u.Manifests, ", "))
	}
	switch {
	case u.ToolingOnly:
		facts = append(facts, "tooling only")
	case u.Application:
		facts = append(facts, "application")
	default:
		facts = append(facts, "library")
	}
	if u.Workspace != "" && u.Workspace != u.Path {
		facts = append(facts, "workspace "+unitLabel(u.Workspace))
	}
	src := u.Source
	var counts []string
	for _, c := range []struct {
		n    int
		name string
	}{{src.Python, "python"}, {src.TypeScript, "typescript"}, {src.JavaScript, "javascript"}, {src.Tests, "test"}, {src.Generated, "generated"}} {
		if c.n > 0 {
			counts = append(counts, strconv.Itoa(c.n)+" "+c.name)
		}
	}
	if len(counts) > 0 {
		facts = append(facts, "files: "+strings.Join(counts, ", "))
	}
	if n := len(u.Routes); n == 1 {
		facts = append(facts, "1 route")
	} else if n > 1 {
		facts = append(facts, strconv.Itoa(n)+" routes")
	}
	out := []string{strings.Join(facts, " · ")}
	var notImported, notDeclared []string
	for _, c := range u.Components {
		switch {
		case c.Declared && !c.Imported:
			notImported = append(notImported, c.ID)
		case c.Imported && !c.Declared:
			notDeclared = append(notDeclared, c.ID)
		}
	}
	if len(notImported) > 0 {
		out = append(out, "declared, never imported: "+strings.Join(notImported, ", "))
	}
	if len(notDeclared) > 0 {
		out = append(out, "imported, not declared: "+strings.Join(notDeclared, ", "))
	}
	return out
}

// section writes a titled table whose columns line up; empty trailing
// cells are dropped.
func section(w *bufio.Writer, p painter, title string, rows [][]string) {
	fmt.Fprintf(w, "\n%s\n", p.paint(ansiBold, title))
	var widths []int
	for _, r := range rows {
		for i, c := range r {
			c = clean(c)
			r[i] = c
			if i == len(widths) {
				widths = append(widths, 0)
			}
			widths[i] = max(widths[i], len([]rune(c)))
		}
	}
	for _, r := range rows {
		last := len(r)
		for last > 0 && r[last-1] == "" {
			last--
		}
		var b strings.Builder
		b.WriteString("  ")
		for i := 0; i < last; i++ {
			cell := r[i]
			if i < last-1 {
				cell = pad(cell, widths[i]) + "  "
			}
			if i == 0 {
				cell = p.paint(ansiBold, r[i]) + cell[len(r[i]):]
			}
			b.WriteString(cell)
		}
		w.WriteString(strings.TrimRight(b.String(), " ") + "\n")
	}
}

func evidence(e stack.Evidence) string {
	if e.Line > 0 {
		return e.Path + ":" + strconv.Itoa(e.Line)
	}
	return e.Path
}

func gitLine(g *stack.Git) string {
	var facts []string
	if g.CommitsCapped {
		// Only the active window was walked: say so rather than pass its
		// counts off as the whole history.
		facts = append(facts,
			fmt.Sprintf("%s and %s in the last %d days", plural(g.Commits, "commit", "commits"), plural(g.ActiveAuthors, "active author", "active authors"), g.ActiveDays))
	} else {
		commits := plural(g.Commits, "commit", "commits")
		if day := dateOf(g.FirstCommit); day != "" {
			commits += " since " + day
		}
		facts = append(facts, commits, plural(g.Authors, "author", "authors"),
			fmt.Sprintf("%d active in the last %d days", g.ActiveAuthors, g.ActiveDays))
	}
	if g.BusFactor > 0 {
		facts = append(facts, fmt.Sprintf("bus factor %d", g.BusFactor))
	}
	if day := dateOf(g.LastCommit); day != "" {
		facts = append(facts, "last commit "+day)
	}
	if g.Shallow {
		facts = append(facts, "shallow clone")
	}
	if g.Head != "" {
		head := g.Head
		if len(head) > 12 {
			head = head[:12]
		}
		facts = append(facts, "head "+head)
	}
	line := strings.Join(facts, " · ")
	if g.CommitsCapped && !g.Shallow {
		line += " (older history not walked; --full-history counts it)"
	}
	return line
}

// dateOf returns the day of an RFC 3339 time, or "".
func dateOf(ts string) string {
	if len(ts) >= 10 {
		return ts[:10]
	}
	return ""
}
