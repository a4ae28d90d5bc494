package syntax

import (
	"strings"
	"testing"
)

// resolveRelativeSplit is ResolveRelative as first written, through
// strings.Split and Join: the reference the allocation-free one must match.
func resolveRelativeSplit(module string, isPackage bool, level int, name string) (string, bool) {
	if level <= 0 {
		return name, name != ""
	}
	var parts []string
	if module != "" {
		parts = strings.Split(module, ".")
	}
	if !isPackage {
		if len(parts) == 0 {
			return "", false
		}
		parts = parts[:len(parts)-1]
	}
	if level-1 > len(parts) {
		return "", false
	}
	parts = parts[:len(parts)-(level-1)]
	if name != "" {
		parts = append(parts, name)
	}
	if len(parts) == 0 {
		return "", false
	}
	return strings.Join(parts, "."), true
}

func TestResolveRelativeMatchesSplit(t *testing.T) {
	modules := []string{"", "a", "a.b", "a.b.c", "pkg.sub.mod.x", ".", "..", ".a", "a.", "a..b", "..a.b.", "é.ü"}
	names := []string{"", "x", "x.y", ".", "z."}
	for _, m := range modules {
		for _, pkg := range []bool{false, true} {
			for level := -1; level <= 6; level++ {
				for _, n := range names {
					got, ok := ResolveRelative(m, pkg, level, n)
					want, wok := resolveRelativeSplit(m, pkg, level, n)
					if got != want || ok != wok {
						t.Errorf("ResolveRelative(%q, %v, %d, %q) = %q, %v; want %q, %v", m, pkg, level, n, got, ok, want, wok)
					}
				}
			}
		}
	}
}
