package analyzers

import (
	"bytes"
	"fmt"
	"path"
	"strings"

	"github.com/stackaudit/stackaudit/config"
	"github.com/stackaudit/stackaudit/internal/source"
	"github.com/stackaudit/stackaudit/repo"
)

// Suppression kinds, as SARIF names them.
const (
	InSource = "inSource"
	External = "external"
)

// Suppression says why a finding is not reported: an inline
// `stackaudit:ignore` comment (kind inSource) or the configuration's
// ignores (kind external).
type Suppression struct {
	// Kind is "inSource" or "external".
	Kind string `json:"kind"`
	// Justification is the reason written with the suppression.
	Justification string `json:"justification,omitempty"`
	// Location is where the suppression is written.
	Location *Location `json:"location,omitempty"`
}

// IgnoreMarker starts an inline suppression inside a comment.
const IgnoreMarker = source.Marker

// Ignore is one inline suppression comment.
type Ignore struct {
	// Path and Line are where the comment is.
	Path string
	Line int
	// Rules are the codes or names as written; empty when the comment
	// names none.
	Rules []string
	// Reason is the text after the rules.
	Reason string
	// OwnLine is true when the comment is alone on its line: it then
	// covers the next line. A comment after code covers its own line.
	OwnLine bool
}

// commentStyle says how a file writes comments.
type commentStyle uint8

const (
	noComments commentStyle = iota
	hashComments
	slashComments // JSONC: // and /* */ outside strings
	pythonSource
	jsSource
)

// styleOf picks the comment syntax of a file from its name.
func styleOf(p string) commentStyle {
	base := path.Base(p)
	lower := strings.ToLower(base)
	switch path.Ext(lower) {
	case ".py", ".pyi":
		return pythonSource
	case ".js", ".mjs", ".cjs", ".jsx", ".ts", ".mts", ".cts", ".tsx":
		return jsSource
	case ".jsonc":
		return slashComments
	case ".json":
		if strings.HasPrefix(lower, "tsconfig") || strings.HasPrefix(lower, "jsconfig") {
			return slashComments
		}
		return noComments
	case ".yml", ".yaml", ".toml", ".sh", ".bash", ".cfg", ".ini", ".dockerfile", ".containerfile":
		return hashComments
	case ".txt", ".in":
		if strings.HasPrefix(lower, "requirements") || strings.HasPrefix(lower, "constraints") {
			return hashComments
		}
		return noComments
	}
	switch {
	case strings.HasPrefix(lower, "dockerfile"), strings.HasPrefix(lower, "containerfile"),
		lower == "procfile", lower == "makefile", lower == ".env" || strings.HasPrefix(lower, ".env."):
		return hashComments
	}
	return noComments
}

// fileIgnores returns the inline suppressions of a file, read once a scan
// and shared through the snapshot's memo. Files that cannot be read give
// none, without a note (the rules that need them say so).
func fileIgnores(snap *repo.Snapshot, p string) []Ignore {
	style := styleOf(p)
	if style == noComments {
		return nil
	}
	if style == pythonSource || style == jsSource {
		// Source files are read once a scan, with their parse.
		if f, ok := snap.Stat(p); !ok || f.Size > snap.MaxFileSize() {
			return nil
		}
		r := source.Get(snap, p)
		if r == nil || len(r.Comments()) == 0 {
			return nil
		}
		v := snap.Memo("ignores:"+p, func() any { return commentIgnores(p, style, r.Comments()) })
		out, _ := v.([]Ignore)
		return out
	}
	v := snap.Memo("ignores:"+p, func() any {
		b, err := snap.ReadFile(p)
		if err != nil {
			return []Ignore(nil)
		}
		return ParseIgnores(p, b)
	})
	out, _ := v.([]Ignore)
	return out
}

// commentIgnores reads the suppressions of a Python or JavaScript file
// from its comment tokens.
func commentIgnores(p string, style commentStyle, comments []source.Comment) []Ignore {
	var out []Ignore
	for _, c := range comments {
		add := func(line, start int, comment string) {
			if ig, ok := parseIgnore(comment); ok {
				ig.Path, ig.Line, ig.OwnLine = p, line, true
				if start >= 0 {
					ig.OwnLine = c.OwnLine
				}
				out = append(out, ig)
			}
		}
		if style == pythonSource {
			add(c.Line, c.Start, strings.TrimPrefix(c.Text, "#"))
		} else {
			blockComment(c.Line, c.Start, c.Text, add)
		}
	}
	return out
}

// ParseIgnores finds the `stackaudit:ignore` comments in src, using the
// comment syntax of the file named p: the tokenizers for Python and
// JavaScript/TypeScript (a marker inside a string is not a comment) and a
// comment-aware line reader for the others.
func ParseIgnores(p string, src []byte) []Ignore {
	if !bytes.Contains(src, []byte(IgnoreMarker)) {
		return nil
	}
	var out []Ignore
	// add records the comment that starts at byte offset start on line.
	add := func(line, start int, comment string) {
		if ig, ok := parseIgnore(comment); ok {
			ig.Path, ig.Line, ig.OwnLine = p, line, true
			if start >= 0 {
				lineStart := bytes.LastIndexByte(src[:start], '\n') + 1
				ig.OwnLine = len(bytes.TrimSpace(src[lineStart:start])) == 0
			}
			out = append(out, ig)
		}
	}
	switch styleOf(p) {
	case pythonSource, jsSource:
		r, err := source.Parse(p, src)
		if err != nil {
			return nil
		}
		return commentIgnores(p, styleOf(p), r.Comments())
	case slashComments:
		for _, c := range jsoncComments(src) {
			blockComment(c.line, c.start, c.text, add)
		}
	case hashComments:
		off := 0
		for i, line := range strings.Split(string(src), "\n") {
			if c, ok := hashComment(line); ok {
				add(i+1, off+len(line)-len(c)-1, c)
			}
			off += len(line) + 1
		}
	}
	return out
}

// blockComment hands each line of a // or /* */ comment to add, with its
// line number, markers removed.
func blockComment(line, start int, text string, add func(int, int, string)) {
	if strings.HasPrefix(text, "//") {
		add(line, start, text[2:])
		return
	}
	text = strings.TrimSuffix(strings.TrimPrefix(text, "/*"), "*/")
	for i, l := range strings.Split(text, "\n") {
		if i > 0 {
			start = -1 // a continuation line of the comment is its own line
		}
		l = strings.TrimSpace(l)
		add(line+i, start, strings.TrimPrefix(l, "*"))
	}
}

type lineComment struct {
	line, start int
	text        string
}

// jsoncComments returns the comments of a JSONC file: // and /* */ outside
// double-quoted strings.
func jsoncComments(src []byte) []lineComment {
	var out []lineComment
	line := 1
	for i := 0; i < len(src); i++ {
		switch c := src[i]; {
		case c == '\n':
			line++
		case c == '"':
			for i++; i < len(src) && src[i] != '"' && src[i] != '\n'; i++ {
				if src[i] == '\\' {
					i++
				}
			}
			if i < len(src) && src[i] == '\n' {
				line++
			}
		case c == '/' && i+1 < len(src) && src[i+1] == '/':
			j := bytes.IndexByte(src[i:], '\n')
			if j < 0 {
				j = len(src) - i
			}
			out = append(out, lineComment{line, i, string(src[i : i+j])})
			i += j - 1
		case c == '/' && i+1 < len(src) && src[i+1] == '*':
			j := bytes.Index(src[i+2:], []byte("*/"))
			end := len(src)
			if j >= 0 {
				end = i + 2 + j + 2
			}
			out = append(out, lineComment{line, i, string(src[i:end])})
			line += bytes.Count(src[i:end], []byte("\n"))
			i = end - 1
		}
	}
	return out
}

// hashComment returns the text after a # that starts a comment on line: at
// the start of the line or after white space, outside quotes (the rule of
// YAML, TOML, shell and pip's requirements files).
func hashComment(line string) (string, bool) {
	var quote byte
	for i := 0; i < len(line); i++ {
		c := line[i]
		switch {
		case quote != 0:
			if c == '\\' && quote == '"' {
				i++
			} else if c == quote {
				quote = 0
			}
		case c == '"' || c == '\'':
			quote = c
		case c == '#' && (i == 0 || line[i-1] == ' ' || line[i-1] == '\t'):
			return line[i+1:], true
		}
	}
	return "", false
}

// parseIgnore reads "stackaudit:ignore SA502,SA501 reason" from the text
// of a comment with its markers removed. The marker must open the comment.
func parseIgnore(comment string) (Ignore, bool) {
	s := strings.TrimSpace(comment)
	if !strings.HasPrefix(s, IgnoreMarker) {
		return Ignore{}, false
	}
	s = s[len(IgnoreMarker):]
	if s != "" && s[0] != ' ' && s[0] != '\t' && s[0] != ':' {
		return Ignore{}, false // stackaudit:ignored, stackaudit:ignore-next…
	}
	s = strings.TrimSpace(strings.TrimPrefix(s, ":"))
	var ig Ignore
	// The rule list: words joined by commas, with or without spaces after them.
	for s != "" {
		end := strings.IndexAny(s, " \t")
		if end < 0 {
			end = len(s)
		}
		word := s[:end]
		more := strings.HasSuffix(word, ",")
		for r := range strings.SplitSeq(word, ",") {
			if r != "" {
				ig.Rules = append(ig.Rules, r)
			}
		}
		s = strings.TrimSpace(s[end:])
		if !more && !strings.HasPrefix(s, ",") {
			break
		}
		s = strings.TrimSpace(strings.TrimPrefix(s, ","))
	}
	s = strings.TrimLeft(s, "-—:;. \t")
	ig.Reason = strings.TrimSpace(strings.TrimSuffix(strings.TrimSpace(s), "-->"))
	return ig, true
}

// SuppressOptions tune Suppress.
type SuppressOptions struct {
	// ReportUnused adds an SA001 note for every rule an inline
	// suppression names that matched no finding.
	ReportUnused bool
}

// Suppress marks the findings that an inline `stackaudit:ignore` comment
// suppresses: a comment after code on the finding's line, or a comment
// alone on the finding's line or the line above, and with ReportUnused adds
// a note for each suppression that matched nothing. Findings are kept (the
// reports decide how to show them), marked in place, and returned sorted.
func Suppress(snap *repo.Snapshot, cfg *config.Config, findings []Finding, opts SuppressOptions) []Finding {
	if cfg == nil {
		cfg = config.Default()
	}
	used := map[string]bool{} // path:line:rule index
	key := func(ig Ignore, i int) string { return fmt.Sprintf("%s\x00%d\x00%d", ig.Path, ig.Line, i) }
	for k := range findings {
		f := &findings[k]
		if f.Suppression != nil || f.Location.Line <= 0 || f.Code == UnjustifiedSuppression.Code {
			continue
		}
		for _, ig := range fileIgnores(snap, f.Location.Path) {
			if ig.Line != f.Location.Line && !(ig.OwnLine && ig.Line+1 == f.Location.Line) {
				continue
			}
			for i, r := range ig.Rules {
				if !strings.EqualFold(r, f.Code) && !strings.EqualFold(r, f.Rule) {
					continue
				}
				used[key(ig, i)] = true
				if f.Suppression == nil {
					f.Suppression = &Suppression{Kind: InSource, Justification: ig.Reason,
						Location: &Location{Path: ig.Path, Line: ig.Line}}
				}
			}
		}
	}
	if opts.ReportUnused && cfg.Rule(UnjustifiedSuppression.Code, UnjustifiedSuppression.Name).IsEnabled() {
		level := UnjustifiedSuppression.Level
		if rc := cfg.Rule(UnjustifiedSuppression.Code, UnjustifiedSuppression.Name); rc.Level != "" {
			if l, err := ParseLevel(rc.Level); err == nil {
				level = l
			}
		}
		for _, file := range snap.Files() {
			for _, ig := range fileIgnores(snap, file.Path) {
				for i, r := range ig.Rules {
					if used[key(ig, i)] || Lookup(r) == nil {
						continue
					}
					f := Finding{Code: UnjustifiedSuppression.Code, Rule: UnjustifiedSuppression.Name, Level: level,
						Location: Location{Path: ig.Path, Line: ig.Line},
						Key:      []string{"unused", strings.ToUpper(Lookup(r).Code)},
						Message: fmt.Sprintf("%s:%d: `%s %s` suppresses no %s finding on this line or the next; remove %s from the comment",
							ig.Path, ig.Line, IgnoreMarker, strings.Join(ig.Rules, ","), r, r)}
					f.Fingerprint = fingerprint(f)
					findings = append(findings, f)
				}
			}
		}
	}
	Sort(findings)
	return findings
}

// Unsuppressed returns the findings that no suppression covers.
func Unsuppressed(fs []Finding) []Finding {
	out := make([]Finding, 0, len(fs))
	for _, f := range fs {
		if f.Suppression == nil {
			out = append(out, f)
		}
	}
	return out
}
