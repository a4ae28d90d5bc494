package repo

import (
	"bytes"
	"io"
	"strings"
	"testing"
	"testing/iotest"
)

// countingReader counts the reads made of it.
type countingReader struct {
	r     io.Reader
	reads int
}

func (c *countingReader) Read(p []byte) (int, error) {
	c.reads++
	return c.r.Read(p)
}

// TestReadSized checks that a file read whole is read in one call when it
// has the size the walk saw, and read to its end when it has not (it
// grew, shrank, or its reads come in pieces).
func TestReadSized(t *testing.T) {
	data := []byte(strings.Repeat("0123456789", 100))
	for _, tc := range []struct {
		name  string
		r     func() io.Reader
		size  int64
		reads int // the most reads allowed; 0 for any
	}{
		{"the size the walk saw", func() io.Reader { return bytes.NewReader(data) }, int64(len(data)), 1},
		{"grown since the walk", func() io.Reader { return bytes.NewReader(data) }, 10, 0},
		{"shrunk since the walk", func() io.Reader { return bytes.NewReader(data) }, 5000, 0},
		{"size unknown", func() io.Reader { return bytes.NewReader(data) }, -1, 0},
		{"empty", func() io.Reader { return bytes.NewReader(nil) }, 0, 0},
		{"reads in pieces", func() io.Reader { return iotest.HalfReader(bytes.NewReader(data)) }, int64(len(data)), 0},
		{"one byte at a time", func() io.Reader { return iotest.OneByteReader(bytes.NewReader(data)) }, int64(len(data)), 0},
	} {
		want := data
		if tc.name == "empty" {
			want = nil
		}
		c := &countingReader{r: tc.r()}
		got, err := readSized(c, tc.size)
		if err != nil || !bytes.Equal(got, want) {
			t.Errorf("%s: read %d bytes (%v), want %d", tc.name, len(got), err, len(want))
		}
		if tc.reads > 0 && c.reads > tc.reads {
			t.Errorf("%s: %d reads, want %d", tc.name, c.reads, tc.reads)
		}
	}
}
