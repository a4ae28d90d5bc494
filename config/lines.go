package config

// keyLines maps each key path of a TOML document (dotted, without array
// indexes: "overrides.rules.SA201.enabled") to the line where it first
// appears. It reads the TOML tokens itself (comments, the four string
// forms, multi-line arrays and inline tables) because BurntSushi/toml keeps
// key positions private; it runs only on documents that already parsed.
func keyLines(data []byte) map[string]int {
	s := &keyScanner{b: data, line: 1, out: map[string]int{}}
	s.run()
	return s.out
}

type keyScanner struct {
	b    []byte
	i    int
	line int
	out  map[string]int
}

func (s *keyScanner) peek(n int) byte {
	if s.i+n < len(s.b) {
		return s.b[s.i+n]
	}
	return 0
}

func (s *keyScanner) next() byte {
	c := s.b[s.i]
	s.i++
	if c == '\n' {
		s.line++
	}
	return c
}

func (s *keyScanner) skipSpace() {
	for s.i < len(s.b) && (s.b[s.i] == ' ' || s.b[s.i] == '\t' || s.b[s.i] == '\r') {
		s.i++
	}
}

func (s *keyScanner) skipLine() {
	for s.i < len(s.b) && s.b[s.i] != '\n' {
		s.i++
	}
}

func (s *keyScanner) record(path []string, line int) {
	for n := 1; n <= len(path); n++ {
		k := joinKey(path[:n])
		if _, ok := s.out[k]; !ok {
			s.out[k] = line
		}
	}
}

func joinKey(p []string) string {
	n := ""
	for i, x := range p {
		if i > 0 {
			n += "."
		}
		n += x
	}
	return n
}

func (s *keyScanner) run() {
	var table []string
	for s.i < len(s.b) {
		s.skipSpace()
		if s.i >= len(s.b) {
			return
		}
		switch c := s.b[s.i]; {
		case c == '\n':
			s.next()
		case c == '#':
			s.skipLine()
		case c == '[':
			line := s.line
			s.i++
			if s.peek(0) == '[' {
				s.i++
			}
			table = s.key(']')
			s.record(table, line)
			for s.i < len(s.b) && s.b[s.i] == ']' {
				s.i++
			}
			s.skipLine()
		default:
			line := s.line
			k := s.key('=')
			if s.i < len(s.b) && s.b[s.i] == '=' {
				s.i++
			}
			s.record(append(append([]string{}, table...), k...), line)
			s.value()
		}
	}
}

// key reads a dotted key up to stop ('=' or ']'), leaving s.i on stop.
func (s *keyScanner) key(stop byte) []string {
	var parts []string
	for s.i < len(s.b) {
		s.skipSpace()
		if s.i >= len(s.b) {
			break
		}
		c := s.b[s.i]
		switch {
		case c == stop || c == '\n':
			return parts
		case c == '.':
			s.i++
		case c == '"' || c == '\'':
			s.i++
			start := s.i
			for s.i < len(s.b) && s.b[s.i] != c && s.b[s.i] != '\n' {
				if c == '"' && s.b[s.i] == '\\' {
					s.i++
				}
				s.i++
			}
			end := min(s.i, len(s.b))
			parts = append(parts, string(s.b[start:end]))
			if s.i < len(s.b) && s.b[s.i] == c {
				s.i++
			}
		default:
			start := s.i
			for s.i < len(s.b) && isBare(s.b[s.i]) {
				s.i++
			}
			if s.i == start { // not a key character: give up on the line
				s.skipLine()
				return parts
			}
			parts = append(parts, string(s.b[start:s.i]))
		}
	}
	return parts
}

func isBare(c byte) bool {
	return c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == '_' || c == '-'
}

// value skips a value with its strings, nested arrays and inline tables,
// and the comment after it.
func (s *keyScanner) value() {
	depth := 0
	for s.i < len(s.b) {
		c := s.b[s.i]
		switch {
		case c == '\n':
			if depth == 0 {
				return
			}
			s.next()
		case c == '#':
			s.skipLine()
		case c == '[' || c == '{':
			depth++
			s.i++
		case c == ']' || c == '}':
			depth--
			s.i++
		case c == '"' || c == '\'':
			s.str(c)
		default:
			s.i++
		}
	}
}

func (s *keyScanner) str(q byte) {
	if s.peek(1) == q && s.peek(2) == q { // multi-line
		s.i += 3
		for s.i < len(s.b) {
			if s.b[s.i] == q && s.peek(1) == q && s.peek(2) == q {
				s.i += 3
				for s.i < len(s.b) && s.b[s.i] == q { // up to two quotes may end the content
					s.i++
				}
				return
			}
			if q == '"' && s.b[s.i] == '\\' {
				s.next()
				if s.i >= len(s.b) {
					return
				}
			}
			s.next()
		}
		return
	}
	s.i++
	for s.i < len(s.b) && s.b[s.i] != '\n' {
		c := s.b[s.i]
		s.i++
		if q == '"' && c == '\\' {
			s.i++
			continue
		}
		if c == q {
			return
		}
	}
}
