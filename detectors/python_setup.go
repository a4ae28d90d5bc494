package detectors

import (
	"sort"
	"strconv"
	"strings"

	"github.com/stackaudit/stackaudit/stack"
	"github.com/stackaudit/stackaudit/syntax"
)

// pyINIFile is an INI file as setup.cfg, tox.ini, .flake8 and .pylintrc
// write it, read the way Python's configparser does: "[section]" headers,
// "key = value" or "key: value" entries, indented continuation lines, and
// whole-line comments starting with '#' or ';'. Unlike configparser it
// never fails: a line it cannot place is skipped.
type pyINIFile struct {
	sections []*pyINISection
}

type pyINISection struct {
	name string
	line int
	keys []*pyINIKey
}

// pyINIKey is one entry; its value may span lines.
type pyINIKey struct {
	// name is lower-cased, as configparser does.
	name  string
	line  int
	lines []pyINIValueLine
}

// pyINIValueLine is one non-blank line of a value.
type pyINIValueLine struct {
	text string
	line int
}

// value returns the whole value, its lines joined by newlines.
func (k *pyINIKey) value() string {
	parts := make([]string, 0, len(k.lines))
	for _, l := range k.lines {
		parts = append(parts, l.text)
	}
	return strings.Join(parts, "\n")
}

func parsePyINI(text string) *pyINIFile {
	f := &pyINIFile{}
	var sec *pyINISection
	var key *pyINIKey
	for i, raw := range strings.Split(text, "\n") {
		n := i + 1
		raw = strings.TrimRight(raw, "\r")
		if i == 0 {
			raw = strings.TrimPrefix(raw, "\ufeff")
		}
		t := strings.TrimSpace(raw)
		if t == "" || t[0] == '#' || t[0] == ';' {
			continue
		}
		indented := raw[0] == ' ' || raw[0] == '\t'
		if indented && key != nil {
			key.lines = append(key.lines, pyINIValueLine{text: t, line: n})
			continue
		}
		if t[0] == '[' {
			if end := strings.IndexByte(t, ']'); end > 0 {
				sec = &pyINISection{name: strings.TrimSpace(t[1:end]), line: n}
				f.sections = append(f.sections, sec)
				key = nil
				continue
			}
		}
		if sec == nil {
			continue
		}
		k := strings.IndexAny(t, "=:")
		if k <= 0 {
			key = nil
			continue
		}
		key = &pyINIKey{name: strings.ToLower(strings.TrimSpace(t[:k])), line: n}
		if v := strings.TrimSpace(t[k+1:]); v != "" {
			key.lines = append(key.lines, pyINIValueLine{text: v, line: n})
		}
		sec.keys = append(sec.keys, key)
	}
	return f
}

// section returns the first section with the given name, or nil.
func (f *pyINIFile) section(name string) *pyINISection {
	for _, s := range f.sections {
		if s.name == name {
			return s
		}
	}
	return nil
}

// get returns the entry of a section, or nil.
func (s *pyINISection) get(name string) *pyINIKey {
	if s == nil {
		return nil
	}
	for _, k := range s.keys {
		if k.name == name {
			return k
		}
	}
	return nil
}

// readSetupCfg reads setuptools' declarative config: [options]
// install_requires and python_requires, [options.extras_require].
func readSetupCfg(st *pyState, p string, cfg *pyINIFile) {
	opts := cfg.section("options")
	if k := opts.get("install_requires"); k != nil {
		addINIRequirements(st.u, p, k, "prod")
	}
	if k := opts.get("python_requires"); k != nil && len(k.lines) > 0 {
		st.runtime(5, k.value(), stack.Evidence{Path: p, Line: k.line, Detail: "python_requires = " + k.value()})
	}
	if extras := cfg.section("options.extras_require"); extras != nil {
		for _, k := range extras.keys {
			addINIRequirements(st.u, p, k, pyGroupScope(k.name))
		}
	}
}

// addINIRequirements adds the requirements of a multi-line INI value, one a
// line, each line's trailing comment dropped.
func addINIRequirements(u *stack.Unit, p string, k *pyINIKey, scope string) {
	for _, l := range k.lines {
		text := strings.TrimSpace(stripReqComment(l.text))
		if strings.HasPrefix(text, "file:") {
			// The requirements live in a file that is read on its own.
			continue
		}
		r, ok := parsePyRequirement(text)
		if !ok {
			continue
		}
		u.Dependencies = append(u.Dependencies, stack.Dependency{
			Name: r.Name, Constraint: r.Constraint, Scope: scope,
			Evidence: stack.Evidence{Path: p, Line: l.line, Detail: text},
		})
	}
}

// pyTok is one token of Python source, as far as setup.py needs.
type pyTok struct {
	// kind: 'n' name, 's' string literal, 'd' an f-string or bytes literal
	// (never a requirement), 'o' operator, 'x' number or other.
	kind byte
	text string
	line int
}

// setupPyTokens turns Python source into the tokens setup.py scanning needs,
// using the syntax package's tokenizer so strings (every quote form and
// prefix) and comments are exact. An f-string becomes one 'd' token.
func setupPyTokens(src string) []pyTok {
	b := []byte(src)
	var toks []pyTok
	fdepth := 0
	for _, t := range syntax.TokenizePython(b) {
		switch t.Kind {
		case syntax.FStringStart:
			if fdepth == 0 {
				toks = append(toks, pyTok{kind: 'd', line: t.Line})
			}
			fdepth++
			continue
		case syntax.FStringEnd:
			if fdepth > 0 {
				fdepth--
			}
			continue
		}
		if fdepth > 0 {
			continue
		}
		text := string(t.Text(b))
		switch t.Kind {
		case syntax.Name:
			toks = append(toks, pyTok{kind: 'n', text: text, line: t.Line})
		case syntax.String:
			toks = append(toks, pyStringLit(text, t.Line))
		case syntax.Op:
			toks = append(toks, pyTok{kind: 'o', text: text, line: t.Line})
		case syntax.Number:
			toks = append(toks, pyTok{kind: 'x', text: text, line: t.Line})
		}
	}
	return toks
}

// pyStringLit decodes a string literal token: its prefix, quotes and the
// common escapes. Bytes literals become 'd' tokens: never a requirement.
func pyStringLit(lit string, line int) pyTok {
	i := 0
	for i < len(lit) && lit[i] != '\'' && lit[i] != '"' {
		i++
	}
	prefix := strings.ToLower(lit[:i])
	body := lit[i:]
	kind := byte('s')
	if strings.ContainsAny(prefix, "bft") {
		kind = 'd'
	}
	if body == "" {
		return pyTok{kind: 'd', line: line}
	}
	q := body[:1]
	if strings.HasPrefix(body, q+q+q) && len(body) >= 6 {
		q = q + q + q
	}
	body = strings.TrimPrefix(body, q)
	body = strings.TrimSuffix(body, q)
	if strings.Contains(prefix, "r") || !strings.Contains(body, "\\") {
		return pyTok{kind: kind, text: body, line: line}
	}
	var sb strings.Builder
	for j := 0; j < len(body); j++ {
		c := body[j]
		if c != '\\' || j+1 == len(body) {
			sb.WriteByte(c)
			continue
		}
		j++
		switch body[j] {
		case '\n':
		case 'n':
			sb.WriteByte('\n')
		case 't':
			sb.WriteByte('\t')
		default:
			sb.WriteByte(body[j])
		}
	}
	return pyTok{kind: kind, text: sb.String(), line: line}
}

// setupArgs is what setup.py passes to setup(), as far as literals show it.
type setupArgs struct {
	// packaging is true when the file names setuptools, distutils or
	// scikit-build: it is a packaging script, not a module named setup.py.
	packaging bool
	install   []pyStr
	extras    map[string][]pyStr
	requires  *pyStr
}

type pyStr struct {
	text string
	line int
}

// scanSetupPy finds the install_requires, extras_require and
// python_requires arguments of setup.py without running it: their string
// literals are collected, directly or through a module-level name bound to
// a literal list or dict; anything computed is skipped.
func scanSetupPy(src string) setupArgs {
	toks := setupPyTokens(src)
	// Module-level assignments NAME = <value>, the last one winning.
	assign := map[string]int{}
	depth := 0
	for i, t := range toks {
		if t.kind == 'o' {
			switch t.text {
			case "(", "[", "{":
				depth++
			case ")", "]", "}":
				if depth > 0 {
					depth--
				}
			case "=":
				if depth == 0 && i > 0 && toks[i-1].kind == 'n' && i+1 < len(toks) {
					assign[toks[i-1].text] = i + 1
				}
			}
		}
	}
	var out setupArgs
	for _, t := range toks {
		if t.kind == 'n' && (t.text == "setuptools" || t.text == "distutils" || t.text == "skbuild") {
			out.packaging = true
			break
		}
	}
	for i := 0; i+2 < len(toks); i++ {
		t := toks[i]
		isKw := t.kind == 'n' && toks[i+1].kind == 'o' && toks[i+1].text == "=" && i > 0 && toks[i-1].kind == 'o' && (toks[i-1].text == "(" || toks[i-1].text == ",")
		isKey := t.kind == 's' && toks[i+1].kind == 'o' && toks[i+1].text == ":"
		if !isKw && !isKey {
			continue
		}
		v := i + 2
		switch t.text {
		case "install_requires":
			if out.install == nil {
				out.install = pyStrList(toks, v, assign, 0)
			}
		case "extras_require":
			if out.extras == nil {
				out.extras = pyStrDict(toks, v, assign)
			}
		case "python_requires":
			if s, ok := pySingleStr(toks, v); ok && out.requires == nil {
				out.requires = &s
			}
		}
	}
	return out
}

// pySingleStr reads a value made of string literals only ("a" "b").
func pySingleStr(toks []pyTok, i int) (pyStr, bool) {
	var b strings.Builder
	line := 0
	j := i
	for j < len(toks) && toks[j].kind == 's' {
		if line == 0 {
			line = toks[j].line
		}
		b.WriteString(toks[j].text)
		j++
	}
	if j == i {
		return pyStr{}, false
	}
	if j < len(toks) && !(toks[j].kind == 'o' && (toks[j].text == "," || toks[j].text == ")" || toks[j].text == "]" || toks[j].text == "}")) {
		return pyStr{}, false
	}
	return pyStr{text: b.String(), line: line}, true
}

// pyStrList reads a list or tuple of string literals at toks[i], or a name
// bound to one at module level. Elements that are not literals are skipped.
func pyStrList(toks []pyTok, i int, assign map[string]int, hops int) []pyStr {
	if i >= len(toks) {
		return nil
	}
	if toks[i].kind == 'n' && hops < 4 {
		if j, ok := assign[toks[i].text]; ok {
			return pyStrList(toks, j, assign, hops+1)
		}
		return nil
	}
	if toks[i].kind == 's' {
		// A single string: setuptools splits it into lines.
		s, ok := pySingleStr(toks, i)
		if !ok {
			return nil
		}
		var out []pyStr
		for k, l := range strings.Split(s.text, "\n") {
			if l = strings.TrimSpace(l); l != "" && !strings.HasPrefix(l, "#") {
				out = append(out, pyStr{text: l, line: s.line + k})
			}
		}
		return out
	}
	if toks[i].kind != 'o' || (toks[i].text != "[" && toks[i].text != "(") {
		return nil
	}
	out := []pyStr{}
	depth := 0
	elemStart := i + 1
	for j := i; j < len(toks); j++ {
		t := toks[j]
		if t.kind != 'o' {
			continue
		}
		switch t.text {
		case "(", "[", "{":
			depth++
		case ")", "]", "}":
			depth--
			if depth == 0 {
				if s, ok := pyElem(toks[elemStart:j]); ok {
					out = append(out, s)
				}
				return out
			}
		case ",":
			if depth == 1 {
				if s, ok := pyElem(toks[elemStart:j]); ok {
					out = append(out, s)
				}
				elemStart = j + 1
			}
		}
	}
	return out
}

// pyElem returns the literal an element is made of, when it is only string
// literals.
func pyElem(toks []pyTok) (pyStr, bool) {
	if len(toks) == 0 {
		return pyStr{}, false
	}
	var b strings.Builder
	for _, t := range toks {
		if t.kind != 's' {
			return pyStr{}, false
		}
		b.WriteString(t.text)
	}
	return pyStr{text: b.String(), line: toks[0].line}, true
}

// pyStrDict reads a dict literal (or a name bound to one) whose keys are
// strings and values lists of string literals: extras_require.
func pyStrDict(toks []pyTok, i int, assign map[string]int) map[string][]pyStr {
	for hops := 0; i < len(toks) && toks[i].kind == 'n' && hops < 4; hops++ {
		j, ok := assign[toks[i].text]
		if !ok {
			return nil
		}
		i = j
	}
	if i >= len(toks) || toks[i].kind != 'o' || toks[i].text != "{" {
		return nil
	}
	out := map[string][]pyStr{}
	depth := 0
	for j := i; j < len(toks); j++ {
		t := toks[j]
		if t.kind == 'o' {
			switch t.text {
			case "(", "[", "{":
				depth++
			case ")", "]", "}":
				depth--
				if depth == 0 {
					return out
				}
			}
			continue
		}
		if depth == 1 && t.kind == 's' && j+2 < len(toks) && toks[j+1].kind == 'o' && toks[j+1].text == ":" && toks[j-1].kind == 'o' && (toks[j-1].text == "{" || toks[j-1].text == ",") {
			out[t.text] = pyStrList(toks, j+2, assign, 0)
		}
	}
	return out
}

// addSetupPy records what setup.py declares; it is read statically, never
// executed.
func addSetupPy(st *pyState, p string, args setupArgs) {
	add := func(list []pyStr, scope string) {
		for _, s := range list {
			r, ok := parsePyRequirement(s.text)
			if !ok {
				continue
			}
			st.u.Dependencies = append(st.u.Dependencies, stack.Dependency{
				Name: r.Name, Constraint: r.Constraint, Scope: scope,
				Evidence: stack.Evidence{Path: p, Line: s.line, Detail: strings.TrimSpace(s.text)},
			})
		}
	}
	add(args.install, "prod")
	for _, extra := range pySortedStrKeys(args.extras) {
		add(args.extras[extra], pyGroupScope(extra))
	}
	if args.requires != nil {
		st.runtime(5, args.requires.text, stack.Evidence{Path: p, Line: args.requires.line, Detail: "python_requires=" + strconv.Quote(args.requires.text)})
	}
}

func pySortedStrKeys[V any](m map[string]V) []string {
	keys := make([]string, 0, len(m))
	for k := range m {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	return keys
}
