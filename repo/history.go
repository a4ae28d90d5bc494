package repo

import (
	"container/heap"
	"context"
	"errors"
	"fmt"
	"strings"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// now is the clock the active window is measured from; tests replace it.
var now = time.Now

// historyFacts walks the history from head, newest commit first by committer
// time, as git log does. Unless full is set the walk stops at the first
// commit older than the active window, so its cost follows the window and
// not the length of history; trees are never read.
//
// Team facts need a little more: the walk goes on, without counting, to the
// start of the calendar month eleven months back so Team.Monthly covers a
// year, and the human, non-merge commits authored in the window are
// returned for Snapshot.AuthorsByFolder to diff later, if asked.
func historyFacts(ctx context.Context, r *git.Repository, head plumbing.Hash, mm *mailmap, activeDays int, full bool) (*GitFacts, []windowCommit, error) {
	g := &GitFacts{Head: head.String(), ActiveDays: activeDays, Complete: true}
	shallow := map[plumbing.Hash]bool{}
	if hs, err := r.Storer.Shallow(); err == nil {
		for _, h := range hs {
			shallow[h] = true
		}
	}
	g.Shallow = len(shallow) > 0

	edge := now().Add(-time.Duration(activeDays) * 24 * time.Hour)
	year := monthStart(now(), -(teamMonths - 1))
	stop := edge
	if year.Before(stop) {
		stop = year
	}
	team := newTeamCounter(now())
	var window []windowCommit
	first, err := r.CommitObject(head)
	if err != nil {
		return nil, nil, fmt.Errorf("read commit %s: %w", head, err)
	}
	// The newest commit dates the repository even when it falls outside
	// the window and the walk below counts nothing.
	g.LastCommit = first.Committer.When
	authors := map[string]bool{}
	active := map[string]bool{}
	seen := map[plumbing.Hash]bool{head: true}
	q := &commitQueue{first}
	for q.Len() > 0 {
		if err := ctx.Err(); err != nil {
			return nil, nil, err
		}
		c := heap.Pop(q).(*object.Commit)
		if !full && c.Committer.When.Before(stop) {
			// Every commit still queued is older still.
			g.Complete = false
			break
		}
		id, human := authorKey(mm, c.Author)
		if human {
			team.month(c.Author.When)
		}
		if !full && c.Committer.When.Before(edge) {
			// Older than the window: walked for the monthly counts only.
			g.Complete = false
			if err := queueParents(r, q, seen, shallow, c, g); err != nil {
				return nil, nil, err
			}
			continue
		}
		g.Commits++
		if g.LastCommit.IsZero() || c.Committer.When.After(g.LastCommit) {
			g.LastCommit = c.Committer.When
		}
		if g.FirstCommit.IsZero() || c.Committer.When.Before(g.FirstCommit) {
			g.FirstCommit = c.Committer.When
		}
		if human {
			authors[id] = true
			if !c.Author.When.Before(edge) {
				active[id] = true
				team.commit(id, mm.lookup(c.Author.Name, c.Author.Email))
				if len(c.ParentHashes) <= 1 {
					window = append(window, windowCommit{hash: c.Hash, author: id})
				}
			}
		}
		if err := queueParents(r, q, seen, shallow, c, g); err != nil {
			return nil, nil, err
		}
	}
	g.Authors = len(authors)
	g.ActiveAuthors = len(active)
	g.Team = team.facts()
	return g, window, nil
}

// queueParents pushes c's parents not yet seen; a shallow boundary or a
// missing parent marks the history incomplete.
func queueParents(r *git.Repository, q *commitQueue, seen, shallow map[plumbing.Hash]bool, c *object.Commit, g *GitFacts) error {
	if shallow[c.Hash] {
		g.Complete = false
		return nil
	}
	for _, p := range c.ParentHashes {
		if seen[p] {
			continue
		}
		seen[p] = true
		pc, err := r.CommitObject(p)
		if errors.Is(err, plumbing.ErrObjectNotFound) {
			// History cut short without a shallow file: count what is here.
			g.Complete = false
			continue
		}
		if err != nil {
			return fmt.Errorf("read commit %s: %w", p, err)
		}
		heap.Push(q, pc)
	}
	return nil
}

// commitQueue pops the newest commit by committer time first.
type commitQueue []*object.Commit

func (q commitQueue) Len() int { return len(q) }
func (q commitQueue) Less(i, j int) bool {
	return q[i].Committer.When.After(q[j].Committer.When)
}
func (q commitQueue) Swap(i, j int) { q[i], q[j] = q[j], q[i] }
func (q *commitQueue) Push(x any)   { *q = append(*q, x.(*object.Commit)) }
func (q *commitQueue) Pop() any {
	old := *q
	c := old[len(old)-1]
	*q = old[:len(old)-1]
	return c
}

// authorKey returns the canonical, lower-cased e-mail of a commit's author
// after the mailmap, and false for bots.
func authorKey(mm *mailmap, sig object.Signature) (string, bool) {
	if isBot(sig.Name, sig.Email) {
		return "", false
	}
	id := mm.lookup(sig.Name, sig.Email)
	if isBot(id.Name, id.Email) {
		return "", false
	}
	key := strings.ToLower(strings.TrimSpace(id.Email))
	if key == "" {
		key = "name:" + strings.ToLower(strings.TrimSpace(id.Name))
	}
	return key, true
}

// botMarks are pieces of names or e-mails that only automation uses.
var botMarks = []string{
	"[bot]",
	"dependabot",
	"renovate",
	"github-actions",
	"greenkeeper",
	"snyk-bot",
	"pre-commit-ci",
}

// botEmails are whole addresses used by automation, such as the GitHub
// Actions default identity. Personal "…@users.noreply.github.com" addresses
// belong to people and are not among them.
var botEmails = map[string]bool{
	"noreply@github.com": true,
	"action@github.com":  true,
	"actions@github.com": true,
}

func isBot(name, email string) bool {
	n, e := strings.ToLower(name), strings.ToLower(strings.TrimSpace(email))
	if botEmails[e] {
		return true
	}
	for _, m := range botMarks {
		if strings.Contains(n, m) || strings.Contains(e, m) {
			return true
		}
	}
	return false
}
