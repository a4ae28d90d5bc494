package report

import (
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"io"
	"net/url"
	"sort"
	"strconv"
	"strings"

	"github.com/owenrumney/go-sarif/v2/sarif"

	"github.com/stackaudit/stackaudit/analyzers"
	"github.com/stackaudit/stackaudit/stack"
)

// SARIFSchemaURI is the $schema written into every SARIF log: the OASIS
// 2.1.0 schema (errata 01), the one report/testdata holds a copy of.
const SARIFSchemaURI = "https://docs.oasis-open.org/sarif/sarif/v2.1.0/errata01/os/schemas/sarif-schema-2.1.0.json"

// srcRoot is the uriBaseId every location is relative to; GitHub code
// scanning resolves it to the checkout.
const srcRoot = "%SRCROOT%"

// FingerprintKey names stackaudit's entry in partialFingerprints.
const FingerprintKey = "stackaudit/v1"

// Limits that keep a log well inside what GitHub code scanning shows.
const (
	maxTags    = 10
	maxRelated = 50
)

// SARIF writes res as a SARIF 2.1.0 log with one run, indented, ending in a
// newline. The same Result always gives the same bytes.
func SARIF(w io.Writer, res *Result) error {
	log, err := sarifLog(res)
	if err != nil {
		return err
	}
	return writeJSON(w, log)
}

func sarifLog(res *Result) (*sarif.Report, error) {
	log, err := sarif.New(sarif.Version210, false)
	if err != nil {
		return nil, err
	}
	log.Schema = SARIFSchemaURI

	rules := sarifRuleSet(res)
	driver := sarif.NewDriver(nonEmpty(res.Tool.Name, "stackaudit"))
	if res.Tool.Version != "" {
		driver.WithVersion(res.Tool.Version)
	}
	if res.Tool.URI != "" {
		driver.WithInformationURI(res.Tool.URI)
	}
	index := map[string]int{}
	driver.Rules = []*sarif.ReportingDescriptor{}
	for i, a := range rules {
		index[a.Code] = i
		driver.Rules = append(driver.Rules, sarifRule(a))
	}

	run := sarif.NewRun(*sarif.NewTool(driver))
	run.OriginalUriBaseIDs = map[string]*sarif.ArtifactLocation{
		srcRoot: sarif.NewArtifactLocation().WithDescriptionText("The root of the scanned repository."),
	}
	findings, dropped := capFindings(sortedFindings(res.Findings), maxResults)
	for _, f := range findings {
		run.Results = append(run.Results, sarifResult(f, index[f.Code]))
	}

	inv := sarif.NewInvocation().WithExecutionSuccess(true)
	for _, n := range sortedNotifications(res.Notifications) {
		inv.AddTToolExecutionNotification(sarifNotification(n))
	}
	if dropped > 0 {
		inv.AddTToolExecutionNotification(sarif.NewNotification().WithLevel("warning").WithTextMessage(fmt.Sprintf(
			"%d of %d findings left out, the least serious first: GitHub code scanning accepts at most %d results a run; "+
				"use --format json for all of them", dropped, len(res.Findings), maxResults)))
	}
	run.AddInvocations(inv)

	if res.Category != "" {
		run.AutomationDetails = sarif.NewRunAutomationDetails().WithID(res.Category)
	}
	run.Properties = sarif.Properties{"inventory": summarize(res.Inventory)}
	if len(res.Metrics) > 0 {
		run.Properties["metrics"] = res.Metrics
	}
	log.AddRun(run)
	return log, nil
}

// maxResults is how many results a run may hold: GitHub code scanning
// rejects a run with more than 25,000. A variable so tests can lower it.
var maxResults = 25000

// capFindings keeps at most limit findings, the most serious first, in
// their original order, and says how many it left out.
func capFindings(fs []analyzers.Finding, limit int) ([]analyzers.Finding, int) {
	if len(fs) <= limit {
		return fs, 0
	}
	order := make([]int, len(fs))
	for i := range order {
		order[i] = i
	}
	sort.SliceStable(order, func(i, j int) bool { return fs[order[i]].Level.Rank() > fs[order[j]].Level.Rank() })
	keep := order[:limit]
	sort.Ints(keep)
	out := make([]analyzers.Finding, 0, limit)
	for _, i := range keep {
		out = append(out, fs[i])
	}
	return out, len(fs) - limit
}

// sarifRuleSet is res.Rules plus any rule a finding names that is missing
// from it (every result must have its rule), sorted by code, one per code.
func sarifRuleSet(res *Result) []*analyzers.Analyzer {
	seen := map[string]bool{}
	var out []*analyzers.Analyzer
	add := func(a *analyzers.Analyzer) {
		if a != nil && !seen[a.Code] {
			seen[a.Code] = true
			out = append(out, a)
		}
	}
	for _, a := range res.Rules {
		add(a)
	}
	for _, f := range res.Findings {
		if seen[f.Code] {
			continue
		}
		if a := analyzers.Lookup(f.Code); a != nil {
			add(a)
			continue
		}
		add(&analyzers.Analyzer{Code: f.Code, Name: f.Rule, Level: f.Level, Summary: f.Rule})
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

func sarifRule(a *analyzers.Analyzer) *sarif.ReportingDescriptor {
	summary := nonEmpty(a.Summary, a.Name, a.Code)
	r := sarif.NewRule(a.Code).WithShortDescription(sarif.NewMultiformatMessageString(summary))
	if a.Name != "" {
		r.WithName(a.Name)
	}
	if p := firstParagraph(a.Doc); p != "" {
		r.WithFullDescription(sarif.NewMultiformatMessageString(inlinePlain(p)).WithMarkdown(p))
	} else {
		r.WithFullDescription(sarif.NewMultiformatMessageString(summary))
	}
	if doc := strings.TrimSpace(a.Doc); doc != "" {
		r.WithHelp(sarif.NewMultiformatMessageString(plainText(doc)).WithMarkdown(doc + "\n"))
	} else {
		r.WithHelp(sarif.NewMultiformatMessageString(summary))
	}
	r.WithHelpURI(helpURI(a))
	if l := sarifLevel(string(a.Level)); l != "" {
		r.WithDefaultConfiguration(sarif.NewReportingConfiguration().WithLevel(l))
	}
	r.Properties = sarif.Properties{"tags": ruleTags(a)}
	return r
}

// helpURI is the rule's doc page, or the project's home when the rule's
// name cannot make a valid URI (a rule missing from the registry).
func helpURI(a *analyzers.Analyzer) string {
	if u, err := url.Parse(a.DocURL()); err == nil && u.IsAbs() {
		return u.String()
	}
	return analyzers.RepositoryURL
}

// ruleTags are the rule's category followed by its own tags, without
// repeats, at most maxTags (GitHub shows ten).
func ruleTags(a *analyzers.Analyzer) []string {
	tags := []string{}
	seen := map[string]bool{}
	for _, t := range append([]string{string(a.Category)}, a.Tags...) {
		if t == "" || seen[t] || len(tags) == maxTags {
			continue
		}
		seen[t] = true
		tags = append(tags, t)
	}
	return tags
}

func sarifResult(f analyzers.Finding, ruleIndex int) *sarif.Result {
	r := sarif.NewRuleResult(f.Code).WithRuleIndex(ruleIndex).WithMessage(sarif.NewTextMessage(f.Message))
	if l := sarifLevel(string(f.Level)); l != "" {
		r.WithLevel(l)
	}
	r.AddLocation(sarifLocation(f.Location))
	for i, rel := range f.Related {
		if i == maxRelated {
			break
		}
		loc := sarifLocation(rel).WithId(i + 1)
		if rel.Message != "" {
			loc.WithMessage(sarif.NewTextMessage(rel.Message))
		}
		r.AddRelatedLocation(loc)
	}
	if f.Fingerprint != "" {
		r.PartialFingerprints = map[string]interface{}{FingerprintKey: f.Fingerprint}
	}
	if sup := f.Suppression; sup != nil {
		// GitHub code scanning hides a result that carries a suppression.
		// go-sarif writes null for unset status and guid, which the
		// schema rejects: both are set, the guid derived from the finding
		// so that output stays deterministic.
		s := sarif.NewSuppression(sup.Kind).WithStatus("accepted").WithGuid(suppressionGUID(f))
		// Nor may justification and location be null: an empty reason is
		// written as "", a suppression without a place points at the finding.
		s.WithJustifcation(sup.Justification)
		loc := f.Location
		if sup.Location != nil {
			loc = *sup.Location
		}
		s.WithLocation(sarifLocation(loc))
		r.AddSuppression(s)
	}
	return r
}

// suppressionGUID is a version-5-shaped UUID made from the finding's
// fingerprint, code, place and suppression.
func suppressionGUID(f analyzers.Finding) string {
	h := sha256.Sum256([]byte(strings.Join([]string{f.Fingerprint, f.Code, f.Location.Path,
		strconv.Itoa(f.Location.Line), f.Suppression.Kind, f.Suppression.Justification}, "\x00")))
	h[6] = h[6]&0x0f | 0x50
	h[8] = h[8]&0x3f | 0x80
	x := hex.EncodeToString(h[:16])
	return x[0:8] + "-" + x[8:12] + "-" + x[12:16] + "-" + x[16:20] + "-" + x[20:32]
}

// sarifLocation points at l relative to %SRCROOT%. A file-level location
// (line 0) gets line 1: GitHub needs a region on every result.
func sarifLocation(l analyzers.Location) *sarif.Location {
	region := sarif.NewRegion().WithStartLine(max(l.Line, 1))
	if l.Column > 0 {
		region.WithStartColumn(l.Column)
	}
	if l.EndLine > l.Line && l.Line > 0 {
		region.WithEndLine(l.EndLine)
	}
	return sarif.NewLocationWithPhysicalLocation(sarif.NewPhysicalLocation().
		WithArtifactLocation(artifact(l.Path)).
		WithRegion(region))
}

func artifact(path string) *sarif.ArtifactLocation {
	return sarif.NewSimpleArtifactLocation(relativeURI(path)).WithUriBaseId(srcRoot)
}

// relativeURI escapes a slash-separated relative path as a URI reference.
func relativeURI(p string) string {
	p = strings.TrimPrefix(p, "./")
	u := (&url.URL{Path: p}).EscapedPath()
	if first, _, _ := strings.Cut(u, "/"); strings.Contains(first, ":") {
		u = "./" + u // a colon in the first segment would read as a scheme
	}
	return u
}

func sarifNotification(n Notification) *sarif.Notification {
	msg := n.Message
	if n.Path != "" {
		msg = n.Path + ": " + n.Message
	}
	out := sarif.NewNotification().WithTextMessage(msg).WithLevel(nonEmpty(sarifLevel(n.Level), "warning"))
	if n.Path != "" {
		out.AddLocation(sarif.NewLocationWithPhysicalLocation(
			sarif.NewPhysicalLocation().WithArtifactLocation(artifact(n.Path))))
	}
	return out
}

// sarifLevel maps a level to SARIF's; unknown levels give "".
func sarifLevel(l string) string {
	switch l {
	case "error", "warning", "note", "none":
		return l
	}
	return ""
}

// inventorySummary is what runs[0].properties.inventory says about the stack.
type inventorySummary struct {
	Units    []unitSummary `json:"units"`
	Services int           `json:"services"`
	// ActiveAuthors and ActiveDays are set when the target has git history.
	ActiveAuthors *int `json:"activeAuthors,omitempty"`
	ActiveDays    int  `json:"activeDays,omitempty"`
}

type unitSummary struct {
	Path       string   `json:"path"`
	Ecosystem  string   `json:"ecosystem"`
	Frameworks []string `json:"frameworks"`
	Components []string `json:"components"`
}

func summarize(inv *stack.Inventory) inventorySummary {
	s := inventorySummary{Units: []unitSummary{}}
	if inv == nil {
		return s
	}
	for _, u := range inv.Units {
		us := unitSummary{Path: u.Path, Ecosystem: u.Ecosystem, Frameworks: []string{}, Components: []string{}}
		for _, c := range u.Components {
			if c.Category == stack.Web {
				us.Frameworks = append(us.Frameworks, c.ID)
			}
			us.Components = append(us.Components, c.ID)
		}
		s.Units = append(s.Units, us)
	}
	s.Services = len(inv.Services)
	if inv.Git != nil {
		n := inv.Git.ActiveAuthors
		s.ActiveAuthors = &n
		s.ActiveDays = inv.Git.ActiveDays
	}
	return s
}

func sortedFindings(in []analyzers.Finding) []analyzers.Finding {
	out := append([]analyzers.Finding(nil), in...)
	analyzers.Sort(out)
	return out
}

func sortedNotifications(in []Notification) []Notification {
	out := append([]Notification(nil), in...)
	sort.SliceStable(out, func(i, j int) bool {
		if out[i].Path != out[j].Path {
			return out[i].Path < out[j].Path
		}
		return out[i].Message < out[j].Message
	})
	return out
}

// writeJSON writes v indented by two spaces with a trailing newline, and
// without escaping <, > and & (messages quote code).
func writeJSON(w io.Writer, v any) error {
	enc := json.NewEncoder(w)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return fmt.Errorf("write JSON: %w", err)
	}
	return nil
}

func nonEmpty(s ...string) string {
	for _, v := range s {
		if v != "" {
			return v
		}
	}
	return ""
}
