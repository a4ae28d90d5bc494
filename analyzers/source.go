package analyzers

import (
	"errors"
	"strings"

	"github.com/stackaudit/stackaudit/repo"
	"github.com/stackaudit/stackaudit/syntax"
)

// parsedSource returns the syntax summary of a source file, or nil when the
// file cannot be read (too large, binary, gone) or is not Python, JavaScript
// or TypeScript. The result is shared through the snapshot's memo under
// "syntax:"+path with the same compute as the detectors' imports family, so
// a file is parsed at most once a scan whoever asks first. As there, files
// over the size cap and binary files are skipped without a note: the walk's
// index already says what they are.
func parsedSource(snap *repo.Snapshot, p string) *syntax.File {
	v := snap.Memo("syntax:"+p, func() any {
		b, err := snap.ReadFile(p)
		if err != nil {
			switch {
			case errors.Is(err, repo.ErrTooLarge), errors.Is(err, repo.ErrBinary):
				snap.Problemf(p, "source not parsed, so its imports and functions are not seen: %s", strings.TrimPrefix(err.Error(), "read "+p+": "))
			default:
				snap.Problemf(p, "cannot read: %v", errors.Unwrap(err))
			}
			return (*syntax.File)(nil)
		}
		f, err := syntax.Parse(p, b)
		if err != nil {
			snap.Problemf(p, "cannot parse: %v", err)
			return (*syntax.File)(nil)
		}
		return f
	})
	f, _ := v.(*syntax.File)
	return f
}
