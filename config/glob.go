package config

import (
	"fmt"
	"path"
	"strings"
)

// Match reports whether a slash-separated path relative to the repository
// root is matched by glob, or lies under a folder it matches. `*`, `?` and
// `[...]` match within one path segment, as in path.Match; a `**` segment
// matches any number of segments. A glob without a slash ("*.min.js",
// "fixtures") matches a name at any depth, as in .gitignore; a leading "/"
// or "./" anchors it at the root.
func Match(glob, p string) bool {
	g := splitPath(glob)
	f := splitPath(p)
	if len(g) == 0 {
		return false
	}
	if len(g) == 1 && !strings.HasPrefix(glob, "/") && !strings.HasPrefix(glob, "./") {
		// No slash: a name at any depth, as in .gitignore.
		g = []string{"**", g[0]}
	}
	// The glob matches p or one of its parent folders.
	for n := len(f); n >= 1; n-- {
		if matchSegs(g, f[:n]) {
			return true
		}
	}
	return false
}

// MatchAny reports whether any glob matches p.
func MatchAny(globs []string, p string) bool {
	for _, g := range globs {
		if Match(g, p) {
			return true
		}
	}
	return false
}

// CheckGlob reports a malformed glob.
func CheckGlob(glob string) error {
	if len(splitPath(glob)) == 0 {
		return fmt.Errorf("empty glob %q", glob)
	}
	for _, s := range splitPath(glob) {
		if _, err := path.Match(s, ""); err != nil {
			return fmt.Errorf("glob %q: %v", glob, err)
		}
	}
	return nil
}

func splitPath(p string) []string {
	p = strings.TrimPrefix(strings.TrimPrefix(p, "./"), "/")
	var out []string
	for _, s := range strings.Split(p, "/") {
		if s != "" && s != "." {
			out = append(out, s)
		}
	}
	return out
}

func matchSegs(g, f []string) bool {
	if len(g) == 0 {
		return len(f) == 0
	}
	if g[0] == "**" {
		for i := 0; i <= len(f); i++ {
			if matchSegs(g[1:], f[i:]) {
				return true
			}
		}
		return false
	}
	if len(f) == 0 {
		return false
	}
	ok, err := path.Match(g[0], f[0])
	return err == nil && ok && matchSegs(g[1:], f[1:])
}
