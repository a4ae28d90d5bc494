// Package source reads each Python, JavaScript and TypeScript file of a
// scan once and hands every detector and rule what they need from it: the
// syntax summary, the comments that carry stackaudit markers, the file's
// normalised code lines, and the facts detectors and rules registered
// (Register, RegisterTokens), taken from the one parse.
//
// Memory stays bounded on large trees by compaction: the detectors read a
// unit's files, with their text and whole syntax summaries, then Compact
// them. A compacted record keeps its imports (module, line, type-only),
// counts and names of functions and classes, marker comments, line hashes
// and facts; the text goes, and the whole summary stays only when a rule
// registered with Keep wants it (a file with async functions, with heavy
// or blocking calls, with payment SDK imports, a Django models module). Once the detectors are done, Seal compacts what is left
// and every record read later is compacted as it is made.
package source

import (
	"bytes"
	"encoding/binary"
	"errors"
	"strings"
	"sync"
	"sync/atomic"

	"github.com/stackaudit/stackaudit/repo"
	"github.com/stackaudit/stackaudit/syntax"
)

// Marker is the text of an inline suppression comment; Record keeps the
// comments that hold it.
const Marker = "stackaudit:ignore"

// Record is what one read of a source file gives. A scan holds one for
// every source file to its end, so it is kept small: the rarer and longer
// parts sit behind methods.
type Record struct {
	// File is the whole syntax summary; nil once the record is compacted,
	// unless a keeper kept it.
	File *syntax.File
	// imports are the file's, kept through compaction (File's imports
	// say more): each the index of its module in mods, its line and
	// whether it imports types only (packImport).
	imports []uint64
	mods    *modules
	// names holds the names of the file's named module-level functions
	// (not methods), then of its classes (not nested ones), each ended
	// by a NUL; nTop is how many of them are functions.
	names string
	// hashes are the file's code lines, normalised (comments and blank
	// lines left out, each line's tokens joined by one space, whitespace
	// inside a token collapsed) and hashed. Their capacity past their
	// length holds the line number of each: each the distance from the
	// previous one (from 0 for the first) as a uvarint, four bytes to a
	// word.
	hashes []uint32
	facts  []fact // the extractors' values that are not nil, by id
	// comments are the file's comments that hold Marker, in order; nil
	// when there are none.
	comments *[]Comment
	// Functions and Classes count what the file defines.
	Functions, Classes int32
	nTop               int32
	// Lang is the file's language.
	Lang syntax.Lang
	// TSCheck is true for a JavaScript file that opts into type checking
	// with a `// @ts-check` comment before its first statement.
	TSCheck bool
}

// Import is what compaction keeps of an import: the module as written,
// its line, and whether it imports types only.
type Import struct {
	Module   string
	Line     int32
	TypeOnly bool
}

// Imports returns the file's imports, in order.
func (r *Record) Imports() []Import {
	if len(r.imports) == 0 {
		return nil
	}
	out := make([]Import, len(r.imports))
	r.mods.mu.RLock()
	defer r.mods.mu.RUnlock()
	for i, v := range r.imports {
		out[i] = Import{Module: r.mods.names[v>>32], Line: int32(uint32(v) >> 1), TypeOnly: v&1 == 1}
	}
	return out
}

// modules holds each module a scan's files import once; a record's
// imports name them by index.
type modules struct {
	mu    sync.RWMutex
	names []string
	index map[string]uint32
}

// id returns m's index, adding it if it is new.
func (t *modules) id(m string) uint32 {
	t.mu.RLock()
	i, ok := t.index[m]
	t.mu.RUnlock()
	if ok {
		return i
	}
	t.mu.Lock()
	defer t.mu.Unlock()
	if i, ok := t.index[m]; ok {
		return i
	}
	if t.index == nil {
		t.index = map[string]uint32{}
	}
	i = uint32(len(t.names))
	t.names = append(t.names, m)
	t.index[m] = i
	return i
}

// packImport packs an import as Record keeps it; lines past 2^31 are
// kept as 2^31-1.
func packImport(module uint32, line int, typeOnly bool) uint64 {
	l := uint64(min(max(line, 0), 1<<31-1))
	v := uint64(module)<<32 | l<<1
	if typeOnly {
		v |= 1
	}
	return v
}

// Comment is one comment token.
type Comment struct {
	Line  int
	Start int // byte offset
	// OwnLine is true when only whitespace precedes the comment on its line.
	OwnLine bool
	Text    string // as written, with its delimiters
}

// TopFunctions names the file's named module-level functions (not
// methods), in order.
func (r *Record) TopFunctions() []string { return r.topNames(true) }

// TopClasses names the file's module-level classes (not nested ones), in
// order.
func (r *Record) TopClasses() []string { return r.topNames(false) }

func (r *Record) topNames(functions bool) []string {
	var out []string
	i := int32(0)
	for rest := r.names; rest != ""; i++ {
		name, after, _ := strings.Cut(rest, "\x00")
		rest = after
		if (i < r.nTop) == functions {
			out = append(out, name)
		}
	}
	return out
}

// Comments returns the file's comments that hold Marker, in order.
func (r *Record) Comments() []Comment {
	if r.comments == nil {
		return nil
	}
	return *r.comments
}

// Hashes returns the file's code lines, normalised (comments and blank
// lines left out, each line's tokens joined by one space, whitespace
// inside a token collapsed) and hashed; Lines gives the line number of
// each. Copy detection compares them.
func (r *Record) Hashes() []uint32 { return r.hashes[:len(r.hashes):len(r.hashes)] }

// Lines returns the line number of each of Hashes.
func (r *Record) Lines() []int32 {
	n := len(r.hashes)
	if n == 0 {
		return nil
	}
	words := r.hashes[n:cap(r.hashes)]
	out := make([]int32, 0, n)
	line, i := int32(0), 0
	for len(out) < n {
		var d uint32
		for shift := uint(0); ; shift += 7 {
			if i >= 4*len(words) || shift > 28 {
				return out
			}
			b := byte(words[i/4] >> (8 * (i % 4)))
			i++
			d |= uint32(b&0x7f) << shift
			if b < 0x80 {
				break
			}
		}
		line += int32(d)
		out = append(out, line)
	}
	return out
}

// setLines stores hashes and their uvarint line gaps in one allocation.
func (r *Record) setLines(hashes []uint32, gaps []byte) {
	if len(hashes) == 0 {
		return
	}
	buf := make([]uint32, len(hashes)+(len(gaps)+3)/4)
	copy(buf, hashes)
	for i, b := range gaps {
		buf[len(hashes)+i/4] |= uint32(b) << (8 * (i % 4))
	}
	r.hashes = buf[:len(hashes)]
}

// Fact returns the value the extractor registered as id computed for this
// file, or nil.
func (r *Record) Fact(id int) any {
	if r == nil {
		return nil
	}
	for _, f := range r.facts {
		if f.id == id {
			return f.v
		}
	}
	return nil
}

// fact is one extractor's value for a file.
type fact struct {
	id int
	v  any
}

// compactOff turns compaction off: a test scans with and without it and
// demands the same report.
var compactOff atomic.Bool

// SetCompaction turns compaction on (the default) or off, for tests that
// check it changes nothing but memory.
func SetCompaction(on bool) { compactOff.Store(!on) }

// extractor computes a fact; want, when set, says which files it needs
// the tokens of.
type extractor struct {
	want func(path string) bool
	fn   func(path string, src []byte, toks []syntax.Token, f *syntax.File) any
}

var (
	extractors []extractor
	keepers    []func(path string, f *syntax.File) bool
)

// Register adds a fact extractor: fn runs on every source file as it is
// read, with its text and whole syntax summary, and what it returns is
// kept with the record (Fact(id)). Call it from package initialisation.
func Register(fn func(path string, src []byte, f *syntax.File) any) (id int) {
	extractors = append(extractors, extractor{fn: func(p string, src []byte, _ []syntax.Token, f *syntax.File) any { return fn(p, src, f) }})
	return len(extractors) - 1
}

// RegisterTokens is Register for an extractor that reads the file's
// tokens (every token, comments included, as the tokenizers give them);
// it runs on the files want accepts, and the tokens are those the parse
// read, so the file is not tokenized twice.
func RegisterTokens(want func(path string) bool, fn func(path string, src []byte, toks []syntax.Token, f *syntax.File) any) (id int) {
	extractors = append(extractors, extractor{want: want, fn: fn})
	return len(extractors) - 1
}

// Keep adds a predicate that keeps a file's whole syntax summary through
// compaction. Call it from package initialisation.
func Keep(fn func(path string, f *syntax.File) bool) {
	keepers = append(keepers, fn)
}

// registry tracks a snapshot's records still whole.
type registry struct {
	mu sync.Mutex
	// entries holds the entry of every path asked for, read or not, at
	// the path's position in the snapshot's index; other holds those of
	// paths outside the index (none, as the detectors ask).
	entries []atomic.Pointer[entry]
	other   map[string]*entry
	snap    *repo.Snapshot
	// full holds the records not compacted yet, with their text.
	full   map[string]whole
	sealed bool

	// mods holds the records' import modules once: the same few modules
	// are imported by thousands of files.
	mods modules
}

// whole is a record not compacted yet and the text it was read from.
type whole struct {
	r   *Record
	src []byte
}

// entry is one path's record, read once however many goroutines ask.
type entry struct {
	once sync.Once
	done atomic.Bool
	ok   bool // rec was read
	rec  Record
}

// record returns e's record, or nil when it could not be read.
func (e *entry) record() *Record {
	if !e.ok {
		return nil
	}
	return &e.rec
}

func (reg *registry) entry(p string) *entry {
	if i, ok := reg.snap.Position(p); ok {
		slot := &reg.entries[i]
		if e := slot.Load(); e != nil {
			return e
		}
		slot.CompareAndSwap(nil, &entry{})
		return slot.Load()
	}
	reg.mu.Lock()
	defer reg.mu.Unlock()
	e := reg.other[p]
	if e == nil {
		if reg.other == nil {
			reg.other = map[string]*entry{}
		}
		e = &entry{}
		reg.other[p] = e
	}
	return e
}

// lookup returns p's entry, or nil when nobody has asked for p.
func (reg *registry) lookup(p string) *entry {
	if i, ok := reg.snap.Position(p); ok {
		return reg.entries[i].Load()
	}
	reg.mu.Lock()
	defer reg.mu.Unlock()
	return reg.other[p]
}

func registryOf(snap *repo.Snapshot) *registry {
	return snap.Memo("source:registry", func() any {
		return &registry{full: map[string]whole{}, snap: snap, entries: make([]atomic.Pointer[entry], len(snap.Files()))}
	}).(*registry)
}

// Compact compacts the records of paths that are still whole.
func Compact(snap *repo.Snapshot, paths []string) {
	reg := registryOf(snap)
	reg.mu.Lock()
	defer reg.mu.Unlock()
	for _, p := range paths {
		if w, ok := reg.full[p]; ok {
			delete(reg.full, p)
			w.r.compact(p)
		}
	}
}

// Seal compacts every record still whole, and makes later records compact
// as they are made.
func Seal(snap *repo.Snapshot) {
	reg := registryOf(snap)
	reg.mu.Lock()
	defer reg.mu.Unlock()
	for p, w := range reg.full {
		w.r.compact(p)
	}
	reg.full = nil
	reg.sealed = true
}

// compact drops r's whole summary unless a keeper wants it.
func (r *Record) compact(p string) {
	if r.File == nil || compactOff.Load() {
		return
	}
	for _, keep := range keepers {
		if keep(p, r.File) {
			return
		}
	}
	r.File = nil
}

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
	reg := registryOf(snap)
	e := reg.entry(p)
	e.once.Do(func() {
		read = read1(snap, reg, p, e)
		e.done.Store(true)
	})
	return e.record(), read
}

// read1 reads and parses p into e, notes why when it cannot, and returns
// the text.
func read1(snap *repo.Snapshot, reg *registry, p string, e *entry) []byte {
	src, err := snap.ReadFile(p)
	if err != nil {
		switch {
		case errors.Is(err, repo.ErrTooLarge), errors.Is(err, repo.ErrBinary):
			snap.Problemf(p, "source not parsed, so its imports and functions are not seen: %s", strings.TrimPrefix(err.Error(), "read "+p+": "))
		default:
			snap.Problemf(p, "cannot read: %v", errors.Unwrap(err))
		}
		return nil
	}
	r := &e.rec
	if err := parse(p, src, r, &reg.mods); err != nil {
		snap.Problemf(p, "cannot parse: %v", err)
		return nil
	}
	e.ok = true
	reg.mu.Lock()
	if reg.sealed {
		r.compact(p)
	} else {
		reg.full[p] = whole{r, src}
	}
	reg.mu.Unlock()
	return src
}

var tokPool = sync.Pool{New: func() any { return new([]syntax.Token) }}

// File returns the whole syntax summary of the source file p (Get's
// record's File): nil when p cannot be read or parsed, or when its record
// was compacted without a keeper wanting the summary.
func File(snap *repo.Snapshot, p string) *syntax.File {
	if r := Get(snap, p); r != nil {
		return r.File
	}
	return nil
}

// Whole returns the whole syntax summary of the source file p: its
// record's File while the record is whole or kept, otherwise parsed anew
// from a fresh read, which the record does not keep. The detectors use it:
// the files they read are their unit's, whole while the unit is worked
// on, except the rare file of another unit that a route module mounts
// (require('../billing/routes')), whose unit may be done.
func Whole(snap *repo.Snapshot, p string) *syntax.File {
	r := Get(snap, p)
	if r == nil {
		return nil
	}
	if r.File != nil {
		return r.File
	}
	src, err := snap.ReadFile(p)
	if err != nil {
		return nil
	}
	f, err := syntax.ParseVisit(p, src, nil)
	if err != nil {
		return nil
	}
	return f
}

// Text returns the text of the source file p: from its record while the
// record is whole (the detectors working on p's unit), otherwise read
// again. A detector that reads tokens of its own uses it, so that a file
// is read once.
func Text(snap *repo.Snapshot, p string) ([]byte, error) {
	if r := Get(snap, p); r != nil {
		reg := registryOf(snap)
		reg.mu.Lock()
		src := reg.full[p].src
		reg.mu.Unlock()
		if src != nil {
			return src, nil
		}
	}
	return snap.ReadFile(p)
}

// Peek returns the record of p if it has been read, without reading it.
func Peek(snap *repo.Snapshot, p string) (*Record, bool) {
	e := registryOf(snap).lookup(p)
	if e == nil || !e.done.Load() {
		return nil, false
	}
	return e.record(), true
}

// Parse builds the record of src, the text of the file at p.
func Parse(p string, src []byte) (*Record, error) {
	r := &Record{}
	if err := parse(p, src, r, new(modules)); err != nil {
		return nil, err
	}
	return r, nil
}

var hasherPool = sync.Pool{New: func() any { return new(lineHasher) }}

// parse builds the record of src, the text of the file at p, in r; mods
// holds its imports' modules.
func parse(p string, src []byte, r *Record, mods *modules) error {
	marker := bytes.Contains(src, []byte(Marker))
	lines := hasherPool.Get().(*lineHasher)
	lines.reset()
	defer func() {
		if cap(lines.hashes) <= 1<<16 {
			hasherPool.Put(lines)
		}
	}()
	var toks *[]syntax.Token
	for _, e := range extractors {
		if e.want != nil && e.want(p) {
			toks = tokPool.Get().(*[]syntax.Token)
			*toks = (*toks)[:0]
			defer func() {
				if cap(*toks) <= 1<<18 {
					tokPool.Put(toks)
				}
			}()
			break
		}
	}
	f, err := syntax.ParseVisit(p, src, func(t syntax.Token) {
		if toks != nil {
			*toks = append(*toks, t)
		}
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
		lines.take(src, t.Start, t.End)
	})
	if err != nil {
		return err
	}
	lines.flush()
	r.setLines(lines.hashes, lines.gaps)
	r.File, r.Lang, r.TSCheck = f, f.Lang, f.TSCheck
	r.mods = mods
	if len(f.Imports) > 0 {
		r.imports = make([]uint64, len(f.Imports))
		for i, im := range f.Imports {
			r.imports[i] = packImport(mods.id(im.Module), im.Line, im.TypeOnly)
		}
	}
	r.Functions, r.Classes = int32(len(f.Functions)), int32(len(f.Classes))
	n := 0
	for _, fn := range f.Functions {
		if fn.Parent < 0 && fn.Class == "" && fn.Name != "" {
			n += len(fn.Name) + 1
		}
	}
	for _, c := range f.Classes {
		if !strings.Contains(c.QualName, ".") {
			n += len(c.Name) + 1
		}
	}
	if n > 0 {
		var b strings.Builder
		b.Grow(n)
		for _, fn := range f.Functions {
			if fn.Parent < 0 && fn.Class == "" && fn.Name != "" && !strings.Contains(fn.Name, "\x00") {
				b.WriteString(fn.Name)
				b.WriteByte(0)
				r.nTop++
			}
		}
		for _, c := range f.Classes {
			if !strings.Contains(c.QualName, ".") && !strings.Contains(c.Name, "\x00") {
				b.WriteString(c.Name)
				b.WriteByte(0)
			}
		}
		r.names = b.String()
	}
	for i, e := range extractors {
		if e.want != nil && !e.want(p) {
			continue
		}
		var ts []syntax.Token
		if toks != nil {
			ts = *toks
		}
		if v := e.fn(p, src, ts, f); v != nil {
			r.facts = append(r.facts, fact{i, v})
		}
	}
	return nil
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
	if r.comments == nil {
		r.comments = new([]Comment)
	}
	*r.comments = append(*r.comments, Comment{Line: t.Line, Start: t.Start, OwnLine: own, Text: string(text)})
}

// lineHasher hashes each line's tokens as they come (FNV-1a over the
// normalised text), so no line is ever built as a string.
type lineHasher struct {
	hashes []uint32
	gaps   []byte // each line's distance from the previous one, as uvarints
	line   int
	h      uint32
	open   bool
	last   int // the line of the previous code line
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
	// Most tokens follow the last within a few bytes: a loop is cheaper
	// than bytes.Count's setup there.
	if gap := src[l.pos:off]; len(gap) < 16 {
		for _, c := range gap {
			if c == '\n' {
				l.posLine++
			}
		}
	} else {
		l.posLine += bytes.Count(gap, []byte{'\n'})
	}
	l.pos = off
	return l.posLine
}

const (
	fnvOffset = 2166136261
	fnvPrime  = 16777619
)

// take adds the token src[start:end] to the line it starts on. The
// newlines before it are counted from the end of the last token taken,
// those inside it as it is hashed: each byte is looked at once.
func (l *lineHasher) take(src []byte, start, end int) {
	line := l.lineAt(src, start)
	l.pos, l.posLine = end, line+l.add(line, src[start:end])
}

// add hashes tok into line and returns the newlines it holds.
func (l *lineHasher) add(line int, tok []byte) (newlines int) {
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
		case '\n':
			newlines++
			space = started
			continue
		case ' ', '\t', '\r', '\v', '\f':
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
	return newlines
}

// reset readies l for another file, keeping its buffers.
func (l *lineHasher) reset() {
	*l = lineHasher{hashes: l.hashes[:0], gaps: l.gaps[:0]}
}

func (l *lineHasher) byte(c byte) {
	l.h ^= uint32(c)
	l.h *= fnvPrime
}

func (l *lineHasher) flush() {
	if !l.open {
		return
	}
	l.hashes = append(l.hashes, l.h)
	l.gaps = binary.AppendUvarint(l.gaps, uint64(l.line-l.last))
	l.last = l.line
	l.open = false
}
