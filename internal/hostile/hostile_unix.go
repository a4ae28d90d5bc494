//go:build unix

package hostile

import (
	"os"
	"path/filepath"
	"syscall"

	"github.com/go-git/go-git/v5"
)

func mkfifo(dir, p string) error {
	name := filepath.Join(dir, filepath.FromSlash(p))
	if err := os.MkdirAll(filepath.Dir(name), 0o755); err != nil {
		return err
	}
	return syscall.Mkfifo(name, 0o644)
}

// unixCases are the trees only a Unix file system can hold: FIFOs and names
// with a newline or bytes that are not UTF-8.
func unixCases() []Case {
	return []Case{
		{
			Name: "fifo",
			Build: func(dir string) error {
				// Opening a FIFO for reading blocks until a writer comes:
				// a scan that opens one hangs.
				return firstErr(
					mkfifo(dir, "pipe/package.json"),
					mkfifo(dir, "pipe/requirements.txt"),
					mkfifo(dir, ".gitignore"),
					mkfifo(dir, ".mailmap"),
					mkfifo(dir, ".stackaudit.toml"),
					symlink("../pipe/package.json", dir, "linked/package.json"),
				)
			},
			Notes: []Note{{"pipe/package.json", "not a regular file"}, {".gitignore", "not a regular file"}, {"linked/package.json", "a FIFO"}},
		},
		{
			Name: "git-fifo",
			Build: func(dir string) error {
				// go-git opens HEAD and refs without looking; a FIFO there
				// blocks the open, past any deadline.
				if _, err := git.PlainInit(dir, false); err != nil {
					return err
				}
				return firstErr(
					os.Remove(filepath.Join(dir, ".git", "HEAD")),
					mkfifo(dir, ".git/HEAD"),
					mkfifo(dir, ".git/refs/heads/main"),
				)
			},
			Notes: []Note{{".git", "not a regular file (a FIFO)"}},
		},
		{
			Name: "odd-names",
			Build: func(dir string) error {
				return firstErr(
					WriteFile(dir, "new\nline/package.json", `{"name": "nl", "dependencies": {"koa": "^2.0.0"}}`),
					WriteFile(dir, "bad\xff\xfe/package.json", `{"name": "bad", "dependencies": {"express": "4"}}`),
					WriteFile(dir, "src/\x1b[31mred.js", "module.exports = 3\n"),
				)
			},
			Findings: [][2]string{{"SA601", "new\nline/package.json"}, {"SA601", "bad\xff\xfe/package.json"}},
		},
	}
}
