package main

import (
	"encoding/json"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"

	"github.com/stackaudit/stackaudit/internal/hostile"
)

// TestHostileExitStatus runs the command line on every adversarial tree:
// the scan finishes, the JSON report parses, each unreadable path is named
// on stderr, and the exit status follows the findings (the control unit's
// SA601 is a warning), never 2.
func TestHostileExitStatus(t *testing.T) {
	for _, c := range hostile.Cases() {
		t.Run(c.Name, func(t *testing.T) {
			if c.Large && testing.Short() {
				t.Skip("large tree; skipped under -short")
			}
			dir := t.TempDir()
			t.Cleanup(func() { hostile.Restore(dir) })
			if err := c.Write(dir); err != nil {
				if errors.Is(err, hostile.Skip) {
					t.Skip(err)
				}
				t.Fatal(err)
			}
			for _, tt := range []struct {
				args []string
				want int
			}{
				{[]string{"scan", dir, "--format", "json", "--timeout", "1m"}, 0},
				{[]string{"scan", dir, "--format", "json", "--fail-on", "warning"}, 1},
				{[]string{"stack", dir, "--format", "json"}, 0},
			} {
				code, stdout, stderr := run(t, tt.args...)
				if code != tt.want {
					t.Errorf("%s: exit %d, want %d; stderr:\n%s", strings.Join(tt.args, " "), code, tt.want, stderr)
				}
				var v map[string]any
				if err := json.Unmarshal([]byte(stdout), &v); err != nil {
					t.Errorf("%s: output is not JSON: %v", strings.Join(tt.args, " "), err)
				}
				if tt.args[0] != "scan" {
					continue
				}
				for _, n := range c.Notes {
					if !strings.Contains(stderr, fmt.Sprintf("could not read %s: ", n.Path)) {
						t.Errorf("%s: stderr does not name %s:\n%s", strings.Join(tt.args, " "), n.Path, stderr)
					}
				}
			}
		})
	}
}

// TestTimeout: a scan that runs out of time exits 2 and says where it
// stopped and how to give it longer; a negative limit is a usage error and
// 0 means none.
func TestTimeout(t *testing.T) {
	dir := t.TempDir()
	if err := hostile.Control(dir); err != nil {
		t.Fatal(err)
	}
	for i := 0; i < 200; i++ {
		if err := hostile.WriteFile(dir, fmt.Sprintf("src/m%03d/index.js", i), "module.exports = 1\n"); err != nil {
			t.Fatal(err)
		}
	}
	for _, cmd := range []string{"scan", "stack"} {
		code, _, stderr := run(t, cmd, dir, "--timeout", "1ns")
		if code != exitError {
			t.Errorf("%s --timeout 1ns: exit %d, want 2", cmd, code)
		}
		for _, want := range []string{"timed out after 1ns", "stopped at", "--timeout 1s", "--timeout 0"} {
			if !strings.Contains(stderr, want) {
				t.Errorf("%s --timeout 1ns: stderr lacks %q:\n%s", cmd, want, stderr)
			}
		}
		if code, _, _ := run(t, cmd, dir, "--timeout", "-1s"); code != exitError {
			t.Errorf("%s --timeout -1s: exit %d, want 2", cmd, code)
		}
		if code, _, stderr := run(t, cmd, dir, "--timeout", "0"); code != exitClean {
			t.Errorf("%s --timeout 0: exit %d, want 0; stderr:\n%s", cmd, code, stderr)
		}
	}
}

func TestSuggestTimeout(t *testing.T) {
	for _, tt := range []struct{ in, want string }{
		{"1ns", "1s"}, {"400ms", "2s"}, {"10s", "40s"}, {"10m", "40m0s"}, {"20s", "1m0s"},
	} {
		d, _ := time.ParseDuration(tt.in)
		if got := suggestTimeout(d).String(); got != tt.want {
			t.Errorf("suggestTimeout(%s) = %s, want %s", tt.in, got, tt.want)
		}
	}
}
