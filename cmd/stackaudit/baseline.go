package main

import (
	"bytes"
	"flag"
	"fmt"

	"github.com/stackaudit/stackaudit"
	"github.com/stackaudit/stackaudit/report"
)

// suppressFlags are scan's flags for suppressions and baselines.
type suppressFlags struct {
	reportUnused bool
	baseline     string
	newSince     string
}

func registerSuppressFlags(fs *flag.FlagSet) *suppressFlags {
	s := &suppressFlags{}
	fs.BoolVar(&s.reportUnused, "report-unused-ignores", false, "report stackaudit:ignore comments that suppress no finding (as SA001 notes)")
	fs.StringVar(&s.baseline, "baseline", "", "leave out findings already in `FILE`, a JSON or SARIF report of an earlier scan (see stackaudit baseline)")
	fs.StringVar(&s.newSince, "new-since", "", "scan revision `REV` too and report only findings it did not have (for pull-request checks)")
	return s
}

func (s *suppressFlags) apply(o stackaudit.Options) stackaudit.Options {
	o.ReportUnusedIgnores = s.reportUnused
	o.Baseline = s.baseline
	o.NewSince = s.newSince
	return o
}

var baselineCommand = &command{name: "baseline", summary: "write a baseline of the current findings, for scan --baseline",
	usage:   "stackaudit baseline [PATH] [--output FILE]",
	example: "stackaudit baseline . --output .stackaudit-baseline.json\n  stackaudit scan . --baseline .stackaudit-baseline.json",
	run:     runBaseline}

// runBaseline scans and writes the JSON report, whose fingerprints scan
// --baseline reads.
func runBaseline(e *env, args []string) int {
	c := lookupCommand("baseline")
	fs := newFlagSet(e, c)
	t := targetFlags{timeout: defaultTimeout}
	fs.StringVar(&t.output, "output", "", "write the baseline to `FILE` instead of standard output")
	fs.StringVar(&t.output, "o", "", "shorthand for --output")
	fs.StringVar(&t.rev, "rev", "", "take the baseline of revision `REV` read from git objects")
	fs.StringVar(&t.config, "config", "", "read configuration from `FILE` (default: .stackaudit.toml in the scanned tree)")
	fs.DurationVar(&t.timeout, "timeout", defaultTimeout, "give up after `DURATION` (0 for no limit) and exit 2")
	pos, code, done := parse(e, c, fs, args, 1)
	if done {
		return code
	}
	ctx, stop := t.context()
	defer stop()
	res, err := stackaudit.Scan(ctx, target(pos), t.options(e, ""))
	if err != nil {
		return t.failScan(e, "baseline", err)
	}
	var buf bytes.Buffer
	if err := report.JSON(&buf, res); err != nil {
		return fail(e, "baseline", err)
	}
	if err := write(e, t.output, buf.Bytes()); err != nil {
		return fail(e, "baseline", err)
	}
	if t.output != "" {
		fmt.Fprintf(e.stderr, "stackaudit baseline: %d findings written to %s; scan with --baseline %s to report only new ones\n",
			len(res.Findings), t.output, t.output)
	}
	return exitClean
}
