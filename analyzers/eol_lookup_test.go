package analyzers

import "testing"

func TestRuntimeEOL(t *testing.T) {
	for _, c := range []struct {
		name, constraint, cycle, eol string
		ok                           bool
	}{
		{"node", "16", "16", "2023-09-11", true},
		{"node", ">=20 <22", "20", "2026-04-30", true},
		{"node", "lts/gallium", "16", "2023-09-11", true},
		{"python", "3.8", "3.8", "2024-10-07", true},
		{"node", ">=20", "", "", false}, // admits lines newer than any listed
		{"node", "latest", "", "", false},
		{"ruby", "3.3", "", "", false},
	} {
		cycle, eol, ok := RuntimeEOL(c.name, c.constraint)
		if cycle != c.cycle || eol != c.eol || ok != c.ok {
			t.Errorf("RuntimeEOL(%q, %q) = %q, %q, %v; want %q, %q, %v", c.name, c.constraint, cycle, eol, ok, c.cycle, c.eol, c.ok)
		}
	}
}
