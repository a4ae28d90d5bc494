package stackaudit

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/stackaudit/stackaudit/internal/hostile"
)

// benchTrees caches the generated monorepos across benchmarks of one run:
// writing 100,000 files takes longer than scanning them.
var benchTrees sync.Map

// benchTree returns a generated monorepo of about files files (Node and
// Python units of 1,000 source files each, with tests, manifests,
// lockfiles, Dockerfiles, a compose file and a CI workflow). STACKAUDIT_BENCH_DIR
// keeps the trees between runs.
func benchTree(b *testing.B, files int) string {
	b.Helper()
	if d, ok := benchTrees.Load(files); ok {
		return d.(string)
	}
	base := os.Getenv("STACKAUDIT_BENCH_DIR")
	if base == "" {
		var err error
		base, err = os.MkdirTemp("", "stackaudit-bench")
		if err != nil {
			b.Fatal(err)
		}
	}
	dir := filepath.Join(base, fmt.Sprintf("tree%d", files))
	if _, err := os.Stat(filepath.Join(dir, "docker-compose.yml")); err != nil {
		// Each unit holds perUnit sources, one test per ten and a few
		// manifests: about 1.1 files per source.
		units := files / 1000
		if units < 1 {
			units = 1
		}
		perUnit := files / units * 10 / 11
		if err := hostile.Monorepo(dir, units, perUnit); err != nil {
			b.Fatal(err)
		}
	}
	benchTrees.Store(files, dir)
	return dir
}

func benchScan(b *testing.B, files int) {
	dir := benchTree(b, files)
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
