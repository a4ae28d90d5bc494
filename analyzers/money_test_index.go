package analyzers

import (
	"path"
	"sort"
	"strings"

	"github.com/stackaudit/stackaudit/stack"
	"github.com/stackaudit/stackaudit/syntax"
)

// maxIndexedTests bounds how many test files one unit's index reads.
const maxIndexedTests = 5000

// wild stands for an interpolated part of a test's URL string
// (f"{API}/login", `${base}/checkout`).
const wild = "\x00"

// testIndex is what a unit's tests import, request and name, built once a
// unit and checked against each of its money paths.
type testIndex struct {
	files     []string
	pyImports map[string]bool // every dotted prefix of every imported module (and module.name)
	pyNames   map[string]bool // module.name of every "from module import name"
	jsImports map[string]bool // relative imports resolved to paths without extension
	jsNames   map[string]bool // path + "#" + each name a relative import binds
	jsAliases []string        // "@/lib/billing" → "lib/billing": matched as a path suffix
	idents    map[string]bool // identifiers in the tests' code
	strWords  map[string]bool // identifiers inside the tests' string literals (GraphQL documents)
	urlNames  map[string]bool // first arguments of reverse(), reverse_lazy(), url_for()
	urls      []testURL
	subjects  map[string][]string // what the test classes are named for (SubscriptionTestCase → subscription), with their files
}

// testURL is a URL-like string literal of a test, split into segments.
type testURL struct {
	segs        []string
	leadingWild bool // began with an interpolation: matched as a suffix
}

// buildTestIndex reads the unit's test files (its own, and loose tests
// beside it that belong to no unit) once.
func buildTestIndex(p *Pass, u *stack.Unit, foreign urlCache, loose map[string][]string) *testIndex {
	idx := newTestIndex()
	files := append([]string(nil), u.TestFiles...)
	files = append(files, looseTests(p, u.Ecosystem, loose)...)
	sort.Strings(files)
	files = slicesCompact(files)
	if len(files) > maxIndexedTests {
		files = files[:maxIndexedTests]
	}
	for _, file := range files {
		if lang, _ := syntax.LangOf(file); lang == syntax.Unknown {
			continue
		}
		idx.files = append(idx.files, file)
		if t := testFileOf(p.Snapshot, file); t != nil {
			idx.add(file, t)
		}
	}
	// End-to-end suites in other units (a Playwright package beside the
	// API) reach routes by URL only: their imports and names are their own.
	own := map[string]bool{}
	for _, f := range idx.files {
		own[f] = true
	}
	n := 0
	for _, x := range p.Inventory.Units {
		if x == u {
			continue
		}
		for _, file := range x.TestFiles {
			if own[file] || n >= maxForeignTestFiles {
				continue
			}
			n++
			idx.urls = append(idx.urls, foreign.urls(p, file)...)
		}
	}
	return idx
}

func newTestIndex() *testIndex {
	return &testIndex{
		pyImports: map[string]bool{}, jsImports: map[string]bool{}, pyNames: map[string]bool{}, jsNames: map[string]bool{},
		idents: map[string]bool{}, strWords: map[string]bool{}, urlNames: map[string]bool{},
		subjects: map[string][]string{},
	}
}

// add takes in what the index reads from one test file.
func (idx *testIndex) add(file string, t *testFile) {
	set := func(m map[string]bool, keys []string) {
		for _, k := range keys {
			m[k] = true
		}
	}
	set(idx.pyImports, t.pyImports)
	set(idx.pyNames, t.pyNames)
	set(idx.jsImports, t.jsImports)
	set(idx.jsNames, t.jsNames)
	idx.jsAliases = append(idx.jsAliases, t.jsAliases...)
	set(idx.urlNames, t.urlNames)
	for _, r := range t.subjects {
		idx.subjects[r] = append(idx.subjects[r], file)
	}
	set(idx.idents, t.idents)
	set(idx.strWords, t.strWords)
	idx.urls = append(idx.urls, t.urls...)
}

// looseTests returns the test files of an ecosystem that no unit of it
// holds, listed once a scan per ecosystem in cache.
func looseTests(p *Pass, eco string, cache map[string][]string) []string {
	if out, ok := cache[eco]; ok {
		return out
	}
	var out []string
	for _, f := range p.Snapshot.Files() {
		if looseTestFile(f.Path, eco) && nearestUnit(p.Inventory, f.Path, eco) == nil {
			out = append(out, f.Path)
		}
	}
	cache[eco] = out
	return out
}

// maxForeignTestFiles bounds how many other units' test files are read
// for URLs.
const maxForeignTestFiles = 2000

// urlCache holds the URL strings of test files, read once a scan.
type urlCache map[string][]testURL

func (c urlCache) urls(p *Pass, file string) []testURL {
	if u, ok := c[file]; ok {
		return u
	}
	var out []testURL
	if lang, _ := syntax.LangOf(file); lang != syntax.Unknown {
		if t := testFileOf(p.Snapshot, file); t != nil {
			out = t.urls
		}
	}
	c[file] = out
	return out
}

func slicesCompact(s []string) []string {
	out := s[:0]
	for i, x := range s {
		if i == 0 || x != s[i-1] {
			out = append(out, x)
		}
	}
	return out
}

func (idx *testIndex) addImports(file string, f *syntax.File) {
	for _, imp := range f.Imports {
		if f.Lang == syntax.Python {
			m := imp.Module
			if imp.Resolved != "" {
				m = imp.Resolved
			}
			if m == "" {
				continue
			}
			idx.addDotted(m)
			for _, n := range imp.Names {
				if n.Name != "*" {
					idx.addDotted(m + "." + n.Name)
					idx.pyNames[m+"."+n.Name] = true
				}
			}
			continue
		}
		m := imp.Module
		switch {
		case strings.HasPrefix(m, "."):
			target := jsModulePath(path.Join(path.Dir(file), m))
			idx.jsImports[target] = true
			for _, n := range imp.Names {
				idx.jsNames[target+"#"+n.Name] = true
			}
		case strings.HasPrefix(m, "@/") || strings.HasPrefix(m, "~/") || strings.HasPrefix(m, "#/"):
			idx.addAlias(jsModulePath(m[2:]), imp.Names)
		case strings.Contains(m, "/") && !strings.HasPrefix(m, "@"):
			idx.addAlias(jsModulePath(m), imp.Names)
		}
	}
}

func (idx *testIndex) addAlias(a string, names []syntax.ImportName) {
	idx.jsAliases = append(idx.jsAliases, a)
	for _, n := range names {
		idx.jsNames["alias:"+a+"#"+n.Name] = true
	}
}

func (idx *testIndex) addDotted(m string) {
	for i := 0; i < len(m); i++ {
		if m[i] == '.' {
			idx.pyImports[m[:i]] = true
		}
	}
	idx.pyImports[m] = true
}

// addSubjects records what each test class is named for: TestCheckout,
// CheckoutTests, SubscriptionTestCase, TokenAPITest.
func (idx *testIndex) addSubjects(file string, f *syntax.File) {
	for _, c := range f.Classes {
		w := splitWords(c.Name)
		trimmed := false
		for len(w) > 0 && (w[0] == "test" || w[0] == "tests") {
			w, trimmed = w[1:], true
		}
		for len(w) > 0 {
			last := w[len(w)-1]
			if last != "test" && last != "tests" && last != "case" && last != "testcase" {
				break
			}
			w, trimmed = w[:len(w)-1], true
		}
		if trimmed {
			if r := resourceWords(w); r != "" {
				idx.subjects[r] = append(idx.subjects[r], file)
			}
		}
	}
}

func (idx *testIndex) addCalls(f *syntax.File) {
	add := func(calls []syntax.Call) {
		for _, c := range calls {
			if !c.HasString {
				continue
			}
			name := c.Callee
			if i := strings.LastIndexByte(name, '.'); i >= 0 {
				name = name[i+1:]
			}
			switch name {
			case "reverse", "reverse_lazy", "url_for", "resolve_url", "url_path_for":
				idx.urlNames[c.FirstString] = true
			}
		}
	}
	add(f.Calls)
	for i := range f.Functions {
		add(f.Functions[i].Calls)
	}
}

// addTokens takes the identifiers and string literals of a test file;
// f-strings and template literals keep their literal parts with each
// interpolation as a wildcard.
func (idx *testIndex) addTokens(src []byte, toks []syntax.Token, py bool) {
	var stack []*strings.Builder
	for _, t := range toks {
		// A token's text is made a string only where it is kept: a name
		// already in the index, punctuation and comments are not copied.
		raw := t.Text(src)
		switch t.Kind {
		case syntax.Name:
			if !idx.idents[string(raw)] {
				idx.idents[string(raw)] = true
			}
			if len(stack) > 0 {
				markWild(stack[len(stack)-1])
			}
		case syntax.String:
			if len(stack) > 0 {
				markWild(stack[len(stack)-1])
			}
			idx.addString(stringValue(string(raw)))
		case syntax.Template:
			idx.addString(strings.TrimSuffix(strings.TrimPrefix(string(raw), "`"), "`"))
		case syntax.FStringStart:
			stack = append(stack, &strings.Builder{})
		case syntax.FStringMiddle:
			if len(stack) > 0 {
				stack[len(stack)-1].Write(raw)
			}
		case syntax.FStringEnd:
			if n := len(stack); n > 0 {
				idx.addString(stack[n-1].String())
				stack = stack[:n-1]
				if len(stack) > 0 {
					markWild(stack[len(stack)-1])
				}
			}
		case syntax.TemplateHead:
			text := string(raw)
			b := &strings.Builder{}
			b.WriteString(strings.TrimSuffix(strings.TrimPrefix(text, "`"), "${"))
			b.WriteString(wild)
			stack = append(stack, b)
		case syntax.TemplateMiddle:
			if n := len(stack); n > 0 {
				text := string(raw)
				stack[n-1].WriteString(strings.TrimSuffix(strings.TrimPrefix(text, "}"), "${"))
				stack[n-1].WriteString(wild)
			}
		case syntax.TemplateTail:
			if n := len(stack); n > 0 {
				text := string(raw)
				stack[n-1].WriteString(strings.TrimSuffix(strings.TrimPrefix(text, "}"), "`"))
				idx.addString(stack[n-1].String())
				stack = stack[:n-1]
			}
		default:
			if py && len(stack) > 0 && t.Kind != syntax.Comment {
				markWild(stack[len(stack)-1])
			}
		}
	}
}

// markWild records an interpolation in an f-string being built, once for
// a run of tokens.
func markWild(b *strings.Builder) {
	if !strings.HasSuffix(b.String(), wild) {
		b.WriteString(wild)
	}
}

// stringValue strips a string literal's prefix and quotes.
func stringValue(lit string) string {
	i := strings.IndexAny(lit, `"'`+"`")
	if i < 0 {
		return ""
	}
	q := lit[i : i+1]
	body := lit[i:]
	if strings.HasPrefix(body, q+q+q) && len(body) >= 6 {
		return strings.TrimSuffix(body[3:], q+q+q)
	}
	return strings.TrimSuffix(body[1:], q)
}

// addString keeps a string's identifiers and, when it reads as a URL path,
// its segments.
func (idx *testIndex) addString(s string) {
	if len(s) > 1<<16 {
		s = s[:1<<16]
	}
	start := -1
	for i := 0; i <= len(s); i++ {
		c := byte(0)
		if i < len(s) {
			c = s[i]
		}
		ident := c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' && start >= 0
		if ident && start < 0 {
			start = i
		} else if !ident && start >= 0 {
			idx.strWords[s[start:i]] = true
			start = -1
		}
	}
	if u, ok := parseTestURL(s); ok {
		idx.urls = append(idx.urls, u)
	}
}

// parseTestURL reads "/api/checkout/", "http://testserver/api/checkout?x=1"
// and f"{API}/login/access-token" as segments.
func parseTestURL(s string) (testURL, bool) {
	if strings.ContainsAny(s, " \n\t") || !strings.Contains(s, "/") {
		return testURL{}, false
	}
	if i := strings.Index(s, "://"); i >= 0 {
		rest := s[i+3:]
		j := strings.IndexByte(rest, '/')
		if j < 0 {
			return testURL{}, false
		}
		s = rest[j:]
	}
	if i := strings.IndexAny(s, "?#"); i >= 0 {
		s = s[:i]
	}
	var u testURL
	switch {
	case strings.HasPrefix(s, "/"):
	case strings.HasPrefix(s, wild):
		first, rest, _ := strings.Cut(s, "/")
		if strings.Trim(first, wild) != "" {
			return testURL{}, false
		}
		u.leadingWild = true
		s = rest
	default:
		return testURL{}, false
	}
	for _, seg := range strings.Split(s, "/") {
		if seg != "" {
			u.segs = append(u.segs, seg)
		}
	}
	literal := false
	for _, seg := range u.segs {
		if !strings.Contains(seg, wild) {
			literal = true
		}
	}
	return u, literal
}

// reaches reports whether any test reaches the money path.
func (idx *testIndex) reaches(mp *moneyPath) bool { return idx.reachedBy(mp) != "" }

// reachedBy says how a test reaches the money path, or "".
func (idx *testIndex) reachedBy(mp *moneyPath) string {
	for _, m := range mp.modules {
		if mp.folder != "" || mp.wholeModule {
			if idx.imports(m, mp.folder != "") {
				return "imports the module"
			}
			continue
		}
		for _, h := range mp.handlers {
			if (idx.importsName(m, h) || idx.imports(m, false) && idx.idents[h]) && (mp.method == "" || idx.idents[mp.method]) {
				return "imports the handler"
			}
		}
	}
	if mp.folder != "" {
		for _, f := range idx.files {
			if inFolder(f, mp.folder) {
				return "lives in the package"
			}
		}
	}
	for _, n := range mp.names {
		if idx.idents[n] {
			return "names " + n
		}
	}
	for _, n := range mp.defs {
		if idx.idents[n] || idx.strWords[n] || idx.strWords[lowerFirst(n)] {
			return "names " + n
		}
	}
	for _, n := range mp.urlNames {
		for s := range idx.urlNames {
			if s == n || strings.HasSuffix(s, ":"+n) || strings.HasSuffix(s, "."+n) {
				return "url name " + s
			}
		}
	}
	if len(mp.pathWords) > 0 {
		for s := range idx.urlNames {
			if urlNameMatchesPath(s, mp) {
				return "url name matching the path " + s
			}
		}
	}
	if mp.resource != "" {
		app := appFolder(mp.loc.Path)
		for _, t := range idx.subjects[mp.resource] {
			if inFolder(t, app) && (mp.method == "" || idx.idents[mp.method]) {
				return "test class named for the resource in " + t
			}
		}
	}
	if mp.graphql != "" && (idx.strWords[mp.graphql] || idx.idents[mp.graphql]) {
		return "graphql"
	}
	if len(mp.segs) > 0 {
		for _, u := range idx.urls {
			if urlMatchesOpen(mp.segs, u, mp.anyPrefix, mp.anySuffix) {
				return "requests /" + strings.ReplaceAll(strings.Join(u.segs, "/"), wild, "{…}")
			}
		}
	}
	return ""
}

// imports reports whether a test imports the module m (a dotted Python
// module, or a JavaScript path without extension); with folder set, any
// module inside m counts.
func (idx *testIndex) imports(m string, folder bool) bool {
	if !strings.Contains(m, "/") && idx.pyImports[m] {
		return true
	}
	if folder {
		for imp := range idx.jsImports {
			if inFolder(imp, m) {
				return true
			}
		}
		for _, a := range idx.jsAliases {
			if aliasInFolder(a, m) {
				return true
			}
		}
		return false
	}
	if idx.jsImports[m] {
		return true
	}
	for _, a := range idx.jsAliases {
		if strings.Contains(a, "/") && (m == a || strings.HasSuffix(m, "/"+a)) {
			return true
		}
	}
	return false
}

// importsName reports whether a test imports name from module m
// ("from billing.views import checkout", "import { POST } from './route'").
func (idx *testIndex) importsName(m, name string) bool {
	if strings.Contains(m, "/") {
		if idx.jsNames[m+"#"+name] {
			return true
		}
		for _, a := range idx.jsAliases {
			if strings.Contains(a, "/") && (m == a || strings.HasSuffix(m, "/"+a)) && idx.jsNames["alias:"+a+"#"+name] {
				return true
			}
		}
		return false
	}
	return idx.pyNames[m+"."+name]
}

// urlNameMatchesPath reports whether a URL name given to reverse() or
// url_for() reads as the route's path: its words (a DRF -list or -detail
// left out) end the route's literal words, plurals aside
// ("api-authentication-check" for /api/authentication-check/,
// "extras-api:subscription-list" for /api/extras/subscriptions/). -list
// names a route that does not end in a parameter, -detail one that does.
// A namespace ("account:") must show in the path's words or in the folder
// of the file that declares the route (account/urls.py).
func urlNameMatchesPath(name string, mp *moneyPath) bool {
	ns := ""
	if i := strings.LastIndexAny(name, ":."); i >= 0 {
		ns, name = name[:i], name[i+1:]
	}
	w := splitWords(name)
	endsInParam := len(mp.segs) > 0 && isParamSegment(mp.segs[len(mp.segs)-1])
	if n := len(w); n > 1 && (w[n-1] == "list" || w[n-1] == "detail") {
		if (w[n-1] == "detail") != endsInParam {
			return false
		}
		w = w[:n-1]
	} else if endsInParam {
		return false
	}
	if !wordsEndPath(w, mp.pathWords) {
		return false
	}
	if ns == "" {
		return true
	}
	dirs := map[string]bool{}
	for _, d := range strings.Split(path.Dir(mp.loc.Path), "/") {
		for _, x := range splitWords(d) {
			dirs[x] = true
		}
	}
	for _, x := range splitWords(ns) {
		if x == "api" {
			continue
		}
		if dirs[x] || containsString(mp.pathWords, x) {
			return true
		}
	}
	return false
}

// wordsEndPath reports whether a URL name's words, or its last two or
// more of them ("jwt_token_refresh" for /api/auth/token-refresh/), end the
// path's words, plurals aside.
func wordsEndPath(w, pathWords []string) bool {
	for start := 0; start < len(w); start++ {
		if start > 0 && len(w)-start < 2 {
			break
		}
		v := w[start:]
		if len(v) > len(pathWords) {
			continue
		}
		tail := pathWords[len(pathWords)-len(v):]
		ok := true
		for i := range v {
			if singular(v[i]) != singular(tail[i]) {
				ok = false
				break
			}
		}
		if ok {
			return true
		}
	}
	return false
}

// appFolder is the folder of the app that declares a route: the route
// file's folder without trailing api/, urls/, views/ or routes/ folders
// (netbox/extras/api/urls.py → netbox/extras).
func appFolder(file string) string {
	dir := path.Dir(file)
	for {
		switch path.Base(dir) {
		case "api", "urls", "views", "routes", "routers", "v1", "v2":
			dir = path.Dir(dir)
			continue
		}
		return dir
	}
}

// urlMatchesOpen is urlMatches for a route whose prefix is unknown
// (anyPrefix: the test URL may have more segments in front) or that
// stands for the routes below it (anySuffix: more behind).
func urlMatchesOpen(route []string, u testURL, anyPrefix, anySuffix bool) bool {
	if u.leadingWild || !anyPrefix && !anySuffix {
		return urlMatches(route, u)
	}
	for o := 0; o+len(route) <= len(u.segs); o++ {
		if o > 0 && !anyPrefix {
			break
		}
		end := o + len(route)
		if end != len(u.segs) && !anySuffix {
			continue
		}
		if urlMatches(route, testURL{segs: u.segs[o:end]}) {
			return true
		}
	}
	return false
}

// urlMatches matches a route's segments against a test URL: parameters
// match any segment, an interpolated segment matches anything, and a URL
// that begins with an interpolation ({settings.API_V1_STR}/login) matches
// the route's last segments.
func urlMatches(route []string, u testURL) bool {
	if u.leadingWild {
		if len(u.segs) > len(route) {
			return false
		}
		route = route[len(route)-len(u.segs):]
	} else if len(u.segs) != len(route) {
		return false
	}
	literal := false
	for i, seg := range u.segs {
		if !segMatches(route[i], seg) {
			return false
		}
		if !strings.Contains(seg, wild) && !isParamSegment(route[i]) {
			literal = true
		}
	}
	// At least one literal part of the URL must meet a literal part of
	// the route: "/{…}/" reaches nothing.
	return literal
}

func segMatches(route, test string) bool {
	if isParamSegment(route) {
		return test != ""
	}
	if !strings.Contains(test, wild) {
		return route == test
	}
	if test == wild {
		// f"/users/{user_id}" requests /users/{id}, not /users/signup.
		return false
	}
	// A glob: the literal parts of test appear in route in order.
	parts := strings.Split(test, wild)
	if !strings.HasPrefix(route, parts[0]) {
		return false
	}
	rest := route[len(parts[0]):]
	for _, p := range parts[1:] {
		i := strings.Index(rest, p)
		if i < 0 {
			return false
		}
		rest = rest[i+len(p):]
	}
	return strings.HasSuffix(route, parts[len(parts)-1])
}

// closest returns up to n test files in the app folder of file (see
// appFolder), the ones in the deepest shared folder first: tests that sit
// beside the money path but do not reach it. Helpers, fixtures and
// conftest files are not tests of their own.
func (idx *testIndex) closest(file, unit string, n int) []string {
	app := appFolder(file)
	if app == "." || app == unit {
		return nil
	}
	dir := strings.Split(path.Dir(file), "/")
	type scored struct {
		path  string
		score int
	}
	var found []scored
	for _, t := range idx.files {
		if !inFolder(t, app) || !namedAsTest(t) {
			continue
		}
		td := strings.Split(path.Dir(t), "/")
		k := 0
		for k < len(dir) && k < len(td) && dir[k] == td[k] {
			k++
		}
		found = append(found, scored{t, k})
	}
	sort.SliceStable(found, func(i, j int) bool { return found[i].score > found[j].score })
	var out []string
	for _, f := range found {
		if len(out) == n {
			break
		}
		out = append(out, f.path)
	}
	return out
}

// namedAsTest reports whether a file's name says it holds tests
// (test_x.py, x_test.py, tests.py, x.test.ts, x.spec.js), as opposed to a
// helper or fixture in a test folder.
func namedAsTest(p string) bool {
	base := strings.ToLower(path.Base(p))
	return strings.HasPrefix(base, "test_") || strings.HasSuffix(base, "_test.py") || base == "tests.py" ||
		strings.Contains(base, ".test.") || strings.Contains(base, ".spec.")
}

// aliasInFolder reports whether an aliased import ("src/billing/stripe",
// "lib/billing") points into folder ("api/src/billing"): the alias up to
// some segment is a path suffix of the folder.
func aliasInFolder(alias, folder string) bool {
	parts := strings.Split(alias, "/")
	for k := 1; k <= len(parts); k++ {
		head := strings.Join(parts[:k], "/")
		if folder == head || strings.HasSuffix(folder, "/"+head) {
			return k < len(parts) || strings.Contains(head, "/")
		}
	}
	return false
}

// lowerFirst lowers a name's first letter: GraphQL fields are named after
// their mutation classes that way (VoucherCreate → voucherCreate).
func lowerFirst(s string) string {
	if s == "" || s[0] < 'A' || s[0] > 'Z' {
		return s
	}
	return string(s[0]+'a'-'A') + s[1:]
}
