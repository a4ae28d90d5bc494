package report

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf8"

	"github.com/stackaudit/stackaudit/analyzers"
)

// TextOptions tune the text writers.
type TextOptions struct {
	// Color turns on ANSI colours. The caller decides: on for a terminal,
	// off when NO_COLOR is set or output is redirected.
	Color bool
}

// ANSI escapes.
const (
	ansiReset  = "\x1b[0m"
	ansiBold   = "\x1b[1m"
	ansiDim    = "\x1b[2m"
	ansiRed    = "\x1b[31m"
	ansiYellow = "\x1b[33m"
	ansiCyan   = "\x1b[36m"
)

// painter wraps text in ANSI escapes when colour is on.
type painter bool

func (p painter) paint(style, s string) string {
	if !p || s == "" {
		return s
	}
	return style + s + ansiReset
}

func (p painter) level(l analyzers.Level) string {
	style := ""
	switch l {
	case analyzers.Error:
		style = ansiBold + ansiRed
	case analyzers.Warning:
		style = ansiYellow
	case analyzers.Note:
		style = ansiCyan
	}
	name := clean(string(l))
	padded := fmt.Sprintf("%-7s", name)
	if style == "" {
		return padded
	}
	return p.paint(style, name) + padded[len(name):]
}

// maxTextRelated caps the related locations shown under a finding.
const maxTextRelated = 5

// Text writes res for a terminal: findings grouped by file, then the
// problems met while reading, then a summary line with counts.
func Text(w io.Writer, res *Result, opts TextOptions) error {
	bw := bufio.NewWriter(w)
	p := painter(opts.Color)
	// Suppressed findings are counted in the summary and shown nowhere else.
	findings := sortedFindings(analyzers.Unsuppressed(res.Findings))
	for i, f := range findings {
		if i == 0 || f.Location.Path != findings[i-1].Location.Path {
			if i > 0 {
				bw.WriteString("\n")
			}
			bw.WriteString(p.paint(ansiBold, clean(f.Location.Path)) + "\n")
		}
		fmt.Fprintf(bw, "  %s  %s %s %s: %s\n", p.level(f.Level), position(f.Location),
			p.paint(ansiBold, clean(f.Code)), clean(f.Rule), clean(f.Message))
		for j, r := range f.Related {
			if j == maxTextRelated {
				fmt.Fprintf(bw, "           %s\n", p.paint(ansiDim, fmt.Sprintf("… and %d more", len(f.Related)-j)))
				break
			}
			line := strings.TrimSuffix(position(r), ":")
			if r.Message != "" {
				line += ": " + clean(r.Message)
			}
			fmt.Fprintf(bw, "           %s\n", p.paint(ansiDim, line))
		}
	}
	notes := sortedNotifications(res.Notifications)
	if len(findings) > 0 && len(notes) > 0 {
		bw.WriteString("\n")
	}
	for _, n := range notes {
		bw.WriteString(notificationLine(p, n) + "\n")
	}
	if len(findings) > 0 || len(notes) > 0 {
		bw.WriteString("\n")
	}
	bw.WriteString(p.paint(ansiBold, summaryLine(res, findings, notes)) + "\n")
	return bw.Flush()
}

// position is "path:line:" or "path:line:col:"; "path:" for a whole file.
func position(l analyzers.Location) string {
	s := clean(l.Path)
	if l.Line > 0 {
		s += ":" + strconv.Itoa(l.Line)
		if l.Column > 0 {
			s += ":" + strconv.Itoa(l.Column)
		}
	}
	return s + ":"
}

func notificationLine(p painter, n Notification) string {
	if n.Level == "note" && n.Path != "" {
		// A rule that could not judge what the file shows (SA401 without
		// git history), not a file that could not be read.
		return p.paint(ansiYellow, "could not judge:") + " " + clean(n.Path) + ": " + clean(n.Message)
	}
	if n.Path != "" {
		return p.paint(ansiYellow, "could not read:") + " " + clean(n.Path) + ": " + clean(n.Message)
	}
	return p.paint(ansiYellow, clean(nonEmpty(n.Level, "warning"))+":") + " " + clean(n.Message)
}

func summaryLine(res *Result, findings []analyzers.Finding, notes []Notification) string {
	units := 0
	if res.Inventory != nil {
		units = len(res.Inventory.Units)
	}
	var s string
	if len(findings) == 0 {
		s = "no findings in " + plural(units, "unit", "units")
	} else {
		count := map[analyzers.Level]int{}
		for _, f := range findings {
			count[f.Level]++
		}
		s = fmt.Sprintf("%s (%s, %s, %s) in %s",
			plural(len(findings), "finding", "findings"),
			plural(count[analyzers.Error], "error", "errors"),
			plural(count[analyzers.Warning], "warning", "warnings"),
			plural(count[analyzers.Note], "note", "notes"),
			plural(units, "unit", "units"))
	}
	files := map[string]bool{}
	other, unjudged := 0, 0
	for _, n := range notes {
		if n.Level == "note" && n.Path != "" {
			unjudged++
			continue
		}
		if n.Path != "" {
			files[n.Path] = true
		} else {
			other++
		}
	}
	if len(files) == 1 {
		s += " · 1 file could not be read"
	} else if len(files) > 1 {
		s += fmt.Sprintf(" · %d files could not be read", len(files))
	}
	if other > 0 {
		s += " · " + plural(other, "other problem", "other problems")
	}
	if unjudged > 0 {
		s += " · " + plural(unjudged, "rule could not judge", "rules could not judge")
	}
	if n := len(res.Findings) - len(findings); n > 0 {
		s += fmt.Sprintf(" · %d suppressed", n)
	}
	if res.Baselined > 0 {
		s += fmt.Sprintf(" · %d baselined", res.Baselined)
	}
	return s
}

func plural(n int, one, many string) string {
	if n == 1 {
		return "1 " + one
	}
	return strconv.Itoa(n) + " " + many
}

// pad right-pads s to width runes.
func pad(s string, width int) string {
	n := len([]rune(s))
	if n >= width {
		return s
	}
	return s + strings.Repeat(" ", width-n)
}

// clean makes text from the scanned repository safe for a terminal: control
// characters (an ESC in a file name could drive the terminal), invalid
// UTF-8 and the bidirectional overrides of "Trojan Source" are shown as
// escapes instead of being written raw.
func clean(s string) string {
	safe := true
	for _, r := range s {
		if unsafeRune(r) {
			safe = false
			break
		}
	}
	if safe {
		return s
	}
	var b strings.Builder
	for i, w := 0, 0; i < len(s); i += w {
		r, size := utf8.DecodeRuneInString(s[i:])
		w = size
		switch {
		case r == utf8.RuneError && size == 1:
			fmt.Fprintf(&b, `\x%02x`, s[i])
		case r < 0x100 && unsafeRune(r):
			fmt.Fprintf(&b, `\x%02x`, r)
		case unsafeRune(r):
			fmt.Fprintf(&b, `\u%04x`, r)
		default:
			b.WriteRune(r)
		}
	}
	return b.String()
}

func unsafeRune(r rune) bool {
	switch {
	case r < 0x20, r == 0x7f, r >= 0x80 && r < 0xa0:
		return true
	case r >= 0x202a && r <= 0x202e, r >= 0x2066 && r <= 0x2069, r == 0x2028, r == 0x2029:
		return true
	}
	return r == utf8.RuneError
}
