package report

import (
	"bytes"
	"encoding/json"
	"strings"
	"testing"

	"github.com/stackaudit/stackaudit/analyzers"
)

// suppressedResult is fakeResult with the Dockerfile finding suppressed
// inline and two findings left out by a baseline.
func suppressedResult() *Result {
	res := fakeResult()
	for i := range res.Findings {
		if res.Findings[i].Code == "SA503" {
			res.Findings[i].Suppression = &analyzers.Suppression{Kind: analyzers.InSource,
				Justification: "the image is for local development",
				Location:      &analyzers.Location{Path: "backend/Dockerfile", Line: 11}}
		}
	}
	res.Baselined = 2
	return res
}

func TestSuppressedText(t *testing.T) {
	s := textOf(t, suppressedResult(), false)
	if strings.Contains(s, "SA503") || strings.Contains(s, "runserver") {
		t.Errorf("suppressed finding shown:\n%s", s)
	}
	if !strings.Contains(s, " · 1 suppressed · 2 baselined") {
		t.Errorf("summary lacks the suppressed and baselined counts:\n%s", s)
	}
	if s := textOf(t, fakeResult(), false); strings.Contains(s, "suppressed") || strings.Contains(s, "baselined") {
		t.Errorf("counts shown with nothing suppressed:\n%s", s)
	}
}

func TestSuppressedMarkdown(t *testing.T) {
	var b bytes.Buffer
	if err := Markdown(&b, suppressedResult()); err != nil {
		t.Fatal(err)
	}
	if strings.Contains(b.String(), "runserver") {
		t.Error("suppressed finding in the Markdown report")
	}
}

func TestSuppressedSARIF(t *testing.T) {
	b := sarifBytes(t, suppressedResult())
	if err := ValidateSARIF(b, schemaPath); err != nil {
		t.Fatalf("SARIF with suppressions is not valid: %v", err)
	}
	bare := suppressedResult()
	for i := range bare.Findings {
		if bare.Findings[i].Suppression != nil {
			bare.Findings[i].Suppression = &analyzers.Suppression{Kind: analyzers.External}
		}
	}
	if err := ValidateSARIF(sarifBytes(t, bare), schemaPath); err != nil {
		t.Fatalf("SARIF with a suppression without justification or location is not valid: %v", err)
	}
	var doc struct {
		Runs []struct {
			Results []struct {
				RuleID       string `json:"ruleId"`
				Suppressions []struct {
					Kind          string `json:"kind"`
					Justification string `json:"justification"`
					Location      struct {
						PhysicalLocation struct {
							Region struct {
								StartLine int `json:"startLine"`
							} `json:"region"`
						} `json:"physicalLocation"`
					} `json:"location"`
				} `json:"suppressions"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		t.Fatal(err)
	}
	n := 0
	for _, r := range doc.Runs[0].Results {
		if len(r.Suppressions) == 0 {
			continue
		}
		n++
		s := r.Suppressions[0]
		if r.RuleID != "SA503" || s.Kind != "inSource" || s.Justification != "the image is for local development" ||
			s.Location.PhysicalLocation.Region.StartLine != 11 {
			t.Errorf("suppression on %s: %+v", r.RuleID, s)
		}
	}
	if n != 1 {
		t.Errorf("%d results carry a suppression, want 1", n)
	}
}

func TestSuppressedJSON(t *testing.T) {
	var b bytes.Buffer
	if err := JSON(&b, suppressedResult()); err != nil {
		t.Fatal(err)
	}
	if !strings.Contains(b.String(), `"suppression": {`) || !strings.Contains(b.String(), `"kind": "inSource"`) {
		t.Errorf("JSON lacks the suppression:\n%s", b.String())
	}
}
