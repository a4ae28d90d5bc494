// Package config reads .stackaudit.toml: rule switches, levels, thresholds,
// money-path words and paths to ignore.
package config

import (
	"bytes"
	"fmt"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
)

// FileName is the configuration file looked for at the repository root.
const FileName = ".stackaudit.toml"

// Config is the effective configuration.
type Config struct {
	// ActiveDays is the window for active authors; 0 means the default.
	ActiveDays int `toml:"active-days"`
	// Ignore lists path globs left out of the scan's findings.
	Ignore []string `toml:"ignore"`
	// Rules holds per-rule settings keyed by code or name.
	Rules map[string]Rule `toml:"rules"`
	// Source is the file the configuration was read from, if any.
	Source string `toml:"-"`
}

// Rule is one rule's settings.
type Rule struct {
	// Enabled switches the rule; nil means on.
	Enabled *bool `toml:"enabled"`
	// Level overrides the rule's default level: error, warning or note.
	Level string `toml:"level"`
	// Options are the rule's own settings (thresholds and the like), as
	// decoded from TOML; the analyzers package checks them against what each
	// rule declares.
	Options map[string]any `toml:"-"`
}

// UnmarshalTOML takes enabled and level, and keeps every other key of a
// rule's table as an option.
func (r *Rule) UnmarshalTOML(v any) error {
	m, ok := v.(map[string]any)
	if !ok {
		return fmt.Errorf("want a table, got %T", v)
	}
	for k, val := range m {
		switch k {
		case "enabled":
			b, ok := val.(bool)
			if !ok {
				return fmt.Errorf("enabled: want true or false, got %v", val)
			}
			r.Enabled = &b
		case "level":
			s, ok := val.(string)
			if !ok {
				return fmt.Errorf("level: want a string, got %v", val)
			}
			r.Level = s
		default:
			if r.Options == nil {
				r.Options = map[string]any{}
			}
			r.Options[k] = val
		}
	}
	return nil
}

// IsEnabled reports whether the rule runs.
func (r Rule) IsEnabled() bool { return r.Enabled == nil || *r.Enabled }

// Default returns the configuration used when there is no file.
func Default() *Config { return &Config{Rules: map[string]Rule{}} }

// Rule returns the settings for a rule, looked up by code, then by name.
func (c *Config) Rule(code, name string) Rule {
	if c == nil {
		return Rule{}
	}
	for k, r := range c.Rules {
		if strings.EqualFold(k, code) {
			return r
		}
	}
	for k, r := range c.Rules {
		if strings.EqualFold(k, name) {
			return r
		}
	}
	return Rule{}
}

// Parse reads a configuration file's contents. Unknown keys and bad values
// are errors naming the key and, where known, the line.
func Parse(name string, data []byte) (*Config, error) {
	c := Default()
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(c)
	if err != nil {
		var perr toml.ParseError
		if ok := asParseError(err, &perr); ok {
			return nil, fmt.Errorf("%s:%d: %s", name, perr.Position.Line, perr.Message)
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	if und := md.Undecoded(); len(und) > 0 {
		keys := make([]string, 0, len(und))
		for _, k := range und {
			keys = append(keys, k.String())
		}
		sort.Strings(keys)
		return nil, fmt.Errorf("%s: unknown key %s", name, strings.Join(keys, ", "))
	}
	for k, r := range c.Rules {
		switch strings.ToLower(r.Level) {
		case "", "error", "warning", "note":
		default:
			return nil, fmt.Errorf("%s: rules.%s.level: %q is not error, warning or note", name, k, r.Level)
		}
	}
	if c.ActiveDays < 0 {
		return nil, fmt.Errorf("%s: active-days: must not be negative", name)
	}
	c.Source = name
	return c, nil
}

func asParseError(err error, target *toml.ParseError) bool {
	pe, ok := err.(toml.ParseError)
	if ok {
		*target = pe
	}
	return ok
}
