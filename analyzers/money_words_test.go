package analyzers

import (
	"reflect"
	"strings"
	"testing"
)

func TestSplitWords(t *testing.T) {
	tests := []struct {
		in   string
		want string
	}{
		{"BillingController", "billing controller"},
		{"checkout_view", "checkout view"},
		{"/api/v1/checkout", "api v1 checkout"},
		{"HTTPServer", "http server"},
		{"createCheckoutSession", "create checkout session"},
		{"oauth2", "oauth2"},
		{"password-reset.confirm", "password reset confirm"},
		{"<int:pk>", "int pk"},
		{"", ""},
		{"PayPal", "pay pal"},
		{"ÜberOrder", "über order"},
	}
	for _, tt := range tests {
		got := strings.Join(splitWords(tt.in), " ")
		if got != tt.want {
			t.Errorf("splitWords(%q) = %q, want %q", tt.in, got, tt.want)
		}
	}
}

func TestMoneyMatch(t *testing.T) {
	m := newMoneyMatcher(nil, nil, nil)
	tests := []struct {
		in   string
		kind string // "" for a near miss
	}{
		// hits
		{"/api/billing/checkout/", kindCheckout},
		{"/api/v1/checkout", kindCheckout},
		{"BillingController", kindBilling},
		{"checkout_view", kindCheckout},
		{"/accounts/signup/", kindSignup},
		{"/auth/sign-up", kindSignup},
		{"/users/register", kindSignup},
		{"UserRegistrationView", kindSignup},
		{"/login/access-token", kindLogin},
		{"/auth/logout", kindLogin},
		{"/api/token/refresh/", kindLogin},
		{"signIn", kindLogin},
		{"/oauth/authorize", kindLogin},
		{"authenticate_user", kindLogin},
		{"/password-recovery/{email}", kindPasswordReset},
		{"/auth/password/reset/", kindPasswordReset},
		{"forgotPassword", kindPasswordReset},
		{"/users/me/password", kindPasswordReset},
		{"signInWithPassword", kindLogin},
		{"/auth/password/reset/", kindPasswordReset},
		{"password_login", kindLogin},
		{"createCheckoutSession", kindCheckout},
		{"/orders/{id}/token", kindOrder},
		{"/api/auth/token-refresh/", kindLogin},
		{"/sessions/{id}", kindLogin},
		{"/orders/{id}/pay", kindPayment},
		{"/payments/", kindPayment},
		{"/payouts", kindPayment},
		{"charge_customer", kindPayment},
		{"/refunds/{id}", kindPayment},
		{"/cart/items", kindCheckout},
		{"/api/orders/", kindOrder},
		{"order_detail", kindOrder},
		{"new_order", kindOrder},
		{"/invoices/{id}/pdf", kindBilling},
		{"/subscriptions", kindSubscription},
		{"/pricing", kindBilling},
		{"/plans/{id}", kindSubscription},
		{"/coupons/apply", kindCheckout},
		{"/webhooks/stripe", kindWebhook},
		{"stripe_webhook", kindWebhook},
		{"/paddle/events", kindWebhook},
		{"/lemon-squeezy/webhook", kindWebhook},
		{"/paypal/ipn", kindWebhook},
		{"/stripe/connect", kindPayment},
		{"checkoutCreate", kindCheckout},
		// near misses
		{"payload", ""},
		{"/api/payload", ""},
		{"sort_order", ""},
		{"order_by", ""},
		{"orderBy", ""},
		{"ordering", ""},
		{"display_order", ""},
		{"authorizer_util", ""},
		{"authorization", ""},
		{"authorize", ""},
		{"/authors/{id}", ""},
		{"planet", ""},
		{"explanation", ""},
		{"cartography", ""},
		{"discharge", ""},
		{"recharger", ""},
		{"registry", ""},
		{"tokenize", ""},
		{"csrf_token", ""},
		{"/github/webhook", ""},
		{"payroll", ""},
		{"/items/{id}", ""},
		{"subscribe", ""},
		{"sessionStorage", ""},
	}
	for _, tt := range tests {
		got, ok := m.matchText(tt.in)
		if tt.kind == "" {
			if ok {
				t.Errorf("%q: matched %+v, want a near miss", tt.in, got)
			}
			continue
		}
		if !ok || got.Kind != tt.kind {
			t.Errorf("%q: got %+v (%v), want kind %s", tt.in, got, ok, tt.kind)
		}
	}
}

func TestMoneyMatcherOptions(t *testing.T) {
	// words replaces the list; extra-words adds; ignore-words removes.
	m := newMoneyMatcher([]string{"checkout"}, []string{"Wallet", "gift card"}, []string{"CHECKOUT"})
	var words []string
	for _, w := range m.words {
		words = append(words, w.word)
	}
	if want := []string{"wallet", "gift-card"}; !reflect.DeepEqual(words, want) {
		t.Fatalf("words = %v, want %v", words, want)
	}
	for in, kind := range map[string]string{"/wallets/top-up": "wallet", "GiftCardView": "gift-card", "/gift-cards": "gift-card"} {
		if got, ok := m.matchText(in); !ok || got.Kind != kind {
			t.Errorf("%q: got %+v, want %s", in, got, kind)
		}
	}
	if got, ok := m.matchText("/checkout"); ok {
		t.Errorf("/checkout matched %+v after ignoring checkout", got)
	}
	d := newMoneyMatcher(nil, nil, []string{"session", "plan"})
	for _, in := range []string{"/sessions", "/plans"} {
		if got, ok := d.matchText(in); ok {
			t.Errorf("%q matched %+v after ignore-words", in, got)
		}
	}
	if _, ok := d.matchText("/checkout"); !ok {
		t.Error("ignore-words dropped the other defaults")
	}
}
