package detectors

import (
	"context"
	"math"
	"path"
	"time"

	"github.com/stackaudit/stackaudit/repo"
	"github.com/stackaudit/stackaudit/stack"
)

// gitFacts copies the snapshot's history facts into the inventory and
// names who touched each unit and service in the active window.
func gitFacts(ctx context.Context, snap *repo.Snapshot, inv *stack.Inventory) {
	g := snap.Git
	if g == nil {
		return
	}
	sg := &stack.Git{
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
	inv.Git = sg
	if t := g.Team; t != nil {
		sg.WindowCommits = t.Commits
		sg.BusFactor = t.BusFactor
		sg.Team = authors(t.Authors, t.Commits)
		for _, m := range t.Monthly {
			sg.Monthly = append(sg.Monthly, stack.MonthCommits{Month: m.Month, Commits: m.Commits})
		}
	}
	var folders []string
	for _, u := range inv.Units {
		folders = append(folders, u.Path)
	}
	for _, s := range inv.Services {
		if f := serviceFolder(s); f != "" {
			folders = append(folders, f)
		}
	}
	if len(folders) == 0 || sg.WindowCommits == 0 {
		return
	}
	fa, err := snap.AuthorsByFolder(ctx, folders)
	if err != nil {
		snap.Problemf(".git", "cannot tell who changed each unit: %v; per-unit authors are left out", err)
		return
	}
	sg.DiffedCommits, sg.DiffCapped = fa.Diffed, fa.Capped
	busiest, err := snap.BusiestFiles(ctx, 10)
	if err != nil {
		snap.Problemf(".git", "cannot tell which files change most: %v; busiest files are left out", err)
	}
	for _, b := range busiest {
		sg.BusiestFiles = append(sg.BusiestFiles, stack.FileCommits{Path: b.Path, Commits: b.Commits})
	}
	for _, u := range inv.Units {
		u.Authors = authors(fa.Folders[path.Clean(u.Path)], 0)
	}
	for i := range inv.Services {
		if f := serviceFolder(inv.Services[i]); f != "" {
			inv.Services[i].Authors = authors(fa.Folders[path.Clean(f)], 0)
		}
	}
}

// serviceFolder is the folder a service is built from: its unit, else the
// folder of its Dockerfile; "" when neither is known (a compose or
// Kubernetes file names no source folder of its own).
func serviceFolder(s stack.Service) string {
	switch {
	case s.Unit != "":
		return s.Unit
	case s.Kind == "dockerfile":
		return path.Dir(s.Evidence.Path)
	}
	return ""
}

// authors converts the repo's author counts; with total > 0 each gets its
// share of total.
func authors(in []repo.AuthorCommits, total int) []stack.Author {
	if len(in) == 0 {
		return nil
	}
	out := make([]stack.Author, len(in))
	for i, a := range in {
		out[i] = stack.Author{Name: a.Name, Email: a.Email, Commits: a.Commits}
		if total > 0 {
			out[i].Share = math.Round(float64(a.Commits)/float64(total)*1000) / 1000
		}
	}
	return out
}

func formatTime(t time.Time) string {
	if t.IsZero() {
		return ""
	}
	return t.UTC().Format(time.RFC3339)
}
