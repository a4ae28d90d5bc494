package repo

import (
	"context"
	"testing"

	"github.com/stackaudit/stackaudit/internal/hostile"
)

// benchWalk opens the tree: the walk with its ignore rules, the index, no
// git facts (the generated tree is no repository).
func benchWalk(b *testing.B, files int) {
	dir := hostile.BenchTree(b, files)
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		s, err := Open(context.Background(), dir, Options{})
		if err != nil {
			b.Fatal(err)
		}
		if len(s.Files()) < files*9/10 {
			b.Fatalf("%d files indexed", len(s.Files()))
		}
		s.Close()
	}
}

// BenchmarkWalk10k and BenchmarkWalk100k: go test ./repo -run '^$' -bench
// Walk -benchtime 3x.
func BenchmarkWalk10k(b *testing.B)  { benchWalk(b, 10_000) }
func BenchmarkWalk100k(b *testing.B) { benchWalk(b, 100_000) }

// BenchmarkReadAll reads every indexed file once through the snapshot, as
// the scan's source pass does: with the walk, the floor of a scan.
func BenchmarkReadAll10k(b *testing.B) {
	dir := hostile.BenchTree(b, 10_000)
	s, err := Open(context.Background(), dir, Options{})
	if err != nil {
		b.Fatal(err)
	}
	defer s.Close()
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		n := 0
		for _, f := range s.Files() {
			if data, err := s.ReadFile(f.Path); err == nil {
				n += len(data)
			}
		}
		b.SetBytes(int64(n))
	}
}
