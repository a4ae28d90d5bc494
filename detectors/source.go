package detectors

import (
	"io"
	"path"
	"strings"

	"github.com/stackaudit/stackaudit/internal/source"
	"github.com/stackaudit/stackaudit/repo"
	"github.com/stackaudit/stackaudit/stack"
	"github.com/stackaudit/stackaudit/syntax"
)

// The source family counts each unit's own source files, for Node and
// Python alike. It runs after the unit-defining families: a file belongs
// to the nearest unit of its ecosystem, so a nested unit's files are not
// counted in its parent.
var _ = register(family{
	name:  "source",
	order: 50,
	patterns: []string{
		"**/*.ts", "**/*.tsx", "**/*.mts", "**/*.cts",
		"**/*.js", "**/*.jsx", "**/*.mjs", "**/*.cjs",
		"**/*.py",
	},
	run: runSource,
})

// sourceKind is the language of a source file.
type sourceKind int

const (
	srcNone sourceKind = iota
	srcTypeScript
	srcJavaScript
	srcPython
)

// tsCheckHead is how much of a JavaScript file is read to find // @ts-check.
const tsCheckHead = 1024

func runSource(d *Detection, files []repo.File) {
	var jsFiles []repo.File
	var jsOwners []*stack.Unit
	owners := newUnitIndex(d.Inventory)
	for _, f := range files {
		lang := classifySource(f.Path)
		if lang == srcNone {
			continue
		}
		eco := stack.Node
		if lang == srcPython {
			eco = stack.Python
		}
		u := owners.nearest(f.Path, eco)
		if u == nil {
			continue
		}
		rel := relPath(u.Path, f.Path)
		if inHiddenFolder(rel) {
			continue
		}
		test, generated := sourceRole(rel, lang)
		switch {
		case generated:
			u.Source.Generated++
		case test:
			u.Source.Tests++
			u.TestFiles = append(u.TestFiles, f.Path)
		case lang == srcTypeScript:
			u.Source.TypeScript++
		case lang == srcJavaScript:
			u.Source.JavaScript++
			jsFiles = append(jsFiles, f)
			jsOwners = append(jsOwners, u)
		case lang == srcPython:
			u.Source.Python++
		}
		if !test && !generated {
			u.SourceFiles = append(u.SourceFiles, f.Path)
		}
	}
	// The files are read once, by the imports family; countCheckedJS
	// counts their @ts-check comments after it.
	d.jsFiles, d.jsOwners = jsFiles, jsOwners
	for _, u := range d.Inventory.Units {
		switch u.Ecosystem {
		case stack.Node:
			switch {
			case u.Source.TypeScript == 0 && u.Source.JavaScript == 0:
			case u.Source.TypeScript >= u.Source.JavaScript:
				u.Language = "typescript"
			default:
				u.Language = "javascript"
			}
		case stack.Python:
			if u.Language == "" && u.Source.Python > 0 {
				u.Language = "python"
			}
		}
	}
}

// classifySource returns the language of a source file by its name, or
// srcNone for anything that is not counted: declaration files and the
// configuration files of tools (vite.config.ts, .eslintrc.js, gulpfile.js).
func classifySource(p string) sourceKind {
	base := path.Base(p)
	ext := path.Ext(base)
	var lang sourceKind
	switch ext {
	case ".ts", ".tsx", ".mts", ".cts":
		lang = srcTypeScript
		if strings.HasSuffix(base, ".d.ts") || strings.HasSuffix(base, ".d.mts") || strings.HasSuffix(base, ".d.cts") {
			return srcNone
		}
	case ".js", ".jsx", ".mjs", ".cjs":
		lang = srcJavaScript
	case ".py":
		return srcPython
	default:
		return srcNone
	}
	stem := strings.TrimSuffix(base, ext)
	switch {
	case strings.HasPrefix(base, "."):
		// .eslintrc.js, .prettierrc.cjs, .mocharc.js, .lintstagedrc.mjs
		return srcNone
	case strings.HasSuffix(stem, ".config"), strings.HasSuffix(stem, ".conf"),
		strings.HasSuffix(stem, ".workspace"):
		// vite.config.ts, jest.config.js, karma.conf.js, vitest.workspace.ts
		return srcNone
	}
	switch strings.ToLower(stem) {
	case "gulpfile", "gruntfile", "jakefile", "webpackfile":
		return srcNone
	}
	return lang
}

// sourceRole says whether a file, given by its path relative to its unit,
// is a test or generated.
func sourceRole(rel string, lang sourceKind) (test, generated bool) {
	base := path.Base(rel)
	lower := strings.ToLower(base)
	switch lang {
	case srcPython:
		if strings.HasSuffix(lower, "_pb2.py") || strings.HasSuffix(lower, "_pb2_grpc.py") {
			return false, true
		}
		if strings.HasPrefix(lower, "test_") || strings.HasSuffix(lower, "_test.py") || lower == "conftest.py" || lower == "tests.py" {
			return true, false
		}
	default:
		if strings.Contains(lower, ".min.") || strings.Contains(lower, ".generated.") ||
			strings.Contains(lower, ".gen.") || strings.HasSuffix(strings.TrimSuffix(lower, path.Ext(lower)), "_pb") {
			return false, true
		}
		if strings.Contains(lower, ".test.") || strings.Contains(lower, ".spec.") {
			return true, false
		}
	}
	if strings.Contains(lower, ".generated.") {
		return false, true
	}
	for dir := range strings.SplitSeq(path.Dir(rel), "/") {
		switch dir {
		case "__tests__", "test", "tests", "__mocks__", "e2e", "fixtures", "__fixtures__", "testdata":
			return true, false
		}
	}
	return false, false
}

// countCheckedJS counts the JavaScript source files that opt into type
// checking, from their source records; a file the imports family did not
// read (one in a fixture folder) has its head read here.
func countCheckedJS(d *Detection) {
	for i, f := range d.jsFiles {
		if d.Ctx.Err() != nil {
			return
		}
		checked := false
		if r, ok := source.Peek(d.Snap, f.Path); ok {
			checked = r != nil && r.TSCheck
		} else {
			checked = hasTSCheck(readHead(d, f.Path, tsCheckHead))
		}
		if checked {
			d.jsOwners[i].Source.CheckedJS++
		}
	}
	d.jsFiles, d.jsOwners = nil, nil
}

// readHead reads at most n bytes from the start of a file; nil when the
// file cannot be opened (the walk already reported unreadable files).
func readHead(d *Detection, p string, n int) []byte {
	f, err := d.Snap.FS().Open(p)
	if err != nil {
		return nil
	}
	defer f.Close()
	buf := make([]byte, n)
	k, _ := io.ReadFull(f, buf)
	return buf[:k]
}

// hasTSCheck reports whether a `// @ts-check` comment stands among the
// comments that open a JavaScript file, before its first statement, which
// is where TypeScript honours it: the parse's TSCheck, which the source
// records carry for the files the imports family read.
func hasTSCheck(head []byte) bool {
	return syntax.ParseJS(head, syntax.JSOptions{}).TSCheck
}

// inHiddenFolder reports whether a path relative to its unit lies in a
// dot-folder (.github, .husky, .storybook, .vscode): tooling, not the
// unit's source.
func inHiddenFolder(rel string) bool {
	dir := path.Dir(rel)
	if dir == "." {
		return false
	}
	for seg := range strings.SplitSeq(dir, "/") {
		if strings.HasPrefix(seg, ".") {
			return true
		}
	}
	return false
}

// unitIndex finds the nearest unit of a file by walking up its folders,
// which costs the path's depth rather than the number of units.
// It maps ecosystem → folder → unit (the last unit listed wins), so a
// look-up needs no key built from the two.
type unitIndex map[string]map[string]*stack.Unit

func newUnitIndex(inv *stack.Inventory) unitIndex {
	idx := unitIndex{}
	for _, u := range inv.Units {
		m := idx[u.Ecosystem]
		if m == nil {
			m = map[string]*stack.Unit{}
			idx[u.Ecosystem] = m
		}
		m[u.Path] = u
	}
	return idx
}

// nearest returns the unit of the ecosystem whose folder is the nearest
// ancestor of the file p, or nil.
func (idx unitIndex) nearest(p, ecosystem string) *stack.Unit {
	units := idx[ecosystem]
	if units == nil {
		return nil
	}
	for dir := path.Dir(p); ; dir = path.Dir(dir) {
		if u := units[dir]; u != nil {
			return u
		}
		if dir == "." || dir == "/" {
			return nil
		}
	}
}
