package analyzers

import (
	"fmt"
	"path"
	"slices"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/stackaudit/stackaudit/internal/source"
	"github.com/stackaudit/stackaudit/stack"
	"github.com/stackaudit/stackaudit/syntax"
)

// DevServerInProduction reports services whose start command runs a
// development server: Django's runserver, flask run, a reloading uvicorn,
// nodemon, ts-node, next dev, vite.
var DevServerInProduction = register(&Analyzer{
	Code:     "SA503",
	Name:     "dev-server-in-production",
	Category: Runtime,
	Level:    Warning,
	Summary:  "A deployed service starts with a development server",
	Tags:     []string{"runtime", "reliability", "security", "deployment"},
	Run:      runDevServerInProduction,
})

// devServer is one kind of development server and what to run instead.
type devServer struct {
	id   string // stable: django-runserver, nodemon, ...
	what string // what it is, for the message
	fix  string // what to run instead
}

var (
	devDjango = devServer{"django-runserver", "Django's development server",
		"serve the project with gunicorn (`gunicorn <project>.wsgi`) or, for ASGI, uvicorn workers (`gunicorn <project>.asgi -k uvicorn.workers.UvicornWorker`)"}
	devFlaskRun = devServer{"flask-run", "Flask's development server",
		"serve the app with gunicorn (`gunicorn -w 4 'app:create_app()'` or `gunicorn app:app`)"}
	devFlaskApp = devServer{"flask-app-run", "Flask's development server (`app.run()` in the script)",
		"serve the app with gunicorn (`gunicorn -w 4 app:app`) and keep `app.run()` for local use"}
	devReload = devServer{"server-reload", "a server in auto-reload mode",
		"drop `--reload` and run several worker processes (`uvicorn app:app --workers 4` or `gunicorn -k uvicorn.workers.UvicornWorker app:app`)"}
	devFastAPI = devServer{"fastapi-dev", "FastAPI's development server (`fastapi dev`, auto-reload on)",
		"use `fastapi run --workers 4` or gunicorn with uvicorn workers"}
	devNodemon = devServer{"nodemon", "nodemon, a development file watcher",
		"build once and start the output with plain node (`node dist/index.js`), under a process manager or the platform's restart policy"}
	devTSNode = devServer{"ts-node", "ts-node, which compiles TypeScript in the running process",
		"compile with `tsc` at build time and start `node dist/index.js`"}
	devNext = devServer{"next-dev", "Next.js's development server",
		"run `next build` at build time and `next start` to serve"}
	devBundler = devServer{"bundler-dev-server", "a front-end development server",
		"build static files at build time (`vite build`, `npm run build`) and serve them with nginx, a CDN or the framework's production server"}
)

func runDevServerInProduction(p *Pass) {
	for _, s := range p.Inventory.Services {
		if s.Command == "" || s.CommandEvidence == nil || devOnlyService(p, s) {
			continue
		}
		r := devCommand{p: p, unit: scriptUnit(p.Inventory, s.Unit), evidence: s.CommandEvidence.Path}
		m, ok := r.find(s.Command, 0)
		if !ok {
			continue
		}
		ev := s.CommandEvidence
		where := ev.Path
		if ev.Line > 0 {
			where = fmt.Sprintf("%s:%d", ev.Path, ev.Line)
		}
		through := ""
		if len(m.via) > 0 {
			through = " (run by `" + strings.Join(m.via, "` → `") + "`)"
		}
		f := Finding{
			Location: Location{Path: ev.Path, Line: ev.Line},
			Key:      []string{s.Kind, s.Name, m.server.id},
			Message: fmt.Sprintf("%s: %s starts %s: `%s`%s; a development server is built for one developer's machine (one process, code reloading, debug output), not for production traffic; %s",
				where, serviceSubject(s), m.server.what, m.words, through, m.server.fix),
		}
		if m.script != "" {
			f.Related = append(f.Related, Location{Path: m.script, Line: m.sline, Message: "the start script runs the server here"})
		}
		if m.file != "" {
			f.Related = append(f.Related, Location{Path: m.file, Line: m.line, Message: "the Flask app is started with app.run() here"})
		}
		p.Report(f)
	}
}

// serviceSubject names a service for the message.
func serviceSubject(s stack.Service) string {
	switch s.Kind {
	case "dockerfile":
		return "the image built here"
	case "procfile":
		return fmt.Sprintf("the Procfile's `%s` process", s.Name)
	case "compose":
		return fmt.Sprintf("the compose service `%s`", s.Name)
	case "kubernetes":
		return fmt.Sprintf("the Kubernetes workload `%s`", s.Name)
	}
	return fmt.Sprintf("the %s service `%s`", s.Kind, s.Name)
}

// devOnlyService reports a service that is plainly meant for development:
// declared in a compose override or a dev-named file or folder
// (docker-compose.override.yml, compose.dev.yaml, Dockerfile.dev, deploy/local/),
// named like one (web-dev), or a compose service under a dev profile.
func devOnlyService(p *Pass, s stack.Service) bool {
	if devName(s.Name) || devPath(s.Evidence.Path) || s.CommandEvidence != nil && devPath(s.CommandEvidence.Path) {
		return true
	}
	if s.Kind != "compose" {
		return false
	}
	if s.CommandEvidence != nil && isComposeFile(s.CommandEvidence.Path) && prodComposeBeside(p, s.CommandEvidence.Path) {
		return true
	}
	return devComposeService(p, s.Evidence.Path, s.Name)
}

// isComposeFile reports a compose file by its name.
func isComposeFile(p string) bool {
	b := strings.ToLower(path.Base(p))
	return (strings.HasPrefix(b, "docker-compose") || strings.HasPrefix(b, "compose")) &&
		(strings.HasSuffix(b, ".yml") || strings.HasSuffix(b, ".yaml"))
}

// prodWords mark a compose file as the production one.
var prodWords = map[string]bool{"prod": true, "production": true, "live": true, "release": true}

// prodComposeBeside reports a compose file that is not itself named for
// production but has one that is beside it (docker-compose.yml next to
// docker-compose.prod.yml): then it is the development setup.
func prodComposeBeside(p *Pass, file string) bool {
	if prodName(path.Base(file)) {
		return false
	}
	dir := path.Dir(file)
	for _, f := range p.Snapshot.Files() {
		if path.Dir(f.Path) == dir && isComposeFile(f.Path) && prodName(path.Base(f.Path)) {
			return true
		}
	}
	return false
}

// prodName reports a file name with a production part (compose.prod.yaml).
func prodName(name string) bool {
	for w := range strings.FieldsFuncSeq(strings.ToLower(name), func(r rune) bool {
		return r == '-' || r == '_' || r == '.'
	}) {
		if prodWords[w] {
			return true
		}
	}
	return false
}

// devWords are the name parts that mark something as development-only.
var devWords = map[string]bool{
	"dev": true, "development": true, "local": true, "debug": true, "override": true,
	"test": true, "tests": true, "testing": true, "e2e": true, "ci": true,
}

// devName reports a name made of parts such as web-dev or api_local.
func devName(name string) bool {
	for w := range strings.FieldsFuncSeq(strings.ToLower(name), func(r rune) bool {
		return r == '-' || r == '_' || r == '.' || r == ' '
	}) {
		if devWords[w] {
			return true
		}
	}
	return false
}

// showcaseSegments are folders whose deployment files are shown to
// readers, not deployed (documentation sites, demos).
var showcaseSegments = map[string]bool{
	"docs": true, "doc": true, "demo": true, "demos": true, "sample": true, "samples": true, "playground": true,
}

// devPath reports a file whose name or folder marks it as development-only
// or as documentation.
func devPath(p string) bool {
	if p == "" {
		return false
	}
	for seg := range strings.SplitSeq(p, "/") {
		if devName(seg) || showcaseSegments[strings.ToLower(seg)] {
			return true
		}
	}
	return false
}

// devComposeService reports a compose service set up for development: it
// is listed only under development profiles (profiles: [dev]), its
// entrypoint is a development script (./docker-entrypoint.dev.sh), or it
// builds a development target or Dockerfile (target: dev,
// dockerfile: Dockerfile.dev).
func devComposeService(p *Pass, file, service string) bool {
	svc, ok := devComposeServices(p, file)[service]
	if !ok {
		return false
	}
	if len(svc.Profiles) > 0 {
		all := true
		for _, pr := range svc.Profiles {
			all = all && devName(pr)
		}
		if all {
			return true
		}
	}
	var words []string
	switch e := svc.Entrypoint.(type) {
	case string:
		for _, seg := range shellSegments(e) {
			words = append(words, seg...)
		}
	case []any:
		for _, w := range e {
			if s, ok := w.(string); ok {
				words = append(words, s)
			}
		}
	}
	for _, w := range words {
		if strings.Contains(w, "/") || strings.Contains(w, ".") {
			if devName(path.Base(w)) {
				return true
			}
		}
	}
	if b, ok := svc.Build.(map[string]any); ok {
		if t, ok := b["target"].(string); ok && devName(t) {
			return true
		}
		if d, ok := b["dockerfile"].(string); ok && devPath(d) {
			return true
		}
	}
	return false
}

// devComposeSvc is what devComposeService reads of a compose service.
type devComposeSvc struct {
	Profiles   []string `yaml:"profiles"`
	Entrypoint any      `yaml:"entrypoint"`
	Build      any      `yaml:"build"`
}

// devComposeServices returns the services of a compose file, parsed once a
// scan however many of its services are asked about; nil when the file
// cannot be read or parsed (the compose detector has said so).
func devComposeServices(p *Pass, file string) map[string]devComposeSvc {
	return p.Snapshot.Memo("sa503-compose:"+file, func() any {
		data, err := p.Snapshot.ReadFile(file)
		if err != nil {
			return map[string]devComposeSvc(nil)
		}
		var doc struct {
			Services map[string]devComposeSvc `yaml:"services"`
		}
		if yaml.Unmarshal(data, &doc) != nil {
			return map[string]devComposeSvc(nil)
		}
		return doc.Services
	}).(map[string]devComposeSvc)
}

// scriptUnit returns the Node unit at path, whose package.json scripts an
// `npm run` in a command reaches, or nil.
func scriptUnit(inv *stack.Inventory, unitPath string) *stack.Unit {
	if unitPath == "" {
		return nil
	}
	for _, u := range inv.Units {
		if u.Path == unitPath && u.Ecosystem == stack.Node {
			return u
		}
	}
	return nil
}

// devCommand reads a start command, following `sh -c` and package.json
// scripts.
type devCommand struct {
	p        *Pass
	unit     *stack.Unit
	evidence string // the file that holds the command
}

// devMatch is a development server found in a command.
type devMatch struct {
	server devServer
	words  string   // the words that start it
	via    []string // the scripts followed to get there
	file   string   // the Flask script, for python app.py
	line   int
	script string // the start script followed, if any
	sline  int    // the line in it that starts the server
}

const maxScriptDepth = 4

func (r devCommand) find(cmd string, depth int) (devMatch, bool) {
	if depth > maxScriptDepth {
		return devMatch{}, false
	}
	for _, words := range shellSegments(cmd) {
		if m, ok := r.segment(words, depth); ok {
			return m, true
		}
	}
	return devMatch{}, false
}

// segment looks at one simple command.
func (r devCommand) segment(words []string, depth int) (devMatch, bool) {
	if depth > maxScriptDepth {
		return devMatch{}, false
	}
	words = stripWrappers(words)
	if len(words) == 0 {
		return devMatch{}, false
	}
	hit := func(s devServer) (devMatch, bool) {
		return devMatch{server: s, words: strings.Join(words, " ")}, true
	}
	name := path.Base(words[0])
	args := words[1:]
	sub := firstArg(args)
	switch {
	case strings.HasSuffix(name, ".sh"):
		// An entrypoint script given the command to exec at its end
		// (ENTRYPOINT ["/entrypoint.sh"] + CMD ["npm", "run", "dev"]),
		// or a start script that runs the server itself.
		if m, ok := r.segment(args, depth+1); ok {
			return m, true
		}
		return r.shellScript(words[0], depth)
	case name == "sh" || name == "bash" || name == "ash" || name == "dash" || name == "zsh":
		for i, a := range args {
			if strings.HasPrefix(a, "-") && strings.Contains(a, "c") && i+1 < len(args) {
				return r.find(args[i+1], depth+1)
			}
			if !strings.HasPrefix(a, "-") {
				if strings.HasSuffix(a, ".sh") {
					return r.segment(args[i:], depth+1)
				}
				break
			}
		}
	case isPython(name):
		return r.python(words, depth)
	case name == "django-admin" || name == "django-admin.py":
		if sub == "runserver" || sub == "runserver_plus" {
			return hit(devDjango)
		}
	case name == "flask":
		// flask run, flask --app hello --debug run
		for _, a := range args {
			if a == "run" {
				return hit(devFlaskRun)
			}
		}
	case name == "uvicorn" || name == "gunicorn" || name == "hypercorn" || name == "granian":
		if hasFlag(args, "--reload") {
			return hit(devReload)
		}
	case name == "fastapi":
		if sub == "dev" {
			return hit(devFastAPI)
		}
	case name == "nodemon":
		return hit(devNodemon)
	case name == "ts-node" || name == "ts-node-dev" || name == "tsnd" || name == "ts-node-esm":
		return hit(devTSNode)
	case name == "node":
		for _, a := range args {
			if strings.HasPrefix(a, "ts-node/") || strings.HasPrefix(a, "--loader=ts-node") {
				return hit(devTSNode)
			}
			if !strings.HasPrefix(a, "-") && a != "ts-node/register" {
				break
			}
		}
	case name == "next":
		if sub == "" || sub == "dev" {
			return hit(devNext)
		}
	case name == "vite":
		if sub == "" || sub == "dev" || sub == "serve" {
			return hit(devBundler)
		}
	case name == "nuxt" || name == "nuxi":
		if sub == "dev" {
			return hit(devBundler)
		}
	case name == "react-scripts" || name == "ng" || name == "vue-cli-service" || name == "webpack":
		if sub == "start" && name == "react-scripts" || sub == "serve" && name != "react-scripts" {
			return hit(devBundler)
		}
	case name == "webpack-dev-server":
		return hit(devBundler)
	case name == "npm" || name == "yarn" || name == "pnpm" || name == "bun":
		return r.script(name, args, depth)
	}
	return devMatch{}, false
}

// python reads `python [flags] manage.py runserver`, `python -m flask run`,
// `python -m uvicorn --reload` and `python app.py` on a Flask app.
func (r devCommand) python(words []string, depth int) (devMatch, bool) {
	args := words[1:]
	for len(args) > 0 && strings.HasPrefix(args[0], "-") && args[0] != "-m" && args[0] != "-c" {
		if args[0] == "-X" || args[0] == "-W" {
			args = args[1:]
		}
		args = args[1:]
	}
	if len(args) == 0 || args[0] == "-c" {
		return devMatch{}, false
	}
	if args[0] == "-m" {
		if len(args) < 2 {
			return devMatch{}, false
		}
		return r.segment(append([]string{args[1]}, args[2:]...), depth)
	}
	script, rest := args[0], args[1:]
	hit := func(s devServer) (devMatch, bool) {
		return devMatch{server: s, words: strings.Join(words, " ")}, true
	}
	if path.Base(script) == "manage.py" {
		if sub := firstArg(rest); sub == "runserver" || sub == "runserver_plus" {
			return hit(devDjango)
		}
		return devMatch{}, false
	}
	if !strings.HasSuffix(script, ".py") {
		return devMatch{}, false
	}
	file, line := r.flaskScript(script)
	if file == "" {
		return devMatch{}, false
	}
	m, _ := hit(devFlaskApp)
	m.file, m.line = file, line
	return m, true
}

// flaskScript finds the script a command runs in the repository and
// reports where it calls app.run() on a Flask app; "" when it does not.
func (r devCommand) flaskScript(script string) (string, int) {
	p := r.repoFile(script)
	if p == "" {
		return "", 0
	}
	if line := flaskAppRun(source.File(r.p.Snapshot, p)); line > 0 {
		return p, line
	}
	return "", 0
}

// repoFile finds in the repository the file a command names, looking in
// the unit's folder, the folder of the file holding the command and the
// root; "" when there is none. An absolute path names the file inside the
// image (/app/src/app.py): its tails are tried against those folders.
func (r devCommand) repoFile(script string) string {
	if r.p == nil || strings.ContainsAny(script, "$*?") {
		return ""
	}
	var dirs []string
	if r.unit != nil {
		dirs = append(dirs, r.unit.Path)
	}
	dirs = append(dirs, path.Dir(r.evidence), ".")
	parts := strings.Split(strings.TrimLeft(path.Clean(script), "/"), "/")
	for i := range parts {
		tail := path.Join(parts[i:]...)
		for _, d := range dirs {
			if p := path.Join(d, tail); r.p.Snapshot.Exists(p) {
				return p
			}
		}
		if !strings.HasPrefix(script, "/") {
			break
		}
	}
	// A script copied to another place in the image (COPY docker/start.sh
	// /usr/local/bin/): the one file of that name below the folder of the
	// file holding the command.
	base, dir, found := path.Base(script), path.Dir(r.evidence), ""
	for _, f := range r.p.Snapshot.Files() {
		if path.Base(f.Path) == base && inFolder(f.Path, dir) {
			if found != "" {
				return ""
			}
			found = f.Path
		}
	}
	return found
}

// shellScript follows a start script kept in the repository
// (ENTRYPOINT ["./boot.sh"]) and looks for a development server in it. A
// script that can also start a production server chooses between them at
// run time (if [ "$ENV" = dev ]; then … runserver; else … gunicorn; fi),
// so it is left alone.
func (r devCommand) shellScript(script string, depth int) (devMatch, bool) {
	p := r.repoFile(script)
	if p == "" {
		return devMatch{}, false
	}
	data, err := r.p.Snapshot.ReadFile(p)
	if err != nil {
		return devMatch{}, false
	}
	segs := shellSegments(string(data))
	for _, words := range segs {
		if productionServer(stripWrappers(words)) {
			return devMatch{}, false
		}
	}
	for _, words := range segs {
		if m, ok := r.segment(words, depth+1); ok {
			m.via = append([]string{p}, m.via...)
			if m.script == "" {
				m.script, m.sline = p, lineOf(string(data), words)
			}
			return m, true
		}
	}
	return devMatch{}, false
}

// lineOf returns the line of a script that holds the simple command
// words, or 1 when it spans lines.
func lineOf(script string, words []string) int {
	for i, line := range strings.Split(script, "\n") {
		for _, seg := range shellSegments(line) {
			if slices.Equal(seg, words) {
				return i + 1
			}
		}
	}
	return 1
}

// productionServer reports a command that starts a production server.
func productionServer(words []string) bool {
	if len(words) == 0 {
		return false
	}
	args := words[1:]
	switch path.Base(words[0]) {
	case "gunicorn", "uvicorn", "hypercorn", "granian":
		return !hasFlag(args, "--reload")
	case "daphne", "waitress-serve", "uwsgi", "pm2", "pm2-runtime", "nginx", "node", "serve":
		return true
	case "next":
		return firstArg(args) == "start"
	case "fastapi":
		return firstArg(args) == "run"
	}
	return false
}

// flaskAppRun returns the line of an app.run() call on a Flask app defined
// in the file, or 0. The receiver must be a variable, not an imported module
// (asyncio.run, uvicorn.run), and the file must construct a Flask app.
func flaskAppRun(f *syntax.File) int {
	if f == nil || f.Lang != syntax.Python {
		return 0
	}
	modules := map[string]bool{}
	flask := false
	for _, im := range f.Imports {
		name := im.Module
		if im.Alias != "" {
			name = im.Alias
		}
		top, _, _ := strings.Cut(name, ".")
		modules[top] = true
		for _, n := range im.Names {
			local := n.Name
			if n.Alias != "" {
				local = n.Alias
			}
			modules[local] = true
		}
		if im.Module == "flask" {
			flask = true
		}
	}
	if !flask {
		return 0
	}
	calls := append([]syntax.Call(nil), f.Calls...)
	for _, fn := range f.Functions {
		calls = append(calls, fn.Calls...)
	}
	made, run := false, 0
	for _, c := range calls {
		switch {
		case c.Callee == "Flask" || c.Callee == "flask.Flask":
			made = true
		case strings.HasSuffix(c.Callee, ".run") && strings.Count(c.Callee, ".") == 1:
			recv := strings.TrimSuffix(c.Callee, ".run")
			if !modules[recv] && !strings.Contains(recv, "(") && run == 0 {
				run = c.Line
			}
		}
	}
	if !made {
		return 0
	}
	return run
}

// npmBuiltins are package-manager commands that are not script names
// (yarn <name> and pnpm <name> run a script unless the name is one of these).
var npmBuiltins = map[string]bool{
	"install": true, "i": true, "ci": true, "add": true, "remove": true, "exec": true, "dlx": true,
	"test": true, "x": true, "create": true, "init": true, "link": true, "pack": true, "publish": true,
}

// script follows `npm start`, `npm run dev`, `yarn dev`, `pnpm run dev`
// and `bun run dev` into the unit's package.json scripts.
func (r devCommand) script(pm string, args []string, depth int) (devMatch, bool) {
	if r.unit == nil || len(args) == 0 {
		return devMatch{}, false
	}
	var name string
	switch a := args[0]; {
	case a == "run" || a == "run-script":
		name = firstArg(args[1:])
	case a == "start" || a == "dev" || a == "serve":
		name = a
	case pm != "npm" && !strings.HasPrefix(a, "-") && !npmBuiltins[a]:
		name = a
	}
	body, ok := r.unit.Scripts[name]
	if name == "" || !ok {
		return devMatch{}, false
	}
	m, ok := r.find(body, depth+1)
	if !ok {
		return devMatch{}, false
	}
	m.via = append([]string{pm + " " + strings.Join(args, " ")}, m.via...)
	return m, true
}

func isPython(name string) bool {
	if name == "python" || name == "python3" || name == "python2" {
		return true
	}
	v, ok := strings.CutPrefix(name, "python3.")
	return ok && v != "" && strings.Trim(v, "0123456789") == ""
}

// firstArg is the first word that is not a flag, or "".
func firstArg(args []string) string {
	for _, a := range args {
		if !strings.HasPrefix(a, "-") {
			return a
		}
	}
	return ""
}

// hasFlag reports --flag or --flag=value among args.
func hasFlag(args []string, flag string) bool {
	for _, a := range args {
		if a == flag || strings.HasPrefix(a, flag+"=") {
			return true
		}
	}
	return false
}

// wrappers are commands that run the rest of the line: env, exec, npx,
// process supervisors, and project runners (poetry run, uv run).
var wrappers = map[string]bool{
	"exec": true, "env": true, "npx": true, "bunx": true, "pnpx": true, "dumb-init": true, "tini": true,
	"nohup": true, "time": true, "cross-env": true, "dotenv": true,
}

// runners are tools whose `run` (or `exec`) sub-command runs the rest.
var runners = map[string]bool{
	"poetry": true, "uv": true, "pipenv": true, "pdm": true, "hatch": true, "rye": true,
}

// stripWrappers drops variable assignments and wrapper commands in front
// of the command they run.
func stripWrappers(words []string) []string {
	for len(words) > 0 {
		w := words[0]
		name := path.Base(w)
		switch {
		case isAssignment(w), w == "--":
			words = words[1:]
		case wrappers[name]:
			words = words[1:]
			for len(words) > 0 && (strings.HasPrefix(words[0], "-") || isAssignment(words[0])) {
				words = words[1:]
			}
		case runners[name] && len(words) > 1 && words[1] == "run":
			words = words[2:]
		case (name == "pnpm" || name == "yarn") && len(words) > 1 && words[1] == "exec":
			words = words[2:]
		case name == "gosu" || name == "su-exec":
			if len(words) < 2 {
				return nil
			}
			words = words[2:]
		default:
			return words
		}
	}
	return words
}

// isAssignment reports NAME=value.
func isAssignment(w string) bool {
	i := strings.IndexByte(w, '=')
	if i <= 0 {
		return false
	}
	for j, r := range w[:i] {
		if !(r == '_' || r >= 'A' && r <= 'Z' || r >= 'a' && r <= 'z' || j > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return true
}

// shellSegments splits a shell command line into simple commands (at
// unquoted ;, &&, ||, | and &, and newlines) of words with quotes removed.
// It is a reader for start commands, not a shell: no expansion is done.
func shellSegments(s string) [][]string {
	var segs [][]string
	var words []string
	var cur strings.Builder
	inWord := false
	flushWord := func() {
		if inWord {
			words = append(words, cur.String())
			cur.Reset()
			inWord = false
		}
	}
	flushSeg := func() {
		flushWord()
		if len(words) > 0 {
			segs = append(segs, words)
			words = nil
		}
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		switch c {
		case ' ', '\t':
			flushWord()
		case '\n', ';', '&', '|', '(', ')':
			flushSeg()
		case '\\':
			if i+1 < len(s) {
				i++
				if s[i] != '\n' {
					cur.WriteByte(s[i])
					inWord = true
				}
			}
		case '\'', '"':
			inWord = true
			j := i + 1
			for j < len(s) && s[j] != c {
				if c == '"' && s[j] == '\\' && j+1 < len(s) {
					j++
				}
				cur.WriteByte(s[j])
				j++
			}
			i = j
		case '#':
			if !inWord {
				for i < len(s) && s[i] != '\n' {
					i++
				}
				flushSeg()
				continue
			}
			cur.WriteByte(c)
		default:
			cur.WriteByte(c)
			inWord = true
		}
	}
	flushSeg()
	return segs
}
