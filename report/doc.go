package report

import (
	"regexp"
	"strings"
)

// firstParagraph returns the first paragraph of prose in a rule's Markdown
// doc: not a heading, not a code block, not the "**Level:** …" line that
// heads every doc. Its lines are joined with spaces.
func firstParagraph(doc string) string {
	var para []string
	inFence := false
	for _, line := range strings.Split(doc, "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			inFence = !inFence
			if len(para) > 0 {
				break
			}
			continue
		}
		if inFence {
			continue
		}
		switch {
		case t == "":
			if len(para) > 0 {
				return strings.Join(para, " ")
			}
		case len(para) == 0 && (strings.HasPrefix(t, "#") || isMetaLine(t)):
			// skip headings and the metadata line before the paragraph
		default:
			para = append(para, t)
		}
	}
	return strings.Join(para, " ")
}

// isMetaLine reports whether a line is the doc's "**Level:** … ·
// **Category:** …" line, which repeats what SARIF says elsewhere.
func isMetaLine(t string) bool {
	return strings.HasPrefix(t, "**Level:**") || strings.HasPrefix(t, "**Category:**")
}

var (
	mdLink     = regexp.MustCompile(`\[([^\]]+)\]\(([^)\s]+)\)`)
	mdStrong   = regexp.MustCompile(`(\*\*|__)(\S(?:.*?\S)?)(\*\*|__)`)
	mdEmphasis = regexp.MustCompile(`(^|[\s(])[*_](\S(?:[^*_]*?\S)?)[*_]([\s).,;:!?]|$)`)
	mdCode     = regexp.MustCompile("`([^`]+)`")
)

// plainText renders a Markdown doc as plain text for readers that show no
// Markdown: heading marks, emphasis, inline code marks and code fences are
// dropped, links become "text (url)", code blocks keep their content.
func plainText(md string) string {
	var b strings.Builder
	inFence := false
	blank := false
	for _, line := range strings.Split(strings.TrimRight(md, "\n"), "\n") {
		t := strings.TrimSpace(line)
		if strings.HasPrefix(t, "```") || strings.HasPrefix(t, "~~~") {
			inFence = !inFence
			continue
		}
		if inFence {
			b.WriteString("    " + line + "\n")
			blank = false
			continue
		}
		if t == "" {
			if !blank && b.Len() > 0 {
				b.WriteString("\n")
			}
			blank = true
			continue
		}
		blank = false
		if strings.HasPrefix(t, "#") {
			line = strings.TrimSpace(strings.TrimLeft(t, "#"))
		}
		line = inlinePlain(line)
		b.WriteString(strings.TrimRight(line, " ") + "\n")
	}
	return strings.TrimRight(b.String(), "\n")
}

// inlinePlain strips inline Markdown from one line of prose. Code spans
// are kept verbatim (without their backticks): `**/*.py` is not emphasis.
func inlinePlain(s string) string {
	var b strings.Builder
	last := 0
	for _, m := range mdCode.FindAllStringSubmatchIndex(s, -1) {
		b.WriteString(inlineProse(s[last:m[0]]))
		b.WriteString(s[m[2]:m[3]])
		last = m[1]
	}
	b.WriteString(inlineProse(s[last:]))
	return b.String()
}

func inlineProse(s string) string {
	s = mdLink.ReplaceAllString(s, "$1 ($2)")
	s = mdStrong.ReplaceAllString(s, "$2")
	return mdEmphasis.ReplaceAllString(s, "$1$2$3")
}
