package main

import (
	"bytes"
	"flag"
	"reflect"
	"strings"
	"testing"

	"github.com/stackaudit/stackaudit/analyzers"
)

func TestCompletionListsEveryCommandAndFlag(t *testing.T) {
	spec := completionSpec()
	for _, sh := range shells {
		code, out, errOut := run(t, "completion", sh)
		if code != 0 {
			t.Fatalf("completion %s: exit %d: %s", sh, code, errOut)
		}
		for _, c := range commands {
			if !strings.Contains(out, c.name) {
				t.Errorf("%s script does not mention the %s command", sh, c.name)
			}
		}
		for _, c := range spec {
			for _, f := range c.flags {
				if !strings.Contains(out, f.name) {
					t.Errorf("%s script does not mention %s's flag %s", sh, c.name, f.name)
				}
			}
		}
		for _, a := range analyzers.All() {
			if !strings.Contains(out, a.Code) {
				t.Errorf("%s script does not offer %s to explain", sh, a.Code)
			}
		}
	}
	// The flags come from the commands' own flag sets.
	var scan complCommand
	for _, c := range spec {
		if c.name == "scan" {
			scan = c
		}
	}
	var names []string
	for _, f := range scan.flags {
		names = append(names, f.name)
	}
	for _, want := range []string{"format", "fail-on", "category", "config", "rev", "o", "help"} {
		if !strings.Contains(" "+strings.Join(names, " ")+" ", " "+want+" ") {
			t.Errorf("scan's flags %v lack %s", names, want)
		}
	}
	if code, _, _ := run(t, "completion", "powershell"); code != 2 {
		t.Errorf("unknown shell: exit %d, want 2", code)
	}
	if code, _, _ := run(t, "completion"); code != 2 {
		t.Errorf("no shell: exit %d, want 2", code)
	}
}

// TestHelpFlags reads back what flag.PrintDefaults writes, for every kind
// of flag: one-letter booleans (usage on the same line), value flags with
// a back-quoted name, multi-line usage.
func TestHelpFlags(t *testing.T) {
	fs := flag.NewFlagSet("x", flag.ContinueOnError)
	fs.Bool("v", false, "verbose")
	fs.Bool("force", false, "overwrite")
	fs.String("o", "", "write to `FILE`")
	fs.Int("active-days", 0, "count `N` days\nsecond line")
	fs.Duration("timeout", 0, "give up")
	var buf bytes.Buffer
	fs.SetOutput(&buf)
	buf.WriteString("Summary\n\nUsage:\n  x [flags]\n\nFlags:\n")
	fs.PrintDefaults()
	buf.WriteString("\nExample:\n  x -v\n")
	got := helpFlags(buf.String())
	want := []complFlag{
		{name: "active-days", usage: "count N days second line", value: true},
		{name: "force", usage: "overwrite"},
		{name: "o", usage: "write to FILE", value: true},
		{name: "timeout", usage: "give up", value: true},
		{name: "v", usage: "verbose"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("helpFlags:\n got %+v\nwant %+v\nfrom:\n%s", got, want, buf.String())
	}
}
