package analyzers

import (
	"reflect"
	"strings"
	"testing"

	"github.com/stackaudit/stackaudit/internal/source"
)

// TestTestFileFromParse checks that what the test index takes from a test
// file as it is read (the parse's own tokens and summary) equals what it
// takes from reading it again.
func TestTestFileFromParse(t *testing.T) {
	for name, src := range map[string]string{
		"tests/test_billing.py": "import pytest\nfrom app.billing import charge\nfrom django.urls import reverse\n\n\nclass CheckoutTests(TestCase):\n    def test_it(self):\n        self.client.get(reverse(\"checkout\"))\n\n\ndef test_charge(client):\n    r = client.post(f\"/api/{VERSION}/billing/charge\", json={'a': 1})\n    assert r.status_code == 200  # done\n    q = '''query { subscriptionPlans { id } }'''\n",
		"web/checkout.test.tsx": "import { render } from '@testing-library/react'\nimport { Pay } from '../pay'\n// a comment\ntest('pays', async () => {\n  await fetch(`/api/checkout/${id}/pay`)\n  expect(<Pay plan=\"pro\" />).toBeTruthy()\n})\n",
	} {
		r, err := source.Parse(name, []byte(src))
		if err != nil {
			t.Fatal(err)
		}
		got, _ := r.Fact(testFileFact).(*testFile)
		want := readTestFile(name, []byte(src))
		if got == nil || want == nil {
			t.Fatalf("%s: tokens %v from the parse, %v read again", name, got, want)
		}
		if !reflect.DeepEqual(got, want) {
			t.Errorf("%s: from the parse %+v\nread again %+v", name, got, want)
		}
		py := strings.HasSuffix(name, ".py")
		if len(got.urls) == 0 || len(got.idents) == 0 || len(got.imports) == 0 ||
			len(got.pyImports)+len(got.jsImports) == 0 || py && (len(got.subjects) == 0 || len(got.urlNames) == 0) {
			t.Errorf("%s: no URLs or identifiers found: %+v", name, got)
		}
	}
}
