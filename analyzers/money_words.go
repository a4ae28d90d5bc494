package analyzers

import (
	"strings"
	"unicode"
)

// Money-path kinds, as findings name them.
const (
	kindSignup        = "signup"
	kindLogin         = "login"
	kindPasswordReset = "password-reset"
	kindBilling       = "billing"
	kindPayment       = "payment"
	kindCheckout      = "checkout"
	kindSubscription  = "subscription"
	kindOrder         = "order"
	kindWebhook       = "webhook"
)

// moneyWord is one configurable word with the word forms it stands for.
// A form is a sequence of words ("password reset"), matched against the
// words of a name or path, never against substrings of a word.
type moneyWord struct {
	word  string
	kind  string
	forms [][]string
	// notAfter and notBefore are neighbouring words that make a match a
	// near miss: "sort order", "order by".
	notAfter, notBefore map[string]bool
	// provider marks a payment provider: with a webhook word beside it the
	// kind is webhook.
	provider bool
	// weak forms name the kind only when no other word matches:
	// signInWithPassword is a login, /users/me/password a password change,
	// createCheckoutSession a checkout, /orders/{id}/token an order.
	weak map[string]bool
}

func forms(fs ...string) [][]string {
	out := make([][]string, 0, len(fs))
	for _, f := range fs {
		out = append(out, strings.Fields(f))
	}
	return out
}

func set(ws ...string) map[string]bool {
	m := make(map[string]bool, len(ws))
	for _, w := range ws {
		m[w] = true
	}
	return m
}

// moneyStems is the stem table of the default words. Forms are whole words
// after splitting (see splitWords): "payload" is not "pay", "authorizer" is
// not "auth" (authorization is about permissions, not the login flow), and
// "ordering" or "sort_order" are not orders.
var moneyStems = []moneyWord{
	{word: "signup", kind: kindSignup, forms: forms("signup", "signups", "sign up")},
	{word: "register", kind: kindSignup, forms: forms("register", "registration", "registrations")},
	{word: "login", kind: kindLogin, forms: forms("login", "logins", "log in", "signin", "sign in")},
	{word: "logout", kind: kindLogin, forms: forms("logout", "log out", "signout", "sign out")},
	{word: "password-reset", kind: kindPasswordReset, forms: forms("password", "passwords", "passwordreset",
		"resetpassword", "forgotpassword", "forgot", "recover password", "password recovery", "password reset", "reset password"),
		weak: set("password", "passwords")},
	{word: "session", kind: kindLogin, forms: forms("session", "sessions"), notBefore: set("storage"),
		weak: set("session", "sessions")},
	{word: "auth", kind: kindLogin, forms: forms("auth", "authn", "oauth", "oauth2", "authenticate", "authentication")},
	{word: "token", kind: kindLogin, forms: forms("token", "tokens"), notAfter: set("csrf", "design", "xsrf"),
		weak: set("token", "tokens")},
	{word: "billing", kind: kindBilling, forms: forms("billing", "billings")},
	{word: "payment", kind: kindPayment, forms: forms("payment", "payments")},
	{word: "pay", kind: kindPayment, forms: forms("pay", "paying", "payout", "payouts")},
	{word: "charge", kind: kindPayment, forms: forms("charge", "charges")},
	{word: "refund", kind: kindPayment, forms: forms("refund", "refunds", "refunded")},
	{word: "checkout", kind: kindCheckout, forms: forms("checkout", "checkouts", "check out")},
	{word: "cart", kind: kindCheckout, forms: forms("cart", "carts", "basket", "baskets")},
	{word: "order", kind: kindOrder, forms: forms("order", "orders"),
		notAfter: set("sort", "sorting", "display", "list", "menu", "z", "tab", "column", "field", "position",
			"sequence", "rank", "load", "insertion", "custom", "default", "word", "byte", "render", "alphabetical",
			"in", "out", "of", "higher", "lower", "reverse", "natural", "topological"),
		notBefore: set("by", "key", "index", "field", "fields", "column", "columns", "direction", "dir", "asc", "desc", "number")},
	{word: "invoice", kind: kindBilling, forms: forms("invoice", "invoices", "invoicing")},
	{word: "subscription", kind: kindSubscription, forms: forms("subscription", "subscriptions")},
	{word: "plan", kind: kindSubscription, forms: forms("plan", "plans")},
	{word: "pricing", kind: kindBilling, forms: forms("pricing")},
	{word: "coupon", kind: kindCheckout, forms: forms("coupon", "coupons", "voucher", "vouchers", "promo code", "promocode")},
	{word: "stripe", kind: kindPayment, provider: true, forms: forms("stripe")},
	{word: "paddle", kind: kindPayment, provider: true, forms: forms("paddle")},
	{word: "braintree", kind: kindPayment, provider: true, forms: forms("braintree")},
	{word: "paypal", kind: kindPayment, provider: true, forms: forms("paypal", "pay pal")},
	{word: "adyen", kind: kindPayment, provider: true, forms: forms("adyen")},
	{word: "lemonsqueezy", kind: kindPayment, provider: true, forms: forms("lemonsqueezy", "lemon squeezy")},
	{word: "chargebee", kind: kindPayment, provider: true, forms: forms("chargebee", "charge bee")},
}

// webhookWords beside a provider word make a route a provider's webhook.
var webhookWords = set("webhook", "webhooks", "hook", "hooks", "ipn", "callback", "callbacks", "notification", "notifications", "events")

// defaultMoneyWords are the words of the stem table, in its order.
func defaultMoneyWords() []string {
	out := make([]string, len(moneyStems))
	for i, s := range moneyStems {
		out[i] = s.word
	}
	return out
}

// moneyMatcher matches names and paths against a word table.
type moneyMatcher struct {
	words []moneyWord
}

// newMoneyMatcher builds the table from the configured words (replacing the
// defaults when words is not nil), the extra words and the ignored words.
// A word outside the stem table matches itself and its plural, with the
// word as its kind.
func newMoneyMatcher(words, extra, ignore []string) *moneyMatcher {
	if words == nil {
		words = defaultMoneyWords()
	}
	ignored := map[string]bool{}
	for _, w := range ignore {
		ignored[normalizeWord(w)] = true
	}
	m := &moneyMatcher{}
	seen := map[string]bool{}
	for _, w := range append(append([]string(nil), words...), extra...) {
		w = normalizeWord(w)
		if w == "" || seen[w] || ignored[w] {
			continue
		}
		seen[w] = true
		if e, ok := stemOf(w); ok {
			m.words = append(m.words, e)
			continue
		}
		seq := splitWords(w)
		if len(seq) == 0 {
			continue
		}
		plural := append(append([]string(nil), seq[:len(seq)-1]...), seq[len(seq)-1]+"s")
		m.words = append(m.words, moneyWord{word: w, kind: w, forms: [][]string{seq, plural}})
	}
	return m
}

// normalizeWord lower-cases a configured word and joins its parts with
// hyphens ("Password Reset" → "password-reset").
func normalizeWord(w string) string {
	return strings.Join(splitWords(w), "-")
}

func stemOf(w string) (moneyWord, bool) {
	for _, s := range moneyStems {
		if s.word == w {
			return s, true
		}
	}
	return moneyWord{}, false
}

// moneyMatch is the money word found in a name or path.
type moneyMatch struct {
	Kind string
	Word string // the word as found ("payments")
}

// match returns the money word of a list of words: the last one found
// wins, as the end of a path or name is its most specific part
// (/auth/password-reset is a password reset). A payment provider beside a
// webhook word makes a webhook.
func (m *moneyMatcher) match(words []string) (moneyMatch, bool) {
	var best moneyMatch
	found, strong, provider, hook := false, false, false, false
	for _, w := range words {
		if webhookWords[w] {
			hook = true
		}
	}
	for i := range words {
		for _, e := range m.words {
			for _, f := range e.forms {
				if !hasSeq(words, i, f) {
					continue
				}
				if i > 0 && e.notAfter[words[i-1]] {
					continue
				}
				if j := i + len(f); j < len(words) && e.notBefore[words[j]] {
					continue
				}
				word := strings.Join(f, " ")
				if e.weak[word] && strong {
					continue
				}
				best = moneyMatch{Kind: e.kind, Word: word}
				found = true
				strong = strong || !e.weak[word]
				if e.provider {
					provider = true
				}
			}
		}
	}
	if found && provider && hook {
		best.Kind = kindWebhook
	}
	return best, found
}

// matchText splits a name or path into words and matches them.
func (m *moneyMatcher) matchText(s string) (moneyMatch, bool) {
	return m.match(splitWords(s))
}

func hasSeq(words []string, i int, seq []string) bool {
	if i+len(seq) > len(words) {
		return false
	}
	for k, w := range seq {
		if words[i+k] != w {
			return false
		}
	}
	return true
}

// splitWords splits an identifier or path into lower-case words: at every
// character that is not a letter or digit (/ _ - . and the like) and at
// camelCase boundaries ("BillingController" → billing, controller;
// "HTTPServer" → http, server; "oauth2" stays one word).
func splitWords(s string) []string {
	if isASCII(s) {
		return splitWordsASCII(s)
	}
	var out []string
	rs := []rune(s)
	start := -1
	flush := func(end int) {
		if start >= 0 && end > start {
			out = append(out, strings.ToLower(string(rs[start:end])))
		}
		start = -1
	}
	for i, r := range rs {
		if !unicode.IsLetter(r) && !unicode.IsDigit(r) {
			flush(i)
			continue
		}
		if start < 0 {
			start = i
			continue
		}
		prev := rs[i-1]
		if unicode.IsUpper(r) {
			if unicode.IsLower(prev) || unicode.IsDigit(prev) {
				flush(i)
				start = i
				continue
			}
			if unicode.IsUpper(prev) && i+1 < len(rs) && unicode.IsLower(rs[i+1]) {
				flush(i)
				start = i
				continue
			}
		}
	}
	flush(len(rs))
	return out
}

// splitWordsASCII is splitWords for ASCII text, where a rune is a byte:
// a word already in lower case is a substring of s, not a copy.
func splitWordsASCII(s string) []string {
	var out []string
	start := -1
	flush := func(end int) {
		if start >= 0 && end > start {
			out = append(out, strings.ToLower(s[start:end]))
		}
		start = -1
	}
	for i := 0; i < len(s); i++ {
		c := s[i]
		if !asciiLetter(c) && !asciiDigit(c) {
			flush(i)
			continue
		}
		if start < 0 {
			start = i
			continue
		}
		prev := s[i-1]
		if asciiUpper(c) {
			if asciiLower(prev) || asciiDigit(prev) {
				flush(i)
				start = i
				continue
			}
			if asciiUpper(prev) && i+1 < len(s) && asciiLower(s[i+1]) {
				flush(i)
				start = i
				continue
			}
		}
	}
	flush(len(s))
	return out
}

func isASCII(s string) bool {
	for i := 0; i < len(s); i++ {
		if s[i] >= 0x80 {
			return false
		}
	}
	return true
}

func asciiUpper(c byte) bool  { return 'A' <= c && c <= 'Z' }
func asciiLower(c byte) bool  { return 'a' <= c && c <= 'z' }
func asciiDigit(c byte) bool  { return '0' <= c && c <= '9' }
func asciiLetter(c byte) bool { return asciiUpper(c) || asciiLower(c) }
