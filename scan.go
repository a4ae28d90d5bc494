// Package stackaudit wires the scan: open the target, detect the stack, run
// the rules, and hand back a Result for the report writers.
package stackaudit

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"

	"github.com/stackaudit/stackaudit/analyzers"
	"github.com/stackaudit/stackaudit/config"
	"github.com/stackaudit/stackaudit/detectors"
	"github.com/stackaudit/stackaudit/repo"
	"github.com/stackaudit/stackaudit/report"
	"github.com/stackaudit/stackaudit/stack"
)

// Version is stamped at release time with -ldflags "-X github.com/stackaudit/stackaudit.Version=...".
var Version = "dev"

// Result is what a scan produces.
type Result = report.Result

// Options tune a scan.
type Options struct {
	// Rev scans a revision of the repository read from git objects.
	Rev string
	// ConfigPath names a configuration file on disk; empty means
	// .stackaudit.toml at the root of the scanned snapshot, if present.
	ConfigPath string
	// ActiveDays overrides the active-author window when positive.
	ActiveDays int
	// FullHistory walks all of history for the git facts.
	FullHistory bool
	// Category is SARIF's automationDetails.id.
	Category string
	// Progress receives clone progress for remote targets.
	Progress io.Writer
	// SkipRules builds the inventory only (the stack command).
	SkipRules bool
	// ReportUnusedIgnores reports, as SA001 notes, inline suppressions
	// that matched no finding.
	ReportUnusedIgnores bool
	// Baseline names a JSON or SARIF report of an earlier scan: findings
	// whose fingerprints it holds are left out.
	Baseline string
	// NewSince scans revision NewSince too and leaves out the findings it
	// already had.
	NewSince string
}

// Scan opens target, detects its stack and runs every enabled rule. The
// error is set only when the scan could not run at all (an unreadable
// target, a bad configuration); problems met while reading files are
// notifications in the Result.
func Scan(ctx context.Context, target string, opts Options) (*Result, error) {
	if opts.Baseline != "" || opts.NewSince != "" {
		return scanAgainstBaseline(ctx, target, opts)
	}
	cfg, err := loadConfigFile(opts.ConfigPath)
	if err != nil {
		return nil, err
	}
	activeDays := opts.ActiveDays
	if activeDays <= 0 && cfg != nil {
		activeDays = cfg.ActiveDays
	}
	snap, err := repo.Open(ctx, target, repo.Options{
		Rev:         opts.Rev,
		ActiveDays:  activeDays,
		FullHistory: opts.FullHistory,
		Progress:    opts.Progress,
	})
	if err != nil {
		return nil, err
	}
	defer snap.Close()
	if cfg == nil {
		cfg, err = configFromSnapshot(snap)
		if err != nil {
			return nil, err
		}
	}
	return run(ctx, snap, cfg, opts)
}

// ScanSnapshot runs detection and the rules on an open snapshot. Tests use
// it with snapshots built from fstest.MapFS.
func ScanSnapshot(ctx context.Context, snap *repo.Snapshot, cfg *config.Config, opts Options) (*Result, error) {
	if cfg == nil {
		cfg = config.Default()
	}
	return run(ctx, snap, cfg, opts)
}

func run(ctx context.Context, snap *repo.Snapshot, cfg *config.Config, opts Options) (*Result, error) {
	if err := analyzers.CheckConfig(cfg); err != nil {
		return nil, err
	}
	inv := detectors.Detect(ctx, snap)
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("scan %s: stopped while detecting the stack (%d files indexed): %w", snap.Target, len(snap.Files()), err)
	}
	res := &Result{
		Tool:      report.Tool{Name: "stackaudit", Version: Version, URI: analyzers.RepositoryURL},
		Target:    snap.Target,
		Revision:  snap.Revision,
		Inventory: inv,
		Category:  opts.Category,
		Findings:  []analyzers.Finding{},
	}
	var notes []analyzers.Notice
	if !opts.SkipRules {
		res.Rules = enabledRules(cfg)
		o := analyzers.RunAll(ctx, snap, inv, cfg)
		res.Metrics, notes = o.Metrics, o.Notes
		res.Findings = analyzers.Suppress(snap, cfg, o.Findings, analyzers.SuppressOptions{ReportUnused: opts.ReportUnusedIgnores})
	}
	if err := ctx.Err(); err != nil {
		return nil, fmt.Errorf("scan %s: stopped while running the rules (%d files indexed, %d units found): %w", snap.Target, len(snap.Files()), len(inv.Units), err)
	}
	res.Notifications = notifications(snap)
	// Rules that could not judge (no git history for SA401) say so.
	for _, n := range notes {
		res.Notifications = append(res.Notifications, report.Notification{Path: n.Path, Message: n.Message, Level: "note"})
	}
	return res, nil
}

func enabledRules(cfg *config.Config) []*analyzers.Analyzer {
	var out []*analyzers.Analyzer
	for _, a := range analyzers.All() {
		if cfg.Rule(a.Code, a.Name).IsEnabled() {
			out = append(out, a)
		}
	}
	return out
}

func notifications(snap *repo.Snapshot) []report.Notification {
	out := []report.Notification{}
	for _, p := range snap.Problems() {
		out = append(out, report.Notification{Path: p.Path, Message: p.Reason, Level: "warning"})
	}
	return out
}

func loadConfigFile(path string) (*config.Config, error) {
	if path == "" {
		return nil, nil
	}
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read config: %w", err)
	}
	return config.Parse(path, b)
}

func configFromSnapshot(snap *repo.Snapshot) (*config.Config, error) {
	b, err := snap.ReadFile(config.FileName)
	if errors.Is(err, fs.ErrNotExist) {
		return config.Default(), nil
	}
	if err != nil {
		return nil, err
	}
	return config.Parse(config.FileName, b)
}

// Inventory is a convenience for callers that want the stack alone.
func Inventory(ctx context.Context, target string, opts Options) (*stack.Inventory, *Result, error) {
	opts.SkipRules = true
	res, err := Scan(ctx, target, opts)
	if err != nil {
		return nil, nil, err
	}
	return res.Inventory, res, nil
}
