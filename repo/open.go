package repo

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"time"
)

// Open opens a scan target: a directory (its working tree), a revision of
// the git repository holding a directory (opts.Rev), or a remote URL.
func Open(ctx context.Context, target string, opts Options) (*Snapshot, error) {
	opts = opts.withDefaults()
	if target == "" {
		target = "."
	}
	abs, err := filepath.Abs(target)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", target, err)
	}
	info, err := os.Stat(abs)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", target, err)
	}
	if !info.IsDir() {
		return nil, fmt.Errorf("open %s: not a directory", target)
	}
	root, err := os.OpenRoot(abs)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", target, err)
	}
	s := &Snapshot{Target: target, fsys: root.FS(), maxSize: opts.MaxFileSize}
	s.closers = append(s.closers, root.Close)
	if err := s.index_(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("walk %s: %w", target, err)
	}
	return s, nil
}

// GitFacts are facts read from git history. Authors are identified by
// their e-mail after .mailmap; bots (dependabot, renovate, github-actions,
// any "[bot]" account) are left out of the author counts.
type GitFacts struct {
	// Head is the commit hash the snapshot shows.
	Head string
	// Shallow is true when history is cut short (a shallow clone).
	Shallow bool
	// Commits counts the commits walked; Complete says whether that is all
	// of history or only the window (see Options.FullHistory).
	Commits  int
	Complete bool
	// FirstCommit is the oldest commit walked; LastCommit the newest.
	FirstCommit time.Time
	LastCommit  time.Time
	// Authors counts distinct human authors among the commits walked.
	Authors int
	// ActiveDays is the window; ActiveAuthors the humans who committed in it.
	ActiveDays    int
	ActiveAuthors int
}
