package analyzers

import (
	"github.com/stackaudit/stackaudit/internal/source"
	"github.com/stackaudit/stackaudit/repo"
	"github.com/stackaudit/stackaudit/syntax"
)

// parsedSource returns the syntax summary of a source file, or nil when the
// file cannot be read (too large, binary, gone) or is not Python, JavaScript
// or TypeScript. The file is read and parsed once a scan, whoever asks
// first (see package source).
func parsedSource(snap *repo.Snapshot, p string) *syntax.File {
	if r := source.Get(snap, p); r != nil {
		return r.File
	}
	return nil
}
