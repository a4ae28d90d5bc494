// Package repo opens a scan target (a working tree, a git revision or a remote
// URL) as a Snapshot: a read-only file system, the file index with ignore
// rules applied, and facts from git history. It is the only package that
// touches the disk or git; nothing in the target is ever executed.
package repo

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"path"
	"sort"
	"strings"
	"sync"
)

// DefaultMaxFileSize is the size above which a file is indexed but not read.
const DefaultMaxFileSize = 1 << 20

// DefaultActiveDays is the window for "active" authors.
const DefaultActiveDays = 180

// Errors returned by ReadFile for files that are indexed but not read as text.
var (
	ErrTooLarge = errors.New("file is larger than the size cap")
	ErrBinary   = errors.New("file is binary")
)

// Options tune Open.
type Options struct {
	// Rev, when set, reads the tree of that revision from git objects.
	Rev string
	// ActiveDays is the window for active authors (default 180).
	ActiveDays int
	// FullHistory walks all of history instead of stopping at the window.
	FullHistory bool
	// MaxFileSize caps the files read as text (default 1 MiB).
	MaxFileSize int64
	// Progress receives clone progress for remote targets; nil for none.
	Progress io.Writer
	// Depth is the clone depth for remote targets; 0 means shallow (1) and
	// a negative value a full clone.
	Depth int
}

func (o Options) withDefaults() Options {
	if o.ActiveDays <= 0 {
		o.ActiveDays = DefaultActiveDays
	}
	if o.MaxFileSize <= 0 {
		o.MaxFileSize = DefaultMaxFileSize
	}
	return o
}

// File is one entry of the index.
type File struct {
	// Path is slash-separated and relative to the root.
	Path string
	// Size is in bytes.
	Size int64
}

// Problem is something the scan could not read, and why.
type Problem struct {
	Path   string
	Reason string
}

func (p Problem) String() string {
	if p.Path == "" {
		return p.Reason
	}
	return p.Path + ": " + p.Reason
}

// Snapshot is a read-only view of the target.
type Snapshot struct {
	// Target is what the user asked to scan, as given.
	Target string
	// Revision is the commit the snapshot shows, when known.
	Revision string
	// Git holds facts from history; nil when there is no repository.
	Git *GitFacts

	// history serves AuthorsByFolder; nil without git facts.
	history *history

	fsys    fs.FS
	tracked *trackedSet
	// absTarget is the absolute path of a folder target, for Name.
	absTarget string
	files     []File
	index     map[string]int
	maxSize   int64

	mu       sync.Mutex
	problems []Problem
	closers  []func() error

	memoMu sync.Mutex
	memo   map[string]*memoEntry
}

type memoEntry struct {
	once  sync.Once
	value any
}

// Memo returns the value computed for key, computing it once per snapshot
// however many goroutines ask. Detectors and rules share parsed source this
// way, so each file is read and parsed at most once a scan. Keys should be
// prefixed with what computes them ("source:" + path).
func (s *Snapshot) Memo(key string, compute func() any) any {
	s.memoMu.Lock()
	if s.memo == nil {
		s.memo = map[string]*memoEntry{}
	}
	e, ok := s.memo[key]
	if !ok {
		e = &memoEntry{}
		s.memo[key] = e
	}
	s.memoMu.Unlock()
	e.once.Do(func() { e.value = compute() })
	return e.value
}

// Name is a short name for the scanned repository: the base name of the
// target folder or of a remote URL's path, without ".git"; "" when unknown
// (a snapshot of an in-memory file system).
func (s *Snapshot) Name() string {
	t := strings.TrimRight(strings.ReplaceAll(s.Target, "\\", "/"), "/")
	if t == "" || t == "." {
		if s.absTarget == "" {
			return ""
		}
		t = s.absTarget
	}
	if i := strings.LastIndexAny(t, "/:"); i >= 0 {
		t = t[i+1:]
	}
	t = strings.TrimSuffix(t, ".git")
	if t == "" || t == "." || t == ".." {
		return ""
	}
	return t
}

// FS returns the snapshot's file system. Prefer ReadFile, which applies the
// size cap and the binary check.
func (s *Snapshot) FS() fs.FS { return s.fsys }

// Files returns the index, sorted by path. The caller must not modify it.
func (s *Snapshot) Files() []File { return s.files }

// Stat returns the index entry for p.
func (s *Snapshot) Stat(p string) (File, bool) {
	i, ok := s.index[p]
	if !ok {
		return File{}, false
	}
	return s.files[i], true
}

// MaxFileSize is the size above which ReadFile refuses a file.
func (s *Snapshot) MaxFileSize() int64 { return s.maxSize }

// Position returns where p is in Files(), if it is in the index.
func (s *Snapshot) Position(p string) (int, bool) {
	i, ok := s.index[p]
	return i, ok
}

// Exists reports whether p is in the index.
func (s *Snapshot) Exists(p string) bool {
	_, ok := s.index[p]
	return ok
}

// ReadFile reads an indexed file as text. Files over the size cap return
// ErrTooLarge and files holding a NUL byte in their first 8 KiB return
// ErrBinary, both wrapped with the path.
//
// Small files other than Python, JavaScript and TypeScript sources (the
// manifests, configuration and Dockerfiles that several detectors and
// rules read) are read once a scan and kept: each caller gets its own
// copy. Sources are read once through package source and not kept here.
func (s *Snapshot) ReadFile(p string) ([]byte, error) {
	f, ok := s.Stat(p)
	if !ok {
		return nil, fmt.Errorf("read %s: %w", p, fs.ErrNotExist)
	}
	if f.Size > s.maxSize {
		return nil, fmt.Errorf("read %s: %w (%d bytes, cap %d)", p, ErrTooLarge, f.Size, s.maxSize)
	}
	if f.Size <= smallFile && !sourceFile(p) {
		v := s.Memo("file:"+p, func() any {
			b, err := s.read(p, f)
			return readResult{b, err}
		}).(readResult)
		if v.err != nil {
			return nil, v.err
		}
		return bytes.Clone(v.data), nil
	}
	return s.read(p, f)
}

// smallFile is the size up to which ReadFile keeps what it read.
const smallFile = 64 << 10

type readResult struct {
	data []byte
	err  error
}

// sourceFile reports whether p is a Python, JavaScript or TypeScript
// source, which package source reads once.
func sourceFile(p string) bool {
	switch strings.ToLower(path.Ext(p)) {
	case ".py", ".pyi", ".js", ".jsx", ".mjs", ".cjs", ".ts", ".tsx", ".mts", ".cts":
		return true
	}
	return false
}

// read reads the indexed file f at p and checks it is text.
func (s *Snapshot) read(p string, f File) ([]byte, error) {
	var b []byte
	var err error
	if r, ok := s.fsys.(sizedReader); ok {
		b, err = r.readFileSize(p, f.Size)
	} else {
		b, err = fs.ReadFile(s.fsys, p)
	}
	if err != nil {
		return nil, fmt.Errorf("read %s: %w", p, err)
	}
	return s.asText(p, b)
}

// asText returns b, the content of p, when it is text under the size cap,
// else the error ReadFile gives.
func (s *Snapshot) asText(p string, b []byte) ([]byte, error) {
	if int64(len(b)) > s.maxSize {
		return nil, fmt.Errorf("read %s: %w (%d bytes, cap %d)", p, ErrTooLarge, len(b), s.maxSize)
	}
	head := b
	if len(head) > 8192 {
		head = head[:8192]
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return nil, fmt.Errorf("read %s: %w", p, ErrBinary)
	}
	return b, nil
}

// Problemf records something that could not be read. Safe for concurrent use.
func (s *Snapshot) Problemf(p string, format string, args ...any) {
	s.mu.Lock()
	s.problems = append(s.problems, Problem{Path: p, Reason: fmt.Sprintf(format, args...)})
	s.mu.Unlock()
}

// Problems returns what could not be read, sorted and without duplicates.
func (s *Snapshot) Problems() []Problem {
	s.mu.Lock()
	defer s.mu.Unlock()
	out := append([]Problem(nil), s.problems...)
	sort.Slice(out, func(i, j int) bool {
		if out[i].Path != out[j].Path {
			return out[i].Path < out[j].Path
		}
		return out[i].Reason < out[j].Reason
	})
	k := 0
	for i, p := range out {
		if i > 0 && p == out[k-1] {
			continue
		}
		out[k] = p
		k++
	}
	return out[:k]
}

// Close releases what Open acquired, such as a temporary clone.
func (s *Snapshot) Close() error {
	var errs []error
	for i := len(s.closers) - 1; i >= 0; i-- {
		errs = append(errs, s.closers[i]())
	}
	s.closers = nil
	return errors.Join(errs...)
}

// Glob returns the indexed files whose path matches any of the patterns.
// A pattern is matched with path.Match against the whole path; a pattern
// starting with "**/" also matches at any depth, including the root.
func (s *Snapshot) Glob(patterns ...string) []File {
	m := CompilePatterns(patterns...)
	var out []File
	for _, f := range s.files {
		if m.Match(f.Path) {
			out = append(out, f)
		}
	}
	return out
}

// Patterns is a compiled list of MatchPath patterns: the common forms
// ("**/name", "**/*.ext") are matched with string comparisons against the
// base name, which at 100,000 files and a hundred patterns is most of the
// cost of sorting files to their detectors.
type Patterns struct {
	names    map[string]bool // "**/name": the base name is name
	suffixes []string        // "**/*.ext": the base name ends with .ext
	stars    []string        // "**/a*b*c": the base name, with * as the only wildcard
	anchored []anchoredPattern
	other    []string // anything else, through MatchPath
}

// anchoredPattern is a pattern from the root whose only wildcard is * in
// its last element (".github/workflows/*.yml", ".gitlab-ci.yml"): the
// path's folder must be dir and its last element match base.
type anchoredPattern struct {
	dir  string // up to and with the last slash; "" for none
	base string
}

// CompilePatterns compiles patterns for Match.
func CompilePatterns(patterns ...string) *Patterns {
	m := &Patterns{names: map[string]bool{}}
	for _, pat := range patterns {
		rest, ok := strings.CutPrefix(pat, "**/")
		switch {
		case !ok && !strings.ContainsAny(pat, `?[\`) && !strings.Contains(pat[:strings.LastIndexByte(pat, '/')+1], "*"):
			i := strings.LastIndexByte(pat, '/')
			m.anchored = append(m.anchored, anchoredPattern{dir: pat[:i+1], base: pat[i+1:]})
		case !ok || strings.Contains(rest, "/"):
			m.other = append(m.other, pat)
		case !strings.ContainsAny(rest, `*?[\`):
			m.names[rest] = true
		case rest[0] == '*' && !strings.ContainsAny(rest[1:], `*?[\`):
			m.suffixes = append(m.suffixes, rest[1:])
		case !strings.ContainsAny(rest, `?[\`):
			m.stars = append(m.stars, rest)
		default:
			m.other = append(m.other, pat)
		}
	}
	return m
}

// Match reports whether p matches any of the patterns, as MatchPath would.
func (m *Patterns) Match(p string) bool {
	base := p[strings.LastIndexByte(p, '/')+1:]
	if m.names[base] {
		return true
	}
	for _, suf := range m.suffixes {
		if strings.HasSuffix(base, suf) {
			return true
		}
	}
	for _, pat := range m.stars {
		if starMatch(pat, base) {
			return true
		}
	}
	if len(m.anchored) > 0 {
		dir := p[:len(p)-len(base)]
		for _, a := range m.anchored {
			if dir == a.dir && starMatch(a.base, base) {
				return true
			}
		}
	}
	for _, pat := range m.other {
		if MatchPath(pat, p) {
			return true
		}
	}
	return false
}

// starMatch matches s against a pattern whose only wildcard is *.
func starMatch(pat, s string) bool {
	first, rest, ok := strings.Cut(pat, "*")
	if !ok {
		return pat == s
	}
	if !strings.HasPrefix(s, first) {
		return false
	}
	s = s[len(first):]
	// The pieces between the remaining stars, found in order; the last
	// piece must end s.
	for {
		part, more, ok := strings.Cut(rest, "*")
		if !ok {
			return strings.HasSuffix(s, rest)
		}
		i := strings.Index(s, part)
		if i < 0 {
			return false
		}
		s = s[i+len(part):]
		rest = more
	}
}

// MatchPath reports whether the slash-separated path p matches pat. A
// leading "**/" matches any number of leading folders.
func MatchPath(pat, p string) bool {
	if rest, ok := strings.CutPrefix(pat, "**/"); ok {
		if !strings.Contains(rest, "/") {
			// A pattern without a slash can only match the last element, as
			// path.Match's wildcards never cross a slash.
			ok, _ := path.Match(rest, p[strings.LastIndexByte(p, '/')+1:])
			return ok
		}
		if !strings.ContainsAny(rest, `[\`) {
			// Wildcards never match a slash, so only the suffix of p with
			// as many slashes as rest can match.
			n := strings.Count(rest, "/")
			i := len(p)
			for ; i > 0 && n >= 0; i-- {
				if p[i-1] == '/' {
					n--
				}
			}
			if n > 0 {
				return false
			}
			if n < 0 {
				i++ // back over the slash before the suffix
			}
			ok, _ := path.Match(rest, p[i:])
			return ok
		}
		if ok, _ := path.Match(rest, p); ok {
			return true
		}
		for i := 0; i < len(p); i++ {
			if p[i] == '/' {
				if ok, _ := path.Match(rest, p[i+1:]); ok {
					return true
				}
			}
		}
		return false
	}
	ok, _ := path.Match(pat, p)
	return ok
}

// FromFS indexes any file system with the same ignore rules as a working
// tree. Tests use it with testing/fstest.MapFS.
func FromFS(ctx context.Context, fsys fs.FS, opts Options) (*Snapshot, error) {
	opts = opts.withDefaults()
	s := &Snapshot{Target: ".", fsys: fsys, maxSize: opts.MaxFileSize}
	if err := s.index_(ctx); err != nil {
		return nil, err
	}
	return s, nil
}

func (s *Snapshot) setFiles(files []File) {
	sort.Slice(files, func(i, j int) bool { return files[i].Path < files[j].Path })
	s.files = files
	s.index = make(map[string]int, len(files))
	for i, f := range files {
		s.index[f.Path] = i
	}
}
