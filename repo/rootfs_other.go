//go:build !linux

package repo

import (
	"io/fs"
	"os"
)

// beneath is Linux's one-call confined open; elsewhere os.Root does it all.
type beneath struct{}

func openBeneath(string) *beneath { return nil }

func (b *beneath) open(string) (*os.File, bool, error) { return nil, false, nil }

func (b *beneath) close() error { return nil }

func (b *beneath) readFile(string, int64) ([]byte, bool, error) { return nil, false, nil }

func (b *beneath) stat(string) (fs.FileInfo, bool, error) { return nil, false, nil }

func (b *beneath) lstatSize(string) (int64, bool, error) { return 0, false, nil }
