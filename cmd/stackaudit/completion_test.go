package main

import (
	"bytes"
	"flag"
	"os"
	"os/exec"
	"path/filepath"
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

// TestCompletionSyntax has each shell that is installed read its script
// without running it (-n); a shell that is not installed is skipped.
func TestCompletionSyntax(t *testing.T) {
	for _, sh := range shells {
		t.Run(sh, func(t *testing.T) {
			bin, err := exec.LookPath(sh)
			if err != nil {
				t.Skipf("%s is not installed", sh)
			}
			_, script, _ := run(t, "completion", sh)
			path := filepath.Join(t.TempDir(), "stackaudit."+sh)
			if err := os.WriteFile(path, []byte(script), 0o644); err != nil {
				t.Fatal(err)
			}
			if out, err := exec.Command(bin, "-n", path).CombinedOutput(); err != nil {
				t.Errorf("%s -n: %v\n%s", sh, err, out)
			}
		})
	}
	if _, err := exec.LookPath("bash"); err == nil {
		_, script, _ := run(t, "completion", "bash")
		path := filepath.Join(t.TempDir(), "stackaudit.bash")
		os.WriteFile(path, []byte(script), 0o644)
		for _, tc := range []struct{ words, want string }{
			{"stackaudit sc", "scan"},
			{"stackaudit scan --fail", "--fail-on"},
			{"stackaudit explain SA60", "SA601 SA602"},
			{"stackaudit completion f", "fish"},
		} {
			words := strings.Fields(tc.words)
			cmd := exec.Command("bash", "-c", `source "$1"; shift; COMP_WORDS=("$@"); COMP_CWORD=$(($# - 1)); _stackaudit; echo "${COMPREPLY[*]}"`, "x", path)
			cmd.Args = append(cmd.Args, words...)
			out, err := cmd.CombinedOutput()
			if err != nil || !strings.HasPrefix(string(out), tc.want) {
				t.Errorf("bash completion of %q = %q (%v), want it to start with %q", tc.words, out, err, tc.want)
			}
		}
	}
}
