package detectors

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"strings"

	"github.com/moby/buildkit/frontend/dockerfile/parser"

	"github.com/stackaudit/stackaudit/repo"
	"github.com/stackaudit/stackaudit/stack"
)

// Dockerfiles run after the unit families (order 10-30); compose runs after
// Dockerfiles so it can fold the Dockerfile a `build:` names into its service.
var _ = register(family{
	name:     "docker",
	order:    40,
	patterns: dockerfilePatterns,
	run:      runDockerfiles,
})

var dockerfilePatterns = []string{"**/Dockerfile", "**/Dockerfile.*", "**/*.Dockerfile", "**/*.dockerfile", "**/Containerfile"}

func runDockerfiles(d *Detection, files []repo.File) {
	for _, f := range files {
		if isDockerIgnoreLike(f.Path) || inToolingFolder(f.Path) || isDevVariant(d, f.Path) {
			continue
		}
		svc, err := dockerService(d, f.Path, path.Dir(f.Path))
		if err != nil {
			d.Problemf(f.Path, "%v", err)
			continue
		}
		d.Inventory.Services = append(d.Inventory.Services, svc)
	}
}

// inToolingFolder reports whether p sits under a dot-folder such as
// .devcontainer, .github or .ci: images and compose files there describe
// development containers, GitHub actions or CI fixtures, not deployments.
// Test, fixture and example folders are left out the same way: what is
// there is exercised by tests or shown to readers, not deployed.
func inToolingFolder(p string) bool {
	for seg := range strings.SplitSeq(path.Dir(p), "/") {
		if len(seg) > 1 && seg[0] == '.' || nonDeployFolders[strings.ToLower(seg)] {
			return true
		}
	}
	return false
}

var nonDeployFolders = map[string]bool{
	"test": true, "tests": true, "e2e": true, "__tests__": true, "testdata": true,
	"fixtures": true, "example": true, "examples": true, "node_modules": true,
}

// devVariants are Dockerfile suffixes for images that are not deployed.
var devVariants = map[string]bool{
	"dev": true, "development": true, "local": true, "test": true, "tests": true,
	"ci": true, "debug": true, "e2e": true, "devcontainer": true,
}

// isDevVariant reports a Dockerfile.dev (or dev.Dockerfile) that sits beside
// the folder's main Dockerfile: the development image of the same service.
// A compose file that builds it still counts it through its own service.
func isDevVariant(d *Detection, p string) bool {
	base := path.Base(p)
	name := strings.ToLower(dockerfileName(p, ""))
	if base == "Dockerfile" || base == "Containerfile" || !devVariants[name] {
		return false
	}
	dir := path.Dir(p)
	return d.Snap.Exists(path.Join(dir, "Dockerfile")) || d.Snap.Exists(path.Join(dir, "Containerfile"))
}

// isDockerIgnoreLike filters Dockerfile.* siblings that are not Dockerfiles.
func isDockerIgnoreLike(p string) bool {
	base := path.Base(p)
	return strings.HasSuffix(base, ".dockerignore") || strings.HasSuffix(base, ".md") ||
		strings.HasSuffix(base, ".orig") || strings.HasSuffix(base, ".bak")
}

// dockerService reads the Dockerfile at p, built with context dir ctxDir,
// and describes it as a service; the error says why it could not.
func dockerService(d *Detection, p, ctxDir string) (stack.Service, error) {
	data, err := d.Snap.ReadFile(p)
	if err != nil {
		return stack.Service{}, fmt.Errorf("cannot read Dockerfile: %w", err)
	}
	df, err := parseDockerfile(data)
	if err != nil {
		return stack.Service{}, fmt.Errorf("cannot parse Dockerfile: %w; its base image and command are unknown until it is fixed", err)
	}
	svc := stack.Service{
		Name:     dockerfileName(p, d.Snap.Name()),
		Kind:     "dockerfile",
		Evidence: stack.Evidence{Path: p, Line: df.fromLine},
	}
	if df.image != "" {
		svc.Image = df.image
		svc.Evidence.Detail = "FROM " + df.image
		if rt := runtimeFromImage(df.image); rt != nil {
			rt.Evidence = stack.Evidence{Path: p, Line: df.fromLine, Detail: "FROM " + df.image}
			svc.Runtime = rt
		}
	}
	if df.command != "" {
		svc.Command = df.command
		svc.CommandEvidence = &stack.Evidence{Path: p, Line: df.commandLine, Detail: df.commandInstr}
	}
	if u := dockerUnit(d, ctxDir, df.copySources); u != nil {
		svc.Unit = u.Path
	}
	return svc, nil
}

// dockerfileName names a Dockerfile's service: the suffix of Dockerfile.worker
// or worker.Dockerfile, else the folder's name, else at the root the
// repository's name (repo), or "Dockerfile" when that is unknown.
func dockerfileName(p, repo string) string {
	base := path.Base(p)
	if s, ok := strings.CutPrefix(base, "Dockerfile."); ok && s != "" {
		return s
	}
	if i := strings.LastIndex(base, "."); i > 0 && strings.EqualFold(base[i+1:], "dockerfile") {
		return base[:i]
	}
	if dir := path.Dir(p); dir != "." {
		return path.Base(dir)
	}
	if repo != "" {
		return repo
	}
	return base
}

// dockerUnit finds the unit a Dockerfile builds: a unit that a COPY source
// points into (when exactly one does, below the context), else the nearest
// unit of the build context.
func dockerUnit(d *Detection, ctxDir string, sources []string) *stack.Unit {
	ctxUnit := d.UnitFor(ctxDir, "")
	var found *stack.Unit
	for _, src := range sources {
		p := joinPath(ctxDir, src)
		if p == "" || p == path.Clean(ctxDir) || strings.ContainsAny(src, "*?[") {
			continue
		}
		u := d.UnitFor(p, "")
		if u == nil || u == ctxUnit || !inFolder(u.Path, ctxDir) {
			continue
		}
		if found != nil && found != u {
			return ctxUnit // several units copied in: the context's unit stands
		}
		found = u
	}
	if found != nil {
		return found
	}
	return ctxUnit
}

// dockerfile is what matters of a parsed Dockerfile: its final stage.
type dockerfile struct {
	image        string // resolved base image of the final stage
	fromLine     int
	command      string
	commandLine  int
	commandInstr string // CMD or ENTRYPOINT as written
	copySources  []string
}

type dockerStage struct {
	name        string
	base        string // as written, ARGs substituted
	line        int
	parent      *dockerStage
	cmd, ep     string
	cmdLine     int
	epLine      int
	cmdOriginal string
	epOriginal  string
	copies      []string
}

var dockerVarRe = regexp.MustCompile(`\$\{([A-Za-z_][A-Za-z0-9_]*)(?::?[-+]([^}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)`)

// parseDockerfile parses a Dockerfile with buildkit's parser and resolves its
// final stage: base image through stage names and global ARG defaults,
// CMD/ENTRYPOINT inherited from parent stages, COPY sources of the stage chain.
func parseDockerfile(data []byte) (dockerfile, error) {
	res, err := parser.Parse(bytes.NewReader(data))
	if err != nil {
		return dockerfile{}, err
	}
	args := map[string]string{}
	var stages []*dockerStage
	byName := map[string]*dockerStage{}
	var cur *dockerStage
	for _, n := range res.AST.Children {
		instr := strings.ToLower(n.Value)
		switch instr {
		case "arg":
			if cur != nil {
				continue
			}
			for a := n.Next; a != nil; a = a.Next {
				k, v, ok := strings.Cut(a.Value, "=")
				if ok {
					args[k] = strings.Trim(v, `"'`)
				} else if _, seen := args[k]; !seen {
					args[k] = ""
				}
			}
		case "from":
			if n.Next == nil {
				return dockerfile{}, fmt.Errorf("line %d: FROM without an image", n.StartLine)
			}
			st := &dockerStage{base: substituteArgs(n.Next.Value, args), line: n.StartLine}
			if as := n.Next.Next; as != nil && strings.EqualFold(as.Value, "as") && as.Next != nil {
				st.name = strings.ToLower(as.Next.Value)
			}
			if p, ok := byName[strings.ToLower(st.base)]; ok {
				st.parent = p
			}
			stages = append(stages, st)
			if st.name != "" {
				byName[st.name] = st
			}
			cur = st
		case "cmd", "entrypoint":
			if cur == nil {
				continue
			}
			var words []string
			for a := n.Next; a != nil; a = a.Next {
				words = append(words, a.Value)
			}
			var s string
			if n.Attributes["json"] {
				s = joinArgv(words)
			} else {
				s = strings.Join(words, " ")
			}
			if instr == "cmd" {
				cur.cmd, cur.cmdLine, cur.cmdOriginal = s, n.StartLine, strings.TrimSpace(n.Original)
			} else {
				cur.ep, cur.epLine, cur.epOriginal = s, n.StartLine, strings.TrimSpace(n.Original)
			}
		case "copy", "add":
			if cur == nil || hasFlag(n.Flags, "--from") {
				continue
			}
			var words []string
			for a := n.Next; a != nil; a = a.Next {
				words = append(words, a.Value)
			}
			if len(words) > 1 {
				cur.copies = append(cur.copies, words[:len(words)-1]...)
			}
		}
	}
	if len(stages) == 0 {
		return dockerfile{}, fmt.Errorf("no FROM instruction")
	}
	final := stages[len(stages)-1]
	df := dockerfile{fromLine: final.line}
	// Walk the stage chain: image from the root stage, CMD/ENTRYPOINT from
	// the nearest stage that sets them, COPY sources from all.
	var cmd, ep *dockerStage
	for s, i := final, 0; s != nil && i < 64; s, i = s.parent, i+1 {
		df.image = s.base
		if cmd == nil && s.cmdLine > 0 {
			cmd = s
		}
		if ep == nil && s.epLine > 0 {
			ep = s
		}
		df.copySources = append(df.copySources, s.copies...)
	}
	if ep != nil && cmd != nil && cmd.cmdLine < ep.epLine && cmd != ep {
		cmd = nil // an ENTRYPOINT in a later stage drops the inherited CMD
	}
	switch {
	case ep != nil && cmd != nil:
		df.command = strings.TrimSpace(ep.ep + " " + cmd.cmd)
		df.commandLine, df.commandInstr = cmd.cmdLine, ep.epOriginal+" + "+cmd.cmdOriginal
	case ep != nil:
		df.command, df.commandLine, df.commandInstr = ep.ep, ep.epLine, ep.epOriginal
	case cmd != nil:
		df.command, df.commandLine, df.commandInstr = cmd.cmd, cmd.cmdLine, cmd.cmdOriginal
	}
	if strings.EqualFold(df.image, "scratch") {
		df.image = "scratch"
	}
	return df, nil
}

func hasFlag(flags []string, name string) bool {
	for _, f := range flags {
		if f == name || strings.HasPrefix(f, name+"=") {
			return true
		}
	}
	return false
}

// substituteArgs replaces $VAR and ${VAR} (with :- defaults) by global ARG
// defaults; unknown variables are left as written.
func substituteArgs(s string, args map[string]string) string {
	return dockerVarRe.ReplaceAllStringFunc(s, func(m string) string {
		sub := dockerVarRe.FindStringSubmatch(m)
		name := sub[1]
		if name == "" {
			name = sub[3]
		}
		if v, ok := args[name]; ok && v != "" {
			return v
		}
		if sub[1] != "" && strings.Contains(m, "-") && sub[2] != "" {
			return sub[2]
		}
		return m
	})
}

// joinArgv renders an exec-form argument list as one shell-like string,
// quoting arguments that hold spaces so grouping stays visible.
func joinArgv(words []string) string {
	out := make([]string, len(words))
	for i, w := range words {
		if w == "" || strings.ContainsAny(w, " \t\n'\"") {
			out[i] = "'" + strings.ReplaceAll(w, "'", `'\''`) + "'"
		} else {
			out[i] = w
		}
	}
	return strings.Join(out, " ")
}

// runtimeFromImage reads a Python or Node runtime version from a base image:
// python:3.12-slim, node:20-alpine, public.ecr.aws/lambda/python:3.12,
// tiangolo/uvicorn-gunicorn-fastapi:python3.11.
func runtimeFromImage(image string) *stack.Runtime {
	ref := image
	if i := strings.Index(ref, "@"); i >= 0 {
		ref = ref[:i]
	}
	name, tag := ref, ""
	if i := strings.LastIndex(ref, ":"); i > strings.LastIndex(ref, "/") {
		name, tag = ref[:i], ref[i+1:]
	}
	base := path.Base(name)
	var rt string
	switch {
	case base == "python" || base == "pypy":
		rt = stack.Python
	case base == "node" || base == "nodejs":
		rt = stack.Node
	}
	if rt == "" {
		for _, pre := range []string{"python", "node", "nodejs"} {
			if rest, ok := strings.CutPrefix(tag, pre); ok && rest != "" && rest[0] >= '0' && rest[0] <= '9' {
				rt, tag = map[string]string{"python": stack.Python, "node": stack.Node, "nodejs": stack.Node}[pre], rest
				break
			}
		}
	}
	if rt == "" {
		return nil
	}
	v := leadingVersion(tag)
	if v == "" {
		return nil
	}
	return &stack.Runtime{Name: rt, Constraint: v}
}

// leadingVersion returns the dotted number at the start of s ("3.12-slim" → "3.12").
func leadingVersion(s string) string {
	end := 0
	for end < len(s) && (s[end] >= '0' && s[end] <= '9' || s[end] == '.') {
		end++
	}
	return strings.TrimRight(s[:end], ".")
}
