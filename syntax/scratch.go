package syntax

import (
	"bytes"
	"hash/maphash"
)

// scratch is a parser's working copy of a summary. Its slices are reused
// from file to file (the parsers are pooled); finish copies what a file
// found into a File whose slices are sized exactly and share one backing
// array per element type, so that a summary costs a handful of
// allocations instead of one per append that grows a slice.
type scratch struct {
	fns     []Function
	classes []Class
	imports []Import
	// calls in source order, with the function whose Calls hold them
	calls []Call
	owner []int32 // index in fns of calls[i]'s function, -1 for the module
	// ncall counts the calls of the module (ncall[0]) and of each function
	// (ncall[1+i])
	ncall []int32
	// append-only stores the work slices point into until finish
	paramAll []Param
	decoAll  []Decorator
	names    []ImportName
	bases    []string
	argOf    []Call
	decos    []Decorator // decorators waiting for their definition
	exported []string    // JS: names in local export lists
	// strs holds the strings of the last files this parser read, so that
	// text repeated in a file or across a repository ("self", a callee
	// called ten times, a module every file imports) is one string. It is
	// emptied when it holds more than maxStrs: what it keeps alive is
	// bounded, and it never points into a source.
	strs strSet
	cat  []byte // room to build a string that is not in the source
	cat2 []byte // more room, for strings built of one in cat
	// qualified names of fns and classes, built in qbuf: finish makes
	// them one string per file
	fnQual, classQual []qualRef
	qbuf              []byte
}

// maxIntern is the length above which a string is not looked up in strs:
// long text (decorator arguments, defaults) rarely repeats.
const maxIntern = 64

// str returns b as a string: a common one from a static table, one this
// parser made before (see strs), or a new copy. It never points into the
// source: callers keep parts of a summary long after freeing the source.
func (s *scratch) str(b []byte) string {
	if len(b) == 0 {
		return ""
	}
	if len(b) > maxIntern {
		return string(b)
	}
	h := strHash(b)
	if len(b) <= maxCommon {
		if v, ok := common.get(b, h); ok {
			return v
		}
	}
	return s.strs.add(b, h)
}

// strSet is a set of strings, open addressing with linear probing.
type strSet struct {
	slots []string // a power of two long; "" is empty
	n     int
}

var hashSeed = maphash.MakeSeed()

// strHash hashes b for strSet.
func strHash[T string | []byte](b T) uint32 {
	switch b := any(b).(type) {
	case string:
		return uint32(maphash.String(hashSeed, b))
	case []byte:
		return uint32(maphash.Bytes(hashSeed, b))
	}
	return 0
}

// get returns the string equal to b (hash h), if there is one.
func (t *strSet) get(b []byte, h uint32) (string, bool) {
	if len(t.slots) == 0 {
		return "", false
	}
	mask := uint32(len(t.slots) - 1)
	for i := h & mask; ; i = (i + 1) & mask {
		v := t.slots[i]
		if v == "" {
			return "", false
		}
		if v == string(b) {
			return v, true
		}
	}
}

// add returns the string equal to b (hash h), adding a copy of b when
// there is none; b is not empty.
func (t *strSet) add(b []byte, h uint32) string {
	if len(t.slots) == 0 {
		t.slots = make([]string, 128)
	}
	mask := uint32(len(t.slots) - 1)
	i := h & mask
	for ; ; i = (i + 1) & mask {
		v := t.slots[i]
		if v == "" {
			break
		}
		if v == string(b) {
			return v
		}
	}
	v := string(b)
	t.slots[i] = v
	t.n++
	if 2*t.n > len(t.slots) {
		t.grow()
	}
	return v
}

func (t *strSet) grow() {
	old := t.slots
	t.slots = make([]string, 2*len(old))
	mask := uint32(len(t.slots) - 1)
	for _, v := range old {
		if v == "" {
			continue
		}
		i := strHash(v) & mask
		for t.slots[i] != "" {
			i = (i + 1) & mask
		}
		t.slots[i] = v
	}
}

// maxStrs is the number of strings above which a parser's strs is
// emptied between files.
const maxStrs = 1 << 12

// reset empties the set, keeping its room unless a large file made it
// grow well past maxStrs.
func (t *strSet) reset() {
	if len(t.slots) > 4*maxStrs {
		t.slots = nil
	} else {
		clear(t.slots)
	}
	t.n = 0
}

// concat returns a+b as a string (see str).
func (s *scratch) concat(a, b string) string {
	c := append(append(s.cat[:0], a...), b...)
	s.cat = c
	return s.str(c)
}

// textBytes returns the trimmed source between two tokens, inclusive.
func textBytes(src []byte, toks []Token, a, b int) []byte {
	if a > b || a < 0 || b >= len(toks) {
		return nil
	}
	return bytes.TrimSpace(src[toks[a].Start:toks[b].End])
}

// text returns the trimmed source between two tokens, inclusive.
func (s *scratch) text(src []byte, toks []Token, a, b int) string {
	return s.str(textBytes(src, toks, a, b))
}

// unquote is Unquote through str.
func (s *scratch) unquote(b []byte) string { return s.str(unquote(b)) }

// resetScratch readies s for a new file.
func (s *scratch) resetScratch() {
	s.ncall = append(s.ncall[:0], 0)
}

// qualRef is a qualified name: s, or when inBuf the bytes qbuf[off:off+n].
type qualRef struct {
	s      string
	off, n int
	inBuf  bool
}

func (q qualRef) len() int {
	if q.inBuf {
		return q.n
	}
	return len(q.s)
}

// qualify joins an outer qualified name and a name; absurdly deep nesting
// is shortened so that names stay linear in the input.
func (s *scratch) qualify(outer qualRef, name string) qualRef {
	switch {
	case outer.len() == 0:
		return qualRef{s: name}
	case outer.len() > maxChain:
		off := len(s.qbuf)
		s.qbuf = append(append(s.qbuf, "….."...), name...)
		return qualRef{off: off, n: len(s.qbuf) - off, inBuf: true}
	}
	off := len(s.qbuf)
	if outer.inBuf {
		s.qbuf = append(s.qbuf, s.qbuf[outer.off:outer.off+outer.n]...)
	} else {
		s.qbuf = append(s.qbuf, outer.s...)
	}
	s.qbuf = append(append(s.qbuf, '.'), name...)
	return qualRef{off: off, n: len(s.qbuf) - off, inBuf: true}
}

// addClass appends c, whose qualified name is q, and returns its index.
func (s *scratch) addClass(c Class, q qualRef) int {
	s.classes = append(s.classes, c)
	s.classQual = append(s.classQual, q)
	return len(s.classes) - 1
}

// addFunction appends fn, whose qualified name is q, and returns its index.
func (s *scratch) addFunction(fn Function, q qualRef) int {
	s.fns = append(s.fns, fn)
	s.fnQual = append(s.fnQual, q)
	s.ncall = append(s.ncall, 0)
	return len(s.fns) - 1
}

// addCall appends c to the calls of function fn (-1: the module) and
// returns its index in that list.
func (s *scratch) addCall(fn int, c Call) int {
	s.calls = append(s.calls, c)
	s.owner = append(s.owner, int32(fn))
	n := s.ncall[fn+1]
	s.ncall[fn+1]++
	return int(n)
}

// takeDecos returns the waiting decorators (nil when none) and empties the
// waiting list.
func (s *scratch) takeDecos() []Decorator {
	if len(s.decos) == 0 {
		return nil
	}
	start := len(s.decoAll)
	s.decoAll = append(s.decoAll, s.decos...)
	s.decos = s.decos[:0]
	return s.decoAll[start:len(s.decoAll):len(s.decoAll)]
}

// keepArgOf returns a pointer to a copy of c, valid until finish.
func (s *scratch) keepArgOf(c Call) *Call {
	s.argOf = append(s.argOf, c)
	return &s.argOf[len(s.argOf)-1]
}

// pack copies the non-empty slices *get(i) for i < n into one new backing
// array and points them at it, capacity capped at their length.
func pack[T any](n int, get func(int) *[]T) {
	total := 0
	for i := 0; i < n; i++ {
		total += len(*get(i))
	}
	if total == 0 {
		return
	}
	slab := make([]T, total)
	for i := 0; i < n; i++ {
		s := get(i)
		if k := len(*s); k > 0 {
			copy(slab, *s)
			*s = slab[:k:k]
			slab = slab[k:]
		}
	}
}

// finish fills f's slices from the scratch.
func (s *scratch) finish(f *File) {
	fns := make([]Function, len(s.fns))
	copy(fns, s.fns)
	f.Functions = fns
	if len(s.classes) > 0 {
		f.Classes = make([]Class, len(s.classes))
		copy(f.Classes, s.classes)
	}
	if len(s.imports) > 0 {
		f.Imports = make([]Import, len(s.imports))
		copy(f.Imports, s.imports)
	}
	cls, imps := f.Classes, f.Imports
	var all string
	if len(s.qbuf) > 0 {
		all = string(s.qbuf)
	}
	qual := func(q qualRef) string {
		if q.inBuf {
			return all[q.off : q.off+q.n]
		}
		return q.s
	}
	for i := range fns {
		fns[i].QualName = qual(s.fnQual[i])
	}
	for i := range cls {
		cls[i].QualName = qual(s.classQual[i])
	}
	pack(len(fns), func(i int) *[]Param { return &fns[i].Params })
	pack(len(fns)+len(cls), func(i int) *[]Decorator {
		if i < len(fns) {
			return &fns[i].Decorators
		}
		return &cls[i-len(fns)].Decorators
	})
	pack(len(imps), func(i int) *[]ImportName { return &imps[i].Names })
	pack(len(cls), func(i int) *[]string { return &cls[i].Bases })
	// the calls and the ArgOf copies share one backing array
	var callSlab []Call
	if n := len(s.calls) + len(s.argOf); n > 0 {
		callSlab = make([]Call, n)
	}
	if len(s.argOf) > 0 {
		slab := callSlab[len(s.calls):]
		k := 0
		for i := range fns {
			if a := fns[i].ArgOf; a != nil {
				slab[k] = *a
				fns[i].ArgOf = &slab[k]
				k++
			}
		}
	}
	if len(s.calls) > 0 {
		slab := callSlab[:len(s.calls)]
		// ncall becomes each list's next free slot in slab
		off := int32(0)
		for i, n := range s.ncall {
			s.ncall[i] = off
			off += n
		}
		for i, c := range s.calls {
			o := s.owner[i] + 1
			slab[s.ncall[o]] = c
			s.ncall[o]++
		}
		start := int32(0)
		for i, end := range s.ncall {
			if end > start {
				calls := slab[start:end:end]
				if i == 0 {
					f.Calls = calls
				} else {
					fns[i-1].Calls = calls
				}
			}
			start = end
		}
	}
}

// maxKeep is the capacity above which a scratch slice is dropped rather than
// kept for the next file.
const maxKeep = 1 << 14

func reuse[T any](s []T) []T {
	if cap(s) > maxKeep {
		return nil
	}
	clear(s)
	return s[:0]
}

// release empties the scratch, dropping its references into the summary.
func (s *scratch) release() {
	s.fns = reuse(s.fns)
	s.classes = reuse(s.classes)
	s.imports = reuse(s.imports)
	s.calls = reuse(s.calls)
	s.owner = reuse(s.owner)
	s.ncall = reuse(s.ncall)
	s.paramAll = reuse(s.paramAll)
	s.decoAll = reuse(s.decoAll)
	s.names = reuse(s.names)
	s.bases = reuse(s.bases)
	s.argOf = reuse(s.argOf)
	s.decos = reuse(s.decos)
	s.exported = reuse(s.exported)
	s.fnQual = reuse(s.fnQual)
	s.classQual = reuse(s.classQual)
	if cap(s.qbuf) > maxKeep {
		s.qbuf = nil
	}
	s.qbuf = s.qbuf[:0]
	if s.strs.n > maxStrs {
		s.strs.reset()
	}
	if cap(s.cat) > maxKeep {
		s.cat = nil
	}
	if cap(s.cat2) > maxKeep {
		s.cat2 = nil
	}
}
