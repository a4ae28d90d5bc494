// Package analyzers holds the rules. Each rule is one exported *Analyzer
// value in a file named for what it catches, with its Markdown doc embedded
// from the file beside it; the registry lists them all.
package analyzers

import (
	"context"
	"embed"
	"fmt"
	"sort"
	"strings"

	"github.com/stackaudit/stackaudit/config"
	"github.com/stackaudit/stackaudit/internal/par"
	"github.com/stackaudit/stackaudit/repo"
	"github.com/stackaudit/stackaudit/stack"
)

// Level is how serious a finding is.
type Level string

// Levels, most serious first.
const (
	Error   Level = "error"
	Warning Level = "warning"
	Note    Level = "note"
)

// Rank orders levels: error 3, warning 2, note 1, anything else 0.
func (l Level) Rank() int {
	switch l {
	case Error:
		return 3
	case Warning:
		return 2
	case Note:
		return 1
	}
	return 0
}

// ParseLevel accepts error, warning and note.
func ParseLevel(s string) (Level, error) {
	switch l := Level(strings.ToLower(s)); l {
	case Error, Warning, Note:
		return l, nil
	}
	return "", fmt.Errorf("unknown level %q (want error, warning or note)", s)
}

// Category groups rules in reports.
type Category string

// Categories, in the order of the catalog.
const (
	Typing       Category = "typing"
	Tooling      Category = "tooling"
	Testing      Category = "testing"
	Architecture Category = "architecture"
	Runtime      Category = "runtime"
	Dependencies Category = "dependencies"
	StackFit     Category = "stack-fit"
)

// Analyzer is one rule.
type Analyzer struct {
	// Code is stable once released: SA601.
	Code string
	// Name is kebab-case: missing-lockfile.
	Name string
	// Category groups the rule in reports.
	Category Category
	// Level is the default level of its findings.
	Level Level
	// Summary is one line.
	Summary string
	// Tags go to SARIF rule properties.
	Tags []string
	// Options are the rule's settings beyond enabled and level, with their
	// defaults; a configuration may set only these.
	Options []Option
	// Run reads the pass and reports findings.
	Run func(*Pass)
	// Doc is the Markdown page, loaded from the embedded file named for the rule.
	Doc string
}

// DocURL is where a rule's doc page is published.
func (a *Analyzer) DocURL() string {
	return fmt.Sprintf("%s/blob/main/docs/rules/%s-%s.md", RepositoryURL, a.Code, a.Name)
}

// RepositoryURL is the project's home.
const RepositoryURL = "https://github.com/stackaudit/stackaudit"

// Location is a place in the repository.
type Location struct {
	// Path is slash-separated and relative to the repository root.
	Path string `json:"path"`
	// Line is 1-based; 0 means the file as a whole.
	Line int `json:"line,omitempty"`
	// Column is 1-based; 0 means unknown.
	Column int `json:"column,omitempty"`
	// EndLine is the last line of a span; 0 means Line.
	EndLine int `json:"endLine,omitempty"`
	// Message says what is at the place, for related locations.
	Message string `json:"message,omitempty"`
}

// Finding is one problem a rule reports.
type Finding struct {
	// Code and Rule name the analyzer; the pass fills them.
	Code string `json:"code"`
	Rule string `json:"rule"`
	// Level is the analyzer's level unless the configuration overrides it.
	Level Level `json:"level"`
	// Message names the evidence and what to do.
	Message string `json:"message"`
	// Location is the primary place.
	Location Location `json:"location"`
	// Related are other places that show the problem.
	Related []Location `json:"related,omitempty"`
	// Key holds the values that identify the finding independently of line
	// numbers (a unit path, a dependency name). With Code and Location.Path
	// it makes the fingerprint.
	Key []string `json:"-"`
	// Fingerprint is stable when unrelated lines move.
	Fingerprint string `json:"fingerprint"`
	// Suppression is set when an inline comment or the configuration
	// suppresses the finding: it is kept for SARIF and JSON but shown
	// nowhere else and never fails the scan.
	Suppression *Suppression `json:"suppression,omitempty"`
}

// Option is one setting of a rule, such as a threshold.
type Option struct {
	// Name is kebab-case: min-share.
	Name string
	// Default is an int, float64, string, bool or []string; a configured
	// value must have the same type (an int is accepted for a float64).
	Default any
	// Doc says what the option does, in one line.
	Doc string
}

// Pass is what a rule may read, and its one way out.
type Pass struct {
	Analyzer  *Analyzer
	Snapshot  *repo.Snapshot
	Inventory *stack.Inventory
	Config    *config.Config
	Context   context.Context

	findings []Finding
	metrics  []Metric
	notes    []Notice
}

// Notice says that a rule could not judge, and why (no git history for a
// rule about the team, say). Reports show notes as notifications at level
// note, never as findings.
type Notice struct {
	// Code is the code of the rule that could not judge.
	Code string
	// Path is the file concerned, if any.
	Path string
	// Message says what was missing and what to do.
	Message string
}

// Notef records that the rule could not judge; the message is prefixed
// with the rule's code and name.
func (p *Pass) Notef(path, format string, args ...any) {
	p.notes = append(p.notes, Notice{Code: p.Analyzer.Code, Path: path,
		Message: p.Analyzer.Code + " " + p.Analyzer.Name + ": " + fmt.Sprintf(format, args...)})
}

// Metric is a per-unit figure a rule records for the reports, such as the
// money paths SA302 found in a unit and how many of them tests reach.
type Metric struct {
	// Unit is the unit's path.
	Unit string `json:"unit"`
	// Rule is the code of the rule that recorded it.
	Rule string `json:"rule"`
	// Name is camelCase: moneyPaths, moneyPathsTested.
	Name string `json:"name"`
	// Value is the figure.
	Value int `json:"value"`
}

// Metric records a per-unit figure for the reports.
func (p *Pass) Metric(unit, name string, value int) {
	p.metrics = append(p.metrics, Metric{Unit: unit, Rule: p.Analyzer.Code, Name: name, Value: value})
}

// option returns the configured value of the rule's option, or its default.
func (p *Pass) option(name string) any {
	for _, o := range p.Analyzer.Options {
		if o.Name != name {
			continue
		}
		if v, ok := p.Config.Rule(p.Analyzer.Code, p.Analyzer.Name).Options[name]; ok {
			if c, err := convertOption(o, v); err == nil {
				return c
			}
		}
		return o.Default
	}
	panic(fmt.Sprintf("%s: undeclared option %q", p.Analyzer.Code, name))
}

// Float returns a float64 option.
func (p *Pass) Float(name string) float64 { return p.option(name).(float64) }

// Int returns an int option.
func (p *Pass) Int(name string) int { return p.option(name).(int) }

// Strings returns a []string option.
func (p *Pass) Strings(name string) []string { return p.option(name).([]string) }

// convertOption checks a configured value against the option's type.
func convertOption(o Option, v any) (any, error) {
	switch o.Default.(type) {
	case float64:
		switch n := v.(type) {
		case float64:
			return n, nil
		case int64:
			return float64(n), nil
		}
		return nil, fmt.Errorf("want a number, got %v", v)
	case int:
		if n, ok := v.(int64); ok {
			return int(n), nil
		}
		return nil, fmt.Errorf("want an integer, got %v", v)
	case string:
		if s, ok := v.(string); ok {
			return s, nil
		}
		return nil, fmt.Errorf("want a string, got %v", v)
	case bool:
		if b, ok := v.(bool); ok {
			return b, nil
		}
		return nil, fmt.Errorf("want true or false, got %v", v)
	case []string:
		list, ok := v.([]any)
		if !ok {
			return nil, fmt.Errorf("want a list of strings, got %v", v)
		}
		out := make([]string, 0, len(list))
		for _, e := range list {
			s, ok := e.(string)
			if !ok {
				return nil, fmt.Errorf("want a list of strings, got %v", v)
			}
			out = append(out, s)
		}
		return out, nil
	}
	return nil, fmt.Errorf("unsupported option type %T", o.Default)
}

// CheckConfig rejects rule tables that name no rule and options that the
// rule does not have or whose value has the wrong type.
func CheckConfig(cfg *config.Config) error {
	if err := checkConfigRefs(cfg); err != nil {
		return err
	}
	keys := make([]string, 0, len(cfg.Rules))
	for k := range cfg.Rules {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	for _, k := range keys {
		a := Lookup(k)
		if a == nil {
			return fmt.Errorf("%s: rules.%s: no rule has that code or name (see `stackaudit rules`)", cfg.Where("rules", k), k)
		}
		names := make([]string, 0, len(cfg.Rules[k].Options))
		for name := range cfg.Rules[k].Options {
			names = append(names, name)
		}
		sort.Strings(names)
		for _, name := range names {
			var opt *Option
			for i := range a.Options {
				if a.Options[i].Name == name {
					opt = &a.Options[i]
				}
			}
			if opt == nil {
				valid := []string{"enabled", "level"}
				for _, o := range a.Options {
					valid = append(valid, o.Name)
				}
				return fmt.Errorf("%s: rules.%s.%s: %s has no such setting (it has %s)", cfg.Where("rules", k, name), k, name, a.Code, strings.Join(valid, ", "))
			}
			if _, err := convertOption(*opt, cfg.Rules[k].Options[name]); err != nil {
				return fmt.Errorf("%s: rules.%s.%s: %v", cfg.Where("rules", k, name), k, name, err)
			}
		}
	}
	return nil
}

// Report records a finding.
func (p *Pass) Report(f Finding) {
	f.Code = p.Analyzer.Code
	f.Rule = p.Analyzer.Name
	if f.Level == "" {
		f.Level = p.Analyzer.Level
	}
	p.findings = append(p.findings, f)
}

// Reportf records a finding at loc with a formatted message.
func (p *Pass) Reportf(loc Location, key []string, format string, args ...any) {
	p.Report(Finding{Location: loc, Key: key, Message: fmt.Sprintf(format, args...)})
}

//go:embed *.md
var docs embed.FS

var registry []*Analyzer

// register adds a rule to the registry and loads its doc. It is called from
// package-level variable initialisers, one per rule file.
func register(a *Analyzer) *Analyzer {
	name := strings.ReplaceAll(a.Name, "-", "_") + ".md"
	b, err := docs.ReadFile(name)
	if err != nil {
		panic(fmt.Sprintf("analyzer %s: missing doc %s", a.Code, name))
	}
	a.Doc = string(b)
	registry = append(registry, a)
	return a
}

// All returns every rule, sorted by code.
func All() []*Analyzer {
	out := append([]*Analyzer(nil), registry...)
	sort.Slice(out, func(i, j int) bool { return out[i].Code < out[j].Code })
	return out
}

// Lookup finds a rule by code or name, case-insensitively.
func Lookup(codeOrName string) *Analyzer {
	for _, a := range registry {
		if strings.EqualFold(a.Code, codeOrName) || strings.EqualFold(a.Name, codeOrName) {
			return a
		}
	}
	return nil
}

// Run runs every enabled rule and returns the findings sorted by path, line,
// code and message, with levels from the configuration and fingerprints set.
func Run(ctx context.Context, snap *repo.Snapshot, inv *stack.Inventory, cfg *config.Config) []Finding {
	out, _ := RunWithMetrics(ctx, snap, inv, cfg)
	return out
}

// RunWithMetrics is Run that also returns the per-unit metrics the rules
// recorded, sorted by unit, rule and name.
func RunWithMetrics(ctx context.Context, snap *repo.Snapshot, inv *stack.Inventory, cfg *config.Config) ([]Finding, []Metric) {
	o := RunAll(ctx, snap, inv, cfg)
	return o.Findings, o.Metrics
}

// Outcome is everything the rules produced.
type Outcome struct {
	// Findings are sorted as Sort does.
	Findings []Finding
	// Metrics are sorted by unit, rule and name.
	Metrics []Metric
	// Notes are what rules could not judge, sorted by code, path and message.
	Notes []Notice
}

// RunAll is Run that also returns the metrics and notes the rules recorded.
func RunAll(ctx context.Context, snap *repo.Snapshot, inv *stack.Inventory, cfg *config.Config) Outcome {
	if cfg == nil {
		cfg = config.Default()
	}
	var out []Finding
	var metrics []Metric
	var notes []Notice
	// The rules run side by side (they only read the inventory and the
	// snapshot, whose memo is safe for concurrent use); their results are
	// gathered in registry order, then sorted.
	var passes []*Pass
	for _, a := range All() {
		if cfg.Rule(a.Code, a.Name).IsEnabled() {
			passes = append(passes, &Pass{Analyzer: a, Snapshot: snap, Inventory: inv, Config: cfg, Context: ctx})
		}
	}
	stop := func() bool { return ctx.Err() != nil }
	par.Each(len(passes), 0, stop, func(i int) { passes[i].Analyzer.Run(passes[i]) })
	for _, p := range passes {
		a := p.Analyzer
		rc := cfg.Rule(a.Code, a.Name)
		metrics = append(metrics, p.metrics...)
		notes = append(notes, p.notes...)
		for _, f := range p.findings {
			if rc.Level != "" {
				if l, err := ParseLevel(rc.Level); err == nil {
					f.Level = l
				}
			}
			if !applyPathConfig(cfg, a, &f) {
				continue
			}
			f.Fingerprint = fingerprint(f)
			out = append(out, f)
		}
	}
	Sort(out)
	sort.SliceStable(metrics, func(i, j int) bool {
		a, b := metrics[i], metrics[j]
		if a.Unit != b.Unit {
			return a.Unit < b.Unit
		}
		if a.Rule != b.Rule {
			return a.Rule < b.Rule
		}
		return a.Name < b.Name
	})
	sort.SliceStable(notes, func(i, j int) bool {
		a, b := notes[i], notes[j]
		if a.Code != b.Code {
			return a.Code < b.Code
		}
		if a.Path != b.Path {
			return a.Path < b.Path
		}
		return a.Message < b.Message
	})
	return Outcome{Findings: out, Metrics: metrics, Notes: notes}
}

// Sort orders findings by path, line, code and message.
func Sort(fs []Finding) {
	sort.SliceStable(fs, func(i, j int) bool {
		a, b := fs[i], fs[j]
		if a.Location.Path != b.Location.Path {
			return a.Location.Path < b.Location.Path
		}
		if a.Location.Line != b.Location.Line {
			return a.Location.Line < b.Location.Line
		}
		if a.Code != b.Code {
			return a.Code < b.Code
		}
		return a.Message < b.Message
	})
}
