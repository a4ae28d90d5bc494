package repo

import (
	"fmt"
	"math/rand"
	"strings"
	"testing"

	"github.com/go-git/go-git/v5/plumbing/format/gitignore"
)

// TestIgnoreListMatchesGoGit: the indexed list decides every path exactly
// as go-git's matcher over the same rules, for random rule sets mixing
// plain names, folder-only names, negations, wildcards, anchored paths and
// nested domains, also after rules are dropped.
func TestIgnoreListMatchesGoGit(t *testing.T) {
	names := []string{"a", "b", "c", "node_modules", "x.log", "keep.txt"}
	forms := []string{"%s", "%s/", "!%s", "!%s/", "*.log", "/%s", "%s/**", "**/%s", "a/%s", "/a/%s", "a/**/%s", "b/c/*.log", "%s ", "[ab]", "?", "%s/*/c"}
	rng := rand.New(rand.NewSource(1))
	domains := [][]string{nil, {"a"}, {"b", "c"}}
	for round := 0; round < 2000; round++ {
		var l ignoreList
		var pats []gitignore.Pattern
		var lines []string
		var sizes []int
		for _, dom := range domains[:1+rng.Intn(len(domains))] {
			var rs []ignoreRule
			for k := rng.Intn(6); k >= 0; k-- {
				line := strings.ReplaceAll(forms[rng.Intn(len(forms))], "%s", names[rng.Intn(len(names))])
				rs = append(rs, parseIgnoreRule(line, dom))
				pats = append(pats, gitignore.ParsePattern(line, dom))
				lines = append(lines, fmt.Sprintf("%v:%q", dom, line))
			}
			l.push(rs)
			sizes = append(sizes, len(rs))
		}
		if rng.Intn(3) == 0 {
			n := sizes[len(sizes)-1]
			l.truncate(l.len() - n)
			pats = pats[:len(pats)-n]
			lines = lines[:len(lines)-n]
		}
		m := gitignore.NewMatcher(pats)
		for p := 0; p < 50; p++ {
			parts := make([]string, 1+rng.Intn(4))
			for i := range parts {
				parts[i] = names[rng.Intn(len(names))]
			}
			isDir := rng.Intn(2) == 0
			if got, want := l.match(parts, isDir), m.Match(parts, isDir); got != want {
				t.Fatalf("rules %v: %q (dir %v) ignored = %v, go-git says %v", lines, strings.Join(parts, "/"), isDir, got, want)
			}
		}
	}
}

// BenchmarkHugeGitignore matches paths against 30,000 rules: 10,000 plain
// folder names, 10,000 negated names and 10,000 wildcard paths.
func BenchmarkHugeGitignore(b *testing.B) {
	var l ignoreList
	var rs []ignoreRule
	for i := 0; i < 10_000; i++ {
		rs = append(rs,
			parseIgnoreRule(fmt.Sprintf("generated-%d/**/*.tmp", i), nil),
			parseIgnoreRule(fmt.Sprintf("!keep-%d.txt", i), nil),
			parseIgnoreRule(fmt.Sprintf("cache-%d/", i), nil))
	}
	l.push(rs)
	parts := strings.Split("services/svc001/src/mod3/file120.ts", "/")
	for b.Loop() {
		l.match(parts, false)
	}
}

// FuzzIgnoreList: for any .gitignore text and path, the indexed list and
// go-git's matcher agree, and neither panics.
func FuzzIgnoreList(f *testing.F) {
	f.Add("node_modules/\n*.log\n!keep.log\n/build\ndocs/**/out\n", "docs/a/out/x.js", false)
	f.Add("a\n!a/\na/b\n\\#x\n[ab]/c\n", "a/b", true)
	f.Add("  \n!\n/\n//x\n**\n", "x", false)
	f.Fuzz(func(t *testing.T, text, p string, isDir bool) {
		if p == "" {
			return
		}
		parts := strings.Split(p, "/")
		for _, dom := range [][]string{nil, parts[:1]} {
			var l ignoreList
			var rs []ignoreRule
			var pats []gitignore.Pattern
			for _, line := range strings.Split(text, "\n") {
				if strings.TrimSpace(line) == "" || strings.HasPrefix(line, "#") {
					continue
				}
				rs = append(rs, parseIgnoreRule(line, dom))
				pats = append(pats, gitignore.ParsePattern(line, dom))
			}
			l.push(rs)
			if got, want := l.match(parts, isDir), gitignore.NewMatcher(pats).Match(parts, isDir); got != want {
				t.Fatalf("%q under %v: path %q (dir %v) ignored = %v, go-git says %v", text, dom, p, isDir, got, want)
			}
		}
	})
}
