package detectors

import (
	"path"
	"strings"

	"github.com/stackaudit/stackaudit/stack"
)

// pyRequirement is one PEP 508 requirement.
type pyRequirement struct {
	// Name is PEP 503-normalised; Raw is the name as written.
	Name string
	Raw  string
	// Extras are the extras asked for (django[bcrypt] → bcrypt); they never
	// change the component a requirement brings in.
	Extras []string
	// Constraint is the version specifier as written, or the URL of a
	// direct reference.
	Constraint string
	Marker     string
	URL        string
}

// normalizePyName normalises a distribution name as PEP 503 does:
// re.sub(r"[-_.]+", "-", name).lower().
func normalizePyName(name string) string {
	var b strings.Builder
	b.Grow(len(name))
	sep := false
	for i := 0; i < len(name); i++ {
		c := name[i]
		if c == '-' || c == '_' || c == '.' {
			sep = true
			continue
		}
		if sep {
			b.WriteByte('-')
			sep = false
		}
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		b.WriteByte(c)
	}
	if sep {
		b.WriteByte('-')
	}
	return b.String()
}

func isPyNameByte(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9' || c == '-' || c == '_' || c == '.'
}

// parsePyRequirement parses a PEP 508 requirement string. It reports false
// when s does not start with a distribution name.
func parsePyRequirement(s string) (pyRequirement, bool) {
	s = strings.TrimSpace(s)
	i := 0
	for i < len(s) && isPyNameByte(s[i]) {
		i++
	}
	if i == 0 || !isPyAlnum(s[0]) {
		return pyRequirement{}, false
	}
	r := pyRequirement{Raw: s[:i], Name: normalizePyName(s[:i])}
	rest := strings.TrimSpace(s[i:])
	if strings.HasPrefix(rest, "[") {
		end := strings.IndexByte(rest, ']')
		if end < 0 {
			return pyRequirement{}, false
		}
		for e := range strings.SplitSeq(rest[1:end], ",") {
			if e = strings.TrimSpace(e); e != "" {
				r.Extras = append(r.Extras, e)
			}
		}
		rest = strings.TrimSpace(rest[end+1:])
	}
	if strings.HasPrefix(rest, "@") {
		// A direct reference: the URL ends at whitespace followed by ';'.
		u := strings.TrimSpace(rest[1:])
		if k := strings.Index(u, " ;"); k >= 0 {
			r.Marker = strings.TrimSpace(u[k+2:])
			u = u[:k]
		} else if k := strings.Index(u, "\t;"); k >= 0 {
			r.Marker = strings.TrimSpace(u[k+2:])
			u = u[:k]
		}
		r.URL = strings.TrimSpace(u)
		r.Constraint = r.URL
		return r, r.URL != ""
	}
	spec := rest
	if k := strings.IndexByte(rest, ';'); k >= 0 {
		spec = rest[:k]
		r.Marker = strings.TrimSpace(rest[k+1:])
	}
	spec = strings.TrimSpace(spec)
	if strings.HasPrefix(spec, "(") && strings.HasSuffix(spec, ")") {
		spec = strings.TrimSpace(spec[1 : len(spec)-1])
	}
	if spec != "" && !strings.ContainsAny(spec[:1], "<>=!~") {
		// Something other than a version specifier follows the name.
		return pyRequirement{}, false
	}
	r.Constraint = spec
	return r, true
}

func isPyAlnum(c byte) bool {
	return 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || '0' <= c && c <= '9'
}

// pyDevWords mark a requirements file (or dependency group) as development
// only: requirements-dev.txt, requirements/test.txt, lint-requirements.txt.
var pyDevWords = map[string]bool{
	"dev": true, "devel": true, "develop": true, "development": true,
	"test": true, "tests": true, "testing": true, "lint": true, "linting": true,
	"ci": true, "docs": true, "doc": true, "local": true, "typing": true,
}

// requirementsScope is the scope of the dependencies a requirements file
// declares, from its name.
func requirementsScope(p string) string {
	base := path.Base(p)
	base = strings.TrimSuffix(strings.TrimSuffix(base, ".txt"), ".in")
	for _, w := range strings.FieldsFunc(strings.ToLower(base), func(r rune) bool {
		return r == '-' || r == '_' || r == '.'
	}) {
		if pyDevWords[w] {
			return "dev"
		}
	}
	return "prod"
}

// reqLine is one logical line of a requirements file.
type reqLine struct {
	Line int
	Text string
}

// requirementsLines joins continuation lines (a trailing backslash), drops
// comments (a '#' at the start or after whitespace, as pip does) and blank
// lines, and keeps the number of the line each logical line starts on.
func requirementsLines(text string) []reqLine {
	var out []reqLine
	var cur strings.Builder
	start := 0
	for i, raw := range strings.Split(text, "\n") {
		raw = strings.TrimRight(raw, "\r")
		if cur.Len() == 0 {
			start = i + 1
		}
		line := stripReqComment(raw)
		if strings.HasSuffix(line, "\\") {
			cur.WriteString(strings.TrimSuffix(line, "\\"))
			cur.WriteByte(' ')
			continue
		}
		cur.WriteString(line)
		if t := strings.TrimSpace(cur.String()); t != "" {
			out = append(out, reqLine{Line: start, Text: t})
		}
		cur.Reset()
	}
	if t := strings.TrimSpace(cur.String()); t != "" {
		out = append(out, reqLine{Line: start, Text: t})
	}
	return out
}

func stripReqComment(s string) string {
	for i := 0; i < len(s); i++ {
		if s[i] == '#' && (i == 0 || s[i-1] == ' ' || s[i-1] == '\t') {
			return strings.TrimRight(s[:i], " \t")
		}
	}
	return s
}

// reqFile is what one requirements file holds.
type reqFile struct {
	Deps []reqDep
	// Includes are -r files, Constraints -c files, as written with their line.
	Includes    []reqLine
	Constraints []reqLine
	// Pinned is true when every requirement is pinned with == and carries a
	// hash; Compiler names the tool of an "autogenerated by" header.
	Pinned   bool
	Compiler string
	// Editable is true when the file installs a local folder (-e .).
	Editable bool
}

type reqDep struct {
	Req    pyRequirement
	Line   int
	Detail string
}

// parseRequirementsFile reads the text of a pip requirements file.
func parseRequirementsFile(text string) reqFile {
	var f reqFile
	head := text
	if len(head) > 2048 {
		head = head[:2048]
	}
	switch {
	case strings.Contains(head, "autogenerated by pip-compile"):
		f.Compiler = "pip-tools"
	case strings.Contains(head, "autogenerated by uv"):
		f.Compiler = "uv"
	}
	pinned, hashed := 0, 0
	for _, l := range requirementsLines(text) {
		t := l.Text
		if strings.HasPrefix(t, "-") {
			opt, arg := splitReqOption(t)
			switch opt {
			case "-r", "--requirement":
				if arg != "" {
					f.Includes = append(f.Includes, reqLine{Line: l.Line, Text: arg})
				}
			case "-c", "--constraint":
				if arg != "" {
					f.Constraints = append(f.Constraints, reqLine{Line: l.Line, Text: arg})
				}
			case "-e", "--editable":
				if r, ok := vcsRequirement(arg); ok {
					f.Deps = append(f.Deps, reqDep{Req: r, Line: l.Line, Detail: t})
				} else {
					f.Editable = true
				}
			}
			continue
		}
		spec := t
		hasHash := false
		if k := strings.Index(spec, " --"); k >= 0 {
			hasHash = strings.Contains(spec[k:], "--hash")
			spec = strings.TrimSpace(spec[:k])
		} else if k := strings.Index(spec, "\t--"); k >= 0 {
			hasHash = strings.Contains(spec[k:], "--hash")
			spec = strings.TrimSpace(spec[:k])
		}
		r, ok := parsePyRequirement(spec)
		if !ok {
			r, ok = vcsRequirement(spec)
		}
		if !ok {
			// A local path, a wheel file or an archive URL without a name.
			continue
		}
		f.Deps = append(f.Deps, reqDep{Req: r, Line: l.Line, Detail: spec})
		if strings.HasPrefix(r.Constraint, "==") && !strings.ContainsAny(r.Constraint, ",*") {
			pinned++
		}
		if hasHash {
			hashed++
		}
	}
	n := len(f.Deps)
	f.Pinned = n > 0 && pinned == n && hashed == n
	return f
}

// splitReqOption splits "-r file", "-rfile", "--requirement=file" and
// "--requirement file" into the option and its argument.
func splitReqOption(t string) (string, string) {
	if strings.HasPrefix(t, "--") {
		opt, arg, ok := strings.Cut(t, "=")
		if !ok {
			opt, arg, _ = strings.Cut(t, " ")
		}
		if k := strings.IndexAny(opt, " \t"); k >= 0 {
			arg = opt[k:] + arg
			opt = opt[:k]
		}
		return opt, strings.TrimSpace(arg)
	}
	if len(t) < 2 {
		return t, ""
	}
	return t[:2], strings.TrimSpace(t[2:])
}

// vcsRequirement reads a VCS or URL requirement that names its package with
// "#egg=name", such as git+https://github.com/org/repo@v1#egg=name.
func vcsRequirement(s string) (pyRequirement, bool) {
	s = strings.TrimSpace(s)
	if !strings.Contains(s, "://") {
		return pyRequirement{}, false
	}
	_, frag, ok := strings.Cut(s, "#")
	if !ok {
		return pyRequirement{}, false
	}
	for kv := range strings.SplitSeq(frag, "&") {
		if name, ok := strings.CutPrefix(kv, "egg="); ok {
			i := 0
			for i < len(name) && isPyNameByte(name[i]) {
				i++
			}
			name = name[:i]
			if name == "" || !isPyAlnum(name[0]) {
				return pyRequirement{}, false
			}
			return pyRequirement{Name: normalizePyName(name), Raw: name, Constraint: s, URL: s}, true
		}
	}
	return pyRequirement{}, false
}

// requirementsSet reads requirements files of one unit with their -r and -c
// includes, each file once, so include cycles end.
type requirementsSet struct {
	d *Detection
	u *stack.Unit
	// seen holds every file read, with the scope it was read for.
	seen map[string]bool
	// pins are versions pinned with == in constraint files.
	pins map[string]string
}

func newRequirementsSet(d *Detection, u *stack.Unit) *requirementsSet {
	return &requirementsSet{d: d, u: u, seen: map[string]bool{}, pins: map[string]string{}}
}

// read adds the dependencies of the requirements file p with scope; an
// included file takes the scope its own name gives, or else its includer's.
// It returns the parsed file, or false when it could not be read.
func (rs *requirementsSet) read(p, scope string, asConstraint bool) (reqFile, bool) {
	if rs.seen[p] {
		return reqFile{}, false
	}
	rs.seen[p] = true
	b, err := rs.d.Snap.ReadFile(p)
	if err != nil {
		rs.d.Problemf(p, "cannot read: %v", pyReadErr(err))
		return reqFile{}, false
	}
	f := parseRequirementsFile(string(b))
	for _, dep := range f.Deps {
		if asConstraint {
			if v, ok := strings.CutPrefix(dep.Req.Constraint, "=="); ok && !strings.ContainsAny(v, ",*") {
				rs.pins[dep.Req.Name] = strings.TrimSpace(v)
			}
			continue
		}
		rs.u.Dependencies = append(rs.u.Dependencies, stack.Dependency{
			Name:       dep.Req.Name,
			Constraint: dep.Req.Constraint,
			Scope:      scope,
			Evidence:   stack.Evidence{Path: p, Line: dep.Line, Detail: dep.Detail},
		})
	}
	for _, inc := range f.Includes {
		if q, ok := rs.resolve(p, inc); ok {
			s := requirementsScope(q)
			if s == "prod" {
				s = scope
			}
			rs.read(q, s, asConstraint)
		}
	}
	for _, inc := range f.Constraints {
		if q, ok := rs.resolve(p, inc); ok {
			rs.read(q, scope, true)
		}
	}
	return f, true
}

// resolve finds an included file relative to the file that names it.
func (rs *requirementsSet) resolve(from string, inc reqLine) (string, bool) {
	ref := inc.Text
	if strings.Contains(ref, "://") {
		rs.d.Problemf(from, "line %d: includes %s over the network; stackaudit reads only the repository, so its requirements are not counted", inc.Line, ref)
		return "", false
	}
	if path.IsAbs(ref) {
		rs.d.Problemf(from, "line %d: includes %s, outside the repository; its requirements are not counted (move the file into the repository to have them read)", inc.Line, ref)
		return "", false
	}
	q := path.Join(path.Dir(from), ref)
	if q == ".." || strings.HasPrefix(q, "../") {
		rs.d.Problemf(from, "line %d: includes %s, outside the repository; its requirements are not counted (move the file into the repository to have them read)", inc.Line, ref)
		return "", false
	}
	if !rs.d.Snap.Exists(q) {
		rs.d.Problemf(from, "line %d: includes %s, which is not in the repository (or is ignored); its requirements are not counted (fix the path or commit the file)", inc.Line, ref)
		return "", false
	}
	return q, true
}
