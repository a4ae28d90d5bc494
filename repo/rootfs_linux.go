//go:build linux

package repo

import (
	"errors"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sync/atomic"

	"golang.org/x/sys/unix"
)

// beneath opens files under a folder with one openat2(2) call that the
// kernel confines to the folder (RESOLVE_BENEATH: no "..", absolute path or
// symbolic link may lead out). os.Root gives the same guarantee by opening
// every path element in turn, several system calls a file, which is most of
// the cost of reading a large tree. Kernels before 5.6, and sandboxes that
// refuse openat2, make it report false once; callers then use the Root.
type beneath struct {
	dir *os.File
	// abs names the files opened: os.File.ReadDir's entries stat
	// themselves (lstat, never following a link) through that name.
	abs string
	off atomic.Bool
}

func openBeneath(abs string) *beneath {
	d, err := os.Open(abs)
	if err != nil {
		return nil
	}
	return &beneath{dir: d, abs: abs}
}

// open opens name (slash-separated, already checked by validName) for
// reading. ok is false when openat2 is unavailable; err is then nil.
func (b *beneath) open(name string) (f *os.File, ok bool, err error) {
	fd, ok, err := b.openFD(name)
	if !ok || err != nil {
		return nil, ok, err
	}
	return os.NewFile(uintptr(fd), filepath.Join(b.abs, filepath.FromSlash(name))), true, nil
}

// readFile reads name whole with plain system calls (an os.File would also
// ask the poller about the descriptor); size, the size the walk saw, sizes
// the buffer. ok is false when openat2 is unavailable.
func (b *beneath) readFile(name string, size int64) (data []byte, ok bool, err error) {
	fd, ok, err := b.openFD(name)
	if !ok || err != nil {
		return nil, ok, err
	}
	defer unix.Close(fd)
	data, err = readSized(fdReader(fd), size)
	if err != nil {
		return nil, true, &fs.PathError{Op: "read", Path: name, Err: err}
	}
	return data, true, nil
}

// fdReader reads a descriptor with plain read(2) calls.
type fdReader int

func (fd fdReader) Read(p []byte) (int, error) {
	for {
		n, err := unix.Read(int(fd), p)
		switch {
		case err == unix.EINTR:
			continue
		case err != nil:
			return 0, err
		case n == 0 && len(p) > 0:
			return 0, io.EOF
		}
		return n, nil
	}
}

// stat is os.Root.Stat in one openat2 call (O_PATH: the file is not
// opened for reading, so a FIFO does not block) and one fstat.
func (b *beneath) stat(name string) (info fs.FileInfo, ok bool, err error) {
	fd, ok, err := b.openFlags(name, unix.O_PATH|unix.O_CLOEXEC)
	if !ok || err != nil {
		if err != nil {
			err.(*fs.PathError).Op = "stat"
		}
		return nil, ok, err
	}
	f := os.NewFile(uintptr(fd), name)
	defer f.Close()
	info, err = f.Stat()
	return info, true, err
}

// lstatSize returns the size of name (slash-separated, as walked) by one
// fstatat(2) from the folder's descriptor that does not follow a final
// symbolic link: what the walk's DirEntry.Info, an lstat by absolute name,
// says, without building that name or a FileInfo. ok is false when there is
// no descriptor, or when the absolute name would be too long for lstat
// (which then fails, and so must this); err is then nil.
func (b *beneath) lstatSize(name string) (size int64, ok bool, err error) {
	if b == nil || len(b.abs)+1+len(name) >= unix.PathMax {
		return 0, false, nil
	}
	var st unix.Stat_t
	for {
		err = unix.Fstatat(int(b.dir.Fd()), name, &st, unix.AT_SYMLINK_NOFOLLOW)
		if err != unix.EINTR {
			break
		}
	}
	if err != nil {
		return 0, true, err
	}
	return st.Size, true, nil
}

// openFD opens name with openat2 and returns the descriptor.
func (b *beneath) openFD(name string) (fd int, ok bool, err error) {
	// O_NONBLOCK: a FIFO put in place of an indexed file after the walk
	// must not block the scan; regular files ignore the flag.
	return b.openFlags(name, unix.O_RDONLY|unix.O_CLOEXEC|unix.O_NONBLOCK)
}

// openFlags opens name with openat2 and the given flags.
func (b *beneath) openFlags(name string, flags int) (fd int, ok bool, err error) {
	if b == nil || b.off.Load() {
		return -1, false, nil
	}
	how := unix.OpenHow{
		Flags:   uint64(flags),
		Resolve: unix.RESOLVE_BENEATH | unix.RESOLVE_NO_MAGICLINKS,
	}
	for {
		fd, err = unix.Openat2(int(b.dir.Fd()), name, &how)
		if err != unix.EINTR {
			break
		}
	}
	switch {
	case err == nil:
		return fd, true, nil
	case errors.Is(err, unix.ENOSYS), errors.Is(err, unix.EPERM) && !b.reachable():
		b.off.Store(true)
		return -1, false, nil
	case errors.Is(err, unix.EXDEV):
		// The path leaves the folder.
		return -1, true, &fs.PathError{Op: "open", Path: name, Err: errors.New("path escapes from parent")}
	case errors.Is(err, unix.EAGAIN):
		// RESOLVE_BENEATH races with a rename elsewhere; let the Root retry.
		return -1, false, nil
	}
	return -1, true, &fs.PathError{Op: "open", Path: name, Err: err}
}

// reachable tells a seccomp filter's EPERM from a file's: the folder
// itself must open.
func (b *beneath) reachable() bool {
	how := unix.OpenHow{Flags: unix.O_RDONLY | unix.O_CLOEXEC | unix.O_DIRECTORY, Resolve: unix.RESOLVE_BENEATH}
	fd, err := unix.Openat2(int(b.dir.Fd()), ".", &how)
	if err != nil {
		return false
	}
	unix.Close(fd)
	return true
}

func (b *beneath) close() error {
	if b == nil {
		return nil
	}
	return b.dir.Close()
}
