package detectors

import (
	"time"

	"github.com/stackaudit/stackaudit/repo"
	"github.com/stackaudit/stackaudit/stack"
)

// gitFacts copies the snapshot's history facts into the inventory.
func gitFacts(snap *repo.Snapshot) *stack.Git {
	g := snap.Git
	if g == nil {
		return nil
	}
	return &stack.Git{
		Head:          g.Head,
		Shallow:       g.Shallow,
		Commits:       g.Commits,
		CommitsCapped: !g.Complete,
		FirstCommit:   formatTime(g.FirstCommit),
		LastCommit:    formatTime(g.LastCommit),
		Authors:       g.Authors,
		ActiveDays:    g.ActiveDays,
		ActiveAuthors: g.ActiveAuthors,
	}
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
