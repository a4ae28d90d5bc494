package analyzers

import (
	"context"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stackaudit/stackaudit/config"
	"github.com/stackaudit/stackaudit/detectors"
	"github.com/stackaudit/stackaudit/repo"
	"github.com/stackaudit/stackaudit/stack"
	"github.com/stackaudit/stackaudit/syntax"
)

func TestURLMatches(t *testing.T) {
	tests := []struct {
		route, url string
		want       bool
	}{
		{"/api/checkout/", "/api/checkout/", true},
		{"/api/checkout/", "/api/checkout", true},
		{"/api/checkout/", "http://testserver/api/checkout/?next=/x", true},
		{"/orders/{id}/pay", "/orders/42/pay", true},
		{"/orders/:id/pay", "/orders/42/pay", true},
		{"/orders/<int:pk>/pay", "/orders/42/pay", true},
		{"/api/orders/[id]/refund", "/api/orders/7/refund", true},
		{"/api/v1/login/access-token", wild + "/login/access-token", true},
		{"/orders/{id}/pay", "/orders/" + wild + "/pay", true},
		{"/orders/{id}/pay", "/orders/order-" + wild + "/pay", true},
		{"/api/checkout/", "/api/" + wild, false},
		{"/users/signup", "/users/" + wild, false},
		// near misses
		{"/api/checkout/", "/api/checkouts/", false},
		{"/api/checkout/", "/checkout/", false},
		{"/api/checkout/", "/api/checkout/confirm", false},
		{"/orders/{id}/pay", "/orders/42/refund", false},
		{"/login", wild + "/api/v1/login", false},
		{"/api/checkout", "api/checkout", false},
		{"/api/checkout", "see /api/checkout to pay", false},
	}
	for _, tt := range tests {
		u, ok := parseTestURL(tt.url)
		got := ok && urlMatches(routeSegments(tt.route), u)
		if got != tt.want {
			t.Errorf("route %q, test string %q: got %v, want %v", tt.route, strings.ReplaceAll(tt.url, wild, "{…}"), got, tt.want)
		}
	}
	// A string of interpolations alone matches nothing.
	if _, ok := parseTestURL(wild + "/" + wild); ok {
		t.Error("an all-interpolation URL was accepted")
	}
}

func TestTestIndexTokens(t *testing.T) {
	idx := &testIndex{idents: map[string]bool{}, strWords: map[string]bool{}}
	py := []byte(`# client.post("/api/commented")
def post_checkout(client):
    return client.post(f"{settings.API_V1_STR}/checkout/{order.id}/confirm")

QUERY = """
mutation { checkoutCreate(input: {}) { id } }
"""
x = rb'/api/raw/'
`)
	idx.addTokens(py, syntax.TokenizePython(py), true)
	js := []byte("// request(app).post('/api/commented-js')\nawait request(app).post(`/api/orders/${id}/refund`);\nfetch(`/api/plain`);\n")
	idx.addTokens(js, syntax.TokenizeJS(js, false), false)
	var urls []string
	for _, u := range idx.urls {
		s := strings.Join(u.segs, "/")
		if u.leadingWild {
			s = "…/" + s
		}
		urls = append(urls, strings.ReplaceAll(s, wild, "{}"))
	}
	want := "…/checkout/{}/confirm api/raw api/orders/{}/refund api/plain"
	if got := strings.Join(urls, " "); got != want {
		t.Errorf("urls = %q, want %q", got, want)
	}
	for _, id := range []string{"post_checkout", "client", "QUERY"} {
		if !idx.idents[id] {
			t.Errorf("identifier %s not indexed", id)
		}
	}
	if !idx.strWords["checkoutCreate"] {
		t.Error("GraphQL operation in a string not indexed")
	}
	if idx.idents["commented"] || idx.strWords["commented"] {
		t.Error("a comment was indexed")
	}
}

func TestHandlerNames(t *testing.T) {
	tests := []struct{ handler, names, url, simple string }{
		{"views.checkout", "", "checkout", "checkout"},
		{"views.checkout_view", "checkout_view", "checkout_view", "checkout_view"},
		{"CheckoutView.as_view", "CheckoutView", "", "CheckoutView"},
		{"BillingController.createInvoice", "BillingController createInvoice", "createInvoice", "BillingController createInvoice"},
		{"OrderViewSet.get_queryset", "OrderViewSet", "get_queryset", "OrderViewSet get_queryset"},
		{"", "", "", ""},
	}
	for _, tt := range tests {
		names, url := handlerNames(tt.handler)
		if got := strings.Join(names, " "); got != tt.names {
			t.Errorf("handlerNames(%q) names = %q, want %q", tt.handler, got, tt.names)
		}
		if got := strings.Join(url, " "); got != tt.url {
			t.Errorf("handlerNames(%q) url names = %q, want %q", tt.handler, got, tt.url)
		}
		if got := strings.Join(simpleHandlerNames(tt.handler), " "); got != tt.simple {
			t.Errorf("simpleHandlerNames(%q) = %q, want %q", tt.handler, got, tt.simple)
		}
	}
}

func TestAliasInFolder(t *testing.T) {
	tests := []struct {
		alias, folder string
		want          bool
	}{
		{"src/billing/stripe", "api/src/billing", true},
		{"billing/stripe", "api/src/billing", true},
		{"lib/billing", "web/lib/billing", true},
		{"billing", "api/src/billing", false},
		{"src/billingx/a", "api/src/billing", false},
		{"other/thing", "api/src/billing", false},
	}
	for _, tt := range tests {
		if got := aliasInFolder(tt.alias, tt.folder); got != tt.want {
			t.Errorf("aliasInFolder(%q, %q) = %v, want %v", tt.alias, tt.folder, got, tt.want)
		}
	}
}

// TestMoneyPathsOnRoutes checks the rule against routes set by hand, so it
// holds whatever the route detectors find: a route reached through a
// reverse() name, one through an imported handler, a GraphQL mutation named
// in a test document, and one reached by nothing.
func TestMoneyPathsOnRoutes(t *testing.T) {
	fsys := fstest.MapFS{
		"requirements.txt":        {Data: []byte("django==5.0\n")},
		"shop/__init__.py":        {Data: []byte("")},
		"shop/views.py":           {Data: []byte("def checkout(request):\n    pass\n\n\ndef refund(request):\n    pass\n\n\ndef cart(request):\n    pass\n")},
		"shop/urls.py":            {Data: []byte("urlpatterns = []\n")},
		"shop/schema.py":          {Data: []byte("class Mutation:\n    pass\n")},
		"shop/tests/__init__.py":  {Data: []byte("")},
		"shop/tests/test_shop.py": {Data: []byte("from django.urls import reverse\nfrom shop.views import refund\n\nDOC = 'mutation { orderCreate { id } }'\n\n\ndef test_checkout(client):\n    client.post(reverse('shop:checkout'))\n\n\ndef test_refund():\n    refund(None)\n")},
	}
	ctx := context.Background()
	snap, err := repo.FromFS(ctx, fsys, repo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	inv := detectors.Detect(ctx, snap)
	if len(inv.Units) != 1 {
		t.Fatalf("want one unit, got %d", len(inv.Units))
	}
	u := inv.Units[0]
	ev := func(p string, line int) stack.Evidence { return stack.Evidence{Path: p, Line: line} }
	hv := func(p string, line int) *stack.Evidence { e := ev(p, line); return &e }
	u.Routes = []stack.Route{
		{Method: "ANY", Path: "/shop/checkout/", Framework: "django", Handler: "views.checkout", HandlerEvidence: hv("shop/views.py", 1), Evidence: ev("shop/urls.py", 3)},
		{Method: "ANY", Path: "/shop/refund/", Framework: "django", Handler: "views.refund", HandlerEvidence: hv("shop/views.py", 5), Evidence: ev("shop/urls.py", 4)},
		{Method: "ANY", Path: "/shop/cart/", Framework: "django", Handler: "views.cart", HandlerEvidence: hv("shop/views.py", 9), Evidence: ev("shop/urls.py", 5)},
		{Method: "ANY", Path: "/shop/sort-order/", Framework: "django", Handler: "views.sort_order", Evidence: ev("shop/urls.py", 6)},
		{Method: "MUTATION", Path: "orderCreate", Framework: "graphene", Evidence: ev("shop/schema.py", 1)},
		{Method: "MUTATION", Path: "checkoutComplete", Framework: "graphene", Evidence: ev("shop/schema.py", 2)},
	}
	a := Lookup("SA302")
	p := &Pass{Analyzer: a, Snapshot: snap, Inventory: inv, Config: config.Default(), Context: ctx}
	a.Run(p)
	var got []string
	for _, f := range p.findings {
		got = append(got, f.Location.Path+": "+f.Message)
	}
	if len(got) != 2 || !strings.Contains(got[0], "`ANY /shop/cart/` (checkout, handler views.cart)") ||
		!strings.Contains(got[1], "`mutation checkoutComplete` (checkout)") || !strings.Contains(got[1], "sends a GraphQL document naming checkoutComplete") {
		t.Errorf("findings:\n%s", strings.Join(got, "\n"))
	}
	for _, f := range p.findings {
		if len(f.Related) != 1 || f.Related[0].Path != "shop/tests/test_shop.py" {
			t.Errorf("%s: related = %+v, want the shop's test", f.Location.Path, f.Related)
		}
	}
	want := []Metric{{Unit: ".", Rule: "SA302", Name: "moneyPaths", Value: 5}, {Unit: ".", Rule: "SA302", Name: "moneyPathsTested", Value: 3}}
	if len(p.metrics) != 2 || p.metrics[0] != want[0] || p.metrics[1] != want[1] {
		t.Errorf("metrics = %+v, want %+v", p.metrics, want)
	}
}

func FuzzMoneyTestIndex(f *testing.F) {
	f.Add([]byte("client.post(f\"{a}/checkout/{b}\")\n"), true)
	f.Add([]byte("request(app).post(`/api/${x}/pay`)"), false)
	f.Add([]byte("f'{f\"{x}\"}/a/'"), true)
	f.Add([]byte("`${`${a}`}/b`"), false)
	f.Fuzz(func(t *testing.T, src []byte, py bool) {
		idx := &testIndex{idents: map[string]bool{}, strWords: map[string]bool{}}
		if py {
			idx.addTokens(src, syntax.TokenizePython(src), true)
		} else {
			idx.addTokens(src, syntax.TokenizeJS(src, false), false)
		}
		for _, u := range idx.urls {
			urlMatches([]string{"api", "{id}", "pay"}, u)
		}
		m := newMoneyMatcher(nil, nil, nil)
		m.matchText(string(src))
	})
}

func TestURLNameMatchesPath(t *testing.T) {
	route := func(p, decl string) *moneyPath {
		segs, _, _ := routeSegmentsOpen(p)
		var words []string
		for _, s := range segs {
			if !isParamSegment(s) {
				words = append(words, splitWords(s)...)
			}
		}
		return &moneyPath{segs: segs, pathWords: words, loc: Location{Path: decl}}
	}
	tests := []struct {
		name, path, decl string
		want             bool
	}{
		{"api-authentication-check", "/{?}api/authentication-check/", "netbox/urls.py", true},
		{"extras-api:subscription-list", "/api/extras/subscriptions/", "extras/api/urls.py", true},
		{"extras-api:subscription-detail", "/api/extras/subscriptions/{pk}/", "extras/api/urls.py", true},
		{"account:subscriptions", "/user/subscriptions/", "account/urls.py", true},
		{"shop:checkout", "/shop/checkout/", "shop/urls.py", true},
		{"checkout", "/api/billing/checkout/", "billing/urls.py", true},
		{"jwt_token_refresh", "/api/auth/token-refresh/", "users/urls.py", true},
		{"jwt_refresh", "/api/auth/token-refresh/", "users/urls.py", false},
		// near misses
		{"extras-api:subscription-list", "/api/extras/subscriptions/{pk}/", "extras/api/urls.py", false},
		{"extras-api:subscription-detail", "/api/extras/subscriptions/", "extras/api/urls.py", false},
		{"account:subscriptions", "/api/extras/subscriptions/", "extras/api/urls.py", false},
		{"users-api:token-list", "/user/api-tokens/", "account/urls.py", false},
		{"checkout", "/api/checkout/confirm/", "shop/urls.py", false},
		{"login", "/orders/{id}/", "shop/urls.py", false},
	}
	for _, tt := range tests {
		if got := urlNameMatchesPath(tt.name, route(tt.path, tt.decl)); got != tt.want {
			t.Errorf("urlNameMatchesPath(%q, %q) = %v, want %v", tt.name, tt.path, got, tt.want)
		}
	}
}

func TestURLMatchesOpen(t *testing.T) {
	tests := []struct {
		route, url string
		want       bool
	}{
		{"/{?}login/", "/login/", true},
		{"/{?}login/", "/netbox/login/", true},
		{"/{?}extras/subscriptions/{?}", "/extras/subscriptions/add/", true},
		{"/extras/subscriptions/{?}", "/extras/subscriptions/", true},
		{"/{?}logout/", "/core/changelog/" + wild, false},
		{"/{?}login/", "/login/extra/", false},
		{"/extras/subscriptions/{?}", "/other/extras/subscriptions/", false},
	}
	for _, tt := range tests {
		segs, pre, suf := routeSegmentsOpen(tt.route)
		u, ok := parseTestURL(tt.url)
		if got := ok && urlMatchesOpen(segs, u, pre, suf); got != tt.want {
			t.Errorf("route %q, URL %q: got %v, want %v", tt.route, tt.url, got, tt.want)
		}
	}
}

func TestTestSubjects(t *testing.T) {
	src := []byte("class SubscriptionTestCase:\n    pass\nclass TestCheckoutView:\n    pass\nclass TokensTests:\n    pass\nclass Helper:\n    pass\n")
	idx := &testIndex{subjects: map[string][]string{}}
	idx.addSubjects("extras/tests/test_api.py", syntax.ParsePython(src, syntax.PyOptions{}))
	for _, want := range []string{"subscription", "checkout", "token"} {
		if len(idx.subjects[want]) == 0 {
			t.Errorf("subject %q missing from %v", want, idx.subjects)
		}
	}
	if len(idx.subjects["helper"]) > 0 {
		t.Error("a class not named for a test counted")
	}
	for file, want := range map[string]string{"netbox/extras/api/urls.py": "netbox/extras", "shop/urls.py": "shop", "app/api/v1/routes/login.py": "app"} {
		if got := appFolder(file); got != want {
			t.Errorf("appFolder(%q) = %q, want %q", file, got, want)
		}
	}
	for handler, want := range map[string]string{"views.SubscriptionViewSet.list": "subscription", "UserTokenListView": "user token", "views.checkout": "", "CheckoutAPIView": "checkout"} {
		if got := handlerResource(handler); got != want {
			t.Errorf("handlerResource(%q) = %q, want %q", handler, got, want)
		}
	}
}

func TestClassMethodAndRootTypes(t *testing.T) {
	for handler, want := range map[string]string{
		"BillingController.createSubscription": "BillingController createSubscription",
		"views.OrderViewSet.refund":            "OrderViewSet refund",
		"views.checkout":                       " ",
		"CheckoutView":                         " ",
		"Query.resolve_my_sessions":            "Query resolve_my_sessions",
	} {
		c, m := classMethod(handler)
		if got := c + " " + m; got != want {
			t.Errorf("classMethod(%q) = %q, want %q", handler, got, want)
		}
	}
	got := strings.Join(dropRootTypes([]string{"Query", "TenantSSOQuery", "RevokeSessionMutation", "resolve_my_sessions", "Mutations"}), " ")
	if want := "RevokeSessionMutation resolve_my_sessions"; got != want {
		t.Errorf("dropRootTypes = %q, want %q", got, want)
	}
}
