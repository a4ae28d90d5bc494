package main

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"os/signal"
	"path/filepath"
	"sort"
	"strings"

	"github.com/BurntSushi/toml"
	"github.com/stackaudit/stackaudit/analyzers"
	"github.com/stackaudit/stackaudit/config"
	"github.com/stackaudit/stackaudit/repo"
)

func init() {
	commands = append(commands, &command{
		name: "config", summary: "print the effective configuration (TOML) of a repository",
		usage:   "stackaudit config [PATH] [--config FILE | --rev REV]",
		example: "stackaudit config .\n  stackaudit config . --rev v1.2.0\n  stackaudit config --config ci/stackaudit.toml",
		run:     runConfig,
	})
}

func runConfig(e *env, args []string) int {
	c := lookupCommand("config")
	flags := newFlagSet(e, c)
	file := flags.String("config", "", "read configuration from `FILE` (default: .stackaudit.toml in PATH)")
	rev := flags.String("rev", "", "read .stackaudit.toml of revision `REV` from git objects, as scan --rev does")
	pos, code, done := parse(e, c, flags, args, 1)
	if done {
		return code
	}
	path := *file
	if path == "" {
		path = filepath.Join(target(pos), config.FileName)
	}
	cfg := config.Default()
	var b []byte
	var err error
	if *rev != "" && *file == "" {
		// The scanned revision's own configuration.
		b, err = configAtRev(target(pos), *rev)
		path = *rev + ":" + config.FileName
	} else {
		b, err = os.ReadFile(path)
	}
	switch {
	case err == nil:
		if cfg, err = config.Parse(path, b); err != nil {
			return fail(e, "config", err)
		}
	case errors.Is(err, fs.ErrNotExist) && *file == "":
		// No file: the defaults are the effective configuration.
	default:
		return fail(e, "config", fmt.Errorf("read config: %w", err))
	}
	if err := analyzers.CheckConfig(cfg); err != nil {
		return fail(e, "config", err)
	}
	var buf bytes.Buffer
	writeConfig(&buf, cfg, false)
	e.stdout.Write(buf.Bytes())
	return exitClean
}

// writeConfig writes cfg as TOML with every key: the configured values,
// and the defaults for the rest. With docs, each key carries its
// documentation as a comment (the starter file of `stackaudit init`).
func writeConfig(w io.Writer, cfg *config.Config, docs bool) {
	comment := func(format string, args ...any) {
		if docs {
			for _, l := range strings.Split(fmt.Sprintf(format, args...), "\n") {
				fmt.Fprintf(w, "# %s\n", l)
			}
		}
	}
	if docs {
		fmt.Fprintf(w, "# stackaudit configuration: %s at the repository root, or --config FILE.\n", config.FileName)
		fmt.Fprint(w, "# Every key is written at its default; delete what you do not change.\n")
		fmt.Fprint(w, "# `stackaudit config` prints the effective configuration; `stackaudit explain CODE` documents a rule.\n\n")
	} else if cfg.Source != "" {
		fmt.Fprintf(w, "# effective configuration: %s and the defaults\n\n", cfg.Source)
	} else {
		fmt.Fprint(w, "# effective configuration: the defaults (no configuration file)\n\n")
	}
	days := cfg.ActiveDays
	if days == 0 {
		days = repo.DefaultActiveDays
	}
	comment("Authors who committed in the last N days count as active (bus factor, busiest files).")
	fmt.Fprintf(w, "active-days = %d\n\n", days)

	comment("Findings to leave out. A plain glob drops every finding under the paths it matches\n" +
		"(`**` spans folders; a glob without a slash matches a name at any depth, as in .gitignore).\n" +
		"A table names paths and/or rules and must say why the team accepts the findings:\n" +
		"  ignore = [\n" +
		"    \"vendor/**\",\n" +
		"    { paths = [\"services/old/**\"], rules = [\"SA601\"], reason = \"frozen, removed in Q3\" },\n" +
		"  ]")
	fmt.Fprintf(w, "ignore = %s\n", ignoreValue(cfg.Ignore))

	for _, a := range analyzers.All() {
		fmt.Fprintln(w)
		comment("%s %s (%s): %s", a.Code, a.Name, a.Category, a.Summary)
		r := cfg.Rule(a.Code, a.Name)
		fmt.Fprintf(w, "[rules.%s]\n", a.Code)
		comment("name: %s; set enabled = false to switch the rule off", a.Name)
		fmt.Fprintf(w, "enabled = %t\n", r.IsEnabled())
		level := string(a.Level)
		if r.Level != "" {
			level = strings.ToLower(r.Level)
		}
		comment("error, warning or note (default %s)", a.Level)
		fmt.Fprintf(w, "level = %s\n", tomlValue(level))
		for _, o := range a.Options {
			v := o.Default
			if cv, ok := r.Options[o.Name]; ok {
				v = cv
			}
			comment("%s", o.Doc)
			fmt.Fprintf(w, "%s = %s\n", o.Name, tomlValue(v))
		}
	}

	if docs {
		fmt.Fprintln(w)
		comment("Per-path switches: enabled and level of rules under some paths; later entries win.\n" +
			"  [[overrides]]\n" +
			"  paths = [\"legacy/**\"]\n" +
			"  [overrides.rules.SA201]\n" +
			"  enabled = false")
	}
	for _, o := range cfg.Overrides {
		fmt.Fprintf(w, "\n[[overrides]]\npaths = %s\n", tomlValue(o.Paths))
		keys := make([]string, 0, len(o.Rules))
		for k := range o.Rules {
			keys = append(keys, k)
		}
		sort.Strings(keys)
		for _, k := range keys {
			r := o.Rules[k]
			fmt.Fprintf(w, "[overrides.rules.%s]\n", tomlKey(k))
			if r.Enabled != nil {
				fmt.Fprintf(w, "enabled = %t\n", *r.Enabled)
			}
			if r.Level != "" {
				fmt.Fprintf(w, "level = %s\n", tomlValue(r.Level))
			}
		}
	}
}

func ignoreValue(is config.Ignores) string {
	if len(is) == 0 {
		return "[]"
	}
	var b strings.Builder
	b.WriteString("[\n")
	for _, ig := range is {
		if ig.Glob {
			fmt.Fprintf(&b, "  %s,\n", tomlValue(ig.Paths[0]))
			continue
		}
		var parts []string
		if len(ig.Paths) > 0 {
			parts = append(parts, "paths = "+tomlValue(ig.Paths))
		}
		if len(ig.Rules) > 0 {
			parts = append(parts, "rules = "+tomlValue(ig.Rules))
		}
		parts = append(parts, "reason = "+tomlValue(ig.Reason))
		fmt.Fprintf(&b, "  { %s },\n", strings.Join(parts, ", "))
	}
	b.WriteString("]")
	return b.String()
}

// tomlValue writes one value as TOML, through the TOML encoder.
func tomlValue(v any) string {
	if l, ok := v.([]string); ok && len(l) == 0 {
		return "[]"
	}
	var buf bytes.Buffer
	if err := toml.NewEncoder(&buf).Encode(map[string]any{"v": v}); err != nil {
		return fmt.Sprintf("%q", fmt.Sprint(v))
	}
	return strings.TrimSpace(strings.TrimPrefix(buf.String(), "v = "))
}

// tomlKey quotes a table key when it is not a bare key.
func tomlKey(k string) string {
	for _, c := range k {
		if !(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-') {
			return tomlValue(k)
		}
	}
	return k
}

// configAtRev reads .stackaudit.toml from revision rev of the repository
// at dir, through the snapshot a scan --rev reads.
func configAtRev(dir, rev string) ([]byte, error) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	defer stop()
	snap, err := repo.Open(ctx, dir, repo.Options{Rev: rev})
	if err != nil {
		return nil, err
	}
	defer snap.Close()
	return snap.ReadFile(config.FileName)
}
