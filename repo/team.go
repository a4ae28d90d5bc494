package repo

import (
	"context"
	"fmt"
	"path"
	"sort"
	"strings"
	"sync"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// teamMonths is how many calendar months Team.Monthly covers.
const teamMonths = 12

// MaxDiffedCommits caps the commits AuthorsByFolder diffs against their
// parent, newest first: a busy window costs no more than this many tree
// comparisons.
const MaxDiffedCommits = 2000

// diffCap is MaxDiffedCommits; tests lower it.
var diffCap = MaxDiffedCommits

// Team is who made the commits of the active window.
type Team struct {
	// Commits counts the human commits authored in the window (bots left
	// out, as in the author counts).
	Commits int
	// Authors are the humans who authored them, most commits first, then by
	// e-mail.
	Authors []AuthorCommits
	// BusFactor is how few authors made at least half of Commits; 0 when
	// the window holds no human commit.
	BusFactor int
	// Monthly counts human commits by the month of their author date (UTC)
	// over the last twelve calendar months, oldest first, this month last.
	Monthly []MonthCommits
}

// AuthorCommits is one author and how many commits they made.
type AuthorCommits struct {
	// Name is the author's name after the mailmap (the newest one seen).
	Name string
	// Email is the lower-cased e-mail after the mailmap; it identifies the author.
	Email   string
	Commits int
}

// MonthCommits is the commit count of one calendar month ("2026-03").
type MonthCommits struct {
	Month   string
	Commits int
}

// monthStart returns the first instant (UTC) of the month add months from t's.
func monthStart(t time.Time, add int) time.Time {
	t = t.UTC()
	return time.Date(t.Year(), t.Month()+time.Month(add), 1, 0, 0, 0, 0, time.UTC)
}

// teamCounter gathers Team during the history walk.
type teamCounter struct {
	first   time.Time
	months  [teamMonths]int
	commits int
	by      map[string]*AuthorCommits
}

func newTeamCounter(now time.Time) *teamCounter {
	return &teamCounter{first: monthStart(now, -(teamMonths - 1)), by: map[string]*AuthorCommits{}}
}

// month counts a human commit authored at when, if it falls in the year.
func (t *teamCounter) month(when time.Time) {
	w := when.UTC()
	i := (w.Year()-t.first.Year())*12 + int(w.Month()) - int(t.first.Month())
	if i >= 0 && i < teamMonths {
		t.months[i]++
	}
}

// commit counts a human commit authored in the window by key, whose
// canonical identity is id. The walk goes newest first, so the name kept is
// the newest.
func (t *teamCounter) commit(key string, id identity) {
	t.commits++
	a := t.by[key]
	if a == nil {
		email := key
		if strings.HasPrefix(key, "name:") {
			email = ""
		}
		a = &AuthorCommits{Name: strings.TrimSpace(id.Name), Email: email}
		t.by[key] = a
	}
	a.Commits++
}

func (t *teamCounter) facts() *Team {
	out := &Team{Commits: t.commits, Authors: sortAuthors(t.by)}
	half := 0
	for _, a := range out.Authors {
		if 2*half >= t.commits {
			break
		}
		half += a.Commits
		out.BusFactor++
	}
	for i, n := range t.months {
		out.Monthly = append(out.Monthly, MonthCommits{Month: monthStart(t.first, i).Format("2006-01"), Commits: n})
	}
	return out
}

// sortAuthors lists the authors, most commits first, then by e-mail and name.
func sortAuthors(by map[string]*AuthorCommits) []AuthorCommits {
	out := make([]AuthorCommits, 0, len(by))
	for _, a := range by {
		out = append(out, *a)
	}
	sort.Slice(out, func(i, j int) bool {
		a, b := out[i], out[j]
		if a.Commits != b.Commits {
			return a.Commits > b.Commits
		}
		if a.Email != b.Email {
			return a.Email < b.Email
		}
		return a.Name < b.Name
	})
	return out
}

// windowCommit is a human, non-merge commit authored in the window.
type windowCommit struct {
	hash   plumbing.Hash
	author string
}

// history keeps what AuthorsByFolder needs to compare the window's
// commits with their parents after Open, when the units are known.
type history struct {
	r *git.Repository
	// prefix is the scanned folder inside the repository ("" for the root):
	// folders asked for are relative to it.
	prefix  string
	commits []windowCommit
	names   map[string]AuthorCommits // author key → identity

	mu      sync.Mutex
	loaded  bool
	pairs   []treePair                // the commits compared, newest first
	folders map[string]map[string]int // folder → author key → commits
	trees   map[plumbing.Hash]*object.Tree
	err     error
}

// treePair is a commit's root tree and its parent's (zero for a root
// commit), with the commit's author.
type treePair struct {
	tree, parent plumbing.Hash
	author       string
}

// FolderAuthors is who changed files under folders in the active window.
type FolderAuthors struct {
	// Folders maps each folder asked for ("." for the root) to its authors,
	// most commits first; a folder nobody touched maps to nothing.
	Folders map[string][]AuthorCommits
	// Diffed counts the commits compared with their parent.
	Diffed int
	// Capped is true when the window held more than MaxDiffedCommits
	// commits and only the newest were compared.
	Capped bool
}

// AuthorsByFolder says who changed files under each folder in the active
// window: for each human, non-merge commit authored in it (at most
// MaxDiffedCommits, newest first) the folder's tree is compared with the
// same folder in the commit's parent, by hash, so only the trees on the
// way to the folders asked for are read, never a file. Results are kept
// for later calls. It returns an empty result when there is no history,
// and an error only when git objects could not be read.
func (s *Snapshot) AuthorsByFolder(ctx context.Context, folders []string) (FolderAuthors, error) {
	h := s.history
	if h == nil {
		return FolderAuthors{Folders: map[string][]AuthorCommits{}}, nil
	}
	h.mu.Lock()
	defer h.mu.Unlock()
	if !h.loaded {
		h.loaded = true
		h.err = h.load(ctx)
	}
	out := FolderAuthors{Folders: map[string][]AuthorCommits{}, Diffed: len(h.pairs), Capped: len(h.commits) > diffCap}
	if h.err != nil {
		return out, h.err
	}
	for _, f := range folders {
		f = path.Clean(f)
		by, ok := h.folders[f]
		if !ok {
			var err error
			if by, err = h.touched(ctx, f); err != nil {
				return out, err
			}
			h.folders[f] = by
		}
		if len(by) == 0 {
			continue
		}
		m := make(map[string]*AuthorCommits, len(by))
		for key, n := range by {
			a := h.names[key]
			a.Commits = n
			m[key] = &a
		}
		out.Folders[f] = sortAuthors(m)
	}
	return out, nil
}

// load reads the root trees of the window's commits and their parents.
func (h *history) load(ctx context.Context) error {
	h.folders = map[string]map[string]int{}
	h.trees = map[plumbing.Hash]*object.Tree{}
	commits := h.commits
	if len(commits) > diffCap {
		commits = commits[:diffCap]
	}
	for _, wc := range commits {
		if err := ctx.Err(); err != nil {
			return err
		}
		c, err := h.r.CommitObject(wc.hash)
		if err != nil {
			return fmt.Errorf("read commit %s: %w", wc.hash, err)
		}
		p := treePair{tree: c.TreeHash, author: wc.author}
		if len(c.ParentHashes) == 1 {
			pc, err := h.r.CommitObject(c.ParentHashes[0])
			if err != nil {
				// A shallow boundary: the commit's parent is not here, so
				// its changes cannot be told from the whole tree.
				continue
			}
			p.parent = pc.TreeHash
		}
		h.pairs = append(h.pairs, p)
	}
	return nil
}

// touched counts, by author, the commits that changed something under
// folder.
func (h *history) touched(ctx context.Context, folder string) (map[string]int, error) {
	full := folder
	if h.prefix != "" {
		full = path.Join(h.prefix, folder)
	}
	by := map[string]int{}
	for _, p := range h.pairs {
		if err := ctx.Err(); err != nil {
			return nil, err
		}
		a, err := h.hashAt(p.tree, full)
		if err != nil {
			return nil, err
		}
		b, err := h.hashAt(p.parent, full)
		if err != nil {
			return nil, err
		}
		if a != b {
			by[p.author]++
		}
	}
	return by, nil
}

// maxTrees bounds the decoded trees kept between commits.
const maxTrees = 20000

// hashAt returns the hash of the entry at the slash path p under the tree
// root ("." for root itself), or the zero hash when there is none.
func (h *history) hashAt(root plumbing.Hash, p string) (plumbing.Hash, error) {
	if root.IsZero() || p == "." || p == "" {
		return root, nil
	}
	cur := root
	for name := range strings.SplitSeq(p, "/") {
		t, err := h.tree(cur)
		if err != nil {
			return plumbing.ZeroHash, err
		}
		e, err := t.FindEntry(name)
		if err != nil {
			return plumbing.ZeroHash, nil
		}
		cur = e.Hash
	}
	return cur, nil
}

// keepOpen returns r opened anew on a store that keeps its packfiles open
// between reads: by default go-git opens the packfile again for every
// object read, which made reading the trees of a hundred commits cost a
// second. It returns r itself when the new store cannot read probe (a
// linked worktree whose objects live elsewhere, an in-memory store). The
// function returned closes the new store.
func keepOpen(r *git.Repository, probe plumbing.Hash) (*git.Repository, func() error) {
	none := func() error { return nil }
	fs, ok := r.Storer.(*filesystem.Storage)
	if !ok {
		return r, none
	}
	st := filesystem.NewStorageWithOptions(fs.Filesystem(), cache.NewObjectLRUDefault(), filesystem.Options{KeepDescriptors: true})
	if _, err := st.EncodedObject(plumbing.CommitObject, probe); err != nil {
		st.Close()
		return r, none
	}
	fast, err := git.Open(st, nil)
	if err != nil {
		st.Close()
		return r, none
	}
	return fast, st.Close
}

// newHistory keeps the window's commits of r for AuthorsByFolder.
func newHistory(r *git.Repository, prefix string, g *GitFacts, window []windowCommit) *history {
	h := &history{r: r, prefix: prefix, commits: window, names: map[string]AuthorCommits{}}
	if g.Team != nil {
		for _, a := range g.Team.Authors {
			key := a.Email
			if key == "" {
				key = "name:" + strings.ToLower(a.Name)
			}
			h.names[key] = AuthorCommits{Name: a.Name, Email: a.Email}
		}
	}
	return h
}
