package repo

import (
	"bytes"
	"errors"
	"io"
	"io/fs"
	"path"
	"sort"
	"sync"
	"time"

	"github.com/go-git/go-git/v5/plumbing"
	"github.com/go-git/go-git/v5/plumbing/filemode"
	"github.com/go-git/go-git/v5/plumbing/object"
	"github.com/go-git/go-git/v5/plumbing/storer"
)

// errSymlink is returned when a symbolic link recorded in a git tree is
// opened: links are never followed when reading from git objects.
var errSymlink = errors.New("symbolic link not followed")

// treeFS is a read-only fs.FS over a git tree, read straight from the object
// store: nothing is checked out. Submodule entries are left out; symbolic
// links are listed with fs.ModeSymlink and never followed.
type treeFS struct {
	st      storer.EncodedObjectStorer
	modTime time.Time

	mu    sync.Mutex              // guards the object store and trees
	trees map[string]*object.Tree // decoded folders by path, "." for the root
}

var (
	_ fs.ReadDirFS  = (*treeFS)(nil)
	_ fs.StatFS     = (*treeFS)(nil)
	_ fs.ReadFileFS = (*treeFS)(nil)
)

func newTreeFS(st storer.EncodedObjectStorer, root *object.Tree, modTime time.Time) *treeFS {
	return &treeFS{st: st, modTime: modTime, trees: map[string]*object.Tree{".": root}}
}

// tree returns the decoded folder at dir. The caller holds t.mu: go-git's
// object store and its trees' lazy lookup maps are not safe for concurrent
// use, and detectors read files from many goroutines.
func (t *treeFS) tree(dir string) (*object.Tree, error) {
	if tr, ok := t.trees[dir]; ok {
		return tr, nil
	}
	parent, err := t.tree(path.Dir(dir))
	if err != nil {
		return nil, err
	}
	e, err := parent.FindEntry(path.Base(dir))
	if err != nil {
		return nil, fs.ErrNotExist
	}
	if e.Mode != filemode.Dir {
		return nil, errNotDir
	}
	tr, err := object.GetTree(t.st, e.Hash)
	if err != nil {
		return nil, err
	}
	t.trees[dir] = tr
	return tr, nil
}

var errNotDir = errors.New("not a directory")

// entry returns the tree entry for name; the root is a synthetic folder.
// The caller holds t.mu.
func (t *treeFS) entry(name string) (object.TreeEntry, error) {
	if name == "." {
		return object.TreeEntry{Name: ".", Mode: filemode.Dir}, nil
	}
	parent, err := t.tree(path.Dir(name))
	if err != nil {
		if errors.Is(err, errNotDir) {
			return object.TreeEntry{}, fs.ErrNotExist
		}
		return object.TreeEntry{}, err
	}
	e, err := parent.FindEntry(path.Base(name))
	if err != nil || e.Mode == filemode.Submodule {
		return object.TreeEntry{}, fs.ErrNotExist
	}
	return *e, nil
}

func (t *treeFS) info(e object.TreeEntry) *treeInfo {
	return &treeInfo{fsys: t, e: e}
}

// Open implements fs.FS. A file's content is read whole when it is opened;
// Snapshot.ReadFile checks the size cap before it gets here.
func (t *treeFS) Open(name string) (fs.File, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	e, err := t.entry(name)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	switch {
	case e.Mode == filemode.Dir:
		return &treeDir{fsys: t, name: name, info: t.info(e)}, nil
	case e.Mode == filemode.Symlink:
		return nil, &fs.PathError{Op: "open", Path: name, Err: errSymlink}
	}
	b, err := t.blob(e.Hash)
	if err != nil {
		return nil, &fs.PathError{Op: "open", Path: name, Err: err}
	}
	inf := t.info(e)
	inf.size, inf.sized = int64(len(b)), true
	return &treeFile{r: bytes.NewReader(b), info: inf}, nil
}

// blob reads a blob whole. The caller holds t.mu.
func (t *treeFS) blob(h plumbing.Hash) ([]byte, error) {
	blob, err := object.GetBlob(t.st, h)
	if err != nil {
		return nil, err
	}
	rc, err := blob.Reader()
	if err != nil {
		return nil, err
	}
	defer rc.Close()
	return io.ReadAll(rc)
}

// ReadFile implements fs.ReadFileFS.
func (t *treeFS) ReadFile(name string) ([]byte, error) {
	f, err := t.Open(name)
	if err != nil {
		return nil, err
	}
	defer f.Close()
	if _, ok := f.(*treeDir); ok {
		return nil, &fs.PathError{Op: "read", Path: name, Err: errors.New("is a directory")}
	}
	return io.ReadAll(f)
}

// Stat implements fs.StatFS. A symbolic link is described, not followed.
func (t *treeFS) Stat(name string) (fs.FileInfo, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrInvalid}
	}
	t.mu.Lock()
	e, err := t.entry(name)
	t.mu.Unlock()
	if err != nil {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: err}
	}
	return t.info(e), nil
}

// ReadDir implements fs.ReadDirFS: entries sorted by name, submodules left out.
func (t *treeFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if !fs.ValidPath(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrInvalid}
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	tr, err := t.tree(name)
	if err != nil {
		if errors.Is(err, errNotDir) {
			err = fs.ErrNotExist
		}
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: err}
	}
	out := make([]fs.DirEntry, 0, len(tr.Entries))
	for _, e := range tr.Entries {
		if e.Mode == filemode.Submodule {
			continue
		}
		out = append(out, fs.FileInfoToDirEntry(t.info(e)))
	}
	// Git orders a folder as if its name ended in "/"; fs wants plain names.
	sort.Slice(out, func(i, j int) bool { return out[i].Name() < out[j].Name() })
	return out, nil
}

// treeInfo describes a tree entry. The size of a blob is read from the
// object store the first time it is asked for.
type treeInfo struct {
	fsys  *treeFS
	e     object.TreeEntry
	once  sync.Once
	size  int64
	sized bool
}

func (i *treeInfo) Name() string { return i.e.Name }

func (i *treeInfo) Size() int64 {
	if i.e.Mode == filemode.Dir || i.sized {
		return i.size
	}
	i.once.Do(func() {
		i.fsys.mu.Lock()
		defer i.fsys.mu.Unlock()
		if sz, ok := i.fsys.st.(interface {
			EncodedObjectSize(plumbing.Hash) (int64, error)
		}); ok {
			if n, err := sz.EncodedObjectSize(i.e.Hash); err == nil {
				i.size = n
				return
			}
		}
		if o, err := i.fsys.st.EncodedObject(plumbing.AnyObject, i.e.Hash); err == nil {
			i.size = o.Size()
		}
	})
	return i.size
}

func (i *treeInfo) Mode() fs.FileMode {
	switch i.e.Mode {
	case filemode.Dir:
		return fs.ModeDir | 0o755
	case filemode.Symlink:
		return fs.ModeSymlink | 0o777
	case filemode.Executable:
		return 0o755
	}
	return 0o644
}

func (i *treeInfo) ModTime() time.Time { return i.fsys.modTime }
func (i *treeInfo) IsDir() bool        { return i.e.Mode == filemode.Dir }
func (i *treeInfo) Sys() any           { return nil }

type treeFile struct {
	r    *bytes.Reader
	info *treeInfo
}

func (f *treeFile) Stat() (fs.FileInfo, error) { return f.info, nil }
func (f *treeFile) Read(b []byte) (int, error) { return f.r.Read(b) }
func (f *treeFile) Close() error               { return nil }

type treeDir struct {
	fsys    *treeFS
	name    string
	info    *treeInfo
	entries []fs.DirEntry
	read    bool
}

func (d *treeDir) Stat() (fs.FileInfo, error) { return d.info, nil }
func (d *treeDir) Close() error               { return nil }
func (d *treeDir) Read([]byte) (int, error) {
	return 0, &fs.PathError{Op: "read", Path: d.name, Err: errors.New("is a directory")}
}

// ReadDir implements fs.ReadDirFile.
func (d *treeDir) ReadDir(n int) ([]fs.DirEntry, error) {
	if !d.read {
		es, err := d.fsys.ReadDir(d.name)
		if err != nil {
			return nil, err
		}
		d.entries, d.read = es, true
	}
	if n <= 0 {
		out := d.entries
		d.entries = nil
		return out, nil
	}
	if len(d.entries) == 0 {
		return nil, io.EOF
	}
	if n > len(d.entries) {
		n = len(d.entries)
	}
	out := d.entries[:n]
	d.entries = d.entries[n:]
	return out, nil
}
