package stackaudit

import (
	"context"
	"os"
	"testing"

	"github.com/stackaudit/stackaudit/internal/hostile"
)

func benchScan(b *testing.B, files int) {
	dir := hostile.BenchTree(b, files)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		res, err := Scan(context.Background(), dir, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Findings) == 0 {
			b.Fatal("no findings")
		}
	}
}

// BenchmarkScan10k and BenchmarkScan100k scan a whole generated monorepo:
// walk, detection, every rule. go test -run ^$ -bench Scan -benchtime 3x .
func BenchmarkScan10k(b *testing.B)  { benchScan(b, 10_000) }
func BenchmarkScan100k(b *testing.B) { benchScan(b, 100_000) }

// BenchmarkScanDir scans the folder named by STACKAUDIT_BENCH_TREE (a real
// repository, or a tree from scripts/gentree.py); skipped when unset.
func BenchmarkScanDir(b *testing.B) {
	dir := os.Getenv("STACKAUDIT_BENCH_TREE")
	if dir == "" {
		b.Skip("STACKAUDIT_BENCH_TREE is not set")
	}
	b.ReportAllocs()
	for i := 0; i < b.N; i++ {
		if _, err := Scan(context.Background(), dir, Options{}); err != nil {
			b.Fatal(err)
		}
	}
}
