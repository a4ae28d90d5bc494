package source

import (
	"io/fs"
	"os"
	"path/filepath"
	"testing"

	"github.com/stackaudit/stackaudit/internal/hostile"
	"github.com/stackaudit/stackaudit/syntax"
)

// BenchmarkRecord parses the sources of a generated 10,000-file monorepo
// (hostile.BenchTree) on one core, into records ("record") and into
// syntax summaries alone ("syntax"): the difference is what a record
// costs on top of the parse (line hashes, names, imports, facts).
func BenchmarkRecord(b *testing.B) {
	dir := hostile.BenchTree(b, 10_000)
	var paths []string
	var srcs [][]byte
	var size int64
	err := filepath.WalkDir(dir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() {
			return err
		}
		if lang, _ := syntax.LangOf(p); lang == syntax.Unknown {
			return nil
		}
		src, err := os.ReadFile(p)
		if err != nil {
			return err
		}
		paths, srcs, size = append(paths, p), append(srcs, src), size+int64(len(src))
		return nil
	})
	if err != nil {
		b.Fatal(err)
	}
	b.Run("record", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			// One module table a scan, as the registry keeps it.
			mods := new(modules)
			for j, p := range paths {
				if err := parse(p, srcs[j], new(Record), mods); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
	b.Run("syntax", func(b *testing.B) {
		b.SetBytes(size)
		b.ReportAllocs()
		for i := 0; i < b.N; i++ {
			for j, p := range paths {
				if _, err := syntax.ParseVisit(p, srcs[j], nil); err != nil {
					b.Fatal(err)
				}
			}
		}
	})
}
