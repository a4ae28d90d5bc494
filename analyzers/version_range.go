package analyzers

import (
	"regexp"
	"strconv"
	"strings"
)

// This file holds a small version-range evaluator for runtime constraints:
// npm ranges (engines, .nvmrc), PEP 440 specifiers (requires-python),
// Poetry's caret and tilde, and bare versions (python:3.8-slim, runtime.txt).
// It works to the precision the end-of-life rule needs: which release lines
// (Node 16, Python 3.9) a constraint admits. Versions are compared as
// (major, minor, patch) triples, as golang.org/x/mod/semver compares
// them; pre-release and build suffixes are dropped.

// ver is a major.minor.patch triple.
type ver [3]int

func (a ver) cmp(b ver) int {
	for i := 0; i < 3; i++ {
		if a[i] != b[i] {
			if a[i] < b[i] {
				return -1
			}
			return 1
		}
	}
	return 0
}

// bound is one end of an interval; set false means unbounded.
type bound struct {
	v    ver
	incl bool
	set  bool
}

// interval is a set of versions between lo and hi.
type interval struct{ lo, hi bound }

var everything = interval{}

func (i interval) intersect(j interval) interval {
	out := i
	if j.lo.set && (!out.lo.set || j.lo.v.cmp(out.lo.v) > 0 || j.lo.v.cmp(out.lo.v) == 0 && !j.lo.incl) {
		out.lo = j.lo
	}
	if j.hi.set && (!out.hi.set || j.hi.v.cmp(out.hi.v) < 0 || j.hi.v.cmp(out.hi.v) == 0 && !j.hi.incl) {
		out.hi = j.hi
	}
	return out
}

func (i interval) empty() bool {
	if !i.lo.set || !i.hi.set {
		return false
	}
	c := i.lo.v.cmp(i.hi.v)
	return c > 0 || c == 0 && !(i.lo.incl && i.hi.incl)
}

// versionRange is a union of intervals.
type versionRange []interval

// admits reports whether the range shares a version with i.
func (r versionRange) admits(i interval) bool {
	for _, a := range r {
		if !a.intersect(i).empty() {
			return true
		}
	}
	return false
}

// parsePartial reads "3", "3.8", "3.8.10", "16.x", "v18.2.0", "3.9.*",
// "3.12.0rc1", "3.12-slim"; n is how many numeric parts were given (0 for
// "*" or "x"). ok is false when s does not start like a version.
func parsePartial(s string) (v ver, n int, ok bool) {
	s = strings.TrimPrefix(strings.TrimSpace(s), "v")
	if s == "" {
		return v, 0, false
	}
	if s == "*" || s == "x" || s == "X" {
		return v, 0, true
	}
	for i, part := range strings.SplitN(s, ".", 3) {
		if part == "*" || part == "x" || part == "X" {
			return v, n, n > 0 || i == 0
		}
		end := 0
		for end < len(part) && part[end] >= '0' && part[end] <= '9' {
			end++
		}
		if end == 0 {
			return v, n, n > 0
		}
		x, err := strconv.Atoi(part[:end])
		if err != nil || x > 1<<20 {
			return v, n, false
		}
		v[i] = x
		n++
		if end < len(part) {
			break // a suffix: rc1, -slim, +build
		}
	}
	return v, n, true
}

// next returns the first version after every version the n-part prefix
// of v matches: 3.8 → 3.9.0, 16 → 17.0.0.
func next(v ver, n int) ver {
	switch n {
	case 1:
		return ver{v[0] + 1, 0, 0}
	case 2:
		return ver{v[0], v[1] + 1, 0}
	}
	return ver{v[0], v[1], v[2] + 1}
}

func atLeast(v ver) bound { return bound{v: v, incl: true, set: true} }
func below(v ver) bound   { return bound{v: v, incl: false, set: true} }
func above(v ver) bound   { return bound{v: v, incl: false, set: true} }
func atMost(v ver) bound  { return bound{v: v, incl: true, set: true} }
func prefix(v ver, n int) interval {
	if n == 0 {
		return everything
	}
	return interval{atLeast(v), below(next(v, n))}
}

var opSpace = regexp.MustCompile(`(===|==|~=|>=|<=|!=|>|<|=|\^|~)\s+`)

// parseRange reads an npm range, a PEP 440 specifier set or a bare
// version. ok is false when some part cannot be read.
func parseRange(s string) (versionRange, bool) {
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, false
	}
	var out versionRange
	for alt := range strings.SplitSeq(s, "||") {
		alt = strings.ReplaceAll(alt, ",", " ")
		alt = opSpace.ReplaceAllString(alt, "$1")
		words := strings.Fields(alt)
		cur := everything
		if len(words) == 0 {
			out = append(out, cur)
			continue
		}
		for i := 0; i < len(words); i++ {
			// An npm hyphen range: 1.2 - 2.3.
			if i+2 < len(words) && words[i+1] == "-" {
				lo, ln, ok1 := parsePartial(words[i])
				hi, hn, ok2 := parsePartial(words[i+2])
				if !ok1 || !ok2 {
					return nil, false
				}
				iv := interval{lo: atLeast(lo)}
				if ln == 0 {
					iv.lo = bound{}
				}
				switch hn {
				case 0:
				case 3:
					iv.hi = atMost(hi)
				default:
					iv.hi = below(next(hi, hn))
				}
				cur = cur.intersect(iv)
				i += 2
				continue
			}
			iv, ok := comparator(words[i])
			if !ok {
				return nil, false
			}
			cur = cur.intersect(iv)
		}
		out = append(out, cur)
	}
	return out, true
}

// comparator reads one comparator: an operator and a (partial) version.
func comparator(w string) (interval, bool) {
	op := ""
	for _, o := range []string{"===", "==", "~=", ">=", "<=", "!=", ">", "<", "=", "^", "~"} {
		if strings.HasPrefix(w, o) {
			op, w = o, w[len(o):]
			break
		}
	}
	v, n, ok := parsePartial(w)
	if !ok {
		return interval{}, false
	}
	switch op {
	case "", "=", "==", "===":
		// A bare or == version: a prefix match at the precision given
		// (3.8 → any 3.8.x); ==3.8 is strictly 3.8.0, which is in the
		// same release line, all that matters here.
		return prefix(v, n), true
	case "!=":
		return everything, true
	case "^":
		if n == 0 {
			return everything, true
		}
		switch {
		case v[0] > 0 || n == 1:
			return interval{atLeast(v), below(ver{v[0] + 1, 0, 0})}, true
		case v[1] > 0 || n == 2:
			return interval{atLeast(v), below(ver{0, v[1] + 1, 0})}, true
		}
		return interval{atLeast(v), below(ver{0, 0, v[2] + 1})}, true
	case "~":
		if n <= 1 {
			return prefix(v, n), true
		}
		return interval{atLeast(v), below(ver{v[0], v[1] + 1, 0})}, true
	case "~=":
		if n < 2 {
			return interval{}, false
		}
		return interval{atLeast(v), below(next(v, n-1))}, true
	case ">=":
		if n == 0 {
			return everything, true
		}
		return interval{lo: atLeast(v)}, true
	case ">":
		if n == 0 {
			return interval{atLeast(ver{1 << 30}), below(ver{0})}, true // >* admits nothing
		}
		if n == 3 {
			return interval{lo: above(v)}, true
		}
		return interval{lo: atLeast(next(v, n))}, true
	case "<":
		if n == 0 {
			return interval{atLeast(ver{1 << 30}), below(ver{0})}, true
		}
		return interval{hi: below(v)}, true
	case "<=":
		if n == 0 {
			return everything, true
		}
		if n == 3 {
			return interval{hi: atMost(v)}, true
		}
		return interval{hi: below(next(v, n))}, true
	}
	return interval{}, false
}
