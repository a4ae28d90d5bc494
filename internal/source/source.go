// Package source reads each Python, JavaScript and TypeScript file of a
// scan once and hands every detector and rule what they need from it: the
// syntax summary, the comments that carry stackaudit markers, and the
// file's normalised code lines. The source itself is not kept.
package source

import (
	"bytes"
	"errors"
	"strings"

	"github.com/stackaudit/stackaudit/repo"
	"github.com/stackaudit/stackaudit/syntax"
)

// Marker is the text of an inline suppression comment; Record keeps the
// comments that hold it.
const Marker = "stackaudit:ignore"

// Record is what one read of a source file gives.
type Record struct {
	// File is the syntax summary.
	File *syntax.File
	// Comments are the file's comments that hold Marker, in order.
	Comments []Comment
	// Hashes are the file's code lines, normalised (comments and blank
	// lines left out, each line's tokens joined by one space, whitespace
	// inside a token collapsed) and hashed; Lines gives the line number of
	// each. Copy detection compares them.
	Hashes []uint32
	Lines  []int32
}

// Comment is one comment token.
type Comment struct {
	Line  int
	Start int // byte offset
	// OwnLine is true when only whitespace precedes the comment on its line.
	OwnLine bool
	Text    string // as written, with its delimiters
}

// MemoKey is the snapshot memo key of p's record: a *Record, a typed nil
// when p could not be read or parsed.
func MemoKey(p string) string { return "source:" + p }

// Get returns the record of the source file p, reading and parsing it the
// first time anyone asks in the scan; nil when p cannot be read (over the
// size cap, binary, gone) or is not Python, JavaScript or TypeScript. What
// could not be read is noted once on the snapshot: files over the size cap
// and binary files as skipped, others as unreadable.
func Get(snap *repo.Snapshot, p string) *Record {
	r, _ := GetSource(snap, p)
	return r
}

// GetSource is Get that also returns the source when this call read it
// (nil when an earlier call did): a caller with more to find in the text
// uses it while it is at hand.
func GetSource(snap *repo.Snapshot, p string) (*Record, []byte) {
	var read []byte
	v := snap.Memo(MemoKey(p), func() any {
		src, err := snap.ReadFile(p)
		if err != nil {
			switch {
			case errors.Is(err, repo.ErrTooLarge), errors.Is(err, repo.ErrBinary):
				snap.Problemf(p, "source not parsed, so its imports and functions are not seen: %s", strings.TrimPrefix(err.Error(), "read "+p+": "))
			default:
				snap.Problemf(p, "cannot read: %v", errors.Unwrap(err))
			}
			return (*Record)(nil)
		}
		r, err := Parse(p, src)
		if err != nil {
			snap.Problemf(p, "cannot parse: %v", err)
			return (*Record)(nil)
		}
		read = src
		return r
	})
	r, _ := v.(*Record)
	return r, read
}

// Parse builds the record of src, the text of the file at p.
func Parse(p string, src []byte) (*Record, error) {
	r := &Record{}
	marker := bytes.Contains(src, []byte(Marker))
	lines := lineHasher{r: r}
	f, err := syntax.ParseVisit(p, src, func(t syntax.Token) {
		switch t.Kind {
		case syntax.Comment:
			if marker {
				r.addComment(src, t)
			}
			return
		case syntax.Newline, syntax.Indent, syntax.Dedent, syntax.EOF:
			return
		}
		if t.Start < 0 || t.End > len(src) || t.Start >= t.End {
			return
		}
		lines.add(lines.lineAt(src, t.Start), src[t.Start:t.End])
	})
	if err != nil {
		return nil, err
	}
	lines.flush()
	r.File = f
	return r, nil
}

func (r *Record) addComment(src []byte, t syntax.Token) {
	text := t.Text(src)
	if !bytes.Contains(text, []byte(Marker)) {
		return
	}
	own := true
	if t.Start >= 0 && t.Start <= len(src) {
		lineStart := bytes.LastIndexByte(src[:t.Start], '\n') + 1
		own = len(bytes.TrimSpace(src[lineStart:t.Start])) == 0
	}
	r.Comments = append(r.Comments, Comment{Line: t.Line, Start: t.Start, OwnLine: own, Text: string(text)})
}

// lineHasher hashes each line's tokens as they come (FNV-1a over the
// normalised text), so no line is ever built as a string.
type lineHasher struct {
	r    *Record
	line int
	h    uint32
	open bool
	// pos and posLine: line posLine starts at or before byte pos; tokens
	// come in order, so counting newlines from there is linear overall.
	pos, posLine int
}

// lineAt returns the line of byte off: where a token starts, which for a
// string spanning lines is not the line the tokenizer ends it on.
func (l *lineHasher) lineAt(src []byte, off int) int {
	if l.posLine == 0 {
		l.posLine = 1
	}
	if off < l.pos {
		l.pos, l.posLine = 0, 1
	}
	l.posLine += bytes.Count(src[l.pos:off], []byte{'\n'})
	l.pos = off
	return l.posLine
}

const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

func (l *lineHasher) add(line int, tok []byte) {
	if !l.open || line != l.line {
		l.flush()
		l.line, l.h, l.open = line, fnvOffset, true
	} else {
		l.byte(' ')
	}
	// The token's fields joined by one space.
	space, started := false, false
	for _, c := range tok {
		switch c {
		case ' ', '\t', '\n', '\r', '\v', '\f':
			space = started
			continue
		}
		if space {
			l.byte(' ')
			space = false
		}
		started = true
		l.byte(c)
	}
}

func (l *lineHasher) byte(c byte) {
	l.h ^= uint32(c)
	l.h *= fnvPrime
}

func (l *lineHasher) flush() {
	if !l.open {
		return
	}
	l.r.Hashes = append(l.r.Hashes, l.h)
	l.r.Lines = append(l.r.Lines, int32(l.line))
	l.open = false
}
