package repo

import (
	"io"
	"io/fs"
	"os"
	"sort"
	"strings"
)

// rootFS is os.Root.FS without its one check that does not hold on disk:
// fs.ValidPath refuses names that are not UTF-8, yet Unix file names are
// bytes, and a folder named in Latin-1 ("caf\xe9") would hide every unit
// inside it. The Root still keeps every access inside the target.
//
// On Linux, b opens each file with one confined openat2(2) call instead of
// the Root's call per path element; the Root serves when it cannot.
type rootFS struct {
	r *os.Root
	b *beneath
}

var (
	_ fs.ReadDirFS  = rootFS{}
	_ fs.StatFS     = rootFS{}
	_ fs.ReadFileFS = rootFS{}
)

// validName is fs.ValidPath less the UTF-8 check.
func validName(name string) bool {
	if name == "." {
		return true
	}
	if name == "" {
		return false
	}
	for name != "" {
		elem, rest, _ := strings.Cut(name, "/")
		if elem == "" || elem == "." || elem == ".." {
			return false
		}
		if rest == "" && len(elem) < len(name) {
			return false // a trailing slash
		}
		name = rest
	}
	return true
}

func (f rootFS) Open(name string) (fs.File, error) {
	if !validName(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	file, err := f.open(name)
	if err != nil {
		return nil, err
	}
	return file, nil
}

// open opens name for reading, confined to the root.
func (f rootFS) open(name string) (*os.File, error) {
	if file, ok, err := f.b.open(name); ok {
		return file, err
	}
	return f.r.Open(name)
}

func (f rootFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if !validName(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrInvalid}
	}
	file, err := f.open(name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	entries, err := file.ReadDir(-1)
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	return entries, err
}

func (f rootFS) ReadFile(name string) ([]byte, error) {
	return f.readFileSize(name, -1)
}

// readFileSize reads name whole; size, the size the walk saw (-1 when
// unknown), sizes the buffer so that a file is read in one call.
func (f rootFS) readFileSize(name string, size int64) ([]byte, error) {
	if !validName(name) {
		return nil, &fs.PathError{Op: "readfile", Path: name, Err: fs.ErrInvalid}
	}
	if data, ok, err := f.b.readFile(name, size); ok {
		return data, err
	}
	file, err := f.open(name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	return readSized(file, size)
}

// readSized reads r to its end into a buffer of size+1 bytes (512 when
// size is -1): one byte more than expected, so that a file that grew since
// the walk is seen to have grown without a second read; beyond that,
// append grows the buffer.
func readSized(r io.Reader, size int64) ([]byte, error) {
	n0 := size + 1
	if size < 0 {
		n0 = 512
	}
	b := make([]byte, 0, n0)
	for first := true; ; first = false {
		n, err := r.Read(b[len(b):cap(b)])
		b = b[:len(b)+n]
		if err == io.EOF {
			return b, nil
		}
		if err != nil {
			return b, err
		}
		// A first read that gives exactly the size the walk saw, when it
		// asked for one byte more, has the whole file: asking again only
		// to be told EOF would cost a system call a file.
		if first && size > 0 && int64(len(b)) == size {
			return b, nil
		}
		if len(b) == cap(b) {
			b = append(b, 0)[:len(b)]
		}
	}
}

// sizedReader is a file system that reads a file faster when told the
// size the walk saw.
type sizedReader interface {
	readFileSize(name string, size int64) ([]byte, error)
}

func (f rootFS) Stat(name string) (fs.FileInfo, error) {
	if !validName(name) {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrInvalid}
	}
	if info, ok, err := f.b.stat(name); ok {
		return info, err
	}
	return f.r.Stat(name)
}
