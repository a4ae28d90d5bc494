package stackaudit

import (
	"context"
	"encoding/json"
	"fmt"
	"os"

	"github.com/stackaudit/stackaudit/analyzers"
	"github.com/stackaudit/stackaudit/report"
)

// Fingerprints is a set of finding fingerprints.
type Fingerprints map[string]bool

// LoadBaseline reads the fingerprints of a report stackaudit wrote earlier:
// JSON (findings[].fingerprint) or SARIF
// (runs[].results[].partialFingerprints["stackaudit/v1"]).
func LoadBaseline(path string) (Fingerprints, error) {
	b, err := os.ReadFile(path)
	if err != nil {
		return nil, fmt.Errorf("read baseline: %w", err)
	}
	fps, err := ParseBaseline(b)
	if err != nil {
		return nil, fmt.Errorf("baseline %s: %w", path, err)
	}
	return fps, nil
}

// ParseBaseline reads the fingerprints of a stackaudit JSON or SARIF report.
func ParseBaseline(b []byte) (Fingerprints, error) {
	var doc struct {
		SchemaVersion *string `json:"schemaVersion"`
		Findings      []struct {
			Fingerprint string `json:"fingerprint"`
		} `json:"findings"`
		Runs []struct {
			Results []struct {
				PartialFingerprints map[string]any `json:"partialFingerprints"`
			} `json:"results"`
		} `json:"runs"`
	}
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, fmt.Errorf("not a stackaudit JSON or SARIF report: %v", err)
	}
	fps := Fingerprints{}
	switch {
	case doc.Runs != nil:
		for _, run := range doc.Runs {
			for _, r := range run.Results {
				if s, ok := r.PartialFingerprints[report.FingerprintKey].(string); ok && s != "" {
					fps[s] = true
				}
			}
		}
	case doc.SchemaVersion != nil && doc.Findings != nil:
		for _, f := range doc.Findings {
			if f.Fingerprint != "" {
				fps[f.Fingerprint] = true
			}
		}
	default:
		return nil, fmt.Errorf("not a stackaudit JSON or SARIF report (it has neither findings nor runs); write one with `stackaudit baseline`")
	}
	return fps, nil
}

// Filter leaves out of res the findings whose fingerprints are in fps and
// counts them in res.Baselined.
func (fps Fingerprints) Filter(res *Result) {
	kept := res.Findings[:0]
	for _, f := range res.Findings {
		if fps[f.Fingerprint] {
			res.Baselined++
			continue
		}
		kept = append(kept, f)
	}
	res.Findings = kept
}

// scanAgainstBaseline scans target and leaves out what the baseline file
// or the scan of revision opts.NewSince already had.
func scanAgainstBaseline(ctx context.Context, target string, opts Options) (*Result, error) {
	var known Fingerprints
	if opts.Baseline != "" {
		fps, err := LoadBaseline(opts.Baseline)
		if err != nil {
			return nil, err
		}
		known = fps
	}
	base := opts
	base.Baseline, base.NewSince = "", ""
	if opts.NewSince != "" {
		old := base
		old.Rev = opts.NewSince
		old.Progress = nil
		prev, err := Scan(ctx, target, old)
		if err != nil {
			return nil, fmt.Errorf("--new-since %s: %w", opts.NewSince, err)
		}
		if known == nil {
			known = Fingerprints{}
		}
		for _, f := range prev.Findings {
			known[f.Fingerprint] = true
		}
	}
	res, err := Scan(ctx, target, base)
	if err != nil {
		return nil, err
	}
	known.Filter(res)
	if res.Findings == nil {
		res.Findings = []analyzers.Finding{}
	}
	return res, nil
}
