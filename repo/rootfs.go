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
type rootFS struct{ r *os.Root }

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
	for _, elem := range strings.Split(name, "/") {
		if elem == "" || elem == "." || elem == ".." {
			return false
		}
	}
	return true
}

func (f rootFS) Open(name string) (fs.File, error) {
	if !validName(name) {
		return nil, &fs.PathError{Op: "open", Path: name, Err: fs.ErrInvalid}
	}
	file, err := f.r.Open(name)
	if err != nil {
		return nil, err
	}
	return file, nil
}

func (f rootFS) ReadDir(name string) ([]fs.DirEntry, error) {
	if !validName(name) {
		return nil, &fs.PathError{Op: "readdir", Path: name, Err: fs.ErrInvalid}
	}
	file, err := f.r.Open(name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	entries, err := file.ReadDir(-1)
	sort.Slice(entries, func(i, j int) bool { return entries[i].Name() < entries[j].Name() })
	return entries, err
}

func (f rootFS) ReadFile(name string) ([]byte, error) {
	if !validName(name) {
		return nil, &fs.PathError{Op: "readfile", Path: name, Err: fs.ErrInvalid}
	}
	file, err := f.r.Open(name)
	if err != nil {
		return nil, err
	}
	defer file.Close()
	return io.ReadAll(file)
}

func (f rootFS) Stat(name string) (fs.FileInfo, error) {
	if !validName(name) {
		return nil, &fs.PathError{Op: "stat", Path: name, Err: fs.ErrInvalid}
	}
	return f.r.Stat(name)
}
