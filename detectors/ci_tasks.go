package detectors

import (
	"path"

	"github.com/BurntSushi/toml"
	"regexp"
	"strings"
)

// ---- tox ----

// toxConfig is tox.ini (or setup.cfg's tox sections): the default env list
// and each environment's commands.
type toxConfig struct {
	path     string
	envlist  []string
	sections map[string]map[string]string // section → key → value
}

// parseINI reads an INI file the way tox does: `key = value` with indented
// continuation lines, `#`/`;` comment lines.
func parseINI(data []byte) map[string]map[string]string {
	out := map[string]map[string]string{}
	var sec map[string]string
	var key string
	for raw := range strings.SplitSeq(strings.ReplaceAll(string(data), "\r\n", "\n"), "\n") {
		t := strings.TrimSpace(raw)
		if t == "" || strings.HasPrefix(t, "#") || strings.HasPrefix(t, ";") {
			continue
		}
		if strings.HasPrefix(t, "[") && strings.HasSuffix(t, "]") && raw[0] == '[' {
			name := strings.TrimSpace(t[1 : len(t)-1])
			sec = out[name]
			if sec == nil {
				sec = map[string]string{}
				out[name] = sec
			}
			key = ""
			continue
		}
		if sec == nil {
			continue
		}
		if (raw[0] == ' ' || raw[0] == '\t') && key != "" {
			sec[key] += "\n" + t
			continue
		}
		k, v, ok := strings.Cut(t, "=")
		if !ok {
			key = ""
			continue
		}
		key = strings.TrimSpace(k)
		sec[key] = strings.TrimSpace(v)
	}
	return out
}

func (r *ciResolver) toxIn(dir string) *toxConfig {
	for _, name := range []string{"tox.ini", "tox.toml", "pyproject.toml", "setup.cfg"} {
		p := joinPath(dir, name)
		if p == "" || !r.d.Snap.Exists(p) {
			continue
		}
		if tc, ok := r.toxes[p]; ok {
			if tc != nil {
				return tc
			}
			continue
		}
		data, err := r.d.Snap.ReadFile(p)
		if err != nil {
			r.toxes[p] = nil
			continue
		}
		if name == "tox.toml" || name == "pyproject.toml" {
			tc := parseToxTOML(p, data, name == "pyproject.toml")
			r.toxes[p] = tc
			if tc != nil {
				return tc
			}
			continue
		}
		secs := parseINI(data)
		head := secs["tox"]
		if name == "setup.cfg" {
			head = secs["tox:tox"]
			if head == nil {
				r.toxes[p] = nil
				continue
			}
		}
		tc := &toxConfig{path: p, sections: secs}
		if head != nil {
			list := head["env_list"]
			if list == "" {
				list = head["envlist"]
			}
			tc.envlist = expandToxEnvs(list)
		}
		r.toxes[p] = tc
		return tc
	}
	return nil
}

// parseToxTOML reads tox 4's TOML configuration (tox.toml, or [tool.tox]
// in pyproject.toml, including a legacy_tox_ini string) into the same shape
// as tox.ini: env_run_base becomes [testenv], env.NAME [testenv:NAME], and
// each command list an argv line.
func parseToxTOML(p string, data []byte, pyproject bool) *toxConfig {
	var doc map[string]any
	if _, err := toml.Decode(string(data), &doc); err != nil {
		return nil
	}
	cfg := doc
	if pyproject {
		tool, _ := doc["tool"].(map[string]any)
		cfg, _ = tool["tox"].(map[string]any)
		if cfg == nil {
			return nil
		}
		if legacy, ok := cfg["legacy_tox_ini"].(string); ok {
			secs := parseINI([]byte(legacy))
			tc := &toxConfig{path: p, sections: secs}
			if head := secs["tox"]; head != nil {
				list := head["env_list"]
				if list == "" {
					list = head["envlist"]
				}
				tc.envlist = expandToxEnvs(list)
			}
			return tc
		}
	}
	tc := &toxConfig{path: p, sections: map[string]map[string]string{}}
	if list, ok := cfg["env_list"].([]any); ok {
		for _, e := range list {
			if s, ok := e.(string); ok {
				tc.envlist = append(tc.envlist, s)
			}
		}
	}
	section := func(name string, env map[string]any) {
		sec := map[string]string{}
		for _, key := range []string{"commands_pre", "commands"} {
			lists, ok := env[key].([]any)
			if !ok {
				continue
			}
			var lines []string
			for _, l := range lists {
				argvAny, ok := l.([]any)
				if !ok {
					continue
				}
				var argv []string
				for _, a := range argvAny {
					if s, ok := a.(string); ok {
						argv = append(argv, s)
					}
				}
				if len(argv) > 0 {
					lines = append(lines, joinArgv(argv))
				}
			}
			sec[key] = strings.Join(lines, "\n")
		}
		tc.sections[name] = sec
	}
	if base, ok := cfg["env_run_base"].(map[string]any); ok {
		section("testenv", base)
	}
	envs, _ := cfg["env"].(map[string]any)
	for name, e := range envs {
		if env, ok := e.(map[string]any); ok {
			section("testenv:"+name, env)
		}
	}
	return tc
}

// expandToxEnvs expands "py{311,312}-django, lint" into env names.
func expandToxEnvs(list string) []string {
	var out []string
	for _, item := range splitTopLevel(list) {
		out = append(out, expandBraces(item, 0)...)
	}
	return out
}

// splitTopLevel splits on commas and newlines outside braces.
func splitTopLevel(s string) []string {
	var out []string
	depth, start := 0, 0
	for i := 0; i <= len(s); i++ {
		if i < len(s) {
			switch s[i] {
			case '{':
				depth++
				continue
			case '}':
				depth--
				continue
			case ',', '\n':
				if depth > 0 {
					continue
				}
			default:
				continue
			}
		}
		if t := strings.TrimSpace(s[start:i]); t != "" {
			out = append(out, t)
		}
		start = i + 1
	}
	return out
}

func expandBraces(s string, depth int) []string {
	i := strings.IndexByte(s, '{')
	j := strings.IndexByte(s, '}')
	if i < 0 || j < i || depth > 4 {
		return []string{s}
	}
	var out []string
	for alt := range strings.SplitSeq(s[i+1:j], ",") {
		out = append(out, expandBraces(s[:i]+strings.TrimSpace(alt)+s[j+1:], depth+1)...)
	}
	return out
}

var (
	toxFactorPrefix = regexp.MustCompile(`^[A-Za-z0-9_.,!{}-]+:\s+`)
	toxSubst        = regexp.MustCompile(`\{[^{}]*\}`)
	toxSectionRef   = regexp.MustCompile(`^\{\[testenv(?::([^\]]+))?\]commands\}$`)
)

// tox follows `tox [-e envs]` into the environments' commands.
func (r *ciResolver) tox(args []string, dir string, depth int, f *ciFacts) {
	tc := r.toxIn(dir)
	if tc == nil {
		tc = r.toxIn(".")
	}
	if tc == nil {
		return
	}
	var envs []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "-e" || a == "--env":
			if i+1 < len(args) {
				envs = append(envs, expandToxEnvs(args[i+1])...)
				i++
			}
		case strings.HasPrefix(a, "-e") && len(a) > 2 && a[2] != '-':
			envs = append(envs, expandToxEnvs(strings.TrimPrefix(a[2:], "="))...)
		case strings.HasPrefix(a, "--env="):
			envs = append(envs, expandToxEnvs(a[len("--env="):])...)
		}
	}
	if len(envs) == 0 {
		envs = tc.envlist
	}
	if len(envs) == 0 {
		envs = []string{"py"}
	}
	tdir := path.Dir(tc.path)
	for _, env := range envs {
		key := "tox:" + tc.path + ":" + env
		if !r.enter(key, depth+1) {
			continue
		}
		for _, cmd := range tc.commands(env, 0) {
			r.script(cmd, tdir, true, depth+1, f)
		}
		r.leave(key)
	}
}

// commands returns an environment's commands_pre and commands, falling
// back to [testenv], with factor conditions and substitutions removed.
func (tc *toxConfig) commands(env string, depth int) []string {
	var out []string
	for _, key := range []string{"commands_pre", "commands"} {
		val, ok := tc.sections["testenv:"+env][key]
		if !ok {
			val, ok = tc.sections["testenv"][key]
		}
		if !ok {
			continue
		}
		for line := range strings.SplitSeq(val, "\n") {
			line = strings.TrimSpace(line)
			// {[testenv:lint]commands} pulls another section's value in.
			if strings.HasPrefix(line, "{[") && depth < 3 {
				if m := toxSectionRef.FindStringSubmatch(line); m != nil {
					out = append(out, tc.commands(m[1], depth+1)...)
					continue
				}
			}
			line = toxFactorPrefix.ReplaceAllString(line, "")
			line = strings.TrimPrefix(line, "- ")
			line = strings.TrimPrefix(line, "!")
			line = toxSubst.ReplaceAllStringFunc(line, func(m string) string {
				switch {
				case m == "{envpython}":
					return "python"
				case strings.HasPrefix(m, "{posargs:"):
					return strings.TrimSuffix(strings.TrimPrefix(m, "{posargs:"), "}")
				case m == "{toxinidir}" || m == "{tox_root}":
					return "."
				}
				return ""
			})
			if line = strings.TrimSpace(line); line != "" {
				out = append(out, line)
			}
		}
	}
	return out
}

// ---- nox ----

// noxfile holds the sessions of a noxfile.py read statically: for each
// session the argument lists of its session.run calls.
type noxfile struct {
	path     string
	sessions map[string][][]string
	order    []string
	defaults []string // nox.options.sessions
}

func (r *ciResolver) noxIn(dir string) *noxfile {
	p := joinPath(dir, "noxfile.py")
	if p == "" || !r.d.Snap.Exists(p) {
		return nil
	}
	if nf, ok := r.noxes[p]; ok {
		return nf
	}
	data, err := r.d.Snap.ReadFile(p)
	if err != nil {
		r.noxes[p] = nil
		return nil
	}
	nf := parseNoxfile(p, data)
	r.noxes[p] = nf
	return nf
}

// nox follows `nox [-s sessions]` into the sessions' session.run calls.
func (r *ciResolver) nox(args []string, dir string, depth int, f *ciFacts) {
	nf := r.noxIn(dir)
	if nf == nil {
		nf = r.noxIn(".")
	}
	if nf == nil {
		return
	}
	var want []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "-s" || a == "--session" || a == "--sessions" || a == "-e":
			for i+1 < len(args) && !strings.HasPrefix(args[i+1], "-") {
				want = append(want, strings.Split(args[i+1], ",")...)
				i++
			}
		case strings.HasPrefix(a, "--session=") || strings.HasPrefix(a, "--sessions="):
			_, v, _ := strings.Cut(a, "=")
			want = append(want, strings.Split(v, ",")...)
		}
	}
	if len(want) == 0 {
		want = nf.defaults
	}
	if len(want) == 0 {
		want = nf.order
	}
	for _, w := range want {
		name := w
		if _, ok := nf.sessions[name]; !ok {
			// tests-3.12 or tests(django='5.0'): the session's base name.
			if parts := strings.FieldsFunc(w, func(r rune) bool { return r == '-' || r == '(' }); len(parts) > 0 {
				name = parts[0]
			}
		}
		key := "nox:" + nf.path + ":" + name
		if !r.enter(key, depth+1) {
			continue
		}
		for _, argv := range nf.sessions[name] {
			r.command(argv, path.Dir(nf.path), true, depth+1, f)
		}
		r.leave(key)
	}
}

// pyToken is a token of Python source: a name (dotted names are joined), a
// string literal's value, or a single punctuation character.
type pyToken struct {
	kind   byte // 'n' name, 's' string, 'p' punctuation
	text   string
	line   int
	indent int // indentation of the token's line
	first  bool
}

// pyTokens tokenises Python source well enough to find decorators, defs
// and call arguments: strings (all quote and prefix forms, triple quoted)
// and comments never produce tokens of their own content.
func pyTokens(src string) []pyToken {
	var toks []pyToken
	line, indent, lineStart := 1, 0, true
	parens := 0
	for i := 0; i < len(src); {
		c := src[i]
		if lineStart {
			j := i
			for j < len(src) && (src[j] == ' ' || src[j] == '\t') {
				j++
			}
			if parens == 0 {
				indent = j - i
			}
			i = j
			lineStart = false
			continue
		}
		switch {
		case c == '\n':
			line++
			lineStart = true
			i++
		case c == ' ' || c == '\t' || c == '\r' || c == '\\':
			i++
		case c == '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case c == '"' || c == '\'' || isStrPrefix(src, i):
			j := i
			for j < len(src) && src[j] != '"' && src[j] != '\'' {
				j++
			}
			prefix := strings.ToLower(src[i:j])
			raw := strings.Contains(prefix, "r")
			q := src[j]
			triple := strings.HasPrefix(src[j:], strings.Repeat(string(q), 3))
			var b strings.Builder
			k := j + 1
			if triple {
				k = j + 3
			}
			startLine := line
			for k < len(src) {
				if src[k] == '\\' && !raw && k+1 < len(src) {
					b.WriteByte(src[k+1])
					if src[k+1] == '\n' {
						line++
					}
					k += 2
					continue
				}
				if triple && strings.HasPrefix(src[k:], strings.Repeat(string(q), 3)) {
					k += 3
					break
				}
				if !triple && (src[k] == q || src[k] == '\n') {
					k++
					break
				}
				if src[k] == '\n' {
					line++
				}
				b.WriteByte(src[k])
				k++
			}
			toks = append(toks, pyToken{kind: 's', text: b.String(), line: startLine, indent: indent, first: len(toks) == 0 || toks[len(toks)-1].line != startLine})
			i = k
		case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			j := i
			for j < len(src) && (src[j] == '_' || src[j] == '.' || src[j] >= 'a' && src[j] <= 'z' || src[j] >= 'A' && src[j] <= 'Z' || src[j] >= '0' && src[j] <= '9') {
				j++
			}
			toks = append(toks, pyToken{kind: 'n', text: src[i:j], line: line, indent: indent, first: len(toks) == 0 || toks[len(toks)-1].line != line})
			i = j
		default:
			switch c {
			case '(', '[', '{':
				parens++
			case ')', ']', '}':
				if parens > 0 {
					parens--
				}
			}
			toks = append(toks, pyToken{kind: 'p', text: string(c), line: line, indent: indent, first: len(toks) == 0 || toks[len(toks)-1].line != line})
			i++
		}
	}
	return toks
}

// isStrPrefix reports whether a string literal with a prefix (r"", f”, rb"") starts at i.
func isStrPrefix(src string, i int) bool {
	if i > 0 {
		p := src[i-1]
		if p == '_' || p >= 'a' && p <= 'z' || p >= 'A' && p <= 'Z' || p >= '0' && p <= '9' {
			return false
		}
	}
	j := i
	for j < len(src) && j-i < 3 && strings.IndexByte("rRbBfFuU", src[j]) >= 0 {
		j++
	}
	return j > i && j < len(src) && (src[j] == '"' || src[j] == '\'')
}

// parseNoxfile finds @nox.session functions and the string arguments of
// their session.run calls.
func parseNoxfile(p string, data []byte) *noxfile {
	nf := &noxfile{path: p, sessions: map[string][][]string{}}
	toks := pyTokens(string(data))
	for i := 0; i < len(toks); i++ {
		t := toks[i]
		// nox.options.sessions = ["lint", "tests"]
		if t.kind == 'n' && t.text == "nox.options.sessions" && i+2 < len(toks) && toks[i+1].text == "=" {
			for j := i + 2; j < len(toks) && toks[j].text != "]" && toks[j].text != ")"; j++ {
				if toks[j].kind == 's' {
					nf.defaults = append(nf.defaults, toks[j].text)
				}
			}
			continue
		}
		if t.kind != 'p' || t.text != "@" || i+1 >= len(toks) {
			continue
		}
		dec := toks[i+1].text
		if dec != "nox.session" && dec != "session" && dec != "nox_poetry.session" && dec != "nox_uv.session" {
			continue
		}
		// Decorator arguments: name="..." overrides the function name.
		j := i + 2
		name := ""
		if j < len(toks) && toks[j].text == "(" {
			depth := 0
			for ; j < len(toks); j++ {
				if toks[j].text == "(" {
					depth++
				} else if toks[j].text == ")" {
					depth--
					if depth == 0 {
						j++
						break
					}
				} else if toks[j].kind == 'n' && toks[j].text == "name" && j+2 < len(toks) && toks[j+1].text == "=" && toks[j+2].kind == 's' {
					name = toks[j+2].text
				}
			}
		}
		// Skip further decorators to the def.
		for j < len(toks) && !(toks[j].kind == 'n' && toks[j].text == "def" && toks[j].first) {
			j++
		}
		if j+1 >= len(toks) {
			break
		}
		defIndent := toks[j].indent
		fn := toks[j+1].text
		param := "session"
		if j+3 < len(toks) && toks[j+2].text == "(" && toks[j+3].kind == 'n' {
			param = toks[j+3].text
		}
		if name == "" {
			name = fn
		}
		if _, dup := nf.sessions[name]; !dup {
			nf.order = append(nf.order, name)
		}
		nf.sessions[name] = nil
		// The body: tokens until one starts a line at or left of the def.
		k := j + 2
		for k < len(toks) && !(toks[k].first && toks[k].indent <= defIndent && toks[k].line > toks[j].line) {
			k++
		}
		// Skip past the signature's colon first; body lines are indented deeper.
		for b := j + 2; b < k; b++ {
			bt := toks[b]
			if bt.kind != 'n' || (bt.text != param+".run" && bt.text != param+".run_always" && bt.text != param+".run_install") {
				continue
			}
			if b+1 >= k || toks[b+1].text != "(" {
				continue
			}
			var argv []string
			for a := b + 2; a < k && toks[a].kind == 's'; a++ {
				argv = append(argv, toks[a].text)
				if a+1 < k && toks[a+1].text == "," {
					a++
				}
			}
			if len(argv) > 0 {
				nf.sessions[name] = append(nf.sessions[name], argv)
			}
		}
		i = k - 1
	}
	return nf
}

// ---- pre-commit ----

type preCommitHook struct {
	id    string
	entry string
	args  []string
}

// preCommitHooks reads the hooks of the root .pre-commit-config.yaml, once.
func (r *ciResolver) preCommitHooks() []preCommitHook {
	if r.hooked {
		return r.hooks
	}
	r.hooked = true
	for _, p := range []string{".pre-commit-config.yaml", ".pre-commit-config.yml"} {
		if !r.d.Snap.Exists(p) {
			continue
		}
		data, err := r.d.Snap.ReadFile(p)
		if err != nil {
			return nil
		}
		root, err := yamlDoc(data)
		if err != nil {
			return nil // the tools family reports the malformed file
		}
		r.hookPath = p
		for _, repoNode := range yseq(yget(root, "repos")) {
			for _, h := range yseq(yget(repoNode, "hooks")) {
				r.hooks = append(r.hooks, preCommitHook{
					id: ystr(yget(h, "id")), entry: ystr(yget(h, "entry")), args: ystrs(yget(h, "args")),
				})
			}
		}
		return r.hooks
	}
	return nil
}

// preCommitHookTools maps well-known hook ids to the tool they run.
var preCommitHookTools = map[string]struct {
	tool   string
	checks []string
}{
	"ruff": {"ruff", []string{checkLint}}, "ruff-check": {"ruff", []string{checkLint}},
	"ruff-format": {"ruff-format", []string{checkFormat}},
	"black":       {"black", []string{checkFormat}}, "black-jupyter": {"black", []string{checkFormat}},
	"isort": {"isort", []string{checkFormat}}, "flake8": {"flake8", []string{checkLint}},
	"pylint": {"pylint", []string{checkLint}}, "mypy": {"mypy", []string{checkTypecheck}},
	"pyright": {"pyright", []string{checkTypecheck}}, "basedpyright": {"basedpyright", []string{checkTypecheck}},
	"eslint": {"eslint", []string{checkLint}}, "prettier": {"prettier", []string{checkFormat}},
	"biome-check": {"biome", []string{checkLint, checkFormat}}, "biome-lint": {"biome", []string{checkLint}},
	"biome-format": {"biome", []string{checkFormat}}, "biome-ci": {"biome", []string{checkLint, checkFormat}},
	"oxlint": {"oxlint", []string{checkLint}}, "tsc": {"typescript", []string{checkTypecheck}},
	"pytest": {"pytest", []string{checkTest}}, "pytest-check": {"pytest", []string{checkTest}},
}

// preCommit follows `pre-commit run [hook]` (or the pre-commit action) to
// the configured hooks: known ids by name, local hooks by their entry.
func (r *ciResolver) preCommit(args []string, depth int, f *ciFacts) {
	only := ""
	rest := skipFlags(args, map[string]bool{"--hook-stage": true, "--files": true, "--from-ref": true, "--to-ref": true, "--source": true, "--origin": true, "-s": true, "-o": true, "--config": true, "-c": true})
	if len(rest) > 0 {
		only = rest[0]
	}
	if !r.enter("pre-commit", depth+1) {
		return
	}
	defer r.leave("pre-commit")
	for _, h := range r.preCommitHooks() {
		if only != "" && h.id != only {
			continue
		}
		if k, ok := preCommitHookTools[h.id]; ok && h.entry == "" {
			f.at = []string{"."} // hooks run on the repository's files
			f.add(k.tool, k.checks...)
			continue
		}
		if h.entry != "" {
			for _, argv := range shellCommands(h.entry) {
				r.command(append(argv, h.args...), ".", false, depth+1, f)
			}
		}
	}
}
