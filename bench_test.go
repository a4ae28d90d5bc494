package stackaudit

import (
	"context"
	"os"
	"testing"

	"github.com/stackaudit/stackaudit/internal/hostile"
	"github.com/stackaudit/stackaudit/internal/par"
	"github.com/stackaudit/stackaudit/repo"
	"github.com/stackaudit/stackaudit/syntax"
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

// BenchmarkFloor measures what any scan that reads its sources must do,
// on the trees of BenchmarkScan (or STACKAUDIT_BENCH_TREE when set): walk
// the tree; walk it and read every file; and also tokenize, or parse,
// every Python, JavaScript and TypeScript file, on every core. A whole
// scan's time over these says what the detectors and rules cost on top.
// go test -run ^$ -bench Floor -benchtime 3x .
func BenchmarkFloor(b *testing.B) {
	dir := os.Getenv("STACKAUDIT_BENCH_TREE")
	if dir == "" {
		dir = hostile.BenchTree(b, 100_000)
	}
	for _, stage := range []string{"walk", "read", "tokenize", "parse"} {
		b.Run(stage, func(b *testing.B) {
			for i := 0; i < b.N; i++ {
				floor(b, dir, stage)
			}
		})
	}
}

func floor(b *testing.B, dir, stage string) {
	snap, err := repo.Open(context.Background(), dir, repo.Options{})
	if err != nil {
		b.Fatal(err)
	}
	if stage == "walk" {
		return
	}
	files := snap.Files()
	par.Each(len(files), 0, nil, func(i int) {
		p := files[i].Path
		src, err := snap.ReadFile(p)
		if err != nil || stage == "read" {
			return
		}
		lang, jsx := syntax.LangOf(p)
		switch {
		case lang == syntax.Unknown:
		case stage == "parse":
			syntax.ParseVisit(p, src, nil)
		case lang == syntax.Python:
			for t := syntax.NewPyTokenizer(src); t.Next().Kind != syntax.EOF; {
			}
		default:
			for t := syntax.NewJSTokenizer(src, jsx); t.Next().Kind != syntax.EOF; {
			}
		}
	})
}
