package repo

import (
	"fmt"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
)

// unsafeGitEntry looks at the git repository go-git would open for abs (the
// nearest .git up the folders, or abs itself when it is bare) for an entry
// that is neither a folder nor a regular file: go-git opens files such as
// HEAD, refs and loose objects without looking, and opening a FIFO blocks
// until a writer comes, which no context deadline interrupts. It returns
// the entry's path relative to abs's .git and what it is, or "" when the
// repository holds only folders and regular files (or there is none).
func unsafeGitEntry(abs string) (string, string) {
	gitDir := ""
	for dir := abs; ; {
		p := filepath.Join(dir, ".git")
		if info, err := os.Lstat(p); err == nil {
			if !info.Mode().IsRegular() && !info.IsDir() {
				return p, kind(info.Mode())
			}
			gitDir = p
			if info.Mode().IsRegular() {
				// A worktree or submodule pointer: "gitdir: PATH".
				b, err := os.ReadFile(p)
				if err != nil {
					return "", ""
				}
				target, ok := strings.CutPrefix(strings.TrimSpace(string(b)), "gitdir:")
				if !ok {
					return "", ""
				}
				target = strings.TrimSpace(target)
				if !filepath.IsAbs(target) {
					target = filepath.Join(dir, target)
				}
				gitDir = target
			}
			break
		}
		parent := filepath.Dir(dir)
		if parent == dir {
			break
		}
		dir = parent
	}
	if gitDir == "" {
		if !looksBare(abs) {
			return "", ""
		}
		gitDir = abs
	}
	var bad, what string
	filepath.WalkDir(gitDir, func(p string, d fs.DirEntry, err error) error {
		if err != nil || d.IsDir() || d.Type().IsRegular() {
			return nil
		}
		mode := d.Type()
		if mode&fs.ModeSymlink != 0 {
			info, err := os.Stat(p)
			if err != nil || info.Mode().IsRegular() || info.IsDir() {
				return nil
			}
			mode = info.Mode()
		}
		bad, what = p, kind(mode)
		return fs.SkipAll
	})
	return bad, what
}

// gitEntryProblem says what unsafeGitEntry found, relative to abs when the
// entry lies below it.
func gitEntryProblem(abs, p, what string) string {
	if rel, err := filepath.Rel(abs, p); err == nil && !strings.HasPrefix(rel, "..") {
		p = filepath.ToSlash(rel)
	}
	return fmt.Sprintf("%s is not a regular file (%s), and opening it would block", p, what)
}
