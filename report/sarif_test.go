package report

import (
	"bytes"
	"encoding/json"
	"fmt"
	"strings"
	"testing"

	"github.com/stackaudit/stackaudit/analyzers"
	"github.com/stackaudit/stackaudit/stack"
)

func sarifBytes(t *testing.T, res *Result) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := SARIF(&b, res); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

func TestSARIFValidatesAgainstSchema(t *testing.T) {
	many := fakeResult()
	for i := 0; i < 70; i++ {
		many.Findings[1].Related = append(many.Findings[1].Related, analyzers.Location{Path: fmt.Sprintf("svc/%d/app.py", i), Line: i})
	}
	cases := map[string]*Result{
		"full":  fakeResult(),
		"empty": {},
		"no git, no category, no rules": {
			Tool:      Tool{Name: "stackaudit", Version: "dev"},
			Inventory: &stack.Inventory{Units: []*stack.Unit{{Path: ".", Ecosystem: stack.Python}}},
		},
		"many related locations": many,
		"odd paths": {
			Rules: fakeRules(),
			Findings: []analyzers.Finding{{Code: "SA101", Rule: "untyped-javascript", Level: "", Message: "m",
				Location: analyzers.Location{Path: "a:b/c d/ü%.js"}}},
			Notifications: []Notification{{Path: "x y.toml", Message: "cannot parse", Level: "bogus"}},
		},
	}
	for name, res := range cases {
		t.Run(name, func(t *testing.T) {
			if err := ValidateSARIF(sarifBytes(t, res), schemaPath); err != nil {
				t.Fatal(err)
			}
		})
	}
}

func TestValidateSARIFRejects(t *testing.T) {
	for name, doc := range map[string]string{
		"not JSON":          `{"version":`,
		"wrong version":     `{"version": "3.0", "runs": []}`,
		"result no message": `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"ruleId": "A"}]}]}`,
		"bad level":         `{"version": "2.1.0", "runs": [{"tool": {"driver": {"name": "x"}}, "results": [{"message": {"text": "m"}, "level": "fatal"}]}]}`,
	} {
		if err := ValidateSARIF([]byte(doc), schemaPath); err == nil {
			t.Errorf("%s: ValidateSARIF accepted an invalid log", name)
		}
	}
}

// sarifDoc is the part of a SARIF log the tests look into.
type sarifDoc struct {
	Schema string `json:"$schema"`
	Runs   []struct {
		Tool struct {
			Driver struct {
				Name           string `json:"name"`
				Version        string `json:"version"`
				InformationURI string `json:"informationUri"`
				Rules          []struct {
					ID               string            `json:"id"`
					Name             string            `json:"name"`
					ShortDescription map[string]string `json:"shortDescription"`
					FullDescription  map[string]string `json:"fullDescription"`
					Help             map[string]string `json:"help"`
					HelpURI          string            `json:"helpUri"`
					Default          *struct {
						Level string `json:"level"`
					} `json:"defaultConfiguration"`
					Properties struct {
						Tags []string `json:"tags"`
					} `json:"properties"`
				} `json:"rules"`
			} `json:"driver"`
		} `json:"tool"`
		Results []struct {
			RuleID    string `json:"ruleId"`
			RuleIndex *int   `json:"ruleIndex"`
			Level     string `json:"level"`
			Message   struct {
				Text string `json:"text"`
			} `json:"message"`
			Locations           []sarifLoc        `json:"locations"`
			RelatedLocations    []sarifLoc        `json:"relatedLocations"`
			PartialFingerprints map[string]string `json:"partialFingerprints"`
		} `json:"results"`
		OriginalURIBaseIDs map[string]any `json:"originalUriBaseIds"`
		Invocations        []struct {
			ExecutionSuccessful bool `json:"executionSuccessful"`
			Notifications       []struct {
				Level   string `json:"level"`
				Message struct {
					Text string `json:"text"`
				} `json:"message"`
				Locations []sarifLoc `json:"locations"`
			} `json:"toolExecutionNotifications"`
		} `json:"invocations"`
		AutomationDetails *struct {
			ID string `json:"id"`
		} `json:"automationDetails"`
		Properties struct {
			Inventory struct {
				Units []struct {
					Path       string   `json:"path"`
					Ecosystem  string   `json:"ecosystem"`
					Frameworks []string `json:"frameworks"`
					Components []string `json:"components"`
				} `json:"units"`
				Services      int  `json:"services"`
				ActiveAuthors *int `json:"activeAuthors"`
				ActiveDays    int  `json:"activeDays"`
			} `json:"inventory"`
		} `json:"properties"`
	} `json:"runs"`
}

type sarifLoc struct {
	ID       *int `json:"id"`
	Physical struct {
		Artifact struct {
			URI       string `json:"uri"`
			URIBaseID string `json:"uriBaseId"`
		} `json:"artifactLocation"`
		Region *struct {
			StartLine   int `json:"startLine"`
			StartColumn int `json:"startColumn"`
			EndLine     int `json:"endLine"`
		} `json:"region"`
	} `json:"physicalLocation"`
	Message *struct {
		Text string `json:"text"`
	} `json:"message"`
}

func decodeSARIF(t *testing.T, data []byte) sarifDoc {
	t.Helper()
	var d sarifDoc
	if err := json.Unmarshal(data, &d); err != nil {
		t.Fatal(err)
	}
	if len(d.Runs) != 1 {
		t.Fatalf("got %d runs, want 1", len(d.Runs))
	}
	return d
}

// TestSARIFContent checks what GitHub code scanning needs from every rule
// and result, beyond what the schema says.
func TestSARIFContent(t *testing.T) {
	res := fakeResult()
	for i := 0; i < 70; i++ {
		res.Findings[1].Related = append(res.Findings[1].Related, analyzers.Location{Path: "x.py", Line: i + 1})
	}
	d := decodeSARIF(t, sarifBytes(t, res))
	run := d.Runs[0]
	if d.Schema != SARIFSchemaURI {
		t.Errorf("$schema = %q", d.Schema)
	}
	drv := run.Tool.Driver
	if drv.Name != "stackaudit" || drv.Version != "1.2.3" || drv.InformationURI != "https://github.com/stackaudit/stackaudit" {
		t.Errorf("driver = %q %q %q", drv.Name, drv.Version, drv.InformationURI)
	}
	if len(drv.Rules) != 3 {
		t.Fatalf("got %d rules, want 3", len(drv.Rules))
	}
	for _, r := range drv.Rules {
		if r.Help["text"] == "" || r.HelpURI == "" || r.ShortDescription["text"] == "" || r.FullDescription["text"] == "" {
			t.Errorf("rule %s lacks help, helpUri or descriptions", r.ID)
		}
		if r.Default == nil || r.Default.Level == "" {
			t.Errorf("rule %s has no default level", r.ID)
		}
		if n := len(r.Properties.Tags); n == 0 || n > maxTags {
			t.Errorf("rule %s has %d tags", r.ID, n)
		}
	}
	sa301 := drv.Rules[1]
	if sa301.ID != "SA301" || sa301.Name != "no-tests" {
		t.Fatalf("rule 1 = %s %s", sa301.ID, sa301.Name)
	}
	wantFull := "A unit with no tests cannot be changed safely: every edit is a guess that production checks for you. See the guide (https://example.com/tests)."
	if got := sa301.FullDescription["text"]; got != wantFull {
		t.Errorf("fullDescription.text = %q, want %q", got, wantFull)
	}
	if !strings.HasPrefix(sa301.Help["markdown"], "# SA301 no-tests") || strings.Contains(sa301.Help["text"], "**Level") {
		t.Errorf("help = %q", sa301.Help)
	}
	if sa301.HelpURI != "https://github.com/stackaudit/stackaudit/blob/main/docs/rules/SA301-no-tests.md" {
		t.Errorf("helpUri = %q", sa301.HelpURI)
	}

	if len(run.Results) != 4 {
		t.Fatalf("got %d results", len(run.Results))
	}
	for _, r := range run.Results {
		if r.RuleIndex == nil || drv.Rules[*r.RuleIndex].ID != r.RuleID {
			t.Errorf("result %s: ruleIndex does not point at its rule", r.RuleID)
		}
		if len(r.Locations) != 1 || r.Locations[0].Physical.Region == nil || r.Locations[0].Physical.Region.StartLine < 1 {
			t.Errorf("result %s: no location with a region", r.RuleID)
		}
		if r.Locations[0].Physical.Artifact.URIBaseID != "%SRCROOT%" {
			t.Errorf("result %s: uriBaseId %q", r.RuleID, r.Locations[0].Physical.Artifact.URIBaseID)
		}
		if r.PartialFingerprints[FingerprintKey] == "" {
			t.Errorf("result %s: no partial fingerprint", r.RuleID)
		}
	}
	fileLevel := run.Results[1] // backend/pyproject.toml, line 0
	if reg := fileLevel.Locations[0].Physical.Region; fileLevel.RuleID != "SA301" || reg.StartLine != 1 || reg.EndLine != 0 {
		t.Errorf("file-level finding: %s region %+v", fileLevel.RuleID, reg)
	}
	span := run.Results[0] // backend/Dockerfile:12:5-13
	if reg := span.Locations[0].Physical.Region; reg.StartLine != 12 || reg.StartColumn != 5 || reg.EndLine != 13 {
		t.Errorf("span region %+v", reg)
	}
	if n := len(span.RelatedLocations); n != maxRelated {
		t.Errorf("got %d related locations, want the cap %d", n, maxRelated)
	}
	rel := span.RelatedLocations
	if rel[0].ID == nil || *rel[0].ID != 1 || rel[0].Message == nil || rel[0].Message.Text != "service api builds this Dockerfile" {
		t.Errorf("related[0] = %+v", rel[0])
	}
	if got := rel[1].Physical.Artifact.URI; got != "docs%20site/deploy%20notes.md" {
		t.Errorf("related[1] uri = %q", got)
	}
	if _, ok := run.OriginalURIBaseIDs["%SRCROOT%"]; !ok {
		t.Error("no originalUriBaseIds for %SRCROOT%")
	}

	if len(run.Invocations) != 1 || !run.Invocations[0].ExecutionSuccessful {
		t.Fatal("want one successful invocation")
	}
	notes := run.Invocations[0].Notifications
	if len(notes) != 3 {
		t.Fatalf("got %d notifications", len(notes))
	}
	if notes[0].Message.Text != "rule SA404 could not judge: more than 10000 files" || len(notes[0].Locations) != 0 || notes[0].Level != "note" {
		t.Errorf("notification without path = %+v", notes[0])
	}
	if notes[2].Message.Text != "backend/setup.cfg: cannot parse: line 3: expected '=' after a key" ||
		len(notes[2].Locations) != 1 || notes[2].Locations[0].Physical.Artifact.URI != "backend/setup.cfg" {
		t.Errorf("notification with path = %+v", notes[2])
	}
	if run.AutomationDetails == nil || run.AutomationDetails.ID != "stackaudit/backend" {
		t.Errorf("automationDetails = %+v", run.AutomationDetails)
	}
	inv := run.Properties.Inventory
	if len(inv.Units) != 3 || inv.Services != 3 || inv.ActiveAuthors == nil || *inv.ActiveAuthors != 3 || inv.ActiveDays != 180 {
		t.Errorf("inventory summary = %+v", inv)
	}
	if b := inv.Units[1]; b.Path != "backend" || strings.Join(b.Frameworks, ",") != "django,djangorestframework" {
		t.Errorf("backend summary = %+v", b)
	}
}

func TestSARIFWithoutGitOrCategory(t *testing.T) {
	res := fakeResult()
	res.Inventory.Git = nil
	res.Category = ""
	data := sarifBytes(t, res)
	d := decodeSARIF(t, data)
	if d.Runs[0].AutomationDetails != nil {
		t.Error("automationDetails written with no category")
	}
	if d.Runs[0].Properties.Inventory.ActiveAuthors != nil {
		t.Error("activeAuthors written with no git facts")
	}
}

// TestSARIFRuleForEveryResult: a finding whose rule is not in res.Rules
// still gets a rule, so GitHub can show it.
func TestSARIFRuleForEveryResult(t *testing.T) {
	res := &Result{Findings: []analyzers.Finding{
		{Code: "SA601", Rule: "missing-lockfile", Level: analyzers.Warning, Message: "m", Location: analyzers.Location{Path: "package.json", Line: 1}},
		{Code: "XX999", Rule: "made-up", Level: analyzers.Error, Message: "m", Location: analyzers.Location{Path: "a.py"}},
	}}
	data := sarifBytes(t, res)
	if err := ValidateSARIF(data, schemaPath); err != nil {
		t.Fatal(err)
	}
	d := decodeSARIF(t, data)
	rules := d.Runs[0].Tool.Driver.Rules
	if len(rules) != 2 || rules[0].ID != "SA601" || rules[1].ID != "XX999" {
		t.Fatalf("rules = %+v", rules)
	}
	if rules[0].Help["markdown"] == "" {
		t.Error("SA601 from the registry lost its doc")
	}
	for _, r := range d.Runs[0].Results {
		if rules[*r.RuleIndex].ID != r.RuleID {
			t.Errorf("%s: wrong ruleIndex %d", r.RuleID, *r.RuleIndex)
		}
	}
}

func TestRuleTagsCapped(t *testing.T) {
	a := &analyzers.Analyzer{Category: analyzers.Typing, Tags: []string{"typing", "a", "", "a", "b"}}
	if got := strings.Join(ruleTags(a), ","); got != "typing,a,b" {
		t.Errorf("tags = %s", got)
	}
	if got := len(ruleTags(fakeRules()[0])); got != maxTags {
		t.Errorf("got %d tags, want %d", got, maxTags)
	}
}

func TestRelativeURI(t *testing.T) {
	for in, want := range map[string]string{
		"backend/app.py":   "backend/app.py",
		"./backend/app.py": "backend/app.py",
		"docs site/a b.md": "docs%20site/a%20b.md",
		"a:b/c.py":         "./a:b/c.py",
		"x/a:b.py":         "x/a:b.py",
		"100%.txt":         "100%25.txt",
		"ü/#x?.py":         "%C3%BC/%23x%3F.py",
	} {
		if got := relativeURI(in); got != want {
			t.Errorf("relativeURI(%q) = %q, want %q", in, got, want)
		}
	}
}

func TestSARIFResultCap(t *testing.T) {
	defer func(n int) { maxResults = n }(maxResults)
	maxResults = 2
	res := fakeResult() // 1 error, 2 warnings, 1 note
	data := sarifBytes(t, res)
	if err := ValidateSARIF(data, schemaPath); err != nil {
		t.Fatal(err)
	}
	d := decodeSARIF(t, data)
	run := d.Runs[0]
	var got []string
	for _, r := range run.Results {
		got = append(got, r.RuleID+"/"+r.Level)
	}
	// The error and the first warning in path order; the note and the
	// second warning are left out.
	if strings.Join(got, " ") != "SA301/error SA101/warning" {
		t.Errorf("kept %v", got)
	}
	notes := run.Invocations[0].Notifications
	if last := notes[len(notes)-1].Message.Text; !strings.HasPrefix(last, "2 of 4 findings left out") {
		t.Errorf("last notification = %q", last)
	}
}
