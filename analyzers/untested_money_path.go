package analyzers

import (
	"fmt"
	"path"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/stackaudit/stackaudit/internal/source"
	"github.com/stackaudit/stackaudit/stack"
	"github.com/stackaudit/stackaudit/syntax"
)

// UntestedMoneyPath reports signup, login, billing, payment, checkout and
// subscription code that no test reaches.
var UntestedMoneyPath = register(&Analyzer{
	Code:     "SA302",
	Name:     "untested-money-path",
	Category: Testing,
	Level:    Warning,
	Summary:  "Signup, login, billing, payment, checkout or subscription code that no test reaches",
	Tags:     []string{"testing", "money-path", "reliability", "payments", "authentication"},
	Options: []Option{
		{Name: "words", Default: defaultMoneyWords(), Doc: "the words that make a route, handler or package a money path (replaces the defaults)"},
		{Name: "extra-words", Default: []string{}, Doc: "words added to the defaults"},
		{Name: "ignore-words", Default: []string{}, Doc: "words removed from the list"},
	},
	Run: runUntestedMoneyPath,
})

// moneyPath is one route, package or function that handles money or
// accounts.
type moneyPath struct {
	kind  string
	label string // "POST /api/billing/checkout/", "package billing/", "charge_customer()"
	loc   Location
	key   []string
	file  string // the file whose folder the closest tests are measured from

	// What reaches it.
	route *stack.Route
	segs  []string // route path segments
	// anyPrefix and anySuffix: the route sits under a prefix the detector
	// could not resolve ({?}api/...), or stands for routes below it.
	anyPrefix, anySuffix bool
	pathWords            []string // the words of the route's literal segments
	resource             string   // the handler class's resource words ("subscription" for SubscriptionViewSet)
	graphql              string   // a GraphQL operation name
	modules              []string // Python modules (dotted) or JS files (no extension) a test may import
	folder               string   // a package folder: any import into it, or a test inside it
	handlers             []string // the handler's simple names: a test imports one of them from a module, or imports the module and names it
	// wholeModule: importing the module is enough (a Next.js route file
	// holds one handler per method).
	wholeModule bool
	names       []string // distinctive identifiers a test may name
	// method is a class handler's own method (createSubscription): a test
	// that imports or names the class must also name it.
	method string
	// defs are the distinctive classes and functions a package defines: a
	// test that names one (or a GraphQL document naming a class with its
	// first letter lowered: VoucherCreate → voucherCreate) reaches it.
	defs     []string
	urlNames []string // names reverse()/url_for() may take
	what     string   // "the Stripe SDK (stripe.Charge.create)" for SDK callers
}

func runUntestedMoneyPath(p *Pass) {
	m := newMoneyMatcher(p.Strings("words"), p.Strings("extra-words"), p.Strings("ignore-words"))
	if len(m.words) == 0 {
		return
	}
	foreign := urlCache{}
	loose := map[string][]string{}
	for _, u := range p.Inventory.Units {
		if u.ToolingOnly || showcaseUnit(u) || templatedUnit(u) {
			continue
		}
		paths := moneyPathsOf(p, u, m)
		if len(paths) == 0 {
			continue
		}
		idx := buildTestIndex(p, u, foreign, loose)
		tested := 0
		for _, mp := range paths {
			if idx.reaches(mp) {
				tested++
				continue
			}
			p.Report(untestedFinding(u, mp, idx))
		}
		p.Metric(u.Path, "moneyPaths", len(paths))
		p.Metric(u.Path, "moneyPathsTested", tested)
	}
}

// moneyPathsOf lists a unit's money paths: its routes whose path or
// handler says money, then (conservatively) packages named for billing,
// payments, checkout, subscriptions or orders that no money route covers,
// then functions outside both that call a payment provider's SDK.
func moneyPathsOf(p *Pass, u *stack.Unit, m *moneyMatcher) []*moneyPath {
	var out []*moneyPath
	seen := map[string]bool{}
	add := func(mp *moneyPath) {
		k := strings.Join(mp.key, "\x00")
		if !seen[k] {
			seen[k] = true
			out = append(out, mp)
		}
	}
	sdkPaths, sdkHandlers := sdkMoneyPaths(p, u)
	var routeFiles []string
	for i := range u.Routes {
		r := &u.Routes[i]
		if graphQLSchemaOnly(u, r) {
			continue
		}
		sdk := ""
		if h := r.HandlerEvidence; h != nil {
			sdk = sdkHandlers[h.Path+":"+strconv.Itoa(h.Line)]
		}
		if sdk == "" {
			sdk = sdkHandlers[r.Evidence.Path+":"+strconv.Itoa(r.Evidence.Line)]
		}
		mp := routeMoneyPath(u, r, m, sdk)
		if mp == nil {
			continue
		}
		add(mp)
		routeFiles = append(routeFiles, r.Evidence.Path)
		if r.HandlerEvidence != nil {
			routeFiles = append(routeFiles, r.HandlerEvidence.Path)
		}
	}
	folders := moneyFolders(p, u, m)
	for _, mp := range folders {
		covered := false
		for _, f := range routeFiles {
			if inFolder(f, mp.folder) {
				covered = true
			}
		}
		if !covered {
			add(mp)
		}
	}
	for _, mp := range sdkPaths {
		inside := containsString(routeFiles, mp.loc.Path)
		for _, f := range folders {
			if inFolder(mp.loc.Path, f.folder) {
				inside = true
			}
		}
		if !inside {
			add(mp)
		}
	}
	return out
}

// routeMoneyPath returns the money path of a route whose path (parameters
// left out) or handler name says money, or nil.
//
// sdk is the payment SDK call its handler makes, if any: a route whose
// handler calls Stripe is a money path whatever its name
// (/api/webhooks → stripe.webhooks.constructEvent).
func routeMoneyPath(u *stack.Unit, r *stack.Route, m *moneyMatcher, sdk string) *moneyPath {
	segs, anyPrefix, anySuffix := routeSegmentsOpen(r.Path)
	var words []string
	for _, s := range segs {
		if !isParamSegment(s) {
			words = append(words, splitWords(s)...)
		}
	}
	var mm moneyMatch
	ok := false
	switch r.Method {
	case "QUERY", "MUTATION", "SUBSCRIPTION":
		// A GraphQL operation is named by its field; its resolver's name
		// says Subscription or Mutation whatever it does.
		mm, ok = m.matchText(r.Path)
	case "ACTION":
		// A Next.js server action is named by its function: an
		// auth-helpers file also holds redirectToPath.
		mm, ok = m.matchText(r.Handler)
	default:
		if mm, ok = m.match(words); !ok {
			mm, ok = m.matchText(r.Handler)
		}
	}
	if !ok && sdk != "" {
		mm, ok = moneyMatch{Kind: kindPayment}, true
		if strings.Contains(strings.ToLower(sdk), "webhook") {
			mm.Kind = kindWebhook
		}
	}
	if !ok {
		return nil
	}
	mp := &moneyPath{
		kind:  mm.Kind,
		route: r,
		segs:  segs,
		loc:   Location{Path: r.Evidence.Path, Line: r.Evidence.Line},
		key:   []string{u.Path, r.Method, r.Path},
		file:  r.Evidence.Path,

		anyPrefix: anyPrefix,
		anySuffix: anySuffix,
	}
	switch r.Method {
	case "QUERY", "MUTATION", "SUBSCRIPTION":
		mp.graphql = r.Path
		mp.label = strings.ToLower(r.Method) + " " + r.Path
		mp.segs = nil
	case "ACTION":
		mp.label = "server action " + r.Handler + " in " + r.Path
		mp.key = []string{u.Path, r.Method, r.Path, r.Handler}
		mp.segs = nil
	default:
		mp.label = r.Method + " " + displayPath(r.Path)
	}
	handlerFile := ""
	if r.HandlerEvidence != nil {
		handlerFile = r.HandlerEvidence.Path
		mp.file = handlerFile
	} else if b := path.Base(r.Evidence.Path); b != "urls.py" && b != "routes.py" {
		// The handler is declared with the route (FastAPI, Flask, Express,
		// Next.js): the route's file is the handler's module.
		handlerFile = r.Evidence.Path
	}
	if handlerFile != "" {
		mp.modules = moduleCandidates(u, handlerFile)
	}
	mp.names, mp.urlNames = handlerNames(r.Handler)
	mp.handlers = simpleHandlerNames(r.Handler)
	if cls, meth := classMethod(r.Handler); cls != "" && !genericActions[meth] {
		// A controller method of its own (BillingController.createSubscription):
		// naming the controller is not enough, a test must name the method.
		mp.method = meth
		var names []string
		for _, n := range mp.names {
			if n != cls {
				names = append(names, n)
			}
		}
		mp.names = names
	}
	if mp.graphql != "" {
		// Root types hold every operation: importing Query proves nothing.
		mp.names, mp.handlers = dropRootTypes(mp.names), dropRootTypes(mp.handlers)
		mp.urlNames = nil
	}
	mp.resource = handlerResource(r.Handler)
	if r.Handler == "" && anySuffix && len(words) > 0 {
		// An include of generated views (get_model_urls): it serves
		// what its path names.
		mp.resource = resourceWords(words[len(words)-1:])
	}
	if mp.segs != nil {
		mp.pathWords = words
	}
	if r.Framework == "nextjs" && r.Method != "ACTION" {
		mp.wholeModule = true
	}
	return mp
}

// routeSegments splits a route path into its segments, regular-expression
// anchors dropped.
func routeSegments(p string) []string {
	var out []string
	for s := range strings.SplitSeq(p, "/") {
		s = strings.TrimSuffix(strings.TrimPrefix(s, "^"), "$")
		if s != "" {
			out = append(out, s)
		}
	}
	return out
}

// routeSegmentsOpen is routeSegments with the route detector's "{?}"
// markers taken out: a leading one (an unresolved prefix) lets a test's
// URL have more segments in front, a trailing one (an include whose routes
// are unknown) more segments behind.
func routeSegmentsOpen(p string) (segs []string, anyPrefix, anySuffix bool) {
	for i, s := range routeSegments(p) {
		if i == 0 && strings.HasPrefix(s, "{?}") {
			anyPrefix = true
			s = strings.TrimPrefix(s, "{?}")
		}
		if strings.HasSuffix(s, "{?}") {
			anySuffix = true
			s = strings.TrimSuffix(s, "{?}")
		}
		if s != "" {
			segs = append(segs, s)
		}
	}
	return segs, anyPrefix, anySuffix
}

// resourceSuffixes end a view class's name without naming what it serves.
var resourceSuffixes = set("view", "views", "viewset", "set", "api", "controller", "resource", "handler", "endpoint",
	"list", "detail", "edit", "create", "update", "delete", "bulk", "mixin")

// handlerResource returns what a handler class serves, as words:
// SubscriptionViewSet → subscription, UserTokenListView → user token; ""
// for a function.
func handlerResource(handler string) string {
	for part := range strings.SplitSeq(handler, ".") {
		if part == "" || part[0] < 'A' || part[0] > 'Z' {
			continue
		}
		return resourceWords(splitWords(part))
	}
	return ""
}

// resourceWords drops trailing view words and makes the last word
// singular.
func resourceWords(w []string) string {
	for len(w) > 0 && resourceSuffixes[w[len(w)-1]] {
		w = w[:len(w)-1]
	}
	if len(w) == 0 {
		return ""
	}
	w = append([]string(nil), w...)
	w[len(w)-1] = singular(w[len(w)-1])
	return strings.Join(w, " ")
}

// singular drops a plural s (subscriptions → subscription).
func singular(w string) string {
	if len(w) > 3 && strings.HasSuffix(w, "s") && !strings.HasSuffix(w, "ss") {
		return strings.TrimSuffix(w, "s")
	}
	return w
}

// isParamSegment reports whether a route segment is a parameter as some
// framework writes it: {id}, :id, <int:pk>, [id], [...slug], a regular
// expression group, or a wildcard.
func isParamSegment(s string) bool {
	return strings.ContainsAny(s, "{<[(*") || strings.HasPrefix(s, ":")
}

// genericHandlerNames are too common to count as a test naming a handler.
var genericHandlerNames = set("as view", "get queryset", "get object", "get serializer class", "perform create",
	"perform update", "perform destroy", "get context data", "form valid", "default export")

// handlerNames returns the distinctive names of a handler (at least two
// words, such as checkout_view or BillingController: a bare "checkout" or
// "create" is too common in tests to prove anything) and the names
// reverse() or url_for() may refer to it by.
func handlerNames(handler string) (names, urlNames []string) {
	if handler == "" {
		return nil, nil
	}
	parts := strings.Split(strings.TrimSuffix(strings.TrimSuffix(handler, "()"), ".as_view"), ".")
	seen := map[string]bool{}
	for _, part := range parts {
		part = strings.TrimSuffix(part, "()")
		w := splitWords(part)
		if part == "" || seen[part] || len(w) < 2 || genericHandlerNames[strings.Join(w, " ")] {
			continue
		}
		// Module parts (billing.views) are not names a test would write.
		if part == parts[len(parts)-1] || part[0] >= 'A' && part[0] <= 'Z' {
			seen[part] = true
			names = append(names, part)
		}
	}
	last := parts[len(parts)-1]
	if last != "" && last[0] >= 'a' && last[0] <= 'z' {
		urlNames = append(urlNames, last)
	}
	return names, urlNames
}

// simpleHandlerNames are the names a test may import a handler by: a
// function's own name, or its class's ("views.checkout" → checkout;
// "CheckoutViewSet.create" → CheckoutViewSet, create).
func simpleHandlerNames(handler string) []string {
	var out []string
	parts := strings.Split(strings.TrimSuffix(strings.TrimSuffix(handler, "()"), ".as_view"), ".")
	for i, part := range parts {
		if part == "" {
			continue
		}
		if i == len(parts)-1 || part[0] >= 'A' && part[0] <= 'Z' {
			out = append(out, part)
		}
	}
	return out
}

// moduleCandidates are the names a test may import a source file by: for
// Python its dotted module from the unit's root (and from src/, and from
// the repository root); for JavaScript its path without the extension.
func moduleCandidates(u *stack.Unit, file string) []string {
	lang, _ := syntax.LangOf(file)
	switch lang {
	case syntax.Python:
		rel := file
		if u.Path != "." {
			rel = strings.TrimPrefix(file, u.Path+"/")
		}
		var out []string
		for _, p := range []string{rel, strings.TrimPrefix(rel, "src/"), file} {
			if mod, _ := syntax.ModulePath(p); mod != "" && !containsString(out, mod) {
				out = append(out, mod)
			}
		}
		return out
	case syntax.JavaScript, syntax.TypeScript:
		return []string{jsModulePath(file)}
	}
	return nil
}

// jsModulePath strips a JavaScript file's extension and a trailing /index.
func jsModulePath(p string) string {
	for _, ext := range []string{".d.ts", ".tsx", ".ts", ".jsx", ".js", ".mjs", ".cjs", ".mts", ".cts"} {
		if strings.HasSuffix(p, ext) {
			p = strings.TrimSuffix(p, ext)
			break
		}
	}
	return strings.TrimSuffix(p, "/index")
}

func containsString(list []string, s string) bool {
	for _, x := range list {
		if x == s {
			return true
		}
	}
	return false
}

// folderKinds are the kinds whose package name alone makes a money path:
// a billing/ or payments/ package is money code whatever routes it has;
// an auth/ or session/ folder is too often a client-side helper.
var folderKinds = set(kindBilling, kindPayment, kindCheckout, kindSubscription, kindOrder, kindWebhook)

// clientFolders hold front-end code in a Node unit, not money handling.
var clientFolders = set("components", "ui", "styles", "hooks", "public", "assets", "pages", "app", "views",
	"icons", "stories", "locales", "i18n", "images", "migrations", "fixtures", "__mocks__", "templates", "static")

// nodeServers are the Node web frameworks whose units hold server code.
var nodeServers = []string{"express", "koa", "fastify", "nestjs", "hapi"}

// moneyFolders returns the outermost folders of the unit's source whose
// name says billing, payments, checkout, subscriptions or orders. In Node
// units only server units count, outside front-end folders.
func moneyFolders(p *Pass, u *stack.Unit, m *moneyMatcher) []*moneyPath {
	if u.Ecosystem == stack.Node {
		server := false
		for _, c := range u.Components {
			if containsString(nodeServers, c.ID) {
				server = true
			}
		}
		if !server {
			return nil
		}
	}
	found := map[string]string{} // folder → kind
	first := map[string]string{} // folder → first file
	prefix := u.Path + "/"
	var dirs []string // the file's folders, in one array for all files
	// A folder name's match, found once: files share their folders.
	type nameMatch struct {
		mm moneyMatch
		ok bool
	}
	matches := map[string]nameMatch{}
	for _, f := range u.SourceFiles {
		rel := f
		if u.Path != "." {
			rel = strings.TrimPrefix(f, prefix)
		}
		dirs = slices.AppendSeq(dirs[:0], strings.SplitSeq(path.Dir(rel), "/"))
		if dirs[0] == "." {
			continue
		}
		for i, d := range dirs {
			if clientFolders[d] || utilityFolders[d] && i == 0 {
				break
			}
			nm, seen := matches[d]
			if !seen {
				nm.mm, nm.ok = m.match(splitWords(d))
				matches[d] = nm
			}
			mm, ok := nm.mm, nm.ok
			if !ok || !folderKinds[mm.Kind] {
				continue
			}
			folder := path.Join(u.Path, strings.Join(dirs[:i+1], "/"))
			if _, ok := found[folder]; !ok {
				found[folder] = mm.Kind
				first[folder] = f
			}
			if path.Base(f) == "__init__.py" && path.Dir(f) == folder || path.Base(f) == "index.ts" && path.Dir(f) == folder {
				first[folder] = f
			}
			break
		}
	}
	folders := make([]string, 0, len(found))
	for f := range found {
		folders = append(folders, f)
	}
	sort.Strings(folders)
	var out []*moneyPath
	for _, f := range folders {
		mp := &moneyPath{
			kind:    found[f],
			label:   "package " + f + "/",
			loc:     Location{Path: first[f], Line: 1},
			key:     []string{u.Path, "package", f},
			file:    first[f],
			folder:  f,
			modules: moduleCandidates(u, path.Join(f, "__init__.py")),
		}
		if u.Ecosystem == stack.Node {
			mp.modules = []string{f}
		}
		mp.defs = folderDefinitions(p, u, f)
		out = append(out, mp)
	}
	return out
}

// maxFolderFiles bounds how many files of a money package are read for
// the names of its classes and functions.
const maxFolderFiles = 300

// folderDefinitions returns the distinctive names of the classes and
// top-level functions defined in a folder's source files (VoucherCreate,
// charge_customer), sorted.
func folderDefinitions(p *Pass, u *stack.Unit, folder string) []string {
	seen := map[string]bool{}
	read := 0
	for _, file := range u.SourceFiles {
		if !inFolder(file, folder) {
			continue
		}
		if read++; read > maxFolderFiles {
			break
		}
		r := source.Get(p.Snapshot, file)
		if r == nil {
			continue
		}
		for _, name := range r.TopClasses() {
			if len(splitWords(name)) >= 2 {
				seen[name] = true
			}
		}
		for _, name := range r.TopFunctions() {
			if len(splitWords(name)) >= 2 {
				seen[name] = true
			}
		}
	}
	out := make([]string, 0, len(seen))
	for n := range seen {
		out = append(out, n)
	}
	sort.Strings(out)
	return out
}

// paymentSDKs maps the Python and JavaScript packages of payment providers
// to the provider's name.
var paymentSDKs = map[string]string{
	"stripe": "Stripe", "braintree": "Braintree", "paypalrestsdk": "PayPal", "paypalcheckoutsdk": "PayPal",
	"paypalserversdk": "PayPal", "paddle_billing": "Paddle", "paddle": "Paddle", "Adyen": "Adyen", "adyen": "Adyen",
	"chargebee": "Chargebee", "lemonsqueezy": "Lemon Squeezy",
	"@paypal/checkout-server-sdk": "PayPal", "@paypal/paypal-server-sdk": "PayPal", "@paddle/paddle-node-sdk": "Paddle",
	"@adyen/api-library": "Adyen", "chargebee-typescript": "Chargebee", "@lemonsqueezy/lemonsqueezy.js": "Lemon Squeezy",
}

// sdkProvider returns the provider of an imported module, or "".
func sdkProvider(module string, py bool) string {
	if py {
		top, _, _ := strings.Cut(module, ".")
		return paymentSDKs[top]
	}
	return paymentSDKs[module]
}

// sdkMoneyPaths returns the named functions of the unit's source that call
// a payment provider's SDK imported in their file (stripe.checkout.Session.create,
// stripe.customers.create on a client made from the stripe package).
//
// It also returns the SDK call of each function that calls one, keyed by
// "file:line" of the function and, for an inline handler passed to a
// route call (app.post('/x', async (req, res) => …)), of that call.
func sdkMoneyPaths(p *Pass, u *stack.Unit) ([]*moneyPath, map[string]string) {
	var out []*moneyPath
	handlers := map[string]string{}
	for _, file := range u.SourceFiles {
		lang, _ := syntax.LangOf(file)
		if lang == syntax.Unknown {
			continue
		}
		r := source.Get(p.Snapshot, file)
		if r == nil || r.File == nil {
			// Not read, or compacted: a file importing an SDK is kept
			// whole (see source.go).
			continue
		}
		f := r.File
		py := lang == syntax.Python
		bindings := map[string]string{} // local name → provider
		var providers []string
		for _, imp := range f.Imports {
			prov := sdkProvider(imp.Module, py)
			if prov == "" || imp.TypeOnly {
				continue
			}
			providers = append(providers, prov)
			if imp.Alias != "" {
				bindings[imp.Alias] = prov
			} else if py && imp.Kind == syntax.ImportStatic {
				top, _, _ := strings.Cut(imp.Module, ".")
				bindings[top] = prov
			}
			for _, n := range imp.Names {
				name := n.Name
				if n.Alias != "" {
					name = n.Alias
				}
				bindings[name] = prov
			}
		}
		if len(providers) == 0 {
			continue
		}
		done := map[int]bool{}
		for i := range f.Functions {
			fn := &f.Functions[i]
			root := i
			for f.Functions[root].Parent >= 0 {
				root = f.Functions[root].Parent
			}
			if done[root] {
				continue
			}
			call, prov := sdkCall(fn.Calls, bindings, py)
			if prov == "" {
				continue
			}
			rf := &f.Functions[root]
			handlers[file+":"+strconv.Itoa(rf.Line)] = call
			if rf.ArgOf != nil {
				handlers[file+":"+strconv.Itoa(rf.ArgOf.Line)] = call
			}
			if rf.Name == "" || rf.ArgOf != nil || isRouteHandler(u, file, rf) {
				// An inline route handler: its route is the money path.
				done[root] = true
				continue
			}
			done[root] = true
			kind := kindPayment
			if strings.Contains(strings.ToLower(call), "webhook") {
				kind = kindWebhook
			}
			qual := rf.QualName
			if qual == "" {
				qual = rf.Name
			}
			mp := &moneyPath{
				kind:    kind,
				label:   qual + "()",
				loc:     Location{Path: file, Line: rf.Line},
				key:     []string{u.Path, "sdk", file, qual},
				file:    file,
				modules: moduleCandidates(u, file),
				what:    fmt.Sprintf("the %s SDK (%s)", prov, call),
			}
			for n := range strings.SplitSeq(qual, ".") {
				if len(splitWords(n)) >= 2 && !containsString(mp.names, n) {
					mp.names = append(mp.names, n)
				}
			}
			mp.handlers = simpleHandlerNames(qual)
			out = append(out, mp)
		}
	}
	return out, handlers
}

// sdkCall returns the first call in calls made on a payment SDK binding
// (or on a client whose name says the provider: this.stripe, stripeClient),
// and the provider.
func sdkCall(calls []syntax.Call, bindings map[string]string, py bool) (string, string) {
	for _, c := range calls {
		if c.New {
			continue
		}
		callee := strings.TrimPrefix(strings.TrimPrefix(c.Callee, "this."), "self.")
		first, _, _ := strings.Cut(callee, ".")
		first = strings.TrimSuffix(first, "()")
		if prov, ok := bindings[first]; ok {
			return c.Callee, prov
		}
		if py {
			// Python calls the module itself (stripe.Charge.create); a
			// name that merely contains the provider (djstripe_models)
			// is something else.
			continue
		}
		lower := strings.ToLower(first)
		for _, prov := range bindings {
			if strings.Contains(lower, strings.ReplaceAll(strings.ToLower(prov), " ", "")) && strings.Contains(callee, ".") {
				return c.Callee, prov
			}
		}
	}
	return "", ""
}

// isRouteHandler reports whether fn is the handler of one of u's routes.
func isRouteHandler(u *stack.Unit, file string, fn *syntax.Function) bool {
	for _, r := range u.Routes {
		if r.HandlerEvidence != nil && r.HandlerEvidence.Path == file && r.HandlerEvidence.Line == fn.Line {
			return true
		}
		if r.Evidence.Path == file && r.Handler != "" && (r.Handler == fn.QualName || strings.HasSuffix(r.Handler, "."+fn.Name) || r.Handler == fn.Name) {
			return true
		}
	}
	return false
}

// untestedFinding words the finding for a money path no test reaches.
func untestedFinding(u *stack.Unit, mp *moneyPath, idx *testIndex) Finding {
	var looked []string
	switch {
	case mp.folder != "":
		looked = append(looked, "imports anything in it", "lives in it")
		switch n := len(mp.defs); {
		case n == 1:
			looked = append(looked, "names "+mp.defs[0])
		case n > 1:
			looked = append(looked, fmt.Sprintf("names any of its %d classes and functions (%s)", n, nameSample(mp.defs, 3)))
		}
	case len(mp.modules) > 0 && mp.wholeModule:
		looked = append(looked, "imports "+mp.modules[0])
	case len(mp.modules) > 0 && len(mp.handlers) > 0:
		imp := "imports " + mp.modules[0] + "." + mp.handlers[0]
		if mod := mp.modules[0]; strings.Contains(mod, "/") {
			imp = "imports " + mp.handlers[0] + " from " + mod
		}
		if mp.method != "" {
			imp += " and calls " + mp.method
		}
		looked = append(looked, imp)
	}
	if len(mp.segs) > 0 {
		looked = append(looked, "requests "+displayPath(mp.route.Path))
	}
	if mp.graphql != "" {
		looked = append(looked, "sends a GraphQL document naming "+mp.graphql)
	}
	if len(mp.urlNames) > 0 && mp.route != nil && pythonFramework(mp.route.Framework) {
		looked = append(looked, fmt.Sprintf("calls reverse()/url_for() with %q", mp.urlNames[0]))
	}
	if len(mp.names) > 0 {
		looked = append(looked, "names "+strings.Join(mp.names, " or "))
	}
	read := "the unit has no test files"
	if len(idx.files) > 0 {
		read = plural(len(idx.files), "test file", "test files") + " read"
	}
	var msg string
	switch {
	case mp.route != nil:
		what := "`" + mp.label + "` (" + mp.kind
		if h := mp.route.Handler; h != "" && h != mp.route.Method && mp.route.Method != "ACTION" {
			what += ", handler " + h
		}
		msg = fmt.Sprintf("%s) is a money path no test reaches", what)
	case mp.folder != "":
		msg = fmt.Sprintf("%s/ is a %s package no test reaches", mp.folder, mp.kind)
	default:
		msg = fmt.Sprintf("%s calls %s and no test reaches it", mp.label, mp.what)
	}
	msg = fmt.Sprintf("%s: no test %s (%s); %s", msg, orList(looked), read, moneyAdvice(u, mp))
	f := Finding{Location: mp.loc, Key: mp.key, Message: msg}
	for _, t := range idx.closest(mp.file, u.Path, 3) {
		f.Related = append(f.Related, Location{Path: t, Line: 1, Message: "nearest test; it does not reach " + mp.label})
	}
	return f
}

func pythonFramework(id string) bool {
	switch id {
	case "django", "djangorestframework", "flask", "fastapi", "starlette":
		return true
	}
	return false
}

// orList joins phrases as "a, b or c".
func orList(items []string) string {
	switch len(items) {
	case 0:
		return "reaches it"
	case 1:
		return items[0]
	}
	return strings.Join(items[:len(items)-1], ", ") + " or " + items[len(items)-1]
}

// moneyAdvice says how to write the missing test.
func moneyAdvice(u *stack.Unit, mp *moneyPath) string {
	if mp.route != nil && mp.route.Method == "ACTION" {
		return "add a test that calls the action with the provider mocked and checks what it returns and records"
	}
	if mp.route != nil && mp.graphql != "" {
		return fmt.Sprintf("add a test that sends a GraphQL document with %s through the API's test client and checks the result", mp.graphql)
	}
	if mp.route == nil || len(mp.segs) == 0 {
		if mp.what != "" {
			return "add a test that calls it with the provider's client mocked and checks what it records"
		}
		return "add tests that exercise its main flow (a successful payment, a refusal, a refund)"
	}
	method := strings.ToLower(mp.route.Method)
	if method == "any" || method == "" {
		method = "post"
	}
	p := samplePath(mp.route.Path)
	switch mp.route.Framework {
	case "koa":
		return fmt.Sprintf("add a test that calls it (`request(app.callback()).%s(%q)` with supertest) and checks the outcome", method, p)
	case "express", "nestjs":
		return fmt.Sprintf("add a test that calls it (`request(app).%s(%q)` with supertest) and checks the outcome", method, p)
	case "fastify":
		return fmt.Sprintf("add a test that calls it (`app.inject({method: %q, url: %q})`) and checks the outcome", strings.ToUpper(method), p)
	case "nextjs":
		return "add a test that imports the route handler and calls it with a Request, and checks the response"
	}
	if u.Ecosystem == stack.Python {
		return fmt.Sprintf("add a test that calls it (`client.%s(%q)`) and checks the outcome", method, p)
	}
	return "add a test that calls it and checks the outcome"
}

// samplePath fills a route's parameters with 1 for the example call
// (/orders/{id}/pay → /orders/1/pay).
func samplePath(p string) string {
	p = strings.ReplaceAll(p, "{?}", "")
	parts := strings.Split(p, "/")
	for i, s := range parts {
		if s != "" && isParamSegment(s) {
			parts[i] = "1"
		}
	}
	return strings.Join(parts, "/")
}

// nameSample names the first n items, with an ellipsis when there are more.
func nameSample(items []string, n int) string {
	if len(items) > n {
		return strings.Join(items[:n], ", ") + ", …"
	}
	return strings.Join(items, ", ")
}

// graphQLSchemaOnly reports whether a GraphQL operation comes from a
// schema file (.graphql) in a unit that serves no API: a client's copy of
// the server's schema, whose money paths are the server's.
func graphQLSchemaOnly(u *stack.Unit, r *stack.Route) bool {
	switch path.Ext(r.Evidence.Path) {
	case ".graphql", ".graphqls", ".gql":
	default:
		return false
	}
	for _, c := range u.Components {
		if c.Category == stack.Web && c.ID != "nextjs" && c.ID != "react" {
			return false
		}
	}
	return true
}

// displayPath shows the route detector's "{?}" markers as "…": a prefix or
// suffix it could not resolve.
func displayPath(p string) string {
	return strings.ReplaceAll(p, "{?}", "…")
}

// dropRootTypes leaves out GraphQL root types (Query, TenantSSOQuery,
// Mutations, Subscription) from a list of handler names.
func dropRootTypes(names []string) []string {
	var out []string
	for _, n := range names {
		w := splitWords(n)
		switch w[len(w)-1] {
		case "query", "queries", "mutations", "subscription", "subscriptions", "schema":
			if n[0] >= 'A' && n[0] <= 'Z' {
				continue
			}
		}
		out = append(out, n)
	}
	return out
}

// genericActions are the methods a framework generates or dispatches to
// by HTTP method (a DRF ViewSet's list and create, a class-based view's
// get and post): naming the class names them.
var genericActions = set("list", "create", "retrieve", "update", "partial_update", "destroy",
	"get", "post", "put", "patch", "delete", "head", "options", "as_view", "dispatch")

// classMethod splits a handler written Class.method (with any module
// before it) into the class and the method; "" when it is not one.
func classMethod(handler string) (cls, meth string) {
	parts := strings.Split(strings.TrimSuffix(handler, "()"), ".")
	if len(parts) < 2 {
		return "", ""
	}
	c, m := parts[len(parts)-2], parts[len(parts)-1]
	if c == "" || m == "" || c[0] < 'A' || c[0] > 'Z' || m[0] < 'a' || m[0] > 'z' {
		return "", ""
	}
	return c, m
}
