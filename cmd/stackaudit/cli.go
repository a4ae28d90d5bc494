package main

import (
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/signal"
	"runtime/debug"
	"strings"
	"text/tabwriter"
	"time"

	"github.com/stackaudit/stackaudit"
	"github.com/stackaudit/stackaudit/analyzers"
	"github.com/stackaudit/stackaudit/report"
)

// Exit statuses, as DESIGN.md's output contract fixes them.
const (
	exitClean    = 0 // no finding at or above --fail-on
	exitFindings = 1 // findings at or above --fail-on
	exitError    = 2 // the scan could not run
)

// errUsage marks errors already explained by the flag package.
var errUsage = errors.New("usage")

// command is one sub-command.
type command struct {
	name    string
	summary string
	usage   string
	example string
	run     func(env *env, args []string) int
}

// env is what a command may touch.
type env struct {
	stdin          io.Reader
	stdout, stderr io.Writer
	getenv         func(string) string
}

var commands []*command

func init() {
	commands = []*command{
		{name: "scan", summary: "scan a repository and report its risks", usage: "stackaudit scan [PATH|URL] [flags]",
			example: "stackaudit scan .\n  stackaudit scan . --format sarif --output stackaudit.sarif\n  stackaudit scan https://github.com/org/repo --format json\n  stackaudit scan . --format markdown --output audit.md\n  stackaudit scan . --rev HEAD~5 --fail-on warning",
			run:     runScan},
		{name: "stack", summary: "print the detected stack (the inventory) without running rules", usage: "stackaudit stack [PATH|URL] [flags]",
			example: "stackaudit stack .\n  stackaudit stack . --format json", run: runStack},
		{name: "rules", summary: "list the rules", usage: "stackaudit rules [--format text|json]",
			example: "stackaudit rules", run: runRules},
		{name: "explain", summary: "print the documentation of a rule", usage: "stackaudit explain CODE|NAME",
			example: "stackaudit explain SA601\n  stackaudit explain missing-lockfile", run: runExplain},
		{name: "version", summary: "print the version", usage: "stackaudit version", example: "stackaudit version", run: runVersion},
		baselineCommand,
	}
}

// Main runs the command line and returns the exit status.
func Main(args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	e := &env{stdin: stdin, stdout: stdout, stderr: stderr, getenv: os.Getenv}
	if len(args) == 0 {
		mainUsage(stderr)
		return exitError
	}
	name := args[0]
	switch name {
	case "-h", "-help", "--help", "help":
		if len(args) > 1 {
			if c := lookupCommand(args[1]); c != nil {
				return c.run(e, []string{"--help"})
			}
		}
		mainUsage(stdout)
		return exitClean
	case "-version", "--version":
		return runVersion(e, nil)
	}
	c := lookupCommand(name)
	if c == nil {
		fmt.Fprintf(stderr, "stackaudit: unknown command %q\n\n", name)
		mainUsage(stderr)
		return exitError
	}
	return c.run(e, args[1:])
}

func lookupCommand(name string) *command {
	for _, c := range commands {
		if c.name == name {
			return c
		}
	}
	return nil
}

func mainUsage(w io.Writer) {
	fmt.Fprint(w, "stackaudit audits a repository's backend stack for maintenance risks.\n\nUsage:\n  stackaudit <command> [arguments]\n\nCommands:\n")
	tw := tabwriter.NewWriter(w, 0, 0, 2, ' ', 0)
	for _, c := range commands {
		fmt.Fprintf(tw, "  %s\t%s\n", c.name, c.summary)
	}
	tw.Flush()
	fmt.Fprint(w, "\nExamples:\n  stackaudit scan .\n  stackaudit scan . --format sarif --output stackaudit.sarif\n  stackaudit explain SA601\n\nRun 'stackaudit <command> --help' for a command's flags.\n")
}

// newFlagSet builds a flag set whose usage shows the command's example.
func newFlagSet(e *env, c *command) *flag.FlagSet {
	fs := flag.NewFlagSet(c.name, flag.ContinueOnError)
	fs.SetOutput(e.stderr)
	fs.Usage = func() {
		out := fs.Output()
		fmt.Fprintf(out, "%s\n\nUsage:\n  %s\n", strings.ToUpper(c.summary[:1])+c.summary[1:], c.usage)
		var hasFlags bool
		fs.VisitAll(func(*flag.Flag) { hasFlags = true })
		if hasFlags {
			fmt.Fprint(out, "\nFlags:\n")
			fs.PrintDefaults()
		}
		fmt.Fprintf(out, "\nExample:\n  %s\n", c.example)
	}
	return fs
}

// parseInterspersed parses flags that may come before or after the
// positional arguments, as users of golangci-lint and ruff expect.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var pos []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return pos, nil
		}
		if args[0] == "--" {
			return append(pos, args[1:]...), nil
		}
		pos = append(pos, args[0])
		args = args[1:]
	}
}

// parse parses args and reports the exit status to return, if any: help
// asked for exits 0, a bad flag exits 2.
func parse(e *env, c *command, fs *flag.FlagSet, args []string, maxPos int) ([]string, int, bool) {
	var help bool
	fs.BoolVar(&help, "help", false, "show this help")
	pos, err := parseInterspersed(fs, args)
	if errors.Is(err, flag.ErrHelp) || help {
		fs.SetOutput(e.stdout)
		fs.Usage()
		return nil, exitClean, true
	}
	if err != nil {
		return nil, exitError, true
	}
	if len(pos) > maxPos {
		fmt.Fprintf(e.stderr, "stackaudit %s: too many arguments: %s\n", c.name, strings.Join(pos, " "))
		fs.Usage()
		return nil, exitError, true
	}
	return pos, 0, false
}

// targetFlags are shared by scan and stack.
type targetFlags struct {
	format      string
	output      string
	rev         string
	config      string
	activeDays  int
	fullHistory bool
	timeout     time.Duration
}

// defaultTimeout bounds a scan unless --timeout says otherwise.
const defaultTimeout = 10 * time.Minute

func (t *targetFlags) register(fs *flag.FlagSet, formats string) {
	fs.StringVar(&t.format, "format", "text", "output format: "+formats)
	fs.StringVar(&t.output, "output", "", "write the report to `FILE` instead of standard output")
	fs.StringVar(&t.output, "o", "", "shorthand for --output")
	fs.StringVar(&t.rev, "rev", "", "scan revision `REV` read from git objects (the working tree is untouched)")
	fs.StringVar(&t.config, "config", "", "read configuration from `FILE` (default: .stackaudit.toml in the scanned tree)")
	fs.IntVar(&t.activeDays, "active-days", 0, "count authors active in the last `N` days (default 180)")
	fs.BoolVar(&t.fullHistory, "full-history", false, "walk all of git history, not only the active window")
	fs.DurationVar(&t.timeout, "timeout", defaultTimeout, "give up after `DURATION` (e.g. 30s, 5m, 1h; 0 for no limit) and exit 2")
}

// context is the scan's context: cancelled by an interrupt and, unless
// --timeout is 0, by the deadline.
func (t *targetFlags) context() (context.Context, context.CancelFunc) {
	ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
	if t.timeout <= 0 {
		return ctx, stop
	}
	ctx, cancel := context.WithTimeout(ctx, t.timeout)
	return ctx, func() { cancel(); stop() }
}

// failScan reports why a scan stopped. A scan cut short by --timeout says
// where it stopped (the error names the stage) and how to let it finish.
func (t *targetFlags) failScan(e *env, cmd string, err error) int {
	if errors.Is(err, context.DeadlineExceeded) {
		fmt.Fprintf(e.stderr, "stackaudit %s: timed out after %v: %v\nstackaudit %s: give it longer with --timeout %v, or --timeout 0 for no limit\n",
			cmd, t.timeout, err, cmd, suggestTimeout(t.timeout))
		return exitError
	}
	return fail(e, cmd, err)
}

// suggestTimeout is a larger limit to try: four times the one that ran out,
// rounded to a readable figure.
func suggestTimeout(d time.Duration) time.Duration {
	s := 4 * d
	switch {
	case s >= time.Minute:
		return s.Round(time.Minute)
	case s >= time.Second:
		return s.Round(time.Second)
	}
	return time.Second
}

func runScan(e *env, args []string) int {
	c := lookupCommand("scan")
	fs := newFlagSet(e, c)
	var t targetFlags
	t.register(fs, "text, json, sarif, markdown")
	failOn := fs.String("fail-on", "error", "exit 1 when a finding is at or above `LEVEL`: error, warning, note or none")
	category := fs.String("category", "", "SARIF automationDetails.id, to tell several uploads apart in GitHub code scanning")
	sup := registerSuppressFlags(fs) // --report-unused-ignores, --baseline, --new-since (baseline.go)
	pos, code, done := parse(e, c, fs, args, 1)
	if done {
		return code
	}
	switch t.format {
	case "text", "json", "sarif", "markdown":
	default:
		return fail(e, "scan", fmt.Errorf("--format %q: want text, json, sarif or markdown", t.format))
	}
	threshold := 0
	if *failOn != "none" {
		l, err := analyzers.ParseLevel(*failOn)
		if err != nil {
			return fail(e, "scan", fmt.Errorf("--fail-on: %w (or none)", err))
		}
		threshold = l.Rank()
	}
	if t.activeDays < 0 {
		return fail(e, "scan", errors.New("--active-days must not be negative"))
	}
	if t.timeout < 0 {
		return fail(e, "scan", errors.New("--timeout must not be negative (0 means no limit)"))
	}

	ctx, stop := t.context()
	defer stop()
	res, err := stackaudit.Scan(ctx, target(pos), sup.apply(t.options(e, *category)))
	if err != nil {
		return t.failScan(e, "scan", err)
	}

	var buf bytes.Buffer
	switch t.format {
	case "text":
		err = report.Text(&buf, res, report.TextOptions{Color: t.output == "" && colorful(e)})
	case "json":
		err = report.JSON(&buf, res)
	case "sarif":
		err = report.SARIF(&buf, res)
	case "markdown":
		err = report.Markdown(&buf, res)
	}
	if err == nil {
		err = write(e, t.output, buf.Bytes())
	}
	if err != nil {
		return fail(e, "scan", err)
	}
	if t.output != "" || t.format != "text" {
		// The report went to a file or is for machines: say in one line on
		// stderr what happened, since the terminal shows nothing else.
		for _, n := range res.Notifications {
			what := "could not read"
			if n.Level == "note" {
				// A rule that could not judge (SA401 without git history).
				what = "could not judge"
			}
			fmt.Fprintf(e.stderr, "stackaudit: %s %s: %s\n", what, n.Path, n.Message)
		}
	}
	if threshold > 0 {
		for _, f := range res.Findings {
			if f.Suppression == nil && f.Level.Rank() >= threshold {
				return exitFindings
			}
		}
	}
	return exitClean
}

func (t *targetFlags) options(e *env, category string) stackaudit.Options {
	opts := stackaudit.Options{
		Rev:         t.rev,
		ConfigPath:  t.config,
		ActiveDays:  t.activeDays,
		FullHistory: t.fullHistory,
		Category:    category,
	}
	if isTerminal(e.stderr) {
		opts.Progress = e.stderr
	}
	return opts
}

func runStack(e *env, args []string) int {
	c := lookupCommand("stack")
	fs := newFlagSet(e, c)
	var t targetFlags
	t.register(fs, "text, json")
	pos, code, done := parse(e, c, fs, args, 1)
	if done {
		return code
	}
	if t.format != "text" && t.format != "json" {
		return fail(e, "stack", fmt.Errorf("--format %q: want text or json", t.format))
	}
	if t.timeout < 0 {
		return fail(e, "stack", errors.New("--timeout must not be negative (0 means no limit)"))
	}
	ctx, stop := t.context()
	defer stop()
	inv, res, err := stackaudit.Inventory(ctx, target(pos), t.options(e, ""))
	if err != nil {
		return t.failScan(e, "stack", err)
	}
	var buf bytes.Buffer
	if t.format == "json" {
		err = report.StackJSON(&buf, inv)
	} else {
		err = report.Stack(&buf, inv, report.TextOptions{Color: t.output == "" && colorful(e)})
	}
	if err == nil {
		err = write(e, t.output, buf.Bytes())
	}
	if err != nil {
		return fail(e, "stack", err)
	}
	for _, n := range res.Notifications {
		fmt.Fprintf(e.stderr, "stackaudit: could not read %s: %s\n", n.Path, n.Message)
	}
	return exitClean
}

func runRules(e *env, args []string) int {
	c := lookupCommand("rules")
	fs := newFlagSet(e, c)
	format := fs.String("format", "text", "output format: text or json")
	if _, code, done := parse(e, c, fs, args, 0); done {
		return code
	}
	all := analyzers.All()
	switch *format {
	case "text":
		tw := tabwriter.NewWriter(e.stdout, 0, 0, 2, ' ', 0)
		fmt.Fprintln(tw, "CODE\tNAME\tCATEGORY\tLEVEL\tSUMMARY")
		for _, a := range all {
			fmt.Fprintf(tw, "%s\t%s\t%s\t%s\t%s\n", a.Code, a.Name, a.Category, a.Level, a.Summary)
		}
		tw.Flush()
	case "json":
		type rule struct {
			Code     string             `json:"code"`
			Name     string             `json:"name"`
			Category analyzers.Category `json:"category"`
			Level    analyzers.Level    `json:"level"`
			Summary  string             `json:"summary"`
			HelpURI  string             `json:"helpUri"`
		}
		out := make([]rule, 0, len(all))
		for _, a := range all {
			out = append(out, rule{a.Code, a.Name, a.Category, a.Level, a.Summary, a.DocURL()})
		}
		b, _ := json.MarshalIndent(out, "", "  ")
		fmt.Fprintf(e.stdout, "%s\n", b)
	default:
		return fail(e, "rules", fmt.Errorf("--format %q: want text or json", *format))
	}
	return exitClean
}

func runExplain(e *env, args []string) int {
	c := lookupCommand("explain")
	fs := newFlagSet(e, c)
	pos, code, done := parse(e, c, fs, args, 1)
	if done {
		return code
	}
	if len(pos) == 0 {
		fmt.Fprintln(e.stderr, "stackaudit explain: name a rule by code or name, e.g. `stackaudit explain SA601`; `stackaudit rules` lists them")
		return exitError
	}
	a := analyzers.Lookup(pos[0])
	if a == nil {
		return fail(e, "explain", fmt.Errorf("no rule has the code or name %q; `stackaudit rules` lists them", pos[0]))
	}
	fmt.Fprint(e.stdout, a.Doc)
	if !strings.HasSuffix(a.Doc, "\n") {
		fmt.Fprintln(e.stdout)
	}
	fmt.Fprintf(e.stdout, "\nOnline: %s\n", a.DocURL())
	return exitClean
}

func runVersion(e *env, args []string) int {
	if args != nil {
		c := lookupCommand("version")
		if _, code, done := parse(e, c, newFlagSet(e, c), args, 0); done {
			return code
		}
	}
	fmt.Fprintf(e.stdout, "stackaudit %s\n", version())
	return exitClean
}

// version is the release version stamped by ldflags, or the module version
// and VCS revision that `go install` and `go build` record.
func version() string {
	v := stackaudit.Version
	info, ok := debug.ReadBuildInfo()
	if !ok {
		return v
	}
	if v == "dev" && info.Main.Version != "" && info.Main.Version != "(devel)" {
		v = info.Main.Version
	}
	var rev, dirty string
	for _, s := range info.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = "+dirty"
			}
		}
	}
	if rev != "" && v == "dev" {
		if len(rev) > 12 {
			rev = rev[:12]
		}
		v += " (" + rev + dirty + ")"
	}
	return v + " " + info.GoVersion
}

func target(pos []string) string {
	if len(pos) == 0 {
		return "."
	}
	return pos[0]
}

// write puts the report on standard output or in a file.
func write(e *env, path string, b []byte) error {
	if path == "" || path == "-" {
		_, err := e.stdout.Write(b)
		return err
	}
	if err := os.WriteFile(path, b, 0o644); err != nil {
		return fmt.Errorf("write report: %w", err)
	}
	return nil
}

func fail(e *env, cmd string, err error) int {
	fmt.Fprintf(e.stderr, "stackaudit %s: %v\n", cmd, err)
	return exitError
}

// colorful reports whether standard output takes ANSI colour: a terminal,
// NO_COLOR unset or empty (https://no-color.org), TERM not dumb.
func colorful(e *env) bool {
	if e.getenv("NO_COLOR") != "" || e.getenv("TERM") == "dumb" {
		return false
	}
	return isTerminal(e.stdout)
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	fi, err := f.Stat()
	return err == nil && fi.Mode()&os.ModeCharDevice != 0
}
