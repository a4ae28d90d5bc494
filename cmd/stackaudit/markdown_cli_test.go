package main

import (
	"strings"
	"testing"
)

func TestScanMarkdown(t *testing.T) {
	code, out, stderr := run(t, "scan", demo, "--format", "markdown")
	if code != 0 {
		t.Fatalf("exit %d; stderr:\n%s", code, stderr)
	}
	for _, want := range []string{"# Stack audit: demo\n", "\n## Stack\n", "\n## Team and activity\n", "\n## Risks\n", "\n## Stack fit\n", "SA601 missing-lockfile", "```mermaid\nflowchart LR\n"} {
		if !strings.Contains(out, want) {
			t.Errorf("--format markdown lacks %q:\n%s", want, out)
		}
	}
	if code, _, _ := run(t, "scan", demo, "--format", "markdown", "--fail-on", "warning"); code != 1 {
		t.Errorf("--format markdown --fail-on warning: exit %d, want 1", code)
	}
}
