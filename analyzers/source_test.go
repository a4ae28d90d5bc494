package analyzers

import (
	"reflect"
	"sort"
	"testing"

	"github.com/stackaudit/stackaudit/internal/source"
)

// TestTestTokensFromParse checks that the test tokens taken from the
// parse's own token stream equal those of a separate tokenization.
func TestTestTokensFromParse(t *testing.T) {
	for name, src := range map[string]string{
		"tests/test_billing.py": "import pytest\nfrom app.billing import charge\n\n\ndef test_charge(client):\n    r = client.post(f\"/api/{VERSION}/billing/charge\", json={'a': 1})\n    assert r.status_code == 200  # done\n    q = '''query { subscriptionPlans { id } }'''\n",
		"web/checkout.test.tsx": "import { render } from '@testing-library/react'\n// a comment\ntest('pays', async () => {\n  await fetch(`/api/checkout/${id}/pay`)\n  expect(<Pay plan=\"pro\" />).toBeTruthy()\n})\n",
	} {
		r, err := source.Parse(name, []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		got, _ := r.Fact(testTokensFact).(*testTokens)
		want := readTestTokens(name, []byte(src))
		if got == nil || want == nil {
			t.Fatalf("%s: tokens %v from the parse, %v read again", name, got, want)
		}
		for _, tt := range []*testTokens{got, want} {
			sort.Strings(tt.idents)
			sort.Strings(tt.strWords)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: from the parse %+v\nread again %+v", name, got, want)
		}
		if len(got.urls) == 0 || len(got.idents) == 0 {
			t.Errorf("%s: no URLs or identifiers found: %+v", name, got)
		}
	}
}
