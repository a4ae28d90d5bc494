// Package hostile builds adversarial repository trees for tests: symbolic
// link loops, links out of the root, unreadable files, FIFOs, huge and
// sparse files, deep nesting, crowded folders, odd names, binary manifests,
// huge .gitignore files and broken or unusual git repositories. Nothing odd
// is checked in: every tree is written into a folder the caller provides
// (t.TempDir()).
//
// Each case also writes a small valid unit (Control) beside the hostile
// item, so a test can check that the scan still reports what it can.
package hostile

import (
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/go-git/go-git/v5"
	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/format/index"
	"github.com/go-git/go-git/v5/plumbing/object"
)

// ControlManifest is the control unit's manifest: an Express application
// with no lockfile, so SA601 (missing-lockfile) must fire on it.
const ControlManifest = "app/package.json"

// Skip is returned by a Build that cannot make its tree here (running as
// root, no FIFOs on this system); the reason follows in the error text.
var Skip = errors.New("skip")

// Note is a notification a case must produce: the path it names and a
// piece of the reason.
type Note struct {
	Path   string
	Reason string
}

// Case is one hostile tree.
type Case struct {
	Name string
	// Build writes the hostile item into dir (the control unit is written
	// by Write).
	Build func(dir string) error
	// Notes must all appear among the scan's notifications.
	Notes []Note
	// Large marks a case that takes seconds to build; tests skip it under
	// -short.
	Large bool
	// Rev also scans the tree at --rev HEAD (for git cases).
	Rev bool
	// Findings are extra findings (code and path) the tree must still
	// produce besides the control unit's SA601.
	Findings [][2]string
}

// Write builds c in dir and the control unit beside it.
func (c Case) Write(dir string) error {
	if err := Control(dir); err != nil {
		return err
	}
	return c.Build(dir)
}

// Control writes the control unit.
func Control(dir string) error {
	return WriteFile(dir, ControlManifest, `{"name": "app", "dependencies": {"express": "^4.18.2"}}`+"\n")
}

// WriteFile writes content at the slash path p under dir, creating folders.
func WriteFile(dir, p, content string) error {
	name := filepath.Join(dir, filepath.FromSlash(p))
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return os.WriteFile(name, []byte(content), 0o644)
}

// Sparse makes a file of size bytes that occupies no disk blocks.
func Sparse(dir, p string, size int64) error {
	if err := WriteFile(dir, p, ""); err != nil {
		return err
	}
	return os.Truncate(filepath.Join(dir, filepath.FromSlash(p)), size)
}

// Cases returns every case this system can build, the portable ones first.
func Cases() []Case {
	return append(portable(), unixCases()...)
}

func portable() []Case {
	return []Case{
		{
			Name: "symlink-loop",
			Build: func(dir string) error {
				return firstErr(
					symlink("b", dir, "loop/a"),
					symlink("a", dir, "loop/b"),
					symlink("self", dir, "loop/self"),
				)
			},
			Notes: []Note{{"loop/a", "loop"}, {"loop/b", "loop"}, {"loop/self", "loop"}},
		},
		{
			Name: "symlink-to-etc",
			Build: func(dir string) error {
				return firstErr(symlink("/etc", dir, "etc"), symlink("/etc/passwd", dir, "passwd.txt"))
			},
			Notes: []Note{{"etc", "outside the repository"}, {"passwd.txt", "outside the repository"}},
		},
		{
			Name: "symlink-to-parent",
			Build: func(dir string) error {
				// A link up to the root and one above it: the first is a
				// folder inside the tree (scanned through its real path),
				// the second leaves the tree.
				return firstErr(
					WriteFile(dir, "pkg/lib/index.js", "module.exports = 1\n"),
					symlink("..", dir, "pkg/lib/up"),
					symlink("../../..", dir, "pkg/lib/out"),
				)
			},
			Notes: []Note{{"pkg/lib/out", "outside the repository"}},
		},
		{
			Name:  "unreadable-file",
			Build: unreadable,
			Notes: []Note{{"locked/package.json", "permission denied"}, {"sealed", "permission denied"}},
		},
		{
			Name: "huge-sparse-file",
			Build: func(dir string) error {
				return firstErr(
					Sparse(dir, "app/server.js", 200<<20),
					Sparse(dir, "data/dump.sql", 200<<20),
				)
			},
			Notes: []Note{{"app/server.js", "larger than"}},
		},
		{
			Name: "huge-package-json",
			Build: func(dir string) error {
				// A real manifest padded with whitespace past the cap: valid
				// JSON, only too large to read.
				f, err := create(dir, "big/package.json")
				if err != nil {
					return err
				}
				defer f.Close()
				if _, err := f.WriteString(`{"name": "big", "dependencies": {"left-pad": "*"}`); err != nil {
					return err
				}
				pad := []byte(strings.Repeat(" ", 1<<20))
				for i := 0; i < 50; i++ {
					if _, err := f.Write(pad); err != nil {
						return err
					}
				}
				_, err = f.WriteString("}\n")
				return err
			},
			Notes: []Note{{"big/package.json", "larger than"}},
		},
		{
			Name: "deep-nesting",
			Build: func(dir string) error {
				p := strings.Repeat("d/", 500)
				return WriteFile(dir, p+"package.json", `{"name": "deep", "dependencies": {"fastify": "^4.0.0"}}`)
			},
			Findings: [][2]string{{"SA601", strings.Repeat("d/", 500) + "package.json"}},
		},
		{
			Name:  "crowded-folder",
			Large: true,
			Build: func(dir string) error {
				crowd := filepath.Join(dir, "crowd")
				if err := os.MkdirAll(crowd, 0o755); err != nil {
					return err
				}
				for i := 0; i < 100_000; i++ {
					f, err := os.Create(filepath.Join(crowd, fmt.Sprintf("f%06d.txt", i)))
					if err != nil {
						return err
					}
					f.Close()
				}
				return nil
			},
		},
		{
			Name: "binary-pyproject",
			Build: func(dir string) error {
				garbage := make([]byte, 4096)
				x := uint32(2463534242)
				for i := range garbage {
					x ^= x << 13
					x ^= x >> 17
					x ^= x << 5
					garbage[i] = byte(x)
				}
				garbage[10] = 0
				return WriteFile(dir, "py/pyproject.toml", string(garbage))
			},
			Notes: []Note{{"py/pyproject.toml", "binary"}},
		},
		{
			Name: "huge-gitignore",
			Build: func(dir string) error {
				var b strings.Builder
				for i := 0; i < 10_000; i++ {
					fmt.Fprintf(&b, "generated-%d/**/*.tmp\n!keep-%d.txt\ncache-%d/\n", i, i, i)
				}
				return firstErr(
					WriteFile(dir, ".gitignore", b.String()),
					WriteFile(dir, "src/index.js", "console.log(1)\n"),
					// Matched by the last pattern: must stay out of the index.
					WriteFile(dir, "cache-9999/web/package.json", `{"dependencies": {"koa": "*"}}`),
				)
			},
		},
		{
			Name: "git-head-nowhere",
			Build: func(dir string) error {
				if _, err := git.PlainInit(dir, false); err != nil {
					return err
				}
				return os.WriteFile(filepath.Join(dir, ".git", "HEAD"), []byte("ref: refs/heads/gone\n"), 0o644)
			},
			Notes: []Note{{".git", "HEAD points to no commit"}},
		},
		{
			Name: "git-head-missing-object",
			Build: func(dir string) error {
				if _, err := git.PlainInit(dir, false); err != nil {
					return err
				}
				return os.WriteFile(filepath.Join(dir, ".git", "HEAD"), []byte(strings.Repeat("ab", 20)+"\n"), 0o644)
			},
			Notes: []Note{{".git", "object not found"}},
		},
		{
			Name:  "shallow-clone",
			Build: shallow,
			Rev:   true,
		},
		{
			Name:  "submodule",
			Build: submodule,
			Rev:   true,
		},
		{
			Name: "git-file-worktree",
			Build: func(dir string) error {
				// A linked worktree's .git file pointing at a folder that no
				// longer exists, and a submodule checkout's .git file below.
				return firstErr(
					WriteFile(dir, ".git", "gitdir: /nonexistent/stackaudit/.git/worktrees/feature\n"),
					WriteFile(dir, "lib/sub/.git", "gitdir: ../../.git/modules/sub\n"),
					WriteFile(dir, "lib/sub/index.js", "module.exports = 2\n"),
				)
			},
			Notes: []Note{{".git", "git"}},
		},
	}
}

func create(dir, p string) (*os.File, error) {
	name := filepath.Join(dir, filepath.FromSlash(p))
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return nil, err
	}
	return os.Create(name)
}

func symlink(target, dir, p string) error {
	name := filepath.Join(dir, filepath.FromSlash(p))
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return os.Symlink(target, name)
}

func firstErr(errs ...error) error {
	for _, err := range errs {
		if err != nil {
			return err
		}
	}
	return nil
}

func unreadable(dir string) error {
	if os.Geteuid() == 0 {
		return fmt.Errorf("%w: running as root, which reads files whatever their permissions", Skip)
	}
	if err := WriteFile(dir, "locked/package.json", `{"name": "locked"}`); err != nil {
		return err
	}
	if err := WriteFile(dir, "sealed/package.json", `{"name": "sealed"}`); err != nil {
		return err
	}
	if err := os.Chmod(filepath.Join(dir, "locked", "package.json"), 0); err != nil {
		return err
	}
	// The folder is given back its permissions by the caller's cleanup:
	// t.TempDir cannot remove a folder it cannot list.
	return os.Chmod(filepath.Join(dir, "sealed"), 0)
}

// Restore gives the folders Build made unreadable back their permissions,
// so that t.TempDir's cleanup can remove them; call it in t.Cleanup.
func Restore(dir string) {
	os.Chmod(filepath.Join(dir, "sealed"), 0o755)
}

// when dates the fixtures' commits inside the active-author window.
var when = time.Now().Add(-time.Hour).Truncate(time.Second)

func commitAll(r *git.Repository, msg string) (plumbing.Hash, error) {
	wt, err := r.Worktree()
	if err != nil {
		return plumbing.ZeroHash, err
	}
	if err := wt.AddWithOptions(&git.AddOptions{All: true}); err != nil {
		return plumbing.ZeroHash, err
	}
	sig := &object.Signature{Name: "Ada", Email: "ada@example.com", When: when}
	return wt.Commit(msg, &git.CommitOptions{Author: sig, Committer: sig, AllowEmptyCommits: true})
}

// shallow makes a repository with two commits whose shallow file cuts the
// history at the newest one, as `git clone --depth 1` leaves it.
func shallow(dir string) error {
	r, err := git.PlainInit(dir, false)
	if err != nil {
		return err
	}
	if _, err := commitAll(r, "first"); err != nil {
		return err
	}
	if err := WriteFile(dir, "README.md", "# hi\n"); err != nil {
		return err
	}
	h, err := commitAll(r, "second")
	if err != nil {
		return err
	}
	return r.Storer.SetShallow([]plumbing.Hash{h})
}

// submodule commits a gitlink (mode 160000) at lib/sub pointing at a commit
// that is not in the repository, with its .gitmodules entry, and leaves the
// submodule's folder empty, as an uninitialised checkout does.
func submodule(dir string) error {
	r, err := git.PlainInit(dir, false)
	if err != nil {
		return err
	}
	if err := WriteFile(dir, ".gitmodules", "[submodule \"sub\"]\n\tpath = lib/sub\n\turl = https://example.invalid/sub.git\n"); err != nil {
		return err
	}
	wt, err := r.Worktree()
	if err != nil {
		return err
	}
	if err := wt.AddWithOptions(&git.AddOptions{All: true}); err != nil {
		return err
	}
	idx, err := r.Storer.Index()
	if err != nil {
		return err
	}
	idx.Entries = append(idx.Entries, &index.Entry{
		Name: "lib/sub",
		Mode: filemode.Submodule,
		Hash: plumbing.NewHash(strings.Repeat("cd", 20)),
	})
	if err := r.Storer.SetIndex(idx); err != nil {
		return err
	}
	sig := &object.Signature{Name: "Ada", Email: "ada@example.com", When: when}
	if _, err := wt.Commit("add submodule", &git.CommitOptions{Author: sig, Committer: sig}); err != nil {
		return err
	}
	return os.MkdirAll(filepath.Join(dir, "lib", "sub"), 0o755)
}
