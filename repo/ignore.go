package repo

import (
	"strings"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
)

// ignoreRule is one .gitignore line. A plain name ("node_modules/",
// "coverage", "!keep.txt": no slash inside, no wildcard) is also kept as
// lit, so that ignoreList finds it by map lookup; go-git's matcher tries
// every pattern on every path, which a .gitignore of 30,000 lines turned
// into minutes on a large tree.
type ignoreRule struct {
	pat    gitignore.Pattern
	domain []string
	lit    string
	// first is the literal first folder of a path rule ("build/**/*.js",
	// "/docs/out"): the rule can match only a path with that element
	// right after the domain.
	first   string
	dirOnly bool
	incl    bool
}

func parseIgnoreRule(line string, domain []string) ignoreRule {
	r := ignoreRule{pat: gitignore.ParsePattern(line, domain), domain: domain}
	// The same steps as gitignore.ParsePattern.
	p := line
	if strings.HasPrefix(p, "!") {
		r.incl = true
		p = p[1:]
	}
	if !strings.HasSuffix(p, "\\ ") {
		p = strings.TrimRight(p, " ")
	}
	if strings.HasSuffix(p, "/") {
		r.dirOnly = true
		p = p[:len(p)-1]
	}
	if p != "" && !strings.ContainsAny(p, "/*?[\\") {
		r.lit = p
	}
	if segs := strings.Split(p, "/"); len(segs) > 1 {
		f := segs[0]
		if f == "" {
			f = segs[1]
		}
		if f != "" && f != "**" && !strings.ContainsAny(f, "*?[\\") {
			r.first = f
		}
	}
	return r
}

// ignoreList holds the rules of the .gitignore files open on the walk's
// way down, in order: the last rule that matches a path decides, as in git.
type ignoreList struct {
	rules []ignoreRule
	// byName indexes the plain-name rules by name, byFirst the path rules
	// by their literal first folder; indexes ascending.
	byName  map[string][]int
	byFirst map[string][]int
	// others are the indexes of the remaining rules, ascending.
	others []int
}

func (l *ignoreList) len() int { return len(l.rules) }

func (l *ignoreList) push(rs []ignoreRule) {
	if l.byName == nil {
		l.byName = map[string][]int{}
		l.byFirst = map[string][]int{}
	}
	for _, r := range rs {
		i := len(l.rules)
		l.rules = append(l.rules, r)
		switch {
		case r.lit != "":
			l.byName[r.lit] = append(l.byName[r.lit], i)
		case r.first != "":
			l.byFirst[r.first] = append(l.byFirst[r.first], i)
		default:
			l.others = append(l.others, i)
		}
	}
}

// truncate drops the rules from index n on.
func (l *ignoreList) truncate(n int) {
	for i := len(l.rules) - 1; i >= n; i-- {
		r := l.rules[i]
		switch {
		case r.lit != "":
			pop(l.byName, r.lit)
		case r.first != "":
			pop(l.byFirst, r.first)
		default:
			l.others = l.others[:len(l.others)-1]
		}
	}
	l.rules = l.rules[:n]
}

func pop(m map[string][]int, key string) {
	if idx := m[key]; len(idx) <= 1 {
		delete(m, key)
	} else {
		m[key] = idx[:len(idx)-1]
	}
}

// match reports whether the path (split at slashes) is ignored: the
// highest-numbered rule that matches decides, exactly as
// gitignore.NewMatcher(rules).Match does.
func (l *ignoreList) match(parts []string, isDir bool) bool {
	best := -1
	for i, name := range parts {
		idx := l.byName[name]
		for k := len(idx) - 1; k >= 0 && idx[k] > best; k-- {
			if l.rules[idx[k]].litMatches(parts, i, isDir) {
				best = idx[k]
				break
			}
		}
		idx = l.byFirst[name]
		for k := len(idx) - 1; k >= 0 && idx[k] > best; k-- {
			if l.rules[idx[k]].pat.Match(parts, isDir) > gitignore.NoMatch {
				best = idx[k]
				break
			}
		}
	}
	for k := len(l.others) - 1; k >= 0 && l.others[k] > best; k-- {
		if l.rules[l.others[k]].pat.Match(parts, isDir) > gitignore.NoMatch {
			best = l.others[k]
			break
		}
	}
	return best >= 0 && !l.rules[best].incl
}

// litMatches reports whether plain-name rule r matches parts at element i
// (which equals r.lit), under go-git's rules: inside the rule's domain, and
// a folder-only rule does not match a file's own name.
func (r *ignoreRule) litMatches(parts []string, i int, isDir bool) bool {
	if i < len(r.domain) || len(parts) <= len(r.domain) {
		return false
	}
	for j, e := range r.domain {
		if parts[j] != e {
			return false
		}
	}
	if r.dirOnly && !isDir && i == len(parts)-1 {
		// go-git looks at the first element with the name only; an
		// earlier one would have matched before this one is reached.
		return false
	}
	return true
}
