package analyzers

import (
	"encoding/json"
	"fmt"
	"path"
	"strings"

	"github.com/stackaudit/stackaudit/stack"
)

// NoTests reports units with real source code and no tests.
var NoTests = register(&Analyzer{
	Code:     "SA301",
	Name:     "no-tests",
	Category: Testing,
	Level:    Warning,
	Summary:  "A unit has source code and no tests",
	Tags:     []string{"testing", "maintainability", "reliability"},
	Options: []Option{
		{Name: "min-files", Default: 3, Doc: "source files a unit needs before tests are expected"},
	},
	Run: runNoTests,
})

// maxForeignTests bounds how many test files outside a unit are parsed to
// find tests that import it.
const maxForeignTests = 400

func runNoTests(p *Pass) {
	minFiles := p.Int("min-files")
	for _, u := range p.Inventory.Units {
		files, kind := ownSourceFiles(u)
		if u.ToolingOnly || showcaseUnit(u) || u.Source.Tests > 0 || files == 0 || productFiles(u) < minFiles {
			continue
		}
		if testedFromOutside(p, u) {
			continue
		}
		manifest := primaryManifest(u)
		conventions := "no `*.test.ts`, `*.spec.js` or `__tests__/` files"
		advice := "add a test runner (Vitest: `npm install -D vitest`, then `*.test.ts` files beside the code) and run it in CI"
		if u.Ecosystem == stack.Python {
			conventions = "no `test_*.py`, `*_test.py` or `tests/` files"
			advice = "add pytest with a `tests/` folder, start with the code that changes most, and run it in CI"
		}
		f := Finding{
			Location: Location{Path: manifest, Line: 1},
			Key:      []string{u.Path},
			Message: fmt.Sprintf("%s: %s and no tests (%s); %s",
				manifest, plural(files, kind+" source file", kind+" source files"), conventions, advice),
		}
		if runners := u.ToolsOf(stack.TestRunner); len(runners) > 0 {
			t := runners[0]
			f.Message = fmt.Sprintf("%s: %s and no tests (%s), although %s is set up (%s); %s",
				manifest, plural(files, kind+" source file", kind+" source files"), conventions, t.ID, t.Evidence.Path,
				"write the first tests for the code that changes most and run them in CI")
			f.Related = append(f.Related, Location{Path: t.Evidence.Path, Line: t.Evidence.Line, Message: t.ID + " set up here"})
		}
		p.Report(f)
	}
}

// utilityFolders hold a unit's helper scripts, docs and examples rather than
// the code it ships, when they sit at the top of the unit.
var utilityFolders = map[string]bool{
	"scripts": true, "tools": true, "bin": true, "docs": true, "examples": true,
	"benchmarks": true, "hooks": true,
}

// productFiles counts the unit's own source files outside its top-level
// utility folders (scripts/, tools/, docs/, examples/, ...).
func productFiles(u *stack.Unit) int {
	n := 0
	for _, f := range u.SourceFiles {
		rel := f
		if u.Path != "." {
			rel = strings.TrimPrefix(f, u.Path+"/")
		}
		top, _, nested := strings.Cut(rel, "/")
		if nested && utilityFolders[top] {
			continue
		}
		n++
	}
	return n
}

// testedFromOutside reports whether test files outside u (in another unit of
// its ecosystem, such as a separate tests/ unit or the repository root's
// tests/ folder, or in no unit at all) import u's code.
func testedFromOutside(p *Pass, u *stack.Unit) bool {
	names := importNames(p, u)
	if len(names) == 0 {
		return false
	}
	parsed := 0
	check := func(owner *stack.Unit, file string) bool {
		if inFolder(file, u.Path) && nearestUnit(p.Inventory, file, u.Ecosystem) == u {
			return false
		}
		parsed++
		if parsed > maxForeignTests {
			return false
		}
		tf := testFileOf(p.Snapshot, file)
		if tf == nil {
			return false
		}
		var own map[string]bool
		if owner != nil {
			own = importNames(p, owner)
		}
		for _, imp := range tf.imports {
			if importsUnit(imp.module, imp.resolved, file, u, names, own) {
				return true
			}
		}
		return false
	}
	for _, x := range p.Inventory.Units {
		if x == u || x.Ecosystem != u.Ecosystem {
			continue
		}
		for _, file := range x.TestFiles {
			if check(x, file) {
				return true
			}
		}
	}
	for _, f := range p.Snapshot.Files() {
		if nearestUnit(p.Inventory, f.Path, u.Ecosystem) == nil && looseTestFile(f.Path, u.Ecosystem) && check(nil, f.Path) {
			return true
		}
	}
	return false
}

// importsUnit reports whether an import in file reaches unit u: a Python
// import of one of u's top-level packages (that the importing unit does not
// have itself), a JavaScript import of u's package name, or a relative
// import into u's folder.
func importsUnit(module, resolved, file string, u *stack.Unit, names, own map[string]bool) bool {
	if u.Ecosystem == stack.Python {
		m := module
		if resolved != "" {
			m = resolved
		}
		top, _, _ := strings.Cut(m, ".")
		return names[top] && !own[top]
	}
	if strings.HasPrefix(module, ".") {
		target := path.Join(path.Dir(file), module)
		return u.Path != "." && inFolder(target, u.Path)
	}
	for n := range names {
		if module == n || strings.HasPrefix(module, n+"/") {
			return !own[n]
		}
	}
	return false
}

// importNames are the names other code imports unit u by: for Python the
// top-level packages and modules of its source (under src/ too) and its
// folder name; for Node the package.json name.
func importNames(p *Pass, u *stack.Unit) map[string]bool {
	key := "sa301-names:" + u.Ecosystem + ":" + u.Path
	return p.Snapshot.Memo(key, func() any {
		names := map[string]bool{}
		if u.Ecosystem == stack.Python {
			for _, f := range u.SourceFiles {
				rel := strings.TrimPrefix(f, u.Path+"/")
				if u.Path == "." {
					rel = f
				}
				rel = strings.TrimPrefix(rel, "src/")
				top, _, _ := strings.Cut(rel, "/")
				top = strings.TrimSuffix(top, ".py")
				switch top {
				case "setup", "manage", "conftest", "noxfile", "__init__", "__main__":
					continue
				}
				names[top] = true
			}
			if u.Path != "." {
				names[path.Base(u.Path)] = true
			}
			return names
		}
		for _, m := range u.Manifests {
			if path.Base(m) != "package.json" {
				continue
			}
			b, err := p.Snapshot.ReadFile(m)
			if err != nil {
				continue
			}
			var pkg struct {
				Name string `json:"name"`
			}
			if json.Unmarshal(b, &pkg) == nil && pkg.Name != "" {
				names[pkg.Name] = true
			}
		}
		return names
	}).(map[string]bool)
}

// looseTestFile reports whether a file that belongs to no unit is a test of
// the ecosystem by its name or folder: test_*.py, *_test.py, conftest.py,
// *.test.ts, *.spec.js, or a file under tests/, test/ or __tests__/.
func looseTestFile(p, ecosystem string) bool {
	base := strings.ToLower(path.Base(p))
	ext := path.Ext(base)
	if ecosystem == stack.Python {
		if ext != ".py" {
			return false
		}
		if strings.HasPrefix(base, "test_") || strings.HasSuffix(base, "_test.py") || base == "conftest.py" {
			return true
		}
	} else {
		switch ext {
		case ".ts", ".tsx", ".mts", ".cts", ".js", ".jsx", ".mjs", ".cjs":
		default:
			return false
		}
		if strings.Contains(base, ".test.") || strings.Contains(base, ".spec.") {
			return true
		}
	}
	for dir := range strings.SplitSeq(path.Dir(p), "/") {
		switch dir {
		case "tests", "test", "__tests__":
			return true
		}
	}
	return false
}
