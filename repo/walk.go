package repo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"runtime"
	"slices"
	"strings"

	"github.com/stackaudit/stackaudit/internal/par"
)

// skipDirs are folder names never descended into: version control, installed
// dependencies, virtual environments, caches and build output.
var skipDirs = map[string]bool{
	".git":             true,
	".hg":              true,
	".svn":             true,
	"node_modules":     true,
	".venv":            true,
	"venv":             true,
	"__pycache__":      true,
	".mypy_cache":      true,
	".pytest_cache":    true,
	".ruff_cache":      true,
	".tox":             true,
	".nox":             true,
	"dist":             true,
	"build":            true,
	"vendor":           true,
	".next":            true,
	".nuxt":            true,
	".svelte-kit":      true,
	".turbo":           true,
	"bower_components": true,
}

// index_ walks the snapshot's file system once, applying the skip list and
// every .gitignore on the way down.
func (s *Snapshot) index_(ctx context.Context) error {
	var files []File
	var entries []sized
	var ign ignoreList
	// ignoreDepth tracks how many patterns belong to each open folder so they
	// can be dropped when the walk leaves it.
	type frame struct {
		dir string
		n   int
	}
	var stack []frame
	// parts is the current path split at slashes, its backing array
	// reused from entry to entry (ign.match keeps none of it).
	var parts []string
	err := walkDir(s.fsys, ".", func(p string, d fs.DirEntry, err error) error {
		if ctxErr := ctx.Err(); ctxErr != nil {
			return fmt.Errorf("stopped at %s after indexing %d files: %w", shorten(p), len(files), ctxErr)
		}
		if err != nil {
			if p == "." {
				return err
			}
			s.Problemf(p, "cannot read: %v", unwrapPathError(err))
			if d != nil && d.IsDir() {
				return fs.SkipDir
			}
			return nil
		}
		// Leave folders the walk has finished with.
		for len(stack) > 0 && !within(p, stack[len(stack)-1].dir) {
			ign.truncate(ign.len() - stack[len(stack)-1].n)
			stack = stack[:len(stack)-1]
		}
		if p == "." {
			ign.push(s.readIgnore("."))
			stack = append(stack, frame{dir: ".", n: ign.len()})
			return nil
		}
		parts = slices.AppendSeq(parts[:0], strings.SplitSeq(p, "/"))
		isDir := d.IsDir()
		if isDir && skipDirs[d.Name()] {
			return fs.SkipDir
		}
		if ign.match(parts, isDir) && !s.tracked.has(p, isDir) {
			if isDir {
				return fs.SkipDir
			}
			return nil
		}
		if isDir {
			if _, err := fs.Stat(s.fsys, path.Join(p, "pyvenv.cfg")); err == nil {
				return fs.SkipDir
			}
			ps := s.readIgnore(p)
			ign.push(ps)
			stack = append(stack, frame{dir: p, n: len(ps)})
			return nil
		}
		if d.Type()&fs.ModeSymlink != 0 {
			info, err := fs.Stat(s.fsys, p)
			if err != nil {
				switch {
				case errors.Is(err, fs.ErrNotExist):
					s.Problemf(p, "symbolic link to a missing file; skipped")
				case strings.Contains(err.Error(), "too many levels of symbolic links"):
					s.Problemf(p, "symbolic link loop; not followed")
				case strings.Contains(err.Error(), "escapes"):
					s.Problemf(p, "symbolic link that points outside the repository; not followed")
				default:
					s.Problemf(p, "symbolic link not followed: %v", unwrapPathError(err))
				}
				return nil
			}
			if info.IsDir() {
				// Linked folders are not descended into: that is how loops
				// and escapes from the root are avoided.
				return nil
			}
			if !info.Mode().IsRegular() {
				if info.Mode()&fs.ModeSymlink != 0 {
					// A link read from git objects, which treeFS does
					// not follow.
					return nil
				}
				s.Problemf(p, "symbolic link to something that is not a regular file (%s); skipped", kind(info.Mode()))
				return nil
			}
			files = append(files, File{Path: p, Size: info.Size()})
			return nil
		}
		if !d.Type().IsRegular() {
			// A FIFO, socket or device is never opened: reading a FIFO
			// blocks until a writer comes.
			s.Problemf(p, "not a regular file (%s); skipped", kind(d.Type()))
			return nil
		}
		// Sized after the walk, on all cores (statSizes).
		files = append(files, File{Path: p, Size: -1})
		entries = append(entries, sized{len(files) - 1, d})
		return nil
	})
	if err != nil {
		return err
	}
	s.setFiles(s.statSizes(files, entries))
	return nil
}

// walkDir is fs.WalkDir, but names an entry dir+"/"+name (one string)
// where path.Join would build the same string through a buffer; root must
// be clean ("." here).
func walkDir(fsys fs.FS, root string, fn fs.WalkDirFunc) error {
	info, err := fs.Stat(fsys, root)
	if err != nil {
		err = fn(root, nil, err)
	} else {
		err = walkDirFrom(fsys, root, fs.FileInfoToDirEntry(info), fn)
	}
	if err == fs.SkipDir || err == fs.SkipAll {
		return nil
	}
	return err
}

// walkDirFrom is io/fs's walkDir with joinName for path.Join.
func walkDirFrom(fsys fs.FS, name string, d fs.DirEntry, walkDirFn fs.WalkDirFunc) error {
	if err := walkDirFn(name, d, nil); err != nil || !d.IsDir() {
		if err == fs.SkipDir && d.IsDir() {
			// Successfully skipped directory.
			err = nil
		}
		return err
	}

	dirs, err := fs.ReadDir(fsys, name)
	if err != nil {
		// Second call, to report ReadDir error.
		err = walkDirFn(name, d, err)
		if err != nil {
			if err == fs.SkipDir && d.IsDir() {
				err = nil
			}
			return err
		}
	}

	for _, d1 := range dirs {
		name1 := joinName(name, d1.Name())
		if err := walkDirFrom(fsys, name1, d1, walkDirFn); err != nil {
			if err == fs.SkipDir {
				break
			}
			return err
		}
	}
	return nil
}

// joinName is path.Join(dir, elem) for a clean dir: a plain element (not
// empty, . or .., no slash) is appended without cleaning, which would
// change nothing.
func joinName(dir, elem string) string {
	if elem == "" || elem == "." || elem == ".." || strings.IndexByte(elem, '/') >= 0 || dir == "" || dir == "/" {
		return path.Join(dir, elem)
	}
	if dir == "." {
		return elem
	}
	return dir + "/" + elem
}

// sized is a walked regular file whose size is still to be read.
type sized struct {
	i int // index in the walk's files
	d fs.DirEntry
}

// statSizes reads the size of each entry (an lstat each, the walk's main
// cost after reading the folders) with a worker per core, and drops the
// files that could not be statted, saying so.
func (s *Snapshot) statSizes(files []File, entries []sized) []File {
	failed := make([]error, len(entries))
	// On disk (Linux), an fstatat from the root's descriptor stands for
	// DirEntry.Info's lstat by absolute name; the error, an errno, is the
	// one Info wraps in a PathError, and only its text is reported.
	var b *beneath
	if rf, ok := s.fsys.(rootFS); ok {
		b = rf.b
	}
	stat := func(k int) {
		if size, ok, err := b.lstatSize(files[entries[k].i].Path); ok {
			if err != nil {
				failed[k] = err
				return
			}
			files[entries[k].i].Size = size
			return
		}
		info, err := entries[k].d.Info()
		if err != nil {
			failed[k] = err
			return
		}
		files[entries[k].i].Size = info.Size()
	}
	// A worker for every 256 files, up to one a core.
	par.Each(len(entries), min(runtime.GOMAXPROCS(0), max(len(entries)/256, 1)), nil, stat)
	for k, err := range failed {
		if err != nil {
			s.Problemf(files[entries[k].i].Path, "cannot stat: %v", unwrapPathError(err))
		}
	}
	out := files[:0]
	for _, f := range files {
		if f.Size >= 0 {
			out = append(out, f)
		}
	}
	return out
}

// trackedSet holds the paths git tracks, which .gitignore does not hide: git
// ignores only untracked files, and a repository may commit a file that
// its own .gitignore matches (saleor's ".*" with a committed
// .pre-commit-config.yaml).
type trackedSet struct {
	// all is set for a tree read from a commit, where every file is tracked.
	all   bool
	files map[string]bool
	dirs  map[string]bool
}

func (t *trackedSet) has(p string, isDir bool) bool {
	if t == nil {
		return false
	}
	if t.all {
		return true
	}
	if isDir {
		return t.dirs[p]
	}
	return t.files[p]
}

// newTrackedSet builds the set from index paths (slash-separated, relative
// to the working tree root), keeping those under prefix ("" for the root)
// relative to it.
func newTrackedSet(paths []string, prefix string) *trackedSet {
	t := &trackedSet{files: map[string]bool{}, dirs: map[string]bool{}}
	for _, p := range paths {
		if prefix != "" {
			rest, ok := strings.CutPrefix(p, prefix+"/")
			if !ok {
				continue
			}
			p = rest
		}
		t.files[p] = true
		for d := path.Dir(p); d != "." && !t.dirs[d]; d = path.Dir(d) {
			t.dirs[d] = true
		}
	}
	return t
}

// shorten keeps a path readable in a one-line message: a path of hundreds
// of folders shows its start and its end.
func shorten(p string) string {
	const keep = 80
	if len(p) <= 2*keep+10 {
		return p
	}
	return fmt.Sprintf("%s…(%d bytes)…%s", p[:keep], len(p)-2*keep, p[len(p)-keep:])
}

func within(p, dir string) bool {
	if dir == "." {
		return true
	}
	return strings.HasPrefix(p, dir+"/")
}

func (s *Snapshot) readIgnore(dir string) []ignoreRule {
	name := path.Join(dir, ".gitignore")
	b, err := s.readRegular(name)
	if err != nil {
		if !errors.Is(err, fs.ErrNotExist) {
			s.Problemf(name, "%v; its patterns are not applied", err)
		}
		return nil
	}
	if len(b) <= smallFile {
		// What ReadFile would keep, so that a rule reading it later
		// does not read it again.
		data, err := s.asText(name, bytes.Clone(b))
		s.Memo("file:"+name, func() any { return readResult{data, err} })
	}
	var domain []string
	if dir != "." {
		domain = strings.Split(dir, "/")
	}
	var out []ignoreRule
	for line := range strings.SplitSeq(string(b), "\n") {
		line = strings.TrimRight(line, "\r")
		if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
			continue
		}
		out = append(out, parseIgnoreRule(line, domain))
	}
	return out
}

// readRegular reads a file the index does not hold (a .gitignore), under
// the size cap. Anything but a regular file is refused before it is opened:
// opening a FIFO blocks until a writer comes, which in a hostile tree is
// never.
func (s *Snapshot) readRegular(name string) ([]byte, error) {
	info, err := fs.Stat(s.fsys, name)
	if err != nil {
		if errors.Is(err, fs.ErrNotExist) {
			return nil, err
		}
		return nil, fmt.Errorf("cannot read: %w", unwrapPathError(err))
	}
	if !info.Mode().IsRegular() {
		return nil, fmt.Errorf("not a regular file (%s)", kind(info.Mode()))
	}
	if info.Size() > s.maxSize {
		return nil, fmt.Errorf("%d bytes, larger than the %d-byte cap", info.Size(), s.maxSize)
	}
	b, err := fs.ReadFile(s.fsys, name)
	if err != nil {
		return nil, fmt.Errorf("cannot read: %w", unwrapPathError(err))
	}
	return b, nil
}

// kind names a file mode that is not a regular file.
func kind(m fs.FileMode) string {
	switch {
	case m.IsDir():
		return "a folder"
	case m&fs.ModeNamedPipe != 0:
		return "a FIFO"
	case m&fs.ModeSocket != 0:
		return "a socket"
	case m&fs.ModeDevice != 0:
		return "a device"
	}
	return m.Type().String()
}

func unwrapPathError(err error) error {
	var pe *fs.PathError
	if ok := asPathError(err, &pe); ok {
		return pe.Err
	}
	return err
}

func asPathError(err error, target **fs.PathError) bool {
	pe, ok := err.(*fs.PathError)
	if ok {
		*target = pe
	}
	return ok
}
