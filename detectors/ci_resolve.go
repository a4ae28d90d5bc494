package detectors

import (
	"path"
	"sort"
	"strings"

	"github.com/stackaudit/stackaudit/stack"
)

// Check kinds a CI job can enforce.
const (
	checkTest      = "test"
	checkLint      = "lint"
	checkTypecheck = "typecheck"
	checkFormat    = "format"
)

// maxResolveDepth bounds indirection (npm run → make → tox → ...).
const maxResolveDepth = 5

// ciFacts collects what a job's commands end up running.
type ciFacts struct {
	tools  map[string]bool
	checks map[string]bool
	// at are the folders the command being classified runs on; dirs
	// collects them for each tool.
	at   []string
	dirs map[string]map[string]bool
}

func newCIFacts() *ciFacts {
	return &ciFacts{tools: map[string]bool{}, checks: map[string]bool{}, at: []string{"."}, dirs: map[string]map[string]bool{}}
}

func (f *ciFacts) add(tool string, checks ...string) {
	if tool != "" {
		f.tools[tool] = true
		if f.dirs[tool] == nil {
			f.dirs[tool] = map[string]bool{}
		}
		for _, d := range f.at {
			f.dirs[tool][d] = true
		}
	}
	for _, c := range checks {
		f.checks[c] = true
	}
}

// sortedKeys lists a set's members in order.
func sortedKeys(m map[string]bool) []string { return orderedKeys(m) }

// ciResolver classifies commands and follows indirection into the
// repository: package.json scripts, Makefile targets, tox environments, nox
// sessions and pre-commit hooks. Parsed files are cached for the detection.
type ciResolver struct {
	d     *Detection
	makes map[string]*makefile
	toxes map[string]*toxConfig
	noxes map[string]*noxfile
	// pyprojects caches the [tool] tables of pyproject.toml files by path.
	pyprojects map[string]map[string]map[string]any
	hooks      []preCommitHook
	hooked     bool
	hookPath   string
	// seen holds the indirections being followed, against cycles.
	seen map[string]bool
}

func newCIResolver(d *Detection) *ciResolver {
	return &ciResolver{d: d, makes: map[string]*makefile{}, toxes: map[string]*toxConfig{},
		noxes: map[string]*noxfile{}, pyprojects: map[string]map[string]map[string]any{}, seen: map[string]bool{}}
}

// enter marks an indirection as being followed; false when it already is
// (a cycle) or the depth bound is reached.
func (r *ciResolver) enter(key string, depth int) bool {
	if depth > maxResolveDepth || r.seen[key] {
		return false
	}
	r.seen[key] = true
	return true
}

func (r *ciResolver) leave(key string) { delete(r.seen, key) }

// script classifies a shell script run in dir, following `cd`.
func (r *ciResolver) script(s, dir string, explicitDir bool, depth int, f *ciFacts) {
	for _, argv := range shellCommands(s) {
		if nd, ok := r.command(argv, dir, explicitDir, depth, f); ok {
			dir, explicitDir = nd, true
		}
	}
}

// command classifies one simple command. When the command changes the
// working directory (cd, pushd) it returns the new one and true.
func (r *ciResolver) command(argv []string, dir string, explicitDir bool, depth int, f *ciFacts) (string, bool) {
	if d := r.composeServiceDir(argv); d != "" {
		// The command runs in the service's container, built from that unit.
		dir, explicitDir = d, true
	}
	if r.projectScript(argv, dir, depth, f) {
		return "", false
	}
	argv = unwrapCommand(argv)
	if len(argv) == 0 {
		return "", false
	}
	name := commandName(argv[0])
	args := argv[1:]
	switch name {
	case "cd", "pushd":
		if len(args) == 0 {
			return ".", true
		}
		if p := joinPath(dir, args[0]); p != "" {
			return p, true
		}
		return "", false
	case "echo", "printf", "cat", "true", "false", ":", "export", "set", "source", ".", "test", "[", "[[":
		return "", false
	case "npm", "yarn", "pnpm", "bun", "turbo", "nx", "lerna":
		r.packageManager(name, args, dir, explicitDir, depth, f)
	case "make", "gmake":
		r.make(args, dir, depth, f)
	case "tox":
		r.tox(args, dir, depth, f)
	case "nox":
		r.nox(args, dir, depth, f)
	case "run-s", "run-p", "npm-run-all", "npm-run-all2":
		r.runAll(args, dir, depth, f)
	case "concurrently":
		for _, a := range args {
			if strings.HasPrefix(a, "-") {
				continue
			}
			if name, ok := strings.CutPrefix(a, "npm:"); ok {
				r.runAll([]string{name}, dir, depth, f)
			} else {
				r.script(a, dir, explicitDir, depth+1, f)
			}
		}
	case "task":
		r.task(args, dir, depth, f)
	case "poe":
		r.pyTask("poe", nonFlags(args), dir, depth, f)
	case "lint-staged":
		r.lintStaged(dir, depth, f)
	case "pre-commit", "pre_commit", "prek":
		if firstArg(args) == "run" {
			r.preCommit(args[1:], depth, f)
		}
	case "bash", "sh", "zsh", "dash":
		rest := skipFlagsExcept(args, "-c", map[string]bool{"-o": true, "+o": true})
		if len(rest) > 1 && rest[0] == "-c" {
			r.script(rest[1], dir, explicitDir, depth+1, f)
		} else if len(rest) > 0 {
			r.scriptFile(rest[0], dir, explicitDir, depth, f)
		}
	default:
		if (strings.Contains(argv[0], "/") || strings.HasSuffix(argv[0], ".sh")) && !strings.HasSuffix(argv[0], ".py") {
			if r.scriptFile(argv[0], dir, explicitDir, depth, f) {
				break
			}
		}
		f.at = r.toolDirs(dir, args)
		classifyTool(name, args, f)
	}
	return "", false
}

// toolDirs are the folders a tool run in dir works on: the existing files
// and folders among its arguments (pytest backend/tests, manage.py test
// app/), else dir itself.
func (r *ciResolver) toolDirs(dir string, args []string) []string {
	if r.d.Snap == nil {
		return []string{dir}
	}
	var out []string
	for _, a := range args {
		if a == "" || strings.HasPrefix(a, "-") || strings.Contains(a, "=") || strings.ContainsAny(a, "*?[{") {
			continue
		}
		a, _, _ = strings.Cut(a, "::") // pytest node ids: tests/test_x.py::test_y
		p := joinPath(dir, strings.TrimSuffix(a, "/"))
		if p == "" {
			continue
		}
		if r.d.Snap.Exists(p) {
			out = append(out, path.Dir(p))
		} else if r.isDir(p) {
			out = append(out, p)
		}
	}
	if len(out) == 0 {
		return []string{dir}
	}
	return out
}

// isDir reports whether some indexed file lies below the folder p.
func (r *ciResolver) isDir(p string) bool {
	if p == "." {
		return true
	}
	files := r.d.Snap.Files()
	prefix := p + "/"
	i := sort.Search(len(files), func(i int) bool { return files[i].Path >= prefix })
	return i < len(files) && strings.HasPrefix(files[i].Path, prefix)
}

// scriptFile follows a shell script kept in the repository (bash
// scripts/test.sh, ./ci/lint.sh); it runs in the caller's directory. It
// reports whether the file was found.
func (r *ciResolver) scriptFile(rel, dir string, explicitDir bool, depth int, f *ciFacts) bool {
	p := joinPath(dir, rel)
	if p == "" || !r.d.Snap.Exists(p) {
		return false
	}
	key := "file:" + p
	if !r.enter(key, depth+1) {
		return true
	}
	defer r.leave(key)
	data, err := r.d.Snap.ReadFile(p)
	if err != nil {
		return true // binary or too large: nothing to read
	}
	if !isShellScript(p, data) {
		return true // scripts/lint.mjs, tools/check.py: not shell, not read
	}
	r.script(string(data), dir, explicitDir, depth+1, f)
	return true
}

// isShellScript accepts .sh/.bash files and extensionless files whose
// shebang runs a shell.
func isShellScript(p string, data []byte) bool {
	switch path.Ext(p) {
	case ".sh", ".bash":
		return true
	case "":
		line, _, _ := strings.Cut(string(data), "\n")
		if !strings.HasPrefix(line, "#!") {
			return false
		}
		prog := commandName(strings.TrimSpace(strings.TrimPrefix(line, "#!")))
		if f := strings.Fields(prog); len(f) > 0 {
			prog = f[0]
		}
		if prog == "env" {
			if f := strings.Fields(line); len(f) > 1 {
				prog = f[len(f)-1]
			}
		}
		switch prog {
		case "sh", "bash", "zsh", "dash", "ash", "ksh":
			return true
		}
	}
	return false
}

// commandName is the program a word runs: the base name of a path
// (./node_modules/.bin/jest, .venv/bin/pytest), without a .exe/.cmd suffix.
func commandName(w string) string {
	if strings.Contains(w, "/") {
		w = path.Base(w)
	}
	for _, ext := range []string{".exe", ".cmd", ".bat"} {
		w = strings.TrimSuffix(w, ext)
	}
	return w
}

// firstArg is the first word that is not an option.
func firstArg(args []string) string {
	for _, a := range args {
		if !strings.HasPrefix(a, "-") {
			return a
		}
	}
	return ""
}

// testScript reports whether a Python script named on a command line is
// one whose command the classifier reads: manage.py (its sub-command) or
// runtests.py (a test runner).
func testScript(p string) bool {
	switch path.Base(p) {
	case "manage.py", "runtests.py":
		return true
	}
	return false
}

// unwrapCommand strips launchers that run another command: npx, uv run,
// poetry run, python -m, coverage run, env, sudo, time, docker compose run.
func unwrapCommand(argv []string) []string {
	for guard := 0; guard < 8 && len(argv) > 0; guard++ {
		name := commandName(argv[0])
		next := argv
		switch name {
		case "sudo", "time", "exec", "nice", "nohup", "command", "xvfb-run", "stdbuf", "catchsegv", "sfw":
			next = skipFlags(argv[1:], nil)
		case "env", "cross-env", "dotenv":
			rest := argv[1:]
			for len(rest) > 0 && (strings.HasPrefix(rest[0], "-") || isAssignment(rest[0])) {
				rest = rest[1:]
			}
			next = rest
		case "timeout":
			next = skipFlags(argv[1:], nil)
			if len(next) > 0 {
				next = next[1:]
			}
		case "npx", "pnpx", "bunx", "uvx", "pipx":
			rest := argv[1:]
			if name == "pipx" {
				if len(rest) == 0 || rest[0] != "run" {
					return nil
				}
				rest = rest[1:]
			}
			next = skipFlags(rest, map[string]bool{"-p": true, "--package": true, "--from": true, "--with": true, "--python": true, "--spec": true})
		case "pnpm", "yarn":
			if len(argv) > 1 && (argv[1] == "exec" || argv[1] == "dlx") {
				next = skipFlags(argv[2:], map[string]bool{"--package": true})
			}
		case "bun":
			if len(argv) > 1 && (argv[1] == "x" || argv[1] == "exec") {
				next = skipFlags(argv[2:], nil)
			}
		case "uv", "poetry", "pipenv", "pdm", "rye", "hatch":
			if len(argv) > 1 && argv[1] == "run" {
				next = skipFlags(argv[2:], map[string]bool{"--with": true, "--extra": true, "--group": true,
					"--python": true, "-p": true, "--package": true, "--directory": true, "--project": true,
					"--env-file": true, "--only-group": true, "-e": true, "--env": true})
			}
		case "coverage":
			if len(argv) > 1 && argv[1] == "run" {
				rest := skipFlagsExcept(argv[2:], "-m", map[string]bool{"--rcfile": true, "--source": true, "--omit": true, "--include": true, "--data-file": true, "--concurrency": true, "--context": true})
				if len(rest) > 1 && rest[0] == "-m" {
					next = rest[1:]
				} else {
					next = rest
				}
			}
		case "docker", "docker-compose", "podman", "podman-compose":
			_, cmd, ok := composeRun(argv)
			if !ok {
				return nil
			}
			next = cmd
		default:
			if isPython(name) || strings.HasPrefix(argv[0], "$") && len(argv) > 1 && argv[1] == "-m" {
				rest := skipFlagsExcept(argv[1:], "-m", map[string]bool{"-W": true, "-X": true})
				if len(rest) > 1 && rest[0] == "-m" {
					next = rest[1:]
				} else if len(rest) > 0 && testScript(rest[0]) {
					next = rest
				} else {
					return nil // python script.py, python -c: nothing we can read
				}
			}
		}
		if len(next) == len(argv) {
			return argv
		}
		argv = next
	}
	return argv
}

// composeRun splits `docker compose run|exec [options] SERVICE COMMAND...`
// (docker-compose, podman compose too) into the service and the command;
// ok is false for anything else.
func composeRun(argv []string) (service string, cmd []string, ok bool) {
	if len(argv) == 0 {
		return "", nil, false
	}
	name := commandName(argv[0])
	rest := argv[1:]
	switch {
	case (name == "docker" || name == "podman") && len(rest) > 0 && rest[0] == "compose":
		rest = rest[1:]
	case name == "docker-compose" || name == "podman-compose":
	default:
		return "", nil, false
	}
	rest = skipFlags(rest, map[string]bool{"-f": true, "--file": true, "-p": true, "--project-name": true, "--profile": true, "--env-file": true})
	if len(rest) == 0 || rest[0] != "run" && rest[0] != "exec" {
		return "", nil, false
	}
	rest = skipFlags(rest[1:], map[string]bool{"-e": true, "--env": true, "-w": true, "--workdir": true,
		"-u": true, "--user": true, "--entrypoint": true, "-v": true, "--volume": true, "-p": true,
		"--publish": true, "--name": true, "-l": true, "--label": true})
	if len(rest) < 2 {
		return "", nil, false
	}
	return rest[0], rest[1:], true
}

// composeServiceDir is the folder of the unit a compose service is built
// from, where a command run in its container works; "" when unknown.
func (r *ciResolver) composeServiceDir(argv []string) string {
	svc, _, ok := composeRun(argv)
	if !ok {
		return ""
	}
	for _, s := range r.d.Inventory.Services {
		if s.Kind == "compose" && s.Name == svc && s.Unit != "" {
			return s.Unit
		}
	}
	return ""
}

func isPython(name string) bool {
	if name == "py" || name == "python" || name == "python3" || name == "pypy3" {
		return true
	}
	rest, ok := strings.CutPrefix(name, "python3.")
	return ok && isDigits(rest)
}

// skipFlags drops leading options; those in withValue take the next word.
func skipFlags(args []string, withValue map[string]bool) []string {
	for len(args) > 0 && strings.HasPrefix(args[0], "-") {
		if args[0] == "--" {
			return args[1:]
		}
		if withValue[args[0]] && len(args) > 1 {
			args = args[2:]
			continue
		}
		args = args[1:]
	}
	return args
}

// skipFlagsExcept is skipFlags that stops at the option keep.
func skipFlagsExcept(args []string, keep string, withValue map[string]bool) []string {
	for len(args) > 0 && strings.HasPrefix(args[0], "-") && args[0] != keep {
		if withValue[args[0]] && len(args) > 1 {
			args = args[2:]
			continue
		}
		args = args[1:]
	}
	return args
}

func hasArg(args []string, names ...string) bool {
	for _, a := range args {
		for _, n := range names {
			if a == n || strings.HasPrefix(a, n+"=") {
				return true
			}
		}
	}
	return false
}

// classifyTool recognises a tool invocation and records what it checks.
func classifyTool(name string, args []string, f *ciFacts) {
	sub := firstArg(args)
	switch name {
	case "pytest", "py.test":
		f.add("pytest", checkTest)
	case "unittest":
		f.add("unittest", checkTest)
	case "manage.py":
		if sub == "test" {
			f.add("django-test", checkTest)
		}
	case "runtests.py":
		// Django's own convention for a project's test runner, kept by
		// Django, Wagtail and many reusable apps.
		f.add("runtests", checkTest)
	case "jest", "vitest", "mocha", "ava", "jasmine", "karma", "tap", "c8", "nyc":
		if name == "c8" || name == "nyc" {
			// Coverage wrappers run the command after their options.
			if rest := skipFlags(args, nil); len(rest) > 0 {
				classifyTool(commandName(rest[0]), rest[1:], f)
			}
			return
		}
		if name == "vitest" && (sub == "bench" || sub == "typecheck") {
			return
		}
		f.add(name, checkTest)
	case "playwright":
		if sub == "test" {
			f.add("playwright", checkTest)
		}
	case "cypress":
		if sub == "run" {
			f.add("cypress", checkTest)
		}
	case "node":
		if hasArg(args, "--test") {
			f.add("node-test", checkTest)
		}
	case "bun":
		if sub == "test" {
			f.add("bun-test", checkTest)
		}
	case "deno":
		switch sub {
		case "test":
			f.add("deno-test", checkTest)
		case "lint":
			f.add("deno-lint", checkLint)
		case "check":
			f.add("deno-check", checkTypecheck)
		case "fmt":
			if hasArg(args, "--check") {
				f.add("deno-fmt", checkFormat)
			}
		}
	case "ruff":
		switch sub {
		case "format":
			if hasArg(args, "--check", "--diff", "--exit-non-zero-on-format") {
				f.add("ruff-format", checkFormat)
			}
		case "check", "":
			f.add("ruff", checkLint)
		default:
			if sub != "" && !isRuffSubcommand(sub) {
				f.add("ruff", checkLint) // ruff <paths>: the old spelling of ruff check
			}
		}
	case "black":
		if hasArg(args, "--check", "--diff") {
			f.add("black", checkFormat)
		}
	case "isort":
		if hasArg(args, "--check", "--check-only", "-c", "--diff") {
			f.add("isort", checkFormat)
		}
	case "flake8", "pylint", "pyflakes", "pycodestyle", "flakeheaven", "flakehell":
		f.add(name, checkLint)
	case "mypy", "pyright", "basedpyright", "pyre", "pytype", "dmypy":
		if name == "dmypy" {
			name = "mypy"
		}
		f.add(name, checkTypecheck)
	case "eslint", "oxlint", "xo", "standard", "stylelint":
		f.add(name, checkLint)
	case "next":
		switch sub {
		case "lint":
			f.add("eslint", checkLint)
		case "build":
			// next build type-checks a TypeScript app and fails on errors.
			f.add("typescript", checkTypecheck)
		}
	case "astro":
		if sub == "check" {
			f.add("typescript", checkTypecheck)
		}
	case "svelte-check":
		f.add("typescript", checkTypecheck)
	case "nuxi", "nuxt":
		if sub == "typecheck" {
			f.add("typescript", checkTypecheck)
		}
	case "biome":
		switch sub {
		case "lint":
			f.add("biome", checkLint)
		case "check", "ci":
			if hasArg(args, "--write", "--apply", "--apply-unsafe", "--fix") {
				f.add("biome", checkLint) // formats in place; only lint errors fail it
			} else {
				f.add("biome", checkLint, checkFormat)
			}
		case "format":
			if !hasArg(args, "--write", "--apply") {
				f.add("biome", checkFormat)
			}
		}
	case "prettier":
		if hasArg(args, "--check", "-c", "--list-different", "-l") {
			f.add("prettier", checkFormat)
		}
	case "tsc", "vue-tsc", "tsgo":
		if !hasArg(args, "--version", "-v", "--init", "--help", "-h") {
			f.add("typescript", checkTypecheck)
		}
	case "golangci-lint":
		f.add("golangci-lint", checkLint)
	}
}

func isRuffSubcommand(s string) bool {
	switch s {
	case "rule", "config", "linter", "clean", "version", "help", "server", "analyze":
		return true
	}
	return false
}

// packageManager follows npm/yarn/pnpm/bun script runs and monorepo task
// runners to the package.json scripts they run.
func (r *ciResolver) packageManager(pm string, args []string, dir string, explicitDir bool, depth int, f *ciFacts) {
	all := false
	var rest []string
	for i := 0; i < len(args); i++ {
		a := args[i]
		switch {
		case a == "-r" || a == "--recursive" || a == "-ws" || a == "--workspaces" || a == "--all":
			all = true
		case pm == "pnpm" && (a == "-w" || a == "--workspace-root"):
			dir, explicitDir = ".", true
		case a == "--filter" || a == "-F" || a == "--workspace" || a == "-w":
			all = true
			i++
		case strings.HasPrefix(a, "--filter=") || strings.HasPrefix(a, "--workspace="):
			all = true
		case a == "--prefix" || a == "-C" || a == "--dir" || a == "--cwd":
			if i+1 < len(args) {
				if p := joinPath(dir, args[i+1]); p != "" {
					dir, explicitDir = p, true
				}
			}
			i++
		case strings.HasPrefix(a, "-"):
		default:
			rest = append(rest, a)
		}
	}
	var tasks []string
	bin := false
	switch pm {
	case "npm":
		if len(rest) == 0 {
			return
		}
		switch rest[0] {
		case "test", "t", "tst":
			tasks = []string{"test"}
		case "run", "run-script", "rum", "urn":
			if len(rest) > 1 {
				tasks = rest[1:2]
			}
		case "start":
			return
		}
	case "yarn", "pnpm", "bun":
		if len(rest) == 0 {
			return
		}
		switch rest[0] {
		case "install", "i", "add", "remove", "ci", "audit", "outdated", "upgrade", "up", "update", "init",
			"create", "publish", "pack", "link", "why", "info", "config", "dedupe", "import", "fetch", "store", "setup":
			return
		case "workspaces":
			// yarn workspaces run X / yarn workspaces foreach [-A] run X
			for i, w := range rest {
				if w == "run" && i+1 < len(rest) {
					tasks, all = rest[i+1:i+2], true
					break
				}
			}
			if tasks == nil {
				return
			}
		case "workspace":
			if len(rest) > 2 {
				tasks, all = rest[2:3], true
				if tasks[0] == "run" && len(rest) > 3 {
					tasks = rest[3:4]
				}
			}
		case "run", "run-script":
			if len(rest) > 1 {
				tasks = rest[1:2]
			}
		case "test", "t":
			if pm == "bun" {
				f.at = []string{dir}
				classifyTool("bun", args, f)
				return
			}
			tasks = []string{"test"}
		default:
			tasks, bin = rest[0:1], true
		}
	case "turbo", "lerna":
		if len(rest) > 0 && rest[0] == "run" {
			rest = rest[1:]
		}
		tasks, all = rest, true
	case "nx":
		all = true
		switch {
		case len(rest) > 0 && (rest[0] == "run-many" || rest[0] == "affected"):
			for i := 0; i < len(args); i++ {
				if (args[i] == "-t" || args[i] == "--target" || args[i] == "--targets") && i+1 < len(args) {
					tasks = append(tasks, strings.Split(args[i+1], ",")...)
				} else if v, ok := strings.CutPrefix(args[i], "--target="); ok {
					tasks = append(tasks, strings.Split(v, ",")...)
				} else if v, ok := strings.CutPrefix(args[i], "--targets="); ok {
					tasks = append(tasks, strings.Split(v, ",")...)
				}
			}
		case len(rest) > 0 && rest[0] == "run" && len(rest) > 1:
			if _, t, ok := strings.Cut(rest[1], ":"); ok {
				tasks = []string{t}
			}
		case len(rest) > 0:
			tasks = rest[:1]
		}
	}
	extra := scriptArgs(pm, args, tasks)
	units := r.nodeUnits(dir, explicitDir, all)
	for _, task := range tasks {
		found := false
		for _, u := range units {
			for _, name := range []string{"pre" + task, task, "post" + task} {
				body, ok := u.Scripts[name]
				if !ok {
					continue
				}
				if name == task {
					found = true
				}
				key := "script:" + u.Path + ":" + name
				if !r.enter(key, depth+1) {
					continue
				}
				if name == task && len(extra) > 0 {
					body += " " + shellQuote(extra)
				}
				r.script(body, u.Path, true, depth+1, f)
				r.leave(key)
			}
		}
		if !found && bin {
			// yarn jest, pnpm turbo run lint: a package binary, not a script.
			if i := indexOf(args, task); i >= 0 && !r.seen["bin:"+task] {
				r.seen["bin:"+task] = true
				r.command(args[i:], dir, explicitDir, depth+1, f)
				delete(r.seen, "bin:"+task)
			}
		}
	}
}

// scriptArgs are the words a package manager appends to the script it
// runs: `yarn prettier --check` runs the "prettier" script with --check
// added, as do `pnpm lint --fix` and `npm run lint -- --fix` (npm passes
// only what follows --).
func scriptArgs(pm string, args, tasks []string) []string {
	if len(tasks) != 1 || pm != "npm" && pm != "yarn" && pm != "pnpm" && pm != "bun" {
		return nil
	}
	i := indexOf(args, tasks[0])
	if i < 0 {
		return nil
	}
	extra := args[i+1:]
	j := indexOf(extra, "--")
	switch {
	case j >= 0:
		return extra[j+1:]
	case pm == "npm":
		return nil
	}
	return extra
}

// shellQuote joins words so that a shell reads them back unchanged.
func shellQuote(words []string) string {
	out := make([]string, len(words))
	for i, w := range words {
		out[i] = "'" + strings.ReplaceAll(w, "'", `'\''`) + "'"
	}
	return strings.Join(out, " ")
}

func indexOf(args []string, w string) int {
	for i, a := range args {
		if a == w {
			return i
		}
	}
	return -1
}

// nodeUnits are the units a package-manager command applies to: the unit
// of an explicit working directory, else the root unit, else every Node unit.
func (r *ciResolver) nodeUnits(dir string, explicitDir, all bool) []*stack.Unit {
	var nodes []*stack.Unit
	for _, u := range r.d.Inventory.Units {
		if u.Ecosystem == stack.Node {
			nodes = append(nodes, u)
		}
	}
	if all {
		return nodes
	}
	if explicitDir {
		if u := r.d.UnitFor(dir, stack.Node); u != nil {
			return []*stack.Unit{u}
		}
	}
	for _, u := range nodes {
		if u.Path == "." {
			return []*stack.Unit{u}
		}
	}
	return nodes
}

// runAll follows npm-run-all, run-s and run-p: each argument names a
// script of the unit in dir, with globs where `:` separates segments
// (lint:* matches lint:js, lint:** also lint:js:fix).
func (r *ciResolver) runAll(args []string, dir string, depth int, f *ciFacts) {
	u := r.d.UnitFor(dir, stack.Node)
	if u == nil {
		return
	}
	names := orderedKeys(u.Scripts)
	for _, pat := range args {
		if strings.HasPrefix(pat, "-") {
			continue
		}
		pat, _, _ = strings.Cut(pat, " ")
		glob := strings.ReplaceAll(pat, ":", "/")
		deep := strings.HasSuffix(glob, "/**")
		for _, n := range names {
			ok, _ := path.Match(glob, strings.ReplaceAll(n, ":", "/"))
			if !ok && deep {
				ok = strings.HasPrefix(n, strings.TrimSuffix(pat, "**"))
			}
			if !ok {
				continue
			}
			key := "script:" + u.Path + ":" + n
			if !r.enter(key, depth+1) {
				continue
			}
			r.script(u.Scripts[n], u.Path, true, depth+1, f)
			r.leave(key)
		}
	}
}
