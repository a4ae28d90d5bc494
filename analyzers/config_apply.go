package analyzers

import (
	"fmt"
	"sort"

	"github.com/stackaudit/stackaudit/config"
)

// applyPathConfig applies the configuration's per-path overrides and
// ignores to a finding of a. It reports false when the finding is dropped:
// its rule is switched off under the finding's path, or a plain glob of
// `ignore` covers its path. An `ignore` table (with its required reason)
// keeps the finding and marks it suppressed, kind external, so SARIF shows
// the justification. It sets the level an override gives.
func applyPathConfig(cfg *config.Config, a *Analyzer, f *Finding) bool {
	if cfg == nil {
		return true
	}
	if ig := cfg.IgnoredBy(a.Code, a.Name, f.Location.Path); ig != nil {
		if ig.Glob {
			return false
		}
		if f.Suppression == nil {
			f.Suppression = &Suppression{Kind: External, Justification: ig.Reason}
			// The place of the ignore, when the file is in the repository
			// (not a --config file elsewhere).
			if src := cfg.Source; src == "" || src == config.FileName {
				f.Suppression.Location = &Location{Path: config.FileName, Line: cfg.Line("ignore")}
			}
		}
	}
	if len(cfg.Overrides) == 0 || f.Location.Path == "" {
		return true
	}
	r := cfg.RuleAt(a.Code, a.Name, f.Location.Path)
	if !r.IsEnabled() {
		return false
	}
	base := cfg.Rule(a.Code, a.Name)
	if r.Level != "" && r.Level != base.Level {
		if l, err := ParseLevel(r.Level); err == nil {
			f.Level = l
		}
	}
	return true
}

// checkConfigRefs rejects rule codes or names in [[overrides]] and
// [[ignore]] that no rule has.
func checkConfigRefs(cfg *config.Config) error {
	for i, o := range cfg.Overrides {
		keys := make([]string, 0, len(o.Rules))
		for k := range o.Rules {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			if Lookup(k) == nil {
				return fmt.Errorf("%s: overrides[%d].rules.%s: no rule has that code or name (see `stackaudit rules`)", cfg.Where("overrides", "rules", k), i, k)
			}
		}
	}
	for i, ig := range cfg.Ignore {
		for _, k := range ig.Rules {
			if Lookup(k) == nil {
				return fmt.Errorf("%s: ignore[%d].rules: no rule has the code or name %q (see `stackaudit rules`)", cfg.Where("ignore", "rules"), i, k)
			}
		}
	}
	return nil
}
