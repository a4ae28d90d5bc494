package detectors

import (
	"bytes"
	"context"
	"encoding/json"
	"flag"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"

	"github.com/stackaudit/stackaudit/repo"
	"github.com/stackaudit/stackaudit/stack"
)

var update = flag.Bool("update", false, "rewrite the golden files of testdata/stack")

// stackCases is the folder of fixture repositories: one folder a case, the
// expected inventory in <case>.golden.json beside it.
const stackCases = "../testdata/stack"

// golden is what a case's golden file holds.
type golden struct {
	Inventory *stack.Inventory `json:"inventory"`
	Problems  []string         `json:"problems"`
}

// detectFolder runs Detect over a fixture folder and renders the result.
func detectFolder(t *testing.T, dir string) []byte {
	t.Helper()
	ctx := context.Background()
	snap, err := repo.FromFS(ctx, os.DirFS(dir), repo.Options{})
	if err != nil {
		t.Fatalf("index %s: %v", dir, err)
	}
	inv := Detect(ctx, snap)
	g := golden{Inventory: inv, Problems: []string{}}
	for _, p := range snap.Problems() {
		g.Problems = append(g.Problems, p.String())
	}
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetIndent("", "  ")
	enc.SetEscapeHTML(false)
	if err := enc.Encode(g); err != nil {
		t.Fatalf("encode: %v", err)
	}
	return buf.Bytes()
}

// TestDetectGolden walks testdata/stack and compares each case's inventory
// and problems with its golden file. Run with -update to rewrite them.
func TestDetectGolden(t *testing.T) {
	entries, err := os.ReadDir(stackCases)
	if err != nil {
		t.Fatalf("read %s: %v", stackCases, err)
	}
	n := 0
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		name := e.Name()
		n++
		t.Run(name, func(t *testing.T) {
			dir := filepath.Join(stackCases, name)
			got := detectFolder(t, dir)
			goldenPath := filepath.Join(stackCases, name+".golden.json")
			if *update {
				if err := os.WriteFile(goldenPath, got, 0o644); err != nil {
					t.Fatal(err)
				}
				return
			}
			want, err := os.ReadFile(goldenPath)
			if err != nil {
				t.Fatalf("%v (run `go test ./detectors -run TestDetectGolden -update` to create it)", err)
			}
			if !bytes.Equal(got, want) {
				t.Errorf("%s differs from the detected inventory:\n%s", goldenPath, lineDiff(string(want), string(got)))
			}
		})
	}
	if n == 0 {
		t.Fatalf("no cases in %s", stackCases)
	}
}

// TestDetectDeterministic runs every case twice and expects the same bytes.
func TestDetectDeterministic(t *testing.T) {
	entries, err := os.ReadDir(stackCases)
	if err != nil {
		t.Fatalf("read %s: %v", stackCases, err)
	}
	for _, e := range entries {
		if !e.IsDir() {
			continue
		}
		dir := filepath.Join(stackCases, e.Name())
		a, b := detectFolder(t, dir), detectFolder(t, dir)
		if !bytes.Equal(a, b) {
			t.Errorf("%s: two runs differ:\n%s", dir, lineDiff(string(a), string(b)))
		}
	}
}

// lineDiff shows the first lines that differ, enough to see what changed.
func lineDiff(want, got string) string {
	w, g := strings.Split(want, "\n"), strings.Split(got, "\n")
	var b strings.Builder
	shown := 0
	for i := 0; i < len(w) || i < len(g); i++ {
		var wl, gl string
		if i < len(w) {
			wl = w[i]
		}
		if i < len(g) {
			gl = g[i]
		}
		if wl == gl {
			continue
		}
		b.WriteString("line ")
		b.WriteString(strconv.Itoa(i + 1))
		b.WriteString(":\n  want: ")
		b.WriteString(wl)
		b.WriteString("\n  got:  ")
		b.WriteString(gl)
		b.WriteString("\n")
		if shown++; shown == 10 {
			b.WriteString("...\n")
			break
		}
	}
	return b.String()
}
