package stackaudit

import (
	"bytes"
	"context"
	"runtime"
	"testing"

	"github.com/stackaudit/stackaudit/internal/hostile"
	"github.com/stackaudit/stackaudit/report"
)

// TestDeterministicMonorepo scans a generated monorepo of several Node and
// Python units twice with all cores and once on one (GOMAXPROCS=1), and
// demands byte-identical JSON and SARIF: the concurrent parsing must not
// leak its scheduling into the output.
func TestDeterministicMonorepo(t *testing.T) {
	dir := t.TempDir()
	units, perUnit := 10, 60
	if testing.Short() {
		units, perUnit = 5, 20
	}
	if err := hostile.Monorepo(dir, units, perUnit); err != nil {
		t.Fatal(err)
	}
	scan := func() map[string][]byte {
		t.Helper()
		res, err := Scan(context.Background(), dir, Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(res.Inventory.Units) < units || len(res.Findings) == 0 {
			t.Fatalf("%d units and %d findings; the generated tree should give %d units and findings", len(res.Inventory.Units), len(res.Findings), units)
		}
		out := map[string][]byte{}
		var b bytes.Buffer
		if err := report.JSON(&b, res); err != nil {
			t.Fatal(err)
		}
		out["json"] = bytes.Clone(b.Bytes())
		b.Reset()
		if err := report.SARIF(&b, res); err != nil {
			t.Fatal(err)
		}
		out["sarif"] = bytes.Clone(b.Bytes())
		return out
	}
	first := scan()
	second := scan()
	prev := runtime.GOMAXPROCS(1)
	one := scan()
	runtime.GOMAXPROCS(prev)
	for _, ext := range []string{"json", "sarif"} {
		if !bytes.Equal(first[ext], second[ext]) {
			t.Errorf("%s differs between two scans of the same tree", ext)
		}
		if !bytes.Equal(first[ext], one[ext]) {
			t.Errorf("%s differs between GOMAXPROCS=%d and GOMAXPROCS=1", ext, prev)
		}
	}
}
