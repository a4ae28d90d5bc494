package detectors

import (
	"context"
	"sort"
	"testing"
	"time"

	"github.com/stackaudit/stackaudit/internal/hostile"
	"github.com/stackaudit/stackaudit/repo"
)

// benchDetect runs the whole detection on a generated tree and reports,
// besides the total, each family's share in ns/op ("sources" is the
// reading and parsing of source files ahead of the imports family).
func benchDetect(b *testing.B, files int) {
	dir := hostile.BenchTree(b, files)
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
