package report

import (
	"bytes"
	"fmt"
	"regexp"
	"strings"
	"testing"

	"github.com/stackaudit/stackaudit/analyzers"
	"github.com/stackaudit/stackaudit/stack"
)

func markdownOf(t *testing.T, res *Result) string {
	t.Helper()
	var b bytes.Buffer
	if err := Markdown(&b, res); err != nil {
		t.Fatal(err)
	}
	return b.String()
}

// hostileResult is fakeResult with names and messages that would break a
// table, a diagram or the page if written raw.
func hostileResult() *Result {
	res := fakeResult()
	res.Target = "https://example.com/org/evil|repo.git"
	inv := res.Inventory
	inv.Services = append(inv.Services, stack.Service{Name: `we"b] --> x[<script>`, Kind: "compose", Unit: "frontend",
		Evidence: stack.Evidence{Path: "docker-compose.yml", Line: 30}})
	inv.Infrastructure[0].Name = "db`#1;|\n<b>"
	inv.Git.Team[1].Name = "Bo | <img src=x> **bold**"
	res.Findings = append(res.Findings, analyzers.Finding{Code: "SA999", Rule: "made-up", Level: analyzers.Warning,
		Message: "a|b `x|y` [link](javascript:alert(1)) <details> $x$ \x1b[31m", Location: analyzers.Location{Path: "a b/c|d.py", Line: 3}})
	return res
}

func TestMarkdownGolden(t *testing.T) {
	for _, c := range []struct {
		name string
		res  func() *Result
	}{
		{"markdown", fakeResult},
		{"markdown_hostile", hostileResult},
		{"markdown_bare", func() *Result { return &Result{Target: ".", Inventory: &stack.Inventory{}} }},
	} {
		t.Run(c.name, func(t *testing.T) {
			checkGolden(t, c.name+".golden.md", []byte(markdownOf(t, c.res())))
		})
	}
}

func TestMarkdownDeterministicAndPure(t *testing.T) {
	first := markdownOf(t, fakeResult())
	for i := 0; i < 5; i++ {
		if got := markdownOf(t, fakeResult()); got != first {
			t.Fatalf("run %d differs from run 0", i)
		}
	}
	res := fakeResult()
	var before, after bytes.Buffer
	if err := dumpResult(&before, res); err != nil {
		t.Fatal(err)
	}
	markdownOf(t, res)
	if err := dumpResult(&after, res); err != nil {
		t.Fatal(err)
	}
	if !bytes.Equal(before.Bytes(), after.Bytes()) {
		t.Error("Markdown changed the Result it was given")
	}
}

func TestMarkdownContent(t *testing.T) {
	got := markdownOf(t, fakeResult())
	for _, want := range []string{
		"| Date | 2026-11-20 (the scanned commit) |",
		"| Units | Services | Active authors | Findings | Money paths tested |",
		"| 3 | 3 | 3 (180 days) | 1 error · 2 warnings · 1 note | 3 of 4 |",
		"Tests reach 3 of the 4 money paths found.",
		"| Runtime | python 3.12 (`backend/.python-version:1`); line 3.12 supported until 2028-10-31 |",
		"| TypeScript share | 80% (80 TypeScript, 20 JavaScript files) |",
		"[SA301 no-tests](https://github.com/stackaudit/stackaudit/blob/main/docs/rules/SA301-no-tests.md) at `backend/pyproject.toml`",
		"### Testing (1 error, 1 warning)",
		"| Money paths (signup, login, billing, checkout, …) | 4 | 3 reached by a test |",
		"bus factor 1",
	} {
		if !strings.Contains(got, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	// Within a category, errors come before warnings before notes.
	if e, w := strings.Index(got, "**error** [SA301"), strings.Index(got, "**warning** [SA301"); e < 0 || w < 0 || e > w {
		t.Errorf("testing findings not ordered by level: error at %d, warning at %d", e, w)
	}
	for _, bad := range []string{"rewrite", "Rewrite the", "should"} {
		if bad == "rewrite" {
			// "Rewrite readiness" is the section's name; the verdict must
			// not speak of one.
			para := strings.SplitN(strings.SplitN(got, "\n\n", 4)[2], "\n\n", 2)[0]
			if strings.Contains(strings.ToLower(para), bad) {
				t.Errorf("verdict speaks of a rewrite: %s", para)
			}
			continue
		}
		if strings.Contains(got, bad) {
			t.Errorf("report contains advice %q", bad)
		}
	}
}

func TestMarkdownLeavesOutWhatIsMissing(t *testing.T) {
	res := fakeResult()
	res.Metrics = nil
	res.Inventory.Git = nil
	got := markdownOf(t, res)
	for _, absent := range []string{"Money paths", "money path", "Active authors", "xychart", "| Date |"} {
		if strings.Contains(got, absent) {
			t.Errorf("report without metrics and git shows %q", absent)
		}
	}
	if !strings.Contains(got, "Not a git repository") {
		t.Error("team section does not say there is no history")
	}
}

// TestMarkdownTables checks every table: a header, a delimiter row, and
// the same number of cells on every row (unescaped pipes counted).
func TestMarkdownTables(t *testing.T) {
	for name, res := range map[string]*Result{"fake": fakeResult(), "hostile": hostileResult()} {
		lines := strings.Split(markdownOf(t, res), "\n")
		inFence := false
		for i := 0; i < len(lines); i++ {
			if strings.HasPrefix(lines[i], "```") {
				inFence = !inFence
				continue
			}
			if inFence || !strings.HasPrefix(lines[i], "|") {
				continue
			}
			want := cells(lines[i])
			if i+1 >= len(lines) || !regexp.MustCompile(`^\|(\s*:?-+:?\s*\|)+$`).MatchString(lines[i+1]) {
				t.Errorf("%s: line %d: table without a delimiter row: %q", name, i+1, lines[i])
			}
			for ; i < len(lines) && strings.HasPrefix(lines[i], "|"); i++ {
				if n := cells(lines[i]); n != want || !strings.HasSuffix(lines[i], "|") {
					t.Errorf("%s: line %d: %d cells, want %d: %q", name, i+1, n, want, lines[i])
				}
			}
		}
	}
}

// cells counts the cells of a table row, skipping escaped pipes.
func cells(row string) int {
	return len(regexp.MustCompile(`(^|[^\\])\|`).FindAllString(row, -1)) - 1
}

func TestMarkdownNoRawHTML(t *testing.T) {
	got := markdownOf(t, hostileResult())
	for _, bad := range []string{"<script>", "<img", "<details>", "<b>", "\x1b"} {
		if strings.Contains(got, bad) {
			t.Errorf("hostile input reaches the page raw: %q", bad)
		}
	}
	if regexp.MustCompile(`[^\\]\]\(javascript:`).MatchString(got) {
		t.Error("a link from a message reaches the page")
	}
}

func TestMarkdownMermaidValid(t *testing.T) {
	for name, res := range map[string]*Result{"fake": fakeResult(), "hostile": hostileResult()} {
		blocks := mermaidBlocks(markdownOf(t, res))
		if len(blocks) != 2 {
			t.Errorf("%s: %d mermaid blocks, want a flowchart and a chart", name, len(blocks))
		}
		for _, b := range blocks {
			if err := checkMermaid(b); err != nil {
				t.Errorf("%s: %v\n%s", name, err, b)
			}
		}
	}
}

func TestCheckMermaidRejects(t *testing.T) {
	for _, bad := range []string{
		"graph\n",
		"pie\n  \"a\" : 1\n",
		"flowchart LR\n  a[\"x\"\n",
		"flowchart LR\n  a-b[\"x\"]\n",
		"flowchart LR\n  a[\"say \"hi\"\"]\n",
		"flowchart LR\n  a[x]\n",
		"flowchart LR\n  a --> \n",
		"xychart-beta\n  x-axis [\"a\", \"b\"]\n  bar [1]\n",
		"xychart-beta\n  x-axis [a]\n  bar [1]\n",
	} {
		if checkMermaid(bad) == nil {
			t.Errorf("accepted %q", bad)
		}
	}
}

func mermaidBlocks(md string) []string {
	var out []string
	var cur *strings.Builder
	for _, line := range strings.Split(md, "\n") {
		switch {
		case cur == nil && line == "```mermaid":
			cur = &strings.Builder{}
		case cur != nil && line == "```":
			out = append(out, cur.String())
			cur = nil
		case cur != nil:
			cur.WriteString(line + "\n")
		}
	}
	return out
}

var (
	mmID       = `[A-Za-z0-9_]+`
	mmLabel    = `"[^"]*"`
	mmNode     = `(` + mmID + `)(\["[^"]*"\]|\[/"[^"]*"/\]|\[\("[^"]*"\)\])`
	mmNodeRe   = regexp.MustCompile(`^` + mmNode + `$`)
	mmEdgeRe   = regexp.MustCompile(`^(` + mmID + `) -->(\|[a-z ]+\|)? (` + mmID + `)$`)
	mmEntityRe = regexp.MustCompile(`#[a-z0-9]+;`)
)

// checkMermaid is a small structural check of the diagrams Markdown
// writes: a known header, balanced brackets, node ids of [A-Za-z0-9_],
// labels quoted with no raw quote or markup inside, edges between declared
// nodes; for xychart-beta, quoted x-axis labels and one value each.
func checkMermaid(src string) error {
	lines := strings.Split(strings.TrimRight(src, "\n"), "\n")
	header := strings.TrimSpace(lines[0])
	body := lines[1:]
	if err := balanced(src); err != nil {
		return err
	}
	switch {
	case header == "flowchart LR" || header == "flowchart TD":
		nodes := map[string]bool{}
		var edges [][2]string
		for _, l := range body {
			t := strings.TrimSpace(l)
			if m := mmNodeRe.FindStringSubmatch(t); m != nil {
				label := m[2]
				inner := label[strings.Index(label, `"`)+1 : strings.LastIndex(label, `"`)]
				if strings.ContainsAny(mmEntityRe.ReplaceAllString(inner, ""), "\"<>`#;&\\") {
					return fmt.Errorf("node %s: unescaped character in label %q", m[1], inner)
				}
				nodes[m[1]] = true
				continue
			}
			if m := mmEdgeRe.FindStringSubmatch(t); m != nil {
				edges = append(edges, [2]string{m[1], m[3]})
				continue
			}
			return fmt.Errorf("flowchart: cannot read line %q", t)
		}
		for _, e := range edges {
			if !nodes[e[0]] || !nodes[e[1]] {
				return fmt.Errorf("edge %s --> %s: node not declared", e[0], e[1])
			}
		}
		if len(nodes) == 0 {
			return fmt.Errorf("flowchart without nodes")
		}
	case header == "xychart-beta":
		var labels, values int
		axis := regexp.MustCompile(`^x-axis \[(` + mmLabel + `(, ` + mmLabel + `)*)\]$`)
		bar := regexp.MustCompile(`^bar \[(\d+(, \d+)*)\]$`)
		for _, l := range body {
			t := strings.TrimSpace(l)
			switch {
			case strings.HasPrefix(t, "title "):
				if !regexp.MustCompile(`^title ` + mmLabel + `$`).MatchString(t) {
					return fmt.Errorf("xychart: bad title %q", t)
				}
			case strings.HasPrefix(t, "x-axis"):
				m := axis.FindStringSubmatch(t)
				if m == nil {
					return fmt.Errorf("xychart: bad x-axis %q", t)
				}
				labels = len(regexp.MustCompile(mmLabel).FindAllString(m[1], -1))
			case strings.HasPrefix(t, "y-axis"):
				if !regexp.MustCompile(`^y-axis ` + mmLabel + ` \d+ --> \d+$`).MatchString(t) {
					return fmt.Errorf("xychart: bad y-axis %q", t)
				}
			case strings.HasPrefix(t, "bar"):
				m := bar.FindStringSubmatch(t)
				if m == nil {
					return fmt.Errorf("xychart: bad bar %q", t)
				}
				values = len(strings.Split(m[1], ","))
			default:
				return fmt.Errorf("xychart: cannot read line %q", t)
			}
		}
		if labels == 0 || labels != values {
			return fmt.Errorf("xychart: %d labels and %d values", labels, values)
		}
	default:
		return fmt.Errorf("unknown diagram header %q", header)
	}
	return nil
}

// balanced checks (), [] and "" outside quotes pair up.
func balanced(src string) error {
	var stack []rune
	inQuote := false
	pairs := map[rune]rune{')': '(', ']': '['}
	for _, r := range src {
		if r == '"' {
			inQuote = !inQuote
			continue
		}
		if inQuote {
			continue
		}
		switch r {
		case '(', '[':
			stack = append(stack, r)
		case ')', ']':
			if len(stack) == 0 || stack[len(stack)-1] != pairs[r] {
				return fmt.Errorf("unbalanced %q", r)
			}
			stack = stack[:len(stack)-1]
		}
	}
	if inQuote {
		return fmt.Errorf("unterminated quote")
	}
	if len(stack) > 0 {
		return fmt.Errorf("unclosed %q", stack[len(stack)-1])
	}
	return nil
}

func TestMarkdownSharedFolder(t *testing.T) {
	res := &Result{Target: "shop", Inventory: &stack.Inventory{
		Units: []*stack.Unit{
			{Path: ".", Ecosystem: stack.Node, ToolingOnly: true, Manifests: []string{"package.json"}},
			{Path: ".", Ecosystem: stack.Python, Application: true, Manifests: []string{"pyproject.toml"}},
		},
		Services: []stack.Service{{Name: "app", Kind: "dockerfile", Unit: ".", Evidence: stack.Evidence{Path: "Dockerfile"}}},
	}}
	got := markdownOf(t, res)
	for _, want := range []string{"### `./` node\n", "### `./` python\n", "  u1[/\"./ python\"/]\n  s0 -->|builds| u1\n"} {
		if !strings.Contains(got, want) {
			t.Errorf("report lacks %q\n%s", want, got)
		}
	}
	if strings.Contains(got, "u0[") {
		t.Error("the tooling-only unit is drawn though no service builds it")
	}
	for _, b := range mermaidBlocks(got) {
		if err := checkMermaid(b); err != nil {
			t.Error(err)
		}
	}
}

func TestMarkdownQuietHistory(t *testing.T) {
	res := fakeResult()
	g := res.Inventory.Git
	g.LastCommit = "2024-01-04T10:00:00Z"
	g.ActiveAuthors, g.WindowCommits, g.BusFactor, g.Team = 0, 0, 0, nil
	g.Monthly = []stack.MonthCommits{{Month: "2026-10"}, {Month: "2026-11"}}
	got := markdownOf(t, res)
	for _, want := range []string{"No author committed in the 180 days before the scan (the last commit is from 2024-01-04).", "No human commit in the twelve months before the scan."} {
		if !strings.Contains(got, want) {
			t.Errorf("report lacks %q", want)
		}
	}
	if strings.Contains(got, "xychart") {
		t.Error("a chart of zeros")
	}
	// Months after the scanned commit's are left out of the chart.
	res = fakeResult()
	res.Inventory.Git.LastCommit = "2026-10-15T00:00:00Z"
	if got := markdownOf(t, res); !strings.Contains(got, "x-axis [\"2026-10\"]") {
		t.Errorf("chart not cut at the scanned commit's month:\n%s", got)
	}
}
