package analyzers

import (
	"errors"

	"github.com/stackaudit/stackaudit/repo"
	"github.com/stackaudit/stackaudit/syntax"
)

// parsedSource returns the syntax summary of a source file, or nil when the
// file cannot be read (too large, binary, gone) or is not Python, JavaScript
// or TypeScript. The result is shared through the snapshot's memo under
// "syntax:"+path, the key the detectors use, so a file is parsed at most
// once a scan whoever asks first.
func parsedSource(snap *repo.Snapshot, p string) *syntax.File {
	v := snap.Memo("syntax:"+p, func() any {
		b, err := snap.ReadFile(p)
		if err != nil {
			switch {
			case errors.Is(err, repo.ErrTooLarge):
				snap.Problemf(p, "larger than the size cap; its source is not read")
			case errors.Is(err, repo.ErrBinary):
				snap.Problemf(p, "binary content; its source is not read")
			}
			return (*syntax.File)(nil)
		}
		f, err := syntax.Parse(p, b)
		if err != nil {
			return (*syntax.File)(nil)
		}
		return f
	})
	f, _ := v.(*syntax.File)
	return f
}
