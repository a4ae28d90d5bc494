// Package config reads .stackaudit.toml: rule switches, levels, thresholds,
// money-path words, paths to ignore and per-path rule switches.
package config

import (
	"bytes"
	"errors"
	"fmt"
	"regexp"
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
	// Ignore drops findings: a plain glob drops every finding under the
	// paths it matches; a table ([[ignore]]) names paths and/or rules and
	// must give a reason.
	Ignore Ignores `toml:"ignore"`
	// Rules holds per-rule settings keyed by code or name.
	Rules map[string]Rule `toml:"rules"`
	// Overrides switch rules on or off, or change their level, under some
	// paths. Later entries win over earlier ones.
	Overrides []Override `toml:"overrides"`
	// Source is the file the configuration was read from, if any.
	Source string `toml:"-"`

	lines map[string]int // key path (dotted, no array index) → first line
}

// Ignore is one entry of the ignore list.
type Ignore struct {
	// Paths are globs (`**` spans folders); empty means every path.
	Paths []string `toml:"paths,omitempty"`
	// Rules are codes or names; empty means every rule.
	Rules []string `toml:"rules,omitempty"`
	// Reason says why the team accepts what is ignored; required for the
	// table form.
	Reason string `toml:"reason,omitempty"`
	// Glob is set when the entry was written as a plain string.
	Glob bool `toml:"-"`
}

// Ignores is the ignore list: plain globs and [[ignore]] tables.
type Ignores []Ignore

// UnmarshalTOML takes `ignore = ["a/**"]` and `[[ignore]]` tables.
func (is *Ignores) UnmarshalTOML(v any) error {
	var items []any
	switch x := v.(type) {
	case []any:
		items = x
	case []map[string]any:
		for _, m := range x {
			items = append(items, m)
		}
	default:
		return fmt.Errorf("ignore: want a list of globs or [[ignore]] tables, got %s", tomlType(v))
	}
	for i, it := range items {
		switch x := it.(type) {
		case string:
			*is = append(*is, Ignore{Paths: []string{x}, Glob: true})
		case map[string]any:
			var ig Ignore
			keys := sortedKeys(x)
			for _, k := range keys {
				var err error
				switch k {
				case "paths":
					ig.Paths, err = stringList(x[k])
				case "rules":
					ig.Rules, err = stringList(x[k])
				case "reason":
					s, ok := x[k].(string)
					if !ok {
						err = fmt.Errorf("want a string, got %s", tomlType(x[k]))
					}
					ig.Reason = strings.TrimSpace(s)
				default:
					err = errors.New("unknown key (an [[ignore]] table takes paths, rules and reason)")
				}
				if err != nil {
					return fmt.Errorf("ignore[%d].%s: %v", i, k, err)
				}
			}
			if ig.Reason == "" {
				return fmt.Errorf("ignore[%d]: reason is required: say why the team accepts these findings", i)
			}
			if len(ig.Paths) == 0 && len(ig.Rules) == 0 {
				return fmt.Errorf("ignore[%d]: give paths, rules or both", i)
			}
			*is = append(*is, ig)
		default:
			return fmt.Errorf("ignore[%d]: want a glob string or a table, got %s", i, tomlType(it))
		}
	}
	return nil
}

// Override switches rules under some paths.
type Override struct {
	// Paths are globs (`**` spans folders).
	Paths []string `toml:"paths"`
	// Rules holds enabled and level per rule, keyed by code or name.
	Rules map[string]Rule `toml:"rules"`
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
		return fmt.Errorf("want a table, got %s", tomlType(v))
	}
	for k, val := range m {
		switch k {
		case "enabled":
			b, ok := val.(bool)
			if !ok {
				return fmt.Errorf("enabled: want true or false, got %s", tomlType(val))
			}
			r.Enabled = &b
		case "level":
			s, ok := val.(string)
			if !ok {
				return fmt.Errorf("level: want \"error\", \"warning\" or \"note\", got %s", tomlType(val))
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
	return lookupRule(c.Rules, code, name)
}

func lookupRule(rules map[string]Rule, code, name string) Rule {
	for k, r := range rules {
		if strings.EqualFold(k, code) {
			return r
		}
	}
	for k, r := range rules {
		if strings.EqualFold(k, name) {
			return r
		}
	}
	return Rule{}
}

// RuleAt is Rule with the overrides whose paths match path applied: their
// enabled and level replace the rule's. An empty path (a finding on the
// repository as a whole) takes no override.
func (c *Config) RuleAt(code, name, path string) Rule {
	r := c.Rule(code, name)
	if c == nil || path == "" {
		return r
	}
	for _, o := range c.Overrides {
		if !MatchAny(o.Paths, path) {
			continue
		}
		or := lookupRule(o.Rules, code, name)
		if or.Enabled != nil {
			r.Enabled = or.Enabled
		}
		if or.Level != "" {
			r.Level = or.Level
		}
	}
	return r
}

// IgnoredBy returns the ignore entry that covers a finding of rule
// code/name at path, or nil; plain globs come first. A plain glob covers any
// finding under the paths it matches; a table covers the findings of its
// rules (all when it names none) under its paths (anywhere when it names
// none).
func (c *Config) IgnoredBy(code, name, path string) *Ignore {
	if c == nil {
		return nil
	}
	for _, globs := range []bool{true, false} {
		for i := range c.Ignore {
			ig := &c.Ignore[i]
			if ig.Glob != globs {
				continue
			}
			if len(ig.Paths) > 0 && (path == "" || !MatchAny(ig.Paths, path)) {
				continue
			}
			if len(ig.Rules) > 0 && !namesRule(ig.Rules, code, name) {
				continue
			}
			return ig
		}
	}
	return nil
}

func namesRule(list []string, code, name string) bool {
	for _, s := range list {
		if strings.EqualFold(s, code) || strings.EqualFold(s, name) {
			return true
		}
	}
	return false
}

// Line returns the line of the file where key (dotted path, as in
// "rules.SA601.level") was first written, or 0.
func (c *Config) Line(key ...string) int {
	if c == nil {
		return 0
	}
	for len(key) > 0 {
		if l, ok := c.lines[strings.Join(key, ".")]; ok {
			return l
		}
		key = key[:len(key)-1] // fall back to the enclosing table
	}
	return 0
}

// Where names the file and line of key for a message: ".stackaudit.toml:12".
func (c *Config) Where(key ...string) string {
	src := "configuration"
	if c != nil && c.Source != "" {
		src = c.Source
	}
	if l := c.Line(key...); l > 0 {
		return fmt.Sprintf("%s:%d", src, l)
	}
	return src
}

// decodeErr is how BurntSushi/toml words a value of the wrong type.
var decodeErr = regexp.MustCompile(`^toml: line (\d+) \(last key "([^"]*)"\): (.*)$`)

// Parse reads a configuration file's contents. Unknown keys and bad values
// are errors naming the key and the line.
func Parse(name string, data []byte) (*Config, error) {
	c := Default()
	c.Source = name
	md, err := toml.NewDecoder(bytes.NewReader(data)).Decode(c)
	if err != nil {
		var perr toml.ParseError
		if errors.As(err, &perr) {
			msg := perr.Message
			if perr.LastKey != "" && !strings.Contains(msg, perr.LastKey) {
				msg = perr.LastKey + ": " + msg
			}
			return nil, fmt.Errorf("%s:%d: %s", name, perr.Position.Line, msg)
		}
		if m := decodeErr.FindStringSubmatch(err.Error()); m != nil {
			return nil, fmt.Errorf("%s:%s: %s: %s", name, m[1], m[2], m[3])
		}
		return nil, fmt.Errorf("%s: %w", name, err)
	}
	c.lines = keyLines(data)
	var unknown []string
	for _, k := range md.Undecoded() {
		if k[0] == "ignore" {
			continue // checked by Ignores.UnmarshalTOML (inline tables in the list)
		}
		unknown = append(unknown, k.String())
	}
	if len(unknown) > 0 {
		sort.Strings(unknown)
		first := unknown[0]
		return nil, fmt.Errorf("%s: unknown key %s (the file takes active-days, ignore, rules and overrides; `stackaudit init` writes them all)", c.Where(strings.Split(first, ".")...), first)
	}
	if err := c.validate(); err != nil {
		return nil, err
	}
	return c, nil
}

func (c *Config) validate() error {
	if c.ActiveDays < 0 {
		return fmt.Errorf("%s: active-days: must not be negative, got %d", c.Where("active-days"), c.ActiveDays)
	}
	if err := checkLevels(c, "rules", c.Rules); err != nil {
		return err
	}
	for i, ig := range c.Ignore {
		for _, p := range ig.Paths {
			if err := CheckGlob(p); err != nil {
				return fmt.Errorf("%s: ignore[%d]: %v", c.Where("ignore"), i, err)
			}
		}
	}
	for i, o := range c.Overrides {
		if len(o.Paths) == 0 {
			return fmt.Errorf("%s: overrides[%d]: paths is required (globs such as \"legacy/**\")", c.Where("overrides"), i)
		}
		for _, p := range o.Paths {
			if err := CheckGlob(p); err != nil {
				return fmt.Errorf("%s: overrides[%d].paths: %v", c.Where("overrides", "paths"), i, err)
			}
		}
		if err := checkLevels(c, "overrides.rules", o.Rules); err != nil {
			return err
		}
		for _, k := range sortedKeys(o.Rules) {
			if opts := o.Rules[k].Options; len(opts) > 0 {
				n := sortedKeys(opts)[0]
				return fmt.Errorf("%s: overrides.rules.%s.%s: an override takes only enabled and level; set thresholds in [rules.%s]", c.Where("overrides", "rules", k, n), k, n, k)
			}
		}
	}
	return nil
}

func checkLevels(c *Config, prefix string, rules map[string]Rule) error {
	for _, k := range sortedKeys(rules) {
		switch strings.ToLower(rules[k].Level) {
		case "", "error", "warning", "note":
		default:
			key := append(strings.Split(prefix, "."), k, "level")
			return fmt.Errorf("%s: %s.%s.level: %q is not error, warning or note", c.Where(key...), prefix, k, rules[k].Level)
		}
	}
	return nil
}

func stringList(v any) ([]string, error) {
	l, ok := v.([]any)
	if !ok {
		return nil, fmt.Errorf("want a list of strings, got %s", tomlType(v))
	}
	out := make([]string, 0, len(l))
	for _, x := range l {
		s, ok := x.(string)
		if !ok {
			return nil, fmt.Errorf("want a list of strings, got a %s in it", tomlType(x))
		}
		out = append(out, s)
	}
	return out, nil
}

func tomlType(v any) string {
	switch v.(type) {
	case string:
		return "a string"
	case bool:
		return "a boolean"
	case int64:
		return "an integer"
	case float64:
		return "a float"
	case []any:
		return "an array"
	case map[string]any:
		return "a table"
	case []map[string]any:
		return "an array of tables"
	}
	return fmt.Sprintf("%T", v)
}

func sortedKeys[V any](m map[string]V) []string {
	out := make([]string, 0, len(m))
	for k := range m {
		out = append(out, k)
	}
	sort.Strings(out)
	return out
}
