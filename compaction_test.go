package stackaudit

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/stackaudit/stackaudit/internal/hostile"
	"github.com/stackaudit/stackaudit/internal/source"
	"github.com/stackaudit/stackaudit/report"
)

// TestCompactionChangesNothing scans every rule fixture, the demo and a
// generated monorepo with the source records compacted (the default) and
// whole, and demands the same JSON: compaction may only save memory. A
// rule that reads function bodies without a keeper for its files fails
// here.
func TestCompactionChangesNothing(t *testing.T) {
	dirs, err := filepath.Glob("testdata/rules/*/*")
	if err != nil {
		t.Fatal(err)
	}
	var targets []string
	for _, d := range dirs {
		if st, err := os.Stat(d); err == nil && st.IsDir() {
			targets = append(targets, d)
		}
	}
	gen := t.TempDir()
	if err := hostile.Monorepo(gen, 5, 30); err != nil {
		t.Fatal(err)
	}
	targets = append(targets, "testdata/demo", gen)
	scan := func(dir string) []byte {
		t.Helper()
		res, err := Scan(context.Background(), dir, Options{})
		if err != nil {
			t.Fatalf("%s: %v", dir, err)
		}
		var b bytes.Buffer
		if err := report.JSON(&b, res); err != nil {
			t.Fatal(err)
		}
		return b.Bytes()
	}
	defer source.SetCompaction(true)
	for _, dir := range targets {
		source.SetCompaction(true)
		compact := scan(dir)
		source.SetCompaction(false)
		whole := scan(dir)
		if !bytes.Equal(compact, whole) {
			t.Errorf("%s: the report differs when source records are compacted", dir)
		}
	}
	if len(targets) < 50 {
		t.Errorf("only %d fixtures found", len(targets))
	}
}
