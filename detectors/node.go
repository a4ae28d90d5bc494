package detectors

import (
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"path"
	"sort"
	"strings"

	"go.yaml.in/yaml/v3"

	"github.com/stackaudit/stackaudit/repo"
	"github.com/stackaudit/stackaudit/stack"
)

// The node family turns every package.json into a Node unit and attaches
// what the folder says about it: dependencies, runtime, package manager,
// workspaces and lockfiles.
var _ = register(family{
	name:  "node",
	order: 10,
	patterns: []string{
		"**/package.json",
		"**/package-lock.json",
		"**/npm-shrinkwrap.json",
		"**/yarn.lock",
		"**/pnpm-lock.yaml",
		"**/pnpm-workspace.yaml",
		"**/lerna.json",
		"**/bun.lock",
		"**/bun.lockb",
		"**/.nvmrc",
		"**/.node-version",
	},
	run: runNode,
})

// packageJSON is the part of package.json the detectors read. Fields whose
// type varies in the wild stay raw and are decoded leniently.
type packageJSON struct {
	Name                 string
	Private              bool
	PackageManager       string
	Main                 bool // main, module or exports is set
	Bin                  bool
	Scripts              map[string]string
	Engines              map[string]string
	Volta                map[string]string
	Workspaces           []string
	Dependencies         map[string]string
	DevDependencies      map[string]string
	PeerDependencies     map[string]string
	OptionalDependencies map[string]string
	// Keys are the top-level keys present (eslintConfig, prettier, jest, ...).
	Keys map[string]bool
	// lines maps key paths to the line they start on.
	lines jsonLines
}

// parsePackageJSON decodes package.json leniently: the document must be a
// JSON object, but a field of an unexpected type is ignored rather than
// failing the whole file.
func parsePackageJSON(raw []byte) (*packageJSON, error) {
	raw = trimBOM(raw) // npm strips a byte-order mark, so do we
	var top map[string]json.RawMessage
	if err := json.Unmarshal(raw, &top); err != nil {
		return nil, jsonError(raw, err)
	}
	if top == nil {
		return nil, errors.New("not a JSON object")
	}
	p := &packageJSON{Keys: map[string]bool{}, lines: keyLines(raw, 3)}
	for k := range top {
		p.Keys[k] = true
	}
	str := func(k string) string {
		var s string
		_ = json.Unmarshal(top[k], &s)
		return s
	}
	strMap := func(k string) map[string]string {
		var m map[string]any
		if json.Unmarshal(top[k], &m) != nil {
			return nil
		}
		out := make(map[string]string, len(m))
		for name, v := range m {
			if s, ok := v.(string); ok {
				out[name] = s
			}
		}
		return out
	}
	p.Name = str("name")
	p.PackageManager = str("packageManager")
	_ = json.Unmarshal(top["private"], &p.Private)
	for _, k := range []string{"main", "module", "exports"} {
		if v, ok := top[k]; ok && string(v) != "null" {
			p.Main = true
		}
	}
	if v, ok := top["bin"]; ok && string(v) != "null" {
		p.Bin = true
	}
	p.Scripts = strMap("scripts")
	p.Engines = strMap("engines")
	p.Volta = strMap("volta")
	p.Dependencies = strMap("dependencies")
	p.DevDependencies = strMap("devDependencies")
	p.PeerDependencies = strMap("peerDependencies")
	p.OptionalDependencies = strMap("optionalDependencies")
	if w, ok := top["workspaces"]; ok {
		var list []string
		if json.Unmarshal(w, &list) != nil {
			var obj struct {
				Packages []string `json:"packages"`
			}
			if json.Unmarshal(w, &obj) == nil {
				list = obj.Packages
			}
		}
		p.Workspaces = list
	}
	return p, nil
}

// marker reports whether a package.json only sets options for the files
// beside it (type, sideEffects, browser) and names no package: no name,
// dependencies, scripts or workspaces.
func (p *packageJSON) marker() bool {
	if p.Name != "" || len(p.Scripts) > 0 || len(p.Workspaces) > 0 {
		return false
	}
	for _, t := range p.dependencyScopes() {
		if len(t.deps) > 0 {
			return false
		}
	}
	return true
}

// line returns the line of a key path in the file, 0 when unknown.
func (p *packageJSON) line(keys ...string) int { return p.lines.line(keys...) }

// dependencyScopes pairs each dependency table with its scope, in the order
// a declaration in an earlier table wins for components.
func (p *packageJSON) dependencyScopes() []struct {
	key, scope string
	deps       map[string]string
} {
	return []struct {
		key, scope string
		deps       map[string]string
	}{
		{"dependencies", "prod", p.Dependencies},
		{"peerDependencies", "peer", p.PeerDependencies},
		{"optionalDependencies", "optional", p.OptionalDependencies},
		{"devDependencies", "dev", p.DevDependencies},
	}
}

// hasDependency reports whether any dependency table names pkg.
func (p *packageJSON) hasDependency(pkg string) bool {
	for _, t := range p.dependencyScopes() {
		if _, ok := t.deps[pkg]; ok {
			return true
		}
	}
	return false
}

// jsonError adds the line to a JSON syntax error.
func jsonError(raw []byte, err error) error {
	var se *json.SyntaxError
	if errors.As(err, &se) {
		return fmt.Errorf("line %d: %v", lineAt(raw, int(se.Offset)), err)
	}
	var te *json.UnmarshalTypeError
	if errors.As(err, &te) {
		return fmt.Errorf("line %d: %v", lineAt(raw, int(te.Offset)), err)
	}
	return err
}

// lineAt returns the 1-based line holding byte offset off.
func lineAt(raw []byte, off int) int {
	if off > len(raw) {
		off = len(raw)
	}
	if off < 0 {
		off = 0
	}
	return bytes.Count(raw[:off], []byte{'\n'}) + 1
}

// jsonLines maps object key paths (joined by NUL) to 1-based lines.
type jsonLines map[string]int

func (l jsonLines) line(keys ...string) int { return l[strings.Join(keys, "\x00")] }

// keyLines walks a JSON document's tokens and records the line of every
// object key down to maxDepth. Keys inside arrays keep the path of the
// array's key. A syntax error stops the walk; what was seen is kept.
func keyLines(raw []byte, maxDepth int) jsonLines {
	out := jsonLines{}
	var nl []int
	for i, c := range raw {
		if c == '\n' {
			nl = append(nl, i)
		}
	}
	lineOf := func(off int64) int {
		return sort.SearchInts(nl, int(off)) + 1
	}
	type frame struct{ obj, wantKey bool }
	var frames []frame
	var keys []string
	finish := func() {
		if n := len(frames); n > 0 && frames[n-1].obj {
			keys = keys[:len(keys)-1]
			frames[n-1].wantKey = true
		}
	}
	dec := json.NewDecoder(bytes.NewReader(raw))
	dec.UseNumber()
	for {
		tok, err := dec.Token()
		if err != nil {
			return out
		}
		n := len(frames)
		if n > 0 && frames[n-1].obj && frames[n-1].wantKey {
			if k, ok := tok.(string); ok {
				keys = append(keys, k)
				frames[n-1].wantKey = false
				if len(keys) <= maxDepth {
					// The offset is just past the key; the key starts on that line
					// unless the key itself spans lines, which JSON forbids.
					p := strings.Join(keys, "\x00")
					if _, seen := out[p]; !seen {
						out[p] = lineOf(dec.InputOffset())
					}
				}
				continue
			}
			// The closing brace of an object.
			frames = frames[:n-1]
			finish()
			continue
		}
		switch t := tok.(type) {
		case json.Delim:
			switch t {
			case '{':
				frames = append(frames, frame{obj: true, wantKey: true})
			case '[':
				frames = append(frames, frame{})
			default:
				if n > 0 {
					frames = frames[:n-1]
				}
				finish()
			}
		default:
			finish()
		}
	}
}

// nodeFolder gathers the Node files of one folder.
type nodeFolder struct {
	dir       string
	manifest  *packageJSON
	lockfiles []string
}

// lockfileManagers maps lockfile names to their package manager.
var lockfileManagers = map[string]string{
	"package-lock.json":   "npm",
	"npm-shrinkwrap.json": "npm",
	"yarn.lock":           "yarn",
	"pnpm-lock.yaml":      "pnpm",
	"bun.lock":            "bun",
	"bun.lockb":           "bun",
}

func runNode(d *Detection, files []repo.File) {
	manifests := map[string]*packageJSON{} // dir → parsed manifest (nil when malformed)
	lockfiles := map[string][]string{}     // dir → lockfile paths
	var pnpmWorkspaces, lernaFiles []string
	var dirs []string
	for _, f := range files {
		dir, base := path.Dir(f.Path), path.Base(f.Path)
		if inFixtureFolder(f.Path) {
			// Test fixtures of a tool are data, not units of the repository.
			continue
		}
		switch {
		case base == "package.json":
			var p *packageJSON
			raw, err := d.Snap.ReadFile(f.Path)
			if err != nil {
				d.Problemf(f.Path, "cannot read: %v", errors.Unwrap(err))
			} else if p, err = parsePackageJSON(raw); err != nil {
				d.Problemf(f.Path, "cannot parse: %v; its dependencies are not counted until the JSON is fixed", err)
			}
			if p != nil && dir != "." && p.marker() {
				// {"type": "module"} beside some source marks its module
				// format; it is not a package of its own.
				continue
			}
			u := d.Unit(dir, stack.Node)
			addManifest(u, f.Path)
			dirs = append(dirs, dir)
			manifests[dir] = p
			if p != nil {
				fillFromPackageJSON(u, f.Path, p)
			}
		case base == "pnpm-workspace.yaml":
			pnpmWorkspaces = append(pnpmWorkspaces, f.Path)
		case base == "lerna.json":
			lernaFiles = append(lernaFiles, f.Path)
		case lockfileManagers[base] != "":
			lockfiles[dir] = append(lockfiles[dir], f.Path)
		}
	}

	// Workspaces: the deepest roots first so a member joins its nearest root.
	roots := map[string][]string{}
	for dir, p := range manifests {
		if p != nil && len(p.Workspaces) > 0 {
			roots[dir] = append(roots[dir], p.Workspaces...)
		}
	}
	for _, wp := range pnpmWorkspaces {
		pats, err := readPnpmWorkspace(d, wp)
		if err != nil {
			d.Problemf(wp, "cannot parse pnpm-workspace.yaml: %v; its members are not linked to the root", err)
			continue
		}
		dir := path.Dir(wp)
		if _, ok := manifests[dir]; !ok {
			u := d.Unit(dir, stack.Node)
			addManifest(u, wp)
			manifests[dir] = nil
			dirs = append(dirs, dir)
		}
		roots[dir] = append(roots[dir], pats...)
	}
	for _, lf := range lernaFiles {
		dir := path.Dir(lf)
		if _, ok := manifests[dir]; !ok {
			continue // lerna runs from a package.json folder
		}
		pats, err := readLerna(d, lf)
		if err != nil {
			d.Problemf(lf, "cannot parse lerna.json: %v; its packages are not linked to the root", err)
			continue
		}
		roots[dir] = append(roots[dir], pats...)
	}
	rootDirs := make([]string, 0, len(roots))
	for dir := range roots {
		rootDirs = append(rootDirs, dir)
	}
	sort.Slice(rootDirs, func(i, j int) bool {
		if a, b := depth(rootDirs[i]), depth(rootDirs[j]); a != b {
			return a > b
		}
		return rootDirs[i] < rootDirs[j]
	})
	for _, root := range rootDirs {
		ru := d.Unit(root, stack.Node)
		if ru.Workspace == "" {
			ru.Workspace = root
		}
		for _, dir := range dirs {
			u := d.Unit(dir, stack.Node)
			if dir == root || u.Workspace != "" || !inFolder(dir, root) {
				continue
			}
			if workspaceMember(roots[root], relPath(root, dir)) {
				u.Workspace = root
			}
		}
	}

	// Lockfiles, package manager, runtime and versions, unit by unit.
	sort.Strings(dirs)
	locks := &lockCache{d: d, parsed: map[string]*lockData{}}
	for _, dir := range dirs {
		u := d.Unit(dir, stack.Node)
		p := manifests[dir]
		lockDir := dir
		if len(lockfiles[dir]) == 0 && u.Workspace != "" && u.Workspace != dir {
			lockDir = u.Workspace
		}
		for _, lf := range lockfiles[lockDir] {
			addLockfile(u, lf, lockfileManagers[path.Base(lf)])
		}
		if p != nil && p.PackageManager != "" {
			u.PackageManager = managerName(p.PackageManager)
		}
		if u.PackageManager == "" && len(u.Lockfiles) > 0 {
			u.PackageManager = preferredManager(lockfiles[lockDir])
		}
		if u.PackageManager == "" && u.Workspace != "" && u.Workspace != dir {
			if rp := manifests[u.Workspace]; rp != nil && rp.PackageManager != "" {
				u.PackageManager = managerName(rp.PackageManager)
			}
		}
		if u.PackageManager == "" {
			u.PackageManager = "npm"
		}
		nodeRuntime(d, u, p)
		// Resolved versions of the components.
		for i := range u.Components {
			c := &u.Components[i]
			for _, lf := range lockfiles[lockDir] {
				if v := locks.version(lf, relPath(lockDir, dir), c.Package, c.Constraint); v != "" {
					c.Version = v
					break
				}
			}
		}
		if p != nil {
			classifyNodeUnit(d, u, p, len(roots[dir]) > 0)
		}
	}
}

// fillFromPackageJSON records dependencies, components and scripts.
func fillFromPackageJSON(u *stack.Unit, file string, p *packageJSON) {
	for _, t := range p.dependencyScopes() {
		names := orderedKeys(t.deps)
		for _, name := range names {
			constraint := t.deps[name]
			ev := stack.Evidence{
				Path:   file,
				Line:   p.line(t.key, name),
				Detail: fmt.Sprintf("%q: %q", name, constraint),
			}
			u.Dependencies = append(u.Dependencies, stack.Dependency{
				Name: name, Constraint: constraint, Scope: t.scope, Evidence: ev,
			})
			if k, ok := componentFor(stack.Node, name); ok {
				addComponent(u, stack.Component{
					ID: k.id, Category: k.category, Package: name,
					Constraint: constraint, Declared: true, Evidence: ev,
				})
			}
		}
	}
	if len(p.Scripts) > 0 {
		u.Scripts = p.Scripts
	}
}

// nodeRuntime sets the declared Node version: a version file (.nvmrc,
// .node-version) in the unit's folder or the nearest folder above it, then
// volta.node, then engines.node.
func nodeRuntime(d *Detection, u *stack.Unit, p *packageJSON) {
	for dir := u.Path; ; dir = path.Dir(dir) {
		for _, name := range []string{".nvmrc", ".node-version"} {
			f := path.Join(dir, name)
			if !d.Snap.Exists(f) {
				continue
			}
			raw, err := d.Snap.ReadFile(f)
			if err != nil {
				d.Problemf(f, "cannot read: %v", errors.Unwrap(err))
				continue
			}
			if v, line := versionFileValue(raw); v != "" {
				u.Runtime = &stack.Runtime{Name: "node", Constraint: v, Evidence: stack.Evidence{Path: f, Line: line, Detail: v}}
				return
			}
		}
		if dir == "." || dir == "/" {
			break
		}
	}
	if p == nil {
		return
	}
	file := path.Join(u.Path, "package.json")
	if v := p.Volta["node"]; v != "" {
		u.Runtime = &stack.Runtime{Name: "node", Constraint: v, Evidence: stack.Evidence{Path: file, Line: p.line("volta", "node"), Detail: fmt.Sprintf("\"node\": %q", v)}}
		return
	}
	if v := p.Engines["node"]; v != "" {
		u.Runtime = &stack.Runtime{Name: "node", Constraint: v, Evidence: stack.Evidence{Path: file, Line: p.line("engines", "node"), Detail: fmt.Sprintf("\"node\": %q", v)}}
	}
}

// versionFileValue returns the first meaningful line of .nvmrc or
// .node-version and its line number; comments (#) are dropped.
func versionFileValue(raw []byte) (string, int) {
	for i, line := range strings.Split(string(raw), "\n") {
		if j := strings.IndexByte(line, '#'); j >= 0 {
			line = line[:j]
		}
		if line = strings.TrimSpace(line); line != "" {
			return line, i + 1
		}
	}
	return "", 0
}

// managerName turns a corepack packageManager value (pnpm@9.1.0+sha...) into
// the manager's name.
func managerName(v string) string {
	name, _, _ := strings.Cut(v, "@")
	return strings.ToLower(strings.TrimSpace(name))
}

// preferredManager picks the manager of a folder's lockfiles, in a fixed
// order so two lockfiles give a stable answer.
func preferredManager(lockfiles []string) string {
	for _, want := range []string{"pnpm-lock.yaml", "yarn.lock", "bun.lock", "bun.lockb", "package-lock.json", "npm-shrinkwrap.json"} {
		for _, lf := range lockfiles {
			if path.Base(lf) == want {
				return lockfileManagers[want]
			}
		}
	}
	return ""
}

// webServerPackages are packages that make a unit a deployed server even
// when they are not components of their own.
var webServerPackages = map[string]bool{
	"restify": true, "sails": true, "@hono/node-server": true,
	"@feathersjs/feathers": true, "loopback": true, "@loopback/core": true,
	"apollo-server": true, "@apollo/server": true, "graphql-yoga": true,
}

// classifyNodeUnit sets Application and ToolingOnly.
func classifyNodeUnit(d *Detection, u *stack.Unit, p *packageJSON, workspaceRoot bool) {
	web := false
	for _, c := range u.Components {
		if c.Category == stack.Web && c.Declared {
			web = true
		}
	}
	for name := range p.Dependencies {
		if webServerPackages[name] {
			web = true
		}
	}
	_, start := p.Scripts["start"]
	tooling := true
	for _, t := range p.dependencyScopes() {
		for name := range t.deps {
			if !isDevTooling(name) {
				tooling = false
			}
		}
	}
	if tooling && !web && !start && !hasOwnNodeSource(d, u) {
		u.ToolingOnly = true
		return
	}
	switch {
	case web:
		u.Application = true
	case workspaceRoot:
		// A workspace root's start script runs a member (`yarn --cwd app
		// start`, `turbo start`); the member is what is deployed.
		u.Application = false
	case start:
		u.Application = true
	case p.Bin || p.Main:
		u.Application = false
	default:
		u.Application = p.Private
	}
}

// devToolingPackages are dependencies that only serve development.
var devToolingPackages = map[string]bool{
	"prettier": true, "eslint": true, "husky": true, "lint-staged": true,
	"typescript": true, "commitlint": true, "turbo": true, "lerna": true,
	"nx": true, "oxlint": true, "standard": true, "xo": true, "dprint": true,
	"rimraf": true, "cross-env": true, "concurrently": true, "npm-run-all": true,
	"npm-run-all2": true, "semantic-release": true, "knip": true, "syncpack": true,
	"cspell": true, "markdownlint-cli": true, "markdownlint-cli2": true,
	"stylelint": true, "patch-package": true, "simple-git-hooks": true,
	"lefthook": true, "dotenv-cli": true, "ts-node": true, "tsx": true,
	"nodemon": true, "jest": true, "vitest": true, "mocha": true, "chai": true,
	"@playwright/test": true, "changeset": true, "sort-package-json": true,
	"prettier-plugin-organize-imports": true, "pretty-quick": true,
	"@biomejs/biome": true, "@changesets/cli": true, "release-it": true,
	"standard-version": true, "conventional-changelog-cli": true,
	"release-please": true, "markdownlint": true, "remark-cli": true,
	"textlint": true, "editorconfig-checker": true, "prettier-plugin-tailwindcss": true,
}

// devToolingPrefixes are scopes and name prefixes of development tooling.
var devToolingPrefixes = []string{
	"@types/", "@commitlint/", "@typescript-eslint/", "@eslint/", "eslint-config-",
	"eslint-plugin-", "@nx/", "@nrwl/", "@semantic-release/", "prettier-plugin-",
	"@trivago/prettier-plugin", "@changesets/", "@tsconfig/", "@biomejs/",
	"stylelint-", "@vitest/", "@jest/", "@release-it/", "@graphql-codegen/",
	"remark-preset-", "textlint-rule-", "@cspell/",
}

// isDevTooling reports whether an npm package only serves development.
func isDevTooling(name string) bool {
	if devToolingPackages[name] {
		return true
	}
	for _, pre := range devToolingPrefixes {
		if strings.HasPrefix(name, pre) {
			return true
		}
	}
	return false
}

// hasOwnNodeSource reports whether any JS/TS file (source or test, not a
// config file) belongs to u rather than to a nested Node unit.
func hasOwnNodeSource(d *Detection, u *stack.Unit) bool {
	owners := newUnitIndex(d.Inventory)
	for _, f := range d.Snap.Files() {
		if !inFolder(f.Path, u.Path) {
			continue
		}
		k := classifySource(f.Path)
		if k == srcNone || k == srcPython || inHiddenFolder(relPath(u.Path, f.Path)) {
			continue
		}
		if owners.nearest(f.Path, stack.Node) == u {
			return true
		}
	}
	return false
}

// readPnpmWorkspace returns the package patterns of pnpm-workspace.yaml.
func readPnpmWorkspace(d *Detection, file string) ([]string, error) {
	raw, err := d.Snap.ReadFile(file)
	if err != nil {
		return nil, errors.Unwrap(err)
	}
	var doc struct {
		Packages []string `yaml:"packages"`
	}
	dec := yaml.NewDecoder(bytes.NewReader(raw))
	if err := dec.Decode(&doc); err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	return doc.Packages, nil
}

// readLerna returns the package patterns of lerna.json; lerna's default
// is packages/*.
func readLerna(d *Detection, file string) ([]string, error) {
	raw, err := d.Snap.ReadFile(file)
	if err != nil {
		return nil, errors.Unwrap(err)
	}
	var doc struct {
		Packages []string `json:"packages"`
	}
	if err := json.Unmarshal(trimBOM(raw), &doc); err != nil {
		return nil, jsonError(raw, err)
	}
	if len(doc.Packages) == 0 {
		return []string{"packages/*"}, nil
	}
	return doc.Packages, nil
}

// fixtureFolders hold test data of the repository's own tools.
var fixtureFolders = map[string]bool{
	"fixtures": true, "__fixtures__": true, "testdata": true, "test-fixtures": true,
}

// inFixtureFolder reports whether a path lies in a test-fixture folder.
func inFixtureFolder(p string) bool {
	for seg := range strings.SplitSeq(path.Dir(p), "/") {
		if fixtureFolders[seg] {
			return true
		}
	}
	return false
}

// workspaceMember reports whether the folder rel (relative to the workspace
// root) matches the workspace patterns; "!" patterns exclude.
func workspaceMember(patterns []string, rel string) bool {
	in := false
	for _, pat := range patterns {
		pat = strings.TrimSpace(pat)
		neg := strings.HasPrefix(pat, "!")
		pat = strings.TrimPrefix(pat, "!")
		pat = strings.TrimPrefix(pat, "./")
		pat = strings.TrimSuffix(pat, "/")
		if pat == "" {
			continue
		}
		if globMatch(pat, rel) {
			in = !neg
		}
	}
	return in
}

// globMatch matches a slash path against a pattern whose "**" segments
// stand for any number of folders, zero included. It runs in time
// proportional to the pattern's segments times the path's, whatever the
// pattern: the table records which suffix pairs were already tried.
func globMatch(pat, p string) bool {
	ps, xs := strings.Split(pat, "/"), strings.Split(p, "/")
	memo := make([]int8, (len(ps)+1)*(len(xs)+1)) // 0 unknown, 1 match, 2 no match
	var match func(i, j int) bool
	match = func(i, j int) bool {
		k := i*(len(xs)+1) + j
		if memo[k] != 0 {
			return memo[k] == 1
		}
		var ok bool
		switch {
		case i == len(ps):
			ok = j == len(xs)
		case ps[i] == "**":
			ok = match(i+1, j) || j < len(xs) && match(i, j+1)
		case j < len(xs):
			m, _ := path.Match(ps[i], xs[j])
			ok = m && match(i+1, j+1)
		}
		memo[k] = 2
		if ok {
			memo[k] = 1
		}
		return ok
	}
	return match(0, 0)
}

// relPath returns p relative to dir, where p is dir or inside it.
func relPath(dir, p string) string {
	if dir == "." || dir == "" {
		return p
	}
	if p == dir {
		return "."
	}
	return strings.TrimPrefix(p, dir+"/")
}

func depth(dir string) int {
	if dir == "." {
		return 0
	}
	return strings.Count(dir, "/") + 1
}

func orderedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}

// trimBOM drops a UTF-8 byte-order mark, which npm and tsc accept.
func trimBOM(raw []byte) []byte {
	return bytes.TrimPrefix(raw, []byte("\xef\xbb\xbf"))
}
