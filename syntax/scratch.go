package syntax

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
}

// resetScratch readies s for a new file.
func (s *scratch) resetScratch() {
	s.ncall = append(s.ncall[:0], 0)
}

// addFunction appends fn and returns its index.
func (s *scratch) addFunction(fn Function) int {
	s.fns = append(s.fns, fn)
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

// callCount is the number of calls of function fn (-1: the module).
func (s *scratch) callCount(fn int) int { return int(s.ncall[fn+1]) }

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
	pack(len(fns), func(i int) *[]Param { return &fns[i].Params })
	pack(len(fns)+len(cls), func(i int) *[]Decorator {
		if i < len(fns) {
			return &fns[i].Decorators
		}
		return &cls[i-len(fns)].Decorators
	})
	pack(len(imps), func(i int) *[]ImportName { return &imps[i].Names })
	pack(len(cls), func(i int) *[]string { return &cls[i].Bases })
	if len(s.argOf) > 0 {
		slab := make([]Call, len(s.argOf))
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
		slab := make([]Call, len(s.calls))
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
}
