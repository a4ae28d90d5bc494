package repo

import (
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"time"

	"github.com/go-git/go-billy/v5/osfs"
	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/cache"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
	"github.com/go-git/go-git/v5/plumbing/transport"
	"github.com/go-git/go-git/v5/plumbing/transport/client"
	"github.com/go-git/go-git/v5/plumbing/transport/server"
	"github.com/go-git/go-git/v5/storage/filesystem"
)

// Open opens a scan target: a directory (its working tree), a revision of
// the git repository holding a directory (opts.Rev), or a remote URL
// (https://, http://, ssh://, git://, file:// or user@host:path), which is
// cloned into a temporary folder that Close removes.
func Open(ctx context.Context, target string, opts Options) (*Snapshot, error) {
	opts = opts.withDefaults()
	if target == "" {
		target = "."
	}
	if IsRemote(target) {
		// A folder that happens to be named like user@host:path wins.
		if _, err := os.Stat(target); err != nil || strings.Contains(target, "://") {
			return openRemote(ctx, target, opts)
		}
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
	var r *git.Repository
	var gitErr error
	badEntry, badKind := unsafeGitEntry(abs)
	if badEntry == "" {
		r, gitErr = git.PlainOpenWithOptions(abs, &git.PlainOpenOptions{DetectDotGit: true, EnableDotGitCommonDir: true})
		if errors.Is(gitErr, git.ErrRepositoryNotExists) && looksBare(abs) {
			r, gitErr = git.PlainOpen(abs)
		}
	} else {
		gitErr = errors.New(gitEntryProblem(abs, badEntry, badKind))
	}
	if gitErr != nil {
		r = nil
	}
	bare := false
	if r != nil {
		if _, err := r.Worktree(); errors.Is(err, git.ErrIsBareRepository) {
			bare = true
		}
	}
	if opts.Rev != "" || bare {
		if r == nil {
			if errors.Is(gitErr, git.ErrRepositoryNotExists) {
				return nil, fmt.Errorf("open %s at revision %q: not inside a git repository; drop --rev to scan the folder as it is", target, opts.Rev)
			}
			return nil, fmt.Errorf("open %s at revision %q: %w", target, opts.Rev, gitErr)
		}
		rev := opts.Rev
		if rev == "" {
			rev = "HEAD"
		}
		s := &Snapshot{Target: target, maxSize: opts.MaxFileSize, absTarget: filepath.ToSlash(abs)}
		s.closers = append(s.closers, storageCloser(r))
		if err := s.fromRevision(ctx, r, abs, rev, opts); err != nil {
			s.Close()
			return nil, fmt.Errorf("open %s: %w", target, err)
		}
		return s, nil
	}

	root, err := os.OpenRoot(abs)
	if err != nil {
		return nil, fmt.Errorf("open %s: %w", target, err)
	}
	b := openBeneath(abs)
	s := &Snapshot{Target: target, fsys: rootFS{root, b}, maxSize: opts.MaxFileSize, absTarget: filepath.ToSlash(abs)}
	s.closers = append(s.closers, root.Close, b.close)
	if r != nil {
		s.tracked = trackedFiles(r, abs)
	}
	if err := s.index_(ctx); err != nil {
		s.Close()
		return nil, fmt.Errorf("walk %s: %w", target, err)
	}
	switch {
	case r != nil:
		s.worktreeFacts(ctx, r, abs, opts)
		if err := ctx.Err(); err != nil {
			s.Close()
			return nil, fmt.Errorf("read git history of %s: %w", target, err)
		}
		// Kept open for AuthorsByFolder, which reads trees after Open.
		s.closers = append(s.closers, storageCloser(r))
	case !errors.Is(gitErr, git.ErrRepositoryNotExists):
		s.Problemf(".git", "cannot open the git repository: %v; git facts are left out", gitErr)
	default:
		if _, err := os.Stat(filepath.Join(abs, ".git")); err == nil {
			s.Problemf(".git", "not a readable git repository; git facts are left out")
		}
	}
	return s, nil
}

// trackedFiles reads the paths in r's index that lie under abs; nil when
// there is no index to read.
func trackedFiles(r *git.Repository, abs string) *trackedSet {
	idx, err := r.Storer.Index()
	if err != nil {
		return nil
	}
	paths := make([]string, 0, len(idx.Entries))
	for _, e := range idx.Entries {
		paths = append(paths, e.Name)
	}
	return newTrackedSet(paths, subfolder(r, abs))
}

// looksBare reports whether dir has the layout of a bare repository.
func looksBare(dir string) bool {
	for _, name := range []string{"HEAD", "objects", "refs"} {
		if _, err := os.Stat(filepath.Join(dir, name)); err != nil {
			return false
		}
	}
	return true
}

// worktreeFacts reads the history facts for a working tree from HEAD. A
// repository whose HEAD leads nowhere is recorded as a problem.
func (s *Snapshot) worktreeFacts(ctx context.Context, r *git.Repository, abs string, opts Options) {
	head, err := r.Head()
	if err != nil {
		if errors.Is(err, plumbing.ErrReferenceNotFound) {
			s.Problemf(".git", "HEAD points to no commit (an empty or broken repository); git facts are left out")
		} else {
			s.Problemf(".git", "cannot read HEAD: %v; git facts are left out", err)
		}
		return
	}
	var mm *mailmap
	if wt, err := r.Worktree(); err == nil {
		mm = readMailmapDir(wt.Filesystem.Root())
	}
	fast, done := keepOpen(r, head.Hash())
	s.closers = append(s.closers, done)
	g, window, err := historyFacts(ctx, fast, head.Hash(), mm, opts.ActiveDays, opts.FullHistory)
	if err != nil {
		s.Problemf(".git", "cannot walk history: %v; git facts are left out", err)
		return
	}
	s.Git = g
	s.history = newHistory(fast, subfolder(r, abs), g, window)
}

// fromRevision points the snapshot at the tree of rev, read from git
// objects. When abs is a folder inside the working tree, the snapshot is
// that folder's subtree.
func (s *Snapshot) fromRevision(ctx context.Context, r *git.Repository, abs, rev string, opts Options) error {
	h, err := resolve(r, rev)
	if err != nil {
		return err
	}
	commit, err := r.CommitObject(h)
	if err != nil {
		return fmt.Errorf("revision %q (%s) is not a commit: %w", rev, h, err)
	}
	rootTree, err := commit.Tree()
	if err != nil {
		return fmt.Errorf("read tree of %s: %w", h, err)
	}
	tree := rootTree
	if sub := subfolder(r, abs); sub != "" {
		tree, err = rootTree.Tree(sub)
		if err != nil {
			return fmt.Errorf("folder %s does not exist at revision %q (%s)", sub, rev, h)
		}
	}
	s.fsys = newTreeFS(r.Storer, tree, commit.Committer.When)
	s.tracked = &trackedSet{all: true}
	s.Revision = h.String()
	if err := s.index_(ctx); err != nil {
		return fmt.Errorf("walk revision %q: %w", rev, err)
	}
	mm := readMailmapTree(rootTree)
	fast, done := keepOpen(r, h)
	s.closers = append(s.closers, done)
	g, window, err := historyFacts(ctx, fast, h, mm, opts.ActiveDays, opts.FullHistory)
	if ctxErr := ctx.Err(); ctxErr != nil {
		return fmt.Errorf("read git history: %w", ctxErr)
	}
	if err != nil {
		s.Problemf(".git", "cannot walk history: %v; git facts are left out", err)
		return nil
	}
	s.Git = g
	s.history = newHistory(fast, subfolder(r, abs), g, window)
	return nil
}

// resolve turns a revision into a commit hash. In a clone, branch names are
// also tried as remote-tracking branches of origin.
func resolve(r *git.Repository, rev string) (plumbing.Hash, error) {
	h, err := r.ResolveRevision(plumbing.Revision(rev))
	if err == nil {
		return *h, nil
	}
	if h2, err2 := r.ResolveRevision(plumbing.Revision("origin/" + rev)); err2 == nil {
		return *h2, nil
	}
	return plumbing.ZeroHash, fmt.Errorf("unknown revision %q: %v; give a branch, a tag or a commit hash that exists in the repository", rev, err)
}

// subfolder returns abs relative to the root of r's working tree, slash
// separated, or "" when abs is the root or there is no working tree.
func subfolder(r *git.Repository, abs string) string {
	wt, err := r.Worktree()
	if err != nil {
		return ""
	}
	root := wt.Filesystem.Root()
	if e, err := filepath.EvalSymlinks(root); err == nil {
		root = e
	}
	if e, err := filepath.EvalSymlinks(abs); err == nil {
		abs = e
	}
	rel, err := filepath.Rel(root, abs)
	if err != nil || rel == "." || strings.HasPrefix(rel, "..") {
		return ""
	}
	return filepath.ToSlash(rel)
}

// maxMailmap caps the .mailmap read; a larger one is not a real mailmap.
const maxMailmap = 1 << 20

func readMailmapDir(dir string) *mailmap {
	root, err := os.OpenRoot(dir)
	if err != nil {
		return nil
	}
	defer root.Close()
	// A FIFO would block the open; only a regular file is read.
	if info, err := root.Stat(".mailmap"); err != nil || !info.Mode().IsRegular() {
		return nil
	}
	f, err := root.Open(".mailmap")
	if err != nil {
		return nil
	}
	defer f.Close()
	b, err := io.ReadAll(io.LimitReader(f, maxMailmap))
	if err != nil {
		return nil
	}
	return parseMailmap(string(b))
}

func readMailmapTree(t *object.Tree) *mailmap {
	f, err := t.File(".mailmap")
	if err != nil || f.Size > maxMailmap {
		return nil
	}
	text, err := f.Contents()
	if err != nil {
		return nil
	}
	return parseMailmap(text)
}

// scpLike matches git's user@host:path form.
var scpLike = regexp.MustCompile(`^[A-Za-z0-9._~-]+@[A-Za-z0-9.-]+:`)

// IsRemote reports whether target is a URL to clone rather than a folder.
func IsRemote(target string) bool {
	for _, p := range []string{"https://", "http://", "ssh://", "git://", "file://"} {
		if strings.HasPrefix(strings.ToLower(target), p) {
			return true
		}
	}
	return scpLike.MatchString(target)
}

// openRemote clones target into a temporary folder (bare: nothing is checked
// out) and snapshots its HEAD or opts.Rev.
func openRemote(ctx context.Context, target string, opts Options) (*Snapshot, error) {
	dir, err := os.MkdirTemp("", "stackaudit-clone-")
	if err != nil {
		return nil, fmt.Errorf("clone %s: %w", target, err)
	}
	s := &Snapshot{Target: target, maxSize: opts.MaxFileSize}
	s.closers = append(s.closers, func() error { return os.RemoveAll(dir) })
	co := &git.CloneOptions{URL: target, Progress: opts.Progress}
	switch {
	case opts.Rev != "":
		// Any revision may be asked for: fetch all branches and tags.
		co.Tags = git.AllTags
	case opts.Depth < 0:
		co.SingleBranch = true
		co.Tags = git.NoTags
	default:
		co.SingleBranch = true
		co.Tags = git.NoTags
		co.Depth = opts.Depth
		if co.Depth == 0 {
			co.Depth = 1
		}
	}
	if strings.HasPrefix(strings.ToLower(target), "file://") {
		// The in-process server reads the local repository with go-git
		// itself (no git binary) and does not serve shallow fetches; a local
		// full clone is cheap.
		useInProcessFile()
		co.Depth = 0
	}
	r, err := git.PlainCloneContext(ctx, dir, true, co)
	if err != nil {
		s.Close()
		return nil, fmt.Errorf("clone %s: %w%s", target, err, cloneHint(err))
	}
	// Closers run last first: the store's files are closed before the
	// folder is removed, which Windows needs.
	s.closers = append(s.closers, storageCloser(r))
	rev := opts.Rev
	if rev == "" {
		rev = "HEAD"
	}
	if err := s.fromRevision(ctx, r, dir, rev, opts); err != nil {
		s.Close()
		return nil, fmt.Errorf("open %s: %w", target, err)
	}
	return s, nil
}

// cloneHint says what to do about the common clone failures.
func cloneHint(err error) string {
	switch {
	case errors.Is(err, transport.ErrRepositoryNotFound):
		return "; check the URL"
	case errors.Is(err, transport.ErrAuthenticationRequired), errors.Is(err, transport.ErrAuthorizationFailed):
		return "; for a private repository, clone it yourself and scan the folder"
	case errors.Is(err, transport.ErrEmptyRemoteRepository):
		return "; the repository has no commits to scan"
	case errors.Is(err, plumbing.ErrObjectNotFound):
		return "; the repository lacks objects its history refers to (run `git fsck` on it)"
	}
	return ""
}

// storageCloser closes the open files of r's object store, if it keeps any.
func storageCloser(r *git.Repository) func() error {
	return func() error {
		if c, ok := r.Storer.(io.Closer); ok {
			return c.Close()
		}
		return nil
	}
}

var fileTransportOnce sync.Once

// useInProcessFile serves file:// URLs from go-git's in-process server
// instead of running git-upload-pack, which may not be installed.
func useInProcessFile() {
	fileTransportOnce.Do(func() {
		client.InstallProtocol("file", server.NewServer(localLoader{}))
	})
}

// localLoader opens a local repository for the in-process server: a bare
// repository, or the .git folder of a working tree.
type localLoader struct{}

func (localLoader) Load(ep *transport.Endpoint) (storer.Storer, error) {
	p := ep.Path
	if runtime.GOOS == "windows" && len(p) >= 3 && p[0] == '/' && p[2] == ':' {
		p = p[1:] // file:///C:/x
	}
	if fi, err := os.Stat(filepath.Join(p, ".git")); err == nil && fi.IsDir() {
		p = filepath.Join(p, ".git")
	}
	if _, err := os.Stat(filepath.Join(p, "HEAD")); err != nil {
		return nil, transport.ErrRepositoryNotFound
	}
	return filesystem.NewStorage(osfs.New(p), cache.NewObjectLRUDefault()), nil
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
	// Team says who made the window's commits and how busy the last year
	// was.
	Team *Team
}

var _ fs.FS = (*treeFS)(nil)
