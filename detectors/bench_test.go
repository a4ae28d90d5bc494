package detectors

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sort"
	"sync"
	"testing"
	"time"

	"github.com/stackaudit/stackaudit/internal/hostile"
	"github.com/stackaudit/stackaudit/repo"
)

var benchTrees sync.Map

// benchTree returns a generated monorepo of about files files: Node and
// Python units of 1,000 source files (hostile.Monorepo). Set
// STACKAUDIT_BENCH_DIR to keep the trees between runs.
func benchTree(b *testing.B, files int) string {
	b.Helper()
	if d, ok := benchTrees.Load(files); ok {
		return d.(string)
	}
	base := os.Getenv("STACKAUDIT_BENCH_DIR")
	if base == "" {
		base = b.TempDir()
	}
	dir := filepath.Join(base, fmt.Sprintf("tree%d", files))
	if _, err := os.Stat(filepath.Join(dir, "docker-compose.yml")); err != nil {
		units := max(files/1000, 1)
		if err := hostile.Monorepo(dir, units, files/units*10/11); err != nil {
			b.Fatal(err)
		}
	}
	benchTrees.Store(files, dir)
	return dir
}

// benchDetect runs the whole detection on a generated tree and reports,
// besides the total, each family's share in ns/op ("sources" is the
// reading and parsing of source files ahead of the imports family).
func benchDetect(b *testing.B, files int) {
	dir := benchTree(b, files)
	per := map[string]time.Duration{}
	timings = func(name string, d time.Duration) { per[name] += d }
	defer func() { timings = nil }()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		// A fresh snapshot each time: the source records live in it.
		b.StopTimer()
		s, err := repo.Open(context.Background(), dir, repo.Options{})
		if err != nil {
			b.Fatal(err)
		}
		b.StartTimer()
		inv := Detect(context.Background(), s)
		if len(inv.Units) == 0 {
			b.Fatal("no units")
		}
		s.Close()
	}
	b.StopTimer()
	names := make([]string, 0, len(per))
	for n := range per {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		b.ReportMetric(float64(per[n].Nanoseconds())/float64(b.N), n+"-ns/op")
	}
}

// BenchmarkDetect10k and BenchmarkDetect100k: go test ./detectors -run '^$'
// -bench Detect -benchtime 3x.
func BenchmarkDetect10k(b *testing.B)  { benchDetect(b, 10_000) }
func BenchmarkDetect100k(b *testing.B) { benchDetect(b, 100_000) }
