package report

import (
	"bufio"
	"fmt"
	"io"
	"sort"
	"strconv"
	"strings"

	"github.com/stackaudit/stackaudit/analyzers"
	"github.com/stackaudit/stackaudit/stack"
)

// Markdown writes res as the due-diligence audit report, rendered by GitHub:
// a summary with the headline figures, the stack (a table a unit and a
// Mermaid diagram of services, units and infrastructure), team and
// activity, every finding grouped by category, and the stack-fit and
// rewrite-readiness figures. Everything it shows is in the JSON report too
// (inventory, findings, metrics); the text is built from figures only and
// never advises a rewrite. The date is the scanned commit's, so the same
// revision always gives the same bytes.
func Markdown(w io.Writer, res *Result) error {
	bw := bufio.NewWriter(w)
	m := &mdWriter{w: bw, res: res, inv: normalized(res.Inventory), findings: sortedFindings(analyzers.Unsuppressed(res.Findings))}
	m.summary()
	m.stack()
	m.team()
	m.risks()
	m.stackFit()
	m.limits()
	return bw.Flush()
}

type mdWriter struct {
	w        *bufio.Writer
	res      *Result
	inv      *stack.Inventory
	findings []analyzers.Finding
}

func (m *mdWriter) printf(format string, args ...any) { fmt.Fprintf(m.w, format, args...) }

// date is the day of the scanned commit, or "".
func (m *mdWriter) date() string {
	if m.inv.Git != nil {
		return dateOf(m.inv.Git.LastCommit)
	}
	return ""
}

// repoName is the last element of the target: a folder or a URL's repository.
func repoName(target string) string {
	t := strings.TrimRight(strings.TrimSpace(target), "/\\")
	t = strings.TrimSuffix(t, ".git")
	if i := strings.LastIndexAny(t, "/\\:"); i >= 0 {
		t = t[i+1:]
	}
	if t == "" || t == "." {
		return "repository"
	}
	return t
}

// levelCounts counts findings by level.
func levelCounts(fs []analyzers.Finding) map[analyzers.Level]int {
	out := map[analyzers.Level]int{}
	for _, f := range fs {
		out[f.Level]++
	}
	return out
}

// metricSum adds up a metric over every unit; ok is false when no rule
// recorded it (the rule was turned off or did not run).
func metricSum(ms []analyzers.Metric, name string) (int, bool) {
	sum, ok := 0, false
	for _, x := range ms {
		if x.Name == name {
			sum += x.Value
			ok = true
		}
	}
	return sum, ok
}

// metricOf is a unit's metric, 0 when not recorded.
func metricOf(ms []analyzers.Metric, unit, name string) (int, bool) {
	for _, x := range ms {
		if x.Unit == unit && x.Name == name {
			return x.Value, true
		}
	}
	return 0, false
}

func (m *mdWriter) summary() {
	m.printf("# Stack audit: %s\n\n", mdText(repoName(m.res.Target)))
	m.printf("| | |\n|---|---|\n")
	m.printf("| Repository | %s |\n", mdSpan(m.res.Target))
	rev := m.res.Revision
	if rev == "" && m.inv.Git != nil {
		rev = m.inv.Git.Head
	}
	if rev != "" {
		m.printf("| Revision | %s |\n", mdSpan(rev))
	} else {
		m.printf("| Revision | not a git repository |\n")
	}
	if d := m.date(); d != "" {
		m.printf("| Date | %s (the scanned commit) |\n", d)
	}
	tool := nonEmpty(m.res.Tool.Name, "stackaudit")
	if m.res.Tool.Version != "" {
		tool += " " + m.res.Tool.Version
	}
	m.printf("| Produced by | %s |\n\n", mdText(tool))

	m.printf("%s\n\n", m.verdict())

	cells := [][2]string{
		{"Units", strconv.Itoa(len(m.inv.Units))},
		{"Services", strconv.Itoa(len(m.inv.Services))},
	}
	if g := m.inv.Git; g != nil {
		cells = append(cells, [2]string{"Active authors", fmt.Sprintf("%d (%d days)", g.ActiveAuthors, g.ActiveDays)})
	}
	c := levelCounts(m.findings)
	cells = append(cells, [2]string{"Findings", plural(c[analyzers.Error], "error", "errors") + " · " + plural(c[analyzers.Warning], "warning", "warnings") + " · " + plural(c[analyzers.Note], "note", "notes")})
	if found, ok := metricSum(m.res.Metrics, "moneyPaths"); ok {
		tested, _ := metricSum(m.res.Metrics, "moneyPathsTested")
		cells = append(cells, [2]string{"Money paths tested", fmt.Sprintf("%d of %d", tested, found)})
	}
	var head, sep, row []string
	for _, c := range cells {
		head = append(head, c[0])
		sep = append(sep, "---:")
		row = append(row, c[1])
	}
	m.printf("| %s |\n|%s|\n| %s |\n\n", strings.Join(head, " | "), strings.Join(sep, "|"), strings.Join(row, " | "))
}

// verdict is one paragraph of facts: what the repository is built on, who
// works on it, what the scan found. It states figures, never advice.
func (m *mdWriter) verdict() string {
	var parts []string
	inv := m.inv
	ecos := map[string]int{}
	tooling := 0
	for _, u := range inv.Units {
		ecos[u.Ecosystem]++
		if u.ToolingOnly {
			tooling++
		}
	}
	var ecoNames []string
	for _, e := range []string{stack.Python, stack.Node} {
		if ecos[e] > 0 {
			ecoNames = append(ecoNames, map[string]string{stack.Python: "Python", stack.Node: "Node.js"}[e])
		}
	}
	s := fmt.Sprintf("%s holds %s", mdText(repoName(m.res.Target)), plural(len(inv.Units), "unit", "units"))
	if len(ecoNames) > 0 {
		s += " (" + strings.Join(ecoNames, " and ")
		if tooling > 0 {
			s += fmt.Sprintf(", %d of them tooling only", tooling)
		}
		s += ")"
	}
	if fw := frameworkList(inv); len(fw) > 0 {
		s += " built on " + joinAnd(fw)
	}
	parts = append(parts, s)
	if n := len(inv.Services); n > 0 {
		s := "deployed as " + plural(n, "service", "services")
		if kinds := infraKinds(inv); len(kinds) > 0 {
			s += " on " + joinAnd(kinds)
		}
		parts = append(parts, s)
	}
	out := strings.Join(parts, ", ") + "."
	if g := inv.Git; g != nil {
		if g.ActiveAuthors == 0 {
			out += fmt.Sprintf(" No author committed in the %d days before the scan", g.ActiveDays)
			if d := dateOf(g.LastCommit); d != "" {
				out += " (the last commit is from " + d + ")"
			}
		} else {
			out += fmt.Sprintf(" %s committed in the %d days before the scan", capitalize(plural(g.ActiveAuthors, "author", "authors")), g.ActiveDays)
			if g.BusFactor > 0 {
				out += fmt.Sprintf(" (%s, bus factor %d)", plural(g.WindowCommits, "commit", "commits"), g.BusFactor)
			}
		}
		out += "."
	}
	c := levelCounts(m.findings)
	if len(m.findings) == 0 {
		out += " The scan reported no findings."
	} else {
		out += fmt.Sprintf(" The scan reported %s: %s, %s and %s.", plural(len(m.findings), "finding", "findings"),
			plural(c[analyzers.Error], "error", "errors"), plural(c[analyzers.Warning], "warning", "warnings"), plural(c[analyzers.Note], "note", "notes"))
	}
	if found, ok := metricSum(m.res.Metrics, "moneyPaths"); ok && found > 0 {
		tested, _ := metricSum(m.res.Metrics, "moneyPathsTested")
		out += fmt.Sprintf(" Tests reach %d of the %s found.", tested, plural(found, "money path", "money paths"))
	}
	return out
}

func capitalize(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// joinAnd joins "a", "b and c".
func joinAnd(items []string) string {
	switch len(items) {
	case 0:
		return ""
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " and " + items[len(items)-1]
}

// frameworkList names the web frameworks of the units with their versions,
// each once, in unit order.
func frameworkList(inv *stack.Inventory) []string {
	var out []string
	seen := map[string]bool{}
	for _, u := range inv.Units {
		for _, c := range u.Components {
			if c.Category != stack.Web || (c.ID == "starlette" && hasComponent(u, "fastapi")) {
				continue // FastAPI is built on Starlette: one framework
			}
			label := mdText(c.ID)
			if v := nonEmpty(c.Version, c.Constraint); v != "" {
				label += " " + mdText(v)
			}
			if !seen[label] {
				seen[label] = true
				out = append(out, label)
			}
		}
	}
	return out
}

func hasComponent(u *stack.Unit, id string) bool {
	for _, c := range u.Components {
		if c.ID == id {
			return true
		}
	}
	return false
}

// infraKinds names the infrastructure kinds, sorted, each once.
func infraKinds(inv *stack.Inventory) []string {
	seen := map[string]bool{}
	var out []string
	for _, i := range inv.Infrastructure {
		k := nonEmpty(i.Kind, i.Name)
		if !seen[k] {
			seen[k] = true
			out = append(out, mdText(k))
		}
	}
	sort.Strings(out)
	return out
}

func (m *mdWriter) stack() {
	m.printf("## Stack\n\n")
	if len(m.inv.Units) == 0 {
		m.printf("No units found: no package.json, pyproject.toml, requirements*.txt, Pipfile, setup.py or setup.cfg.\n\n")
	}
	asOf := m.date()
	for _, u := range m.inv.Units {
		m.printf("### %s\n\n", unitHeading(m.inv, u))
		m.printf("| | |\n|---|---|\n")
		row := func(k, v string) { m.printf("| %s | %s |\n", k, v) }
		role := "library"
		switch {
		case u.ToolingOnly:
			role = "tooling only"
		case u.Application:
			role = "application"
		}
		lang := nonEmpty(u.Language, u.Ecosystem)
		row("Language", mdText(lang)+" ("+mdText(role)+")")
		if u.Ecosystem == stack.Node && u.Source.TypeScript+u.Source.JavaScript > 0 {
			row("TypeScript share", fmt.Sprintf("%d%% (%d TypeScript, %d JavaScript files)", int(u.Source.TypeScriptShare()*100+0.5), u.Source.TypeScript, u.Source.JavaScript))
		}
		row("Source", sourceLine(u))
		var fws, others []string
		for _, c := range u.Components {
			label := mdText(c.ID)
			if v := nonEmpty(c.Version, c.Constraint); v != "" {
				label += " " + mdSpan(v)
			}
			if c.Category == stack.Web {
				fws = append(fws, label)
			} else {
				others = append(others, label+" ("+mdText(c.Category)+")")
			}
		}
		row("Framework", orNone(strings.Join(fws, ", ")))
		if len(others) > 0 {
			row("Components", strings.Join(others, ", "))
		}
		row("Package manager", orNone(mdText(u.PackageManager)))
		var locks []string
		for _, l := range u.Lockfiles {
			locks = append(locks, mdSpan(l.Path))
		}
		row("Lockfile", orNone(strings.Join(locks, ", ")))
		row("Runtime", runtimeCell(u.Runtime, asOf))
		if tools := toolIDs(u.Tools); len(tools) > 0 {
			for i := range tools {
				tools[i] = mdText(tools[i])
			}
			row("Tools", strings.Join(tools, ", "))
		} else {
			row("Tools", "none")
		}
		if len(u.Routes) > 0 {
			row("Routes", strconv.Itoa(len(u.Routes)))
		}
		m.printf("\n")
	}
	if d := serviceDiagram(m.inv); d != "" {
		m.printf("### Services\n\n```mermaid\n%s```\n\n", d)
		if len(m.inv.Infrastructure) > 0 {
			m.printf("A compose service is linked to the infrastructure of the same compose file (depends_on is not read).\n\n")
		}
		m.printf("| Service | Kind | Unit | Runtime | Defined in |\n|---|---|---|---|---|\n")
		for _, s := range m.inv.Services {
			unit := "—"
			if s.Unit != "" {
				unit = mdSpan(unitLabel(s.Unit))
			}
			m.printf("| %s | %s | %s | %s | %s |\n", mdText(s.Name), mdText(s.Kind), unit, runtimeCell(s.Runtime, asOf), mdSpan(evidence(s.Evidence)))
		}
		m.printf("\n")
		if len(m.inv.Infrastructure) > 0 {
			m.printf("| Infrastructure | Kind | Image | Defined in |\n|---|---|---|---|\n")
			for _, i := range m.inv.Infrastructure {
				m.printf("| %s | %s | %s | %s |\n", mdText(i.Name), mdText(i.Kind), mdSpan(i.Image), mdSpan(evidence(i.Evidence)))
			}
			m.printf("\n")
		}
	}
}

// unitIndex is the index in a diagram id "u3".
func unitIndex(id string) int {
	n, _ := strconv.Atoi(strings.TrimPrefix(id, "u"))
	return n
}

// unitHeading names a unit as `backend/`, adding its ecosystem when
// another unit shares the folder (`./` node, `./` python).
func unitHeading(inv *stack.Inventory, u *stack.Unit) string {
	label := mdSpan(unitLabel(u.Path))
	for _, o := range inv.Units {
		if o != u && o.Path == u.Path {
			return label + " " + mdText(u.Ecosystem)
		}
	}
	return label
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return s
}

// sourceLine counts a unit's files.
func sourceLine(u *stack.Unit) string {
	var parts []string
	last := 0
	s := u.Source
	for _, c := range []struct {
		n    int
		name string
	}{{s.Python, "Python"}, {s.TypeScript, "TypeScript"}, {s.JavaScript, "JavaScript"}, {s.Tests, "test"}, {s.Generated, "generated"}} {
		if c.n > 0 {
			parts = append(parts, fmt.Sprintf("%d %s", c.n, c.name))
			last = c.n
		}
	}
	if len(parts) == 0 {
		return "no source files"
	}
	if last == 1 {
		return strings.Join(parts, ", ") + " file"
	}
	return strings.Join(parts, ", ") + " files"
}

// runtimeCell is "python 3.12 (`backend/.python-version:1`), line 3.12
// supported until 2028-10-31" or "… ended 2023-09-11"; the end is judged
// against the scanned commit's date.
func runtimeCell(rt *stack.Runtime, asOf string) string {
	if rt == nil || (rt.Name == "" && rt.Constraint == "") {
		return "not declared"
	}
	s := mdText(strings.TrimSpace(rt.Name + " " + rt.Constraint))
	if rt.Evidence.Path != "" {
		s += " (" + mdSpan(evidence(rt.Evidence)) + ")"
	}
	cycle, eol, ok := analyzers.RuntimeEOL(rt.Name, rt.Constraint)
	switch {
	case !ok:
	case asOf != "" && eol <= asOf:
		s += fmt.Sprintf("; line %s reached end of life on %s", mdText(cycle), eol)
	default:
		s += fmt.Sprintf("; line %s supported until %s", mdText(cycle), eol)
	}
	return s
}

// serviceDiagram is a Mermaid flowchart: each service points at the unit
// it is built from and at the infrastructure of the same compose file.
// "" when there are no services.
func serviceDiagram(inv *stack.Inventory) string {
	if len(inv.Services) == 0 {
		return ""
	}
	var b strings.Builder
	b.WriteString("flowchart LR\n")
	// A service names its unit by path; where two units share a folder (a
	// tooling-only package.json beside a Python app) it builds the one
	// that is not tooling only.
	unitID := map[string]string{}
	for i, u := range inv.Units {
		prev, taken := unitID[u.Path]
		if !taken || (inv.Units[unitIndex(prev)].ToolingOnly && !u.ToolingOnly) {
			unitID[u.Path] = "u" + strconv.Itoa(i)
		}
	}
	used := map[string]bool{}
	var edges []string
	for i, s := range inv.Services {
		id := "s" + strconv.Itoa(i)
		fmt.Fprintf(&b, "  %s[\"%s\"]\n", id, mermaidLabel(s.Name+" ("+s.Kind+")"))
		if uid, ok := unitID[s.Unit]; ok && s.Unit != "" {
			used[uid] = true
			edges = append(edges, fmt.Sprintf("  %s -->|builds| %s\n", id, uid))
		}
		if s.Kind != "compose" {
			continue
		}
		for j, in := range inv.Infrastructure {
			if in.Evidence.Path == s.Evidence.Path {
				edges = append(edges, fmt.Sprintf("  %s --> i%d\n", id, j))
			}
		}
	}
	for i, u := range inv.Units {
		if used["u"+strconv.Itoa(i)] {
			fmt.Fprintf(&b, "  %s[/\"%s\"/]\n", "u"+strconv.Itoa(i), mermaidLabel(unitLabel(u.Path)+" "+nonEmpty(u.Language, u.Ecosystem)))
		}
	}
	for j, in := range inv.Infrastructure {
		fmt.Fprintf(&b, "  i%d[(\"%s\")]\n", j, mermaidLabel(in.Name+": "+nonEmpty(in.Kind, in.Image)))
	}
	for _, e := range edges {
		b.WriteString(e)
	}
	return b.String()
}

// mermaidLabel makes text safe inside a quoted Mermaid label: quotes,
// markup and the characters Mermaid reads as entities or Markdown are
// written as Mermaid's #code; entities, control characters dropped.
func mermaidLabel(s string) string {
	var b strings.Builder
	for _, r := range clean(s) {
		switch r {
		case '"':
			b.WriteString("#quot;")
		case '#':
			b.WriteString("#35;")
		case '<':
			b.WriteString("#lt;")
		case '>':
			b.WriteString("#gt;")
		case '&':
			b.WriteString("#amp;")
		case '`':
			b.WriteString("#96;")
		case '\\':
			b.WriteString("#92;")
		case ';':
			b.WriteString("#59;")
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func (m *mdWriter) team() {
	g := m.inv.Git
	m.printf("## Team and activity\n\n")
	if g == nil {
		m.printf("Not a git repository: no history to read.\n\n")
		return
	}
	facts := []string{
		fmt.Sprintf("%s active in the %d days before the scan, with %s", plural(g.ActiveAuthors, "author", "authors"), g.ActiveDays, plural(g.WindowCommits, "human commit", "human commits")),
	}
	if !g.CommitsCapped {
		facts = append(facts, fmt.Sprintf("%s and %s in all of history", plural(g.Commits, "commit", "commits"), plural(g.Authors, "author", "authors")))
	} else {
		facts = append(facts, "history older than the window not walked (--full-history walks it)")
	}
	if g.BusFactor > 0 {
		facts = append(facts, fmt.Sprintf("bus factor %d: %s made at least half of the window's commits", g.BusFactor, plural(g.BusFactor, "author", "authors")))
	}
	if d := dateOf(g.FirstCommit); d != "" && !g.CommitsCapped {
		facts = append(facts, "first commit "+d)
	}
	if g.Shallow {
		facts = append(facts, "shallow clone: history is cut short, so these counts are low")
	}
	for _, f := range facts {
		m.printf("- %s\n", f)
	}
	m.printf("\n")
	if len(g.Team) > 0 {
		m.printf("| Author | Commits | Share |\n|---|---:|---:|\n")
		for i, a := range g.Team {
			if i == 10 {
				m.printf("| … and %d more | | |\n", len(g.Team)-i)
				break
			}
			m.printf("| %s | %d | %d%% |\n", mdText(a.Name), a.Commits, int(a.Share*100+0.5))
		}
		m.printf("\n")
	}
	// The months are counted back from the day of the scan; those after
	// the scanned commit's month hold nothing by construction.
	months := g.Monthly
	if d := m.date(); len(d) >= 7 {
		for len(months) > 0 && months[len(months)-1].Month > d[:7] {
			months = months[:len(months)-1]
		}
	}
	total := 0
	for _, mc := range months {
		total += mc.Commits
	}
	switch {
	case total > 0:
		m.printf("Commits per month: %s\n\n", sparkline(months))
		m.printf("```mermaid\n%s```\n\n", monthlyChart(months))
	case len(g.Monthly) > 0:
		m.printf("No human commit in the twelve months before the scan.\n\n")
	}
	if len(g.BusiestFiles) > 0 {
		m.printf("Busiest files (changed by the most of the window's commits; lockfiles left out):\n\n| File | Commits |\n|---|---:|\n")
		for _, f := range g.BusiestFiles {
			m.printf("| %s | %d |\n", mdSpan(f.Path), f.Commits)
		}
		m.printf("\n")
	}
	var rows []string
	for _, u := range m.inv.Units {
		if len(u.Authors) == 0 {
			continue
		}
		top := u.Authors[0]
		rows = append(rows, fmt.Sprintf("| %s | %d | %s (%s) |\n", unitHeading(m.inv, u), len(u.Authors), mdText(top.Name), plural(top.Commits, "commit", "commits")))
	}
	if len(rows) > 0 {
		m.printf("| Unit | Authors in the window | Most commits |\n|---|---:|---|\n%s\n", strings.Join(rows, ""))
	}
}

// sparkline is "▁▃█ (2026-01 … 2026-12, 0–28 a month)".
func sparkline(months []stack.MonthCommits) string {
	bars := []rune("▁▂▃▄▅▆▇█")
	hi := 0
	for _, mc := range months {
		hi = max(hi, mc.Commits)
	}
	var b strings.Builder
	for _, mc := range months {
		i := 0
		if hi > 0 {
			i = mc.Commits * (len(bars) - 1) / hi
		}
		b.WriteRune(bars[i])
	}
	lo := hi
	for _, mc := range months {
		lo = min(lo, mc.Commits)
	}
	return fmt.Sprintf("%s (%s to %s, %d–%d a month)", b.String(), mdText(months[0].Month), mdText(months[len(months)-1].Month), lo, hi)
}

// monthlyChart is a Mermaid xychart-beta bar chart of commits per month.
func monthlyChart(months []stack.MonthCommits) string {
	var labels, values []string
	hi := 0
	for _, mc := range months {
		labels = append(labels, `"`+mermaidLabel(mc.Month)+`"`)
		values = append(values, strconv.Itoa(mc.Commits))
		hi = max(hi, mc.Commits)
	}
	return fmt.Sprintf("xychart-beta\n  title \"Commits per month\"\n  x-axis [%s]\n  y-axis \"Commits\" 0 --> %d\n  bar [%s]\n",
		strings.Join(labels, ", "), max(hi, 1), strings.Join(values, ", "))
}

// categoryOrder is the catalog's order of categories.
var categoryOrder = []analyzers.Category{analyzers.Typing, analyzers.Tooling, analyzers.Testing, analyzers.Architecture,
	analyzers.Runtime, analyzers.Dependencies, analyzers.StackFit}

// ruleOf finds the analyzer of a finding among the rules that ran, then in
// the registry.
func (m *mdWriter) ruleOf(code string) *analyzers.Analyzer {
	for _, a := range m.res.Rules {
		if a.Code == code {
			return a
		}
	}
	return analyzers.Lookup(code)
}

func (m *mdWriter) risks() {
	m.printf("## Risks\n\n")
	if len(m.findings) == 0 {
		m.printf("No findings.\n\n")
		return
	}
	groups := map[analyzers.Category][]analyzers.Finding{}
	for _, f := range m.findings {
		cat := analyzers.Category("other")
		if a := m.ruleOf(f.Code); a != nil && a.Category != "" {
			cat = a.Category
		}
		groups[cat] = append(groups[cat], f)
	}
	order := append([]analyzers.Category(nil), categoryOrder...)
	var extra []analyzers.Category
	for c := range groups {
		known := false
		for _, k := range categoryOrder {
			known = known || k == c
		}
		if !known {
			extra = append(extra, c)
		}
	}
	sort.Slice(extra, func(i, j int) bool { return extra[i] < extra[j] })
	order = append(order, extra...)
	for _, cat := range order {
		fs := groups[cat]
		if len(fs) == 0 {
			continue
		}
		sort.SliceStable(fs, func(i, j int) bool { return fs[i].Level.Rank() > fs[j].Level.Rank() })
		c := levelCounts(fs)
		m.printf("### %s (%s)\n\n", mdText(capitalize(string(cat))), levelSummary(c))
		for _, f := range fs {
			rule := mdText(f.Code + " " + f.Rule)
			if a := m.ruleOf(f.Code); a != nil {
				rule = "[" + rule + "](" + a.DocURL() + ")"
			}
			loc := strings.TrimSuffix(position(f.Location), ":")
			m.printf("- **%s** %s at %s: %s\n", mdText(string(f.Level)), rule, mdSpan(loc), mdText(f.Message))
			for j, r := range f.Related {
				if j == maxTextRelated {
					m.printf("  - … and %d more\n", len(f.Related)-j)
					break
				}
				line := mdSpan(strings.TrimSuffix(position(r), ":"))
				if r.Message != "" {
					line += ": " + mdText(r.Message)
				}
				m.printf("  - %s\n", line)
			}
		}
		m.printf("\n")
	}
}

func levelSummary(c map[analyzers.Level]int) string {
	var parts []string
	for _, l := range []analyzers.Level{analyzers.Error, analyzers.Warning, analyzers.Note} {
		if c[l] > 0 {
			parts = append(parts, plural(c[l], string(l), string(l)+"s"))
		}
	}
	return strings.Join(parts, ", ")
}

// fitSignals are the profile rows of the stack-fit table: the component
// categories that say what kind of work a unit carries.
var fitSignals = []struct {
	category, label string
}{
	{stack.Data, "Data and ML libraries"},
	{stack.Queue, "Queues and background jobs"},
	{stack.Automation, "Schedulers and scrapers"},
	{stack.Realtime, "Real-time libraries"},
	{stack.Integration, "Third-party integrations"},
}

// serverlessKinds are the service kinds that run as functions.
var serverlessKinds = map[string]bool{"serverless": true, "vercel": true, "netlify": true}

func (m *mdWriter) stackFit() {
	inv := m.inv
	m.printf("## Stack fit\n\n")
	m.printf("What the code carries, counted by ecosystem (components declared or imported; files from the stack-fit rules' metrics).\n\n")
	m.printf("| Signal | Python units | Node units | Seen |\n|---|---:|---:|---|\n")
	for _, sig := range fitSignals {
		count := map[string]int{}
		var ids []string
		seen := map[string]bool{}
		for _, u := range inv.Units {
			has := false
			for _, c := range u.Components {
				if c.Category != sig.category {
					continue
				}
				has = true
				if !seen[c.ID] {
					seen[c.ID] = true
					ids = append(ids, c.ID)
				}
			}
			if has {
				count[u.Ecosystem]++
			}
		}
		sort.Strings(ids)
		for i := range ids {
			ids[i] = mdText(ids[i])
		}
		m.printf("| %s | %d | %d | %s |\n", sig.label, count[stack.Python], count[stack.Node], orNone(strings.Join(ids, ", ")))
	}
	fnByRT := map[string]int{}
	var fnKinds []string
	seenKind := map[string]bool{}
	for _, s := range inv.Services {
		if !serverlessKinds[s.Kind] {
			continue
		}
		rt := "unknown runtime"
		if s.Runtime != nil && s.Runtime.Name != "" {
			rt = s.Runtime.Name
		} else if u := inv.Unit(s.Unit); u != nil && s.Unit != "" {
			rt = u.Ecosystem
		}
		fnByRT[rt]++
		if !seenKind[s.Kind] {
			seenKind[s.Kind] = true
			fnKinds = append(fnKinds, mdText(s.Kind))
		}
	}
	m.printf("| Serverless functions and sites | %d | %d | %s |\n\n", fnByRT[stack.Python], fnByRT[stack.Node], orNone(strings.Join(fnKinds, ", ")))
	for _, x := range []struct{ name, what string }{
		{"dataImportFiles", "import a data or ML library"},
		{"realtimeImportFiles", "import a real-time library"},
	} {
		var parts []string
		for _, u := range inv.Units {
			if n, ok := metricOf(m.res.Metrics, u.Path, x.name); ok && n > 0 {
				parts = append(parts, fmt.Sprintf("%s %s", mdSpan(unitLabel(u.Path)), plural(n, "file", "files")))
			}
		}
		if len(parts) > 0 {
			m.printf("- Source files that %s: %s.\n", x.what, strings.Join(parts, ", "))
		}
	}
	var fit []string
	for _, f := range m.findings {
		if a := m.ruleOf(f.Code); a != nil && a.Category == analyzers.StackFit {
			fit = append(fit, f.Code)
		}
	}
	if len(fit) > 0 {
		m.printf("- Stack-fit notes (see Risks): %s.\n", strings.Join(uniqueSorted(fit), ", "))
	} else {
		m.printf("- No stack-fit rule fired.\n")
	}
	m.printf("\n")

	m.printf("### Rewrite readiness\n\n")
	m.printf("What any rewrite or migration of this code would have to carry, as figures.\n\n")
	m.printf("| Figure | Count | Detail |\n|---|---:|---|\n")
	routes, byFW := 0, map[string]int{}
	for _, u := range inv.Units {
		routes += len(u.Routes)
		for _, r := range u.Routes {
			byFW[r.Framework]++
		}
	}
	m.printf("| HTTP and GraphQL routes | %d | %s |\n", routes, countList(byFW))
	if found, ok := metricSum(m.res.Metrics, "moneyPaths"); ok {
		tested, _ := metricSum(m.res.Metrics, "moneyPathsTested")
		m.printf("| Money paths (signup, login, billing, checkout, …) | %d | %d reached by a test |\n", found, tested)
	}
	kinds := map[string]int{}
	for _, s := range inv.Services {
		kinds[s.Kind]++
	}
	m.printf("| Services | %d | %s |\n", len(inv.Services), countList(kinds))
	ikinds := map[string]int{}
	for _, i := range inv.Infrastructure {
		ikinds[nonEmpty(i.Kind, i.Name)]++
	}
	m.printf("| Infrastructure | %d | %s |\n", len(inv.Infrastructure), countList(ikinds))
	integ := map[string]int{}
	for _, u := range inv.Units {
		for _, c := range u.Components {
			if c.Category == stack.Integration {
				integ[c.ID]++
			}
		}
	}
	m.printf("| Third-party integrations | %d | %s |\n", len(integ), countList(integ))
	var py, ts, js, tests int
	for _, u := range inv.Units {
		py += u.Source.Python
		ts += u.Source.TypeScript
		js += u.Source.JavaScript
		tests += u.Source.Tests
	}
	m.printf("| Source files | %d | %d Python, %d TypeScript, %d JavaScript; %d test files besides |\n", py+ts+js, py, ts, js, tests)
	withTests := 0
	for _, j := range inv.CI {
		for _, c := range j.Checks {
			if c == "test" {
				withTests++
				break
			}
		}
	}
	m.printf("| CI jobs | %d | %d run tests |\n\n", len(inv.CI), withTests)
}

// countList is "django 12, fastapi 3", largest first then by name; "—"
// when empty.
func countList(c map[string]int) string {
	if len(c) == 0 {
		return "—"
	}
	keys := make([]string, 0, len(c))
	for k := range c {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		if c[keys[i]] != c[keys[j]] {
			return c[keys[i]] > c[keys[j]]
		}
		return keys[i] < keys[j]
	})
	parts := make([]string, len(keys))
	for i, k := range keys {
		parts[i] = fmt.Sprintf("%s %d", mdText(nonEmpty(k, "unknown")), c[k])
	}
	return strings.Join(parts, ", ")
}

func uniqueSorted(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	n := 0
	for i, x := range out {
		if i == 0 || x != out[n-1] {
			out[n] = x
			n++
		}
	}
	return out[:n]
}

// limits lists what the scan could not read or judge, so a reviewer knows
// where the figures are incomplete.
func (m *mdWriter) limits() {
	notes := sortedNotifications(m.res.Notifications)
	if len(notes) == 0 {
		return
	}
	m.printf("## Limits of this report\n\n")
	for i, n := range notes {
		if i == 50 {
			m.printf("- … and %d more (see the JSON report)\n", len(notes)-i)
			break
		}
		what := "could not read"
		if n.Level == "note" {
			what = "could not judge"
		}
		if n.Path != "" {
			m.printf("- %s %s: %s\n", what, mdSpan(n.Path), mdText(n.Message))
		} else {
			m.printf("- %s\n", mdText(n.Message))
		}
	}
	m.printf("\n")
}

// mdSpan writes s as an inline code span that holds any text: the fence is
// longer than any run of backticks inside, pipes are escaped for tables
// (GitHub unescapes \| inside a code span in a table cell) and line breaks
// become spaces.
func mdSpan(s string) string {
	s = clean(strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s))
	if s == "" {
		return "` `"
	}
	longest, run := 0, 0
	for _, r := range s {
		if r == '`' {
			run++
			longest = max(longest, run)
		} else {
			run = 0
		}
	}
	fence := strings.Repeat("`", longest+1)
	s = strings.ReplaceAll(s, "|", `\|`)
	if strings.HasPrefix(s, "`") || strings.HasSuffix(s, "`") {
		s = " " + s + " "
	}
	return fence + s + fence
}

// mdText writes text from the scanned repository (messages, names) as
// Markdown that shows it as written: characters Markdown or HTML would
// read are escaped, `code spans` in messages kept when their backticks
// pair up, line breaks become spaces.
func mdText(s string) string {
	s = clean(strings.NewReplacer("\r\n", " ", "\n", " ", "\r", " ").Replace(s))
	parts := strings.Split(s, "`")
	if len(parts)%2 == 0 {
		// Unpaired backtick: no code spans, escape them all.
		return mdEscape(s)
	}
	var b strings.Builder
	for i, p := range parts {
		if i%2 == 0 {
			b.WriteString(mdEscape(p))
			continue
		}
		if strings.TrimSpace(p) == "" {
			b.WriteString(mdEscape("`" + p + "`"))
			continue
		}
		b.WriteString("`" + strings.ReplaceAll(p, "|", `\|`) + "`")
	}
	return b.String()
}

// mdEscape backslash-escapes the ASCII punctuation Markdown gives meaning
// to, and writes < > & as entities so no HTML gets through.
func mdEscape(s string) string {
	var b strings.Builder
	for _, r := range s {
		switch r {
		case '<':
			b.WriteString("&lt;")
		case '>':
			b.WriteString("&gt;")
		case '&':
			b.WriteString("&amp;")
		case '\\', '`', '*', '_', '[', ']', '|', '#', '!', '~', '$':
			b.WriteByte('\\')
			b.WriteRune(r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}
