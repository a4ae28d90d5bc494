package detectors

import (
	"path"
	"strings"
)

// makefile is what CI resolution needs of a Makefile: its rules and the
// simple variables it defines.
type makefile struct {
	path    string
	first   string // the default goal
	targets map[string]*makeTarget
	vars    map[string]string
}

type makeTarget struct {
	line   int
	deps   []string
	recipe []string
}

// parseMakefile reads rules, recipes and simple variable assignments. It
// skips conditionals' structure (both branches count), define blocks,
// includes and pattern rules; it never evaluates functions.
func parseMakefile(p string, data []byte) *makefile {
	mf := &makefile{path: p, targets: map[string]*makeTarget{}, vars: map[string]string{}}
	lines := strings.Split(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n")
	var current []*makeTarget
	inDefine := false
	for i := 0; i < len(lines); i++ {
		lineNo := i + 1
		line := lines[i]
		// Join backslash continuations.
		for strings.HasSuffix(line, "\\") && i+1 < len(lines) {
			i++
			next := lines[i]
			if strings.HasPrefix(line, "\t") {
				next = strings.TrimPrefix(next, "\t")
			}
			line = strings.TrimRight(strings.TrimSuffix(line, "\\"), " \t") + " " + strings.TrimLeft(next, " \t")
		}
		if inDefine {
			if strings.TrimSpace(line) == "endef" {
				inDefine = false
			}
			continue
		}
		if strings.HasPrefix(line, "\t") {
			if len(current) > 0 {
				cmd := strings.TrimSpace(line)
				cmd = strings.TrimLeft(cmd, "@-+")
				cmd = strings.TrimSpace(cmd)
				if cmd != "" && !strings.HasPrefix(cmd, "#") {
					for _, t := range current {
						t.recipe = append(t.recipe, cmd)
					}
				}
			}
			continue
		}
		trimmed := strings.TrimSpace(stripMakeComment(line))
		if trimmed == "" {
			continue // blank and comment lines do not end a recipe
		}
		word, _, _ := strings.Cut(trimmed, " ")
		switch word {
		case "define":
			inDefine = true
			current = nil
			continue
		case "ifeq", "ifneq", "ifdef", "ifndef", "else", "endif", "include", "-include", "sinclude", "vpath", "unexport", "override":
			if word != "override" {
				continue
			}
			trimmed = strings.TrimSpace(strings.TrimPrefix(trimmed, "override"))
		case "export":
			trimmed = strings.TrimSpace(strings.TrimPrefix(trimmed, "export"))
		}
		current = nil
		colon := strings.IndexByte(trimmed, ':')
		eq := strings.IndexByte(trimmed, '=')
		if eq >= 0 && (colon < 0 || eq < colon || strings.HasPrefix(trimmed[colon:], ":=") || strings.HasPrefix(trimmed[colon:], "::=")) {
			name := strings.TrimSpace(trimmed[:eq])
			name = strings.TrimRight(name, ":?+! ")
			value := strings.TrimSpace(trimmed[eq+1:])
			if strings.HasSuffix(strings.TrimSpace(trimmed[:eq]), "+") {
				if old := mf.vars[name]; old != "" {
					value = old + " " + value
				}
			}
			if strings.HasSuffix(strings.TrimSpace(trimmed[:eq]), "?") && mf.vars[name] != "" {
				continue
			}
			mf.vars[name] = value
			continue
		}
		if colon <= 0 {
			continue
		}
		names := strings.Fields(trimmed[:colon])
		rest := strings.TrimLeft(trimmed[colon+1:], ":")
		var inline string
		if semi := strings.IndexByte(rest, ';'); semi >= 0 {
			inline = strings.TrimSpace(rest[semi+1:])
			rest = rest[:semi]
		}
		if strings.Contains(rest, "=") {
			continue // target-specific variable
		}
		deps := strings.Fields(rest)
		for _, n := range names {
			if strings.HasPrefix(n, ".") || strings.Contains(n, "%") || strings.Contains(n, "$") {
				continue
			}
			t := mf.targets[n]
			if t == nil {
				t = &makeTarget{line: lineNo}
				mf.targets[n] = t
				if mf.first == "" {
					mf.first = n
				}
			}
			t.deps = append(t.deps, deps...)
			if inline != "" {
				t.recipe = append(t.recipe, inline)
			}
			current = append(current, t)
		}
	}
	return mf
}

// stripMakeComment drops a # comment that is not escaped.
func stripMakeComment(line string) string {
	for i := 0; i < len(line); i++ {
		if line[i] == '#' && (i == 0 || line[i-1] != '\\') {
			return line[:i]
		}
	}
	return line
}

// expand substitutes the Makefile's simple variables in s; $(MAKE) becomes
// make; unknown variables and functions stay as written.
func (mf *makefile) expand(s string, depth int) string {
	const maxExpansion = 64 << 10
	if depth > 3 || !strings.Contains(s, "$") {
		return s
	}
	var b strings.Builder
	for i := 0; i < len(s); i++ {
		if b.Len() > maxExpansion {
			break // variables referring to variables many times over
		}
		if s[i] != '$' || i+1 >= len(s) {
			b.WriteByte(s[i])
			continue
		}
		c := s[i+1]
		if c == '$' {
			b.WriteByte('$')
			i++
			continue
		}
		if c != '(' && c != '{' {
			b.WriteByte(s[i])
			continue
		}
		closeCh := byte(')')
		if c == '{' {
			closeCh = '}'
		}
		end := strings.IndexByte(s[i+2:], closeCh)
		if end < 0 {
			b.WriteString(s[i:])
			break
		}
		name := s[i+2 : i+2+end]
		switch {
		case name == "MAKE":
			b.WriteString("make")
		case mf.vars[name] != "" && !strings.ContainsAny(name, " ,"):
			b.WriteString(mf.expand(mf.vars[name], depth+1))
		default:
			b.WriteString(s[i : i+3+end])
		}
		i += 2 + end
	}
	return b.String()
}

// makefileIn returns the parsed Makefile of dir (or the file named), cached.
func (r *ciResolver) makefileIn(dir, file string) *makefile {
	var candidates []string
	if file != "" {
		candidates = []string{joinPath(dir, file)}
	} else {
		for _, n := range []string{"GNUmakefile", "makefile", "Makefile"} {
			candidates = append(candidates, joinPath(dir, n))
		}
	}
	for _, p := range candidates {
		if p == "" || !r.d.Snap.Exists(p) {
			continue
		}
		if mf, ok := r.makes[p]; ok {
			return mf
		}
		data, err := r.d.Snap.ReadFile(p)
		if err != nil {
			r.makes[p] = nil
			return nil
		}
		mf := parseMakefile(p, data)
		r.makes[p] = mf
		return mf
	}
	return nil
}

// make follows `make [-C dir] [-f file] [targets]` into the Makefile's recipes.
func (r *ciResolver) make(args []string, dir string, depth int, f *ciFacts) {
	file := ""
	var goals []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "-C" || a == "--directory":
			if i+1 < len(args) {
				dir = joinPath(dir, args[i+1])
				i++
			}
		case strings.HasPrefix(a, "-C") && len(a) > 2:
			dir = joinPath(dir, a[2:])
		case a == "-f" || a == "--file" || a == "--makefile":
			if i+1 < len(args) {
				file = args[i+1]
				i++
			}
		case a == "-j" || a == "--jobs" || a == "-l" || a == "-o" || a == "-W":
			if i+1 < len(args) && isDigits(args[i+1]) || a == "-o" || a == "-W" {
				i++
			}
		case strings.HasPrefix(a, "-"), isAssignment(a):
		default:
			goals = append(goals, a)
		}
	}
	if dir == "" {
		return
	}
	mf := r.makefileIn(dir, file)
	if mf == nil {
		return
	}
	if len(goals) == 0 && mf.first != "" {
		goals = []string{mf.first}
	}
	mdir := path.Dir(mf.path)
	for _, g := range goals {
		r.makeTarget(mf, mdir, g, depth+1, f)
	}
}

func (r *ciResolver) makeTarget(mf *makefile, dir, goal string, depth int, f *ciFacts) {
	t := mf.targets[goal]
	if t == nil {
		return
	}
	key := "make:" + mf.path + ":" + goal
	if !r.enter(key, depth) {
		return
	}
	defer r.leave(key)
	for _, dep := range t.deps {
		if _, ok := mf.targets[dep]; ok {
			r.makeTarget(mf, dir, dep, depth+1, f)
		}
	}
	for _, line := range t.recipe {
		r.script(mf.expand(line, 0), dir, true, depth, f)
	}
}
