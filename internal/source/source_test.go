package source

import (
	"context"
	"fmt"
	"reflect"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stackaudit/stackaudit/repo"
)

// hashText hashes a normalised line the way Parse does, token by token.
func hashText(text string) uint32 {
	var l lineHasher
	l.add(1, []byte(text))
	l.flush()
	return l.hashes[0]
}

func TestNormalisedLines(t *testing.T) {
	for _, tc := range []struct {
		file, src string
		texts     []string
		lines     []int32
	}{
		{"a.py", "# header\n\nx  =  1   # one\n    y=2\n\"\"\"doc\n  string\"\"\"\nurl = 'http://x#y'\n",
			[]string{"x = 1", "y = 2", `"""doc string"""`, "url = 'http://x#y'"}, []int32{3, 4, 5, 7}},
		{"a.js", "// c\nconst a = \"//not a comment\"; /* block\n comment */ let b=1\n\n  return   a\n",
			[]string{`const a = "//not a comment" ;`, "let b = 1", "return a"}, []int32{2, 3, 5}},
		{"a.ts", "/**\n * doc\n */\nexport function f(x: number) {\n\treturn x\n}\n",
			[]string{"export function f ( x : number ) {", "return x", "}"}, []int32{4, 5, 6}},
		{"empty.py", "", nil, nil},
	} {
		r, err := Parse(tc.file, []byte(tc.src))
		if err != nil {
			t.Fatal(err)
		}
		var want []uint32
		for _, text := range tc.texts {
			want = append(want, hashText(text))
		}
		if !reflect.DeepEqual(r.Hashes(), want) || !reflect.DeepEqual(r.Lines(), tc.lines) {
			t.Errorf("%s: hashes %v lines %v, want %v (%q) lines %v", tc.file, r.Hashes(), r.Lines(), want, tc.texts, tc.lines)
		}
	}
	// Spacing inside and between tokens does not matter; the text does.
	a, _ := Parse("a.py", []byte("x  =\t1\n"))
	b, _ := Parse("b.py", []byte("x=1 # other\n"))
	c, _ := Parse("c.py", []byte("x = 2\n"))
	if a.Hashes()[0] != b.Hashes()[0] || a.Hashes()[0] == c.Hashes()[0] {
		t.Errorf("hashes %v %v %v: the first two are the same line, the third is not", a.Hashes(), b.Hashes(), c.Hashes())
	}
	if _, err := Parse("a.txt", []byte("x = 1\n")); err == nil {
		t.Error("a.txt parsed; only Python, JavaScript and TypeScript are source")
	}
}

// TestLinesPacked checks the line numbers kept in the hashes' spare
// capacity: gaps of one byte and of several, on every byte of a word.
func TestLinesPacked(t *testing.T) {
	var src strings.Builder
	var want []int32
	line := int32(0)
	for i, gap := range []int{1, 1, 200, 1, 17000, 3, 1, 130, 2, 1, 1, 1, 70000, 1} {
		for range gap - 1 {
			src.WriteString("\n")
		}
		line += int32(gap)
		fmt.Fprintf(&src, "x%d = %d\n", i, i)
		want = append(want, line)
	}
	r, err := Parse("a.py", []byte(src.String()))
	if err != nil {
		t.Fatal(err)
	}
	if got := r.Lines(); !reflect.DeepEqual(got, want) || len(r.Hashes()) != len(want) {
		t.Errorf("lines %v (%d hashes), want %v", got, len(r.Hashes()), want)
	}
	if got := (&Record{}).Lines(); got != nil {
		t.Errorf("no lines: %v", got)
	}
}

// TestImportsPacked checks the imports a record keeps: module, line and
// type-only, through the scan's module table.
func TestImportsPacked(t *testing.T) {
	src := "import type { A } from './a'\nimport b from 'b'\n" + strings.Repeat("\n", 70000) + "import { c } from './a'\n"
	r, err := Parse("x.ts", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []Import{{"./a", 1, true}, {"b", 2, false}, {"./a", 70003, false}}
	if got := r.Imports(); !reflect.DeepEqual(got, want) {
		t.Errorf("imports %+v, want %+v", got, want)
	}
	if len(r.mods.names) != 2 {
		t.Errorf("module table %q, want each module once", r.mods.names)
	}
	if got := packImport(7, 1<<40, true); got>>32 != 7 || uint32(got)>>1 != 1<<31-1 || got&1 != 1 {
		t.Errorf("packImport kept %x", got)
	}
}

// TestTopNames checks the module-level functions and classes a record
// names: not methods, nested functions or classes, or anonymous ones.
func TestTopNames(t *testing.T) {
	for _, tc := range []struct {
		file, src          string
		functions, classes []string
	}{
		{"a.py", "def charge_card(x):\n    def inner():\n        pass\n\nclass Invoice:\n    def total(self):\n        pass\n    class Meta:\n        pass\n\nasync def refund():\n    pass\n",
			[]string{"charge_card", "refund"}, []string{"Invoice"}},
		{"a.ts", "export function createOrder() {}\nconst f = () => 1\nclass Cart { add() {} }\nexport default function () {}\n",
			[]string{"createOrder", "f"}, []string{"Cart"}},
		{"b.py", "x = 1\n", nil, nil},
	} {
		r, err := Parse(tc.file, []byte(tc.src))
		if err != nil {
			t.Fatal(err)
		}
		if got := r.TopFunctions(); !reflect.DeepEqual(got, tc.functions) {
			t.Errorf("%s: functions %q, want %q", tc.file, got, tc.functions)
		}
		if got := r.TopClasses(); !reflect.DeepEqual(got, tc.classes) {
			t.Errorf("%s: classes %q, want %q", tc.file, got, tc.classes)
		}
	}
}

func TestComments(t *testing.T) {
	src := "x = 1  # stackaudit:ignore SA101 reason\n# plain comment\n    # stackaudit:ignore\ns = '# stackaudit:ignore in a string'\n"
	r, err := Parse("a.py", []byte(src))
	if err != nil {
		t.Fatal(err)
	}
	want := []Comment{
		{Line: 1, Start: 7, OwnLine: false, Text: "# stackaudit:ignore SA101 reason"},
		{Line: 3, Start: 60, OwnLine: true, Text: "# stackaudit:ignore"},
	}
	if !reflect.DeepEqual(r.Comments(), want) {
		t.Errorf("comments = %+v, want %+v", r.Comments(), want)
	}
	r, _ = Parse("a.js", []byte("const s = '// stackaudit:ignore'\n"))
	if len(r.Comments()) != 0 {
		t.Errorf("a marker inside a string is not a comment: %+v", r.Comments())
	}
}

// TestGetOnce checks that a file is read and parsed once a scan, and that
// what cannot be read is noted once and given as nil.
func TestGetOnce(t *testing.T) {
	fsys := fstest.MapFS{
		"app.py": {Data: []byte("import flask\n")},
		"bin.js": {Data: []byte("var a\x00\n")},
	}
	snap, err := repo.FromFS(context.Background(), fsys, repo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	r, src := GetSource(snap, "app.py")
	if r == nil || src == nil || len(r.File.Imports) != 1 {
		t.Fatalf("first read: %+v %q", r, src)
	}
	again, src := GetSource(snap, "app.py")
	if again != r || src != nil {
		t.Errorf("second read gave a new record (%p, %p) or the source again (%q)", again, r, src)
	}
	if Get(snap, "bin.js") != nil || Get(snap, "bin.js") != nil {
		t.Error("a binary file gave a record")
	}
	if ps := snap.Problems(); len(ps) != 1 || ps[0].Path != "bin.js" {
		t.Errorf("problems = %v, want one for bin.js", ps)
	}
}

func FuzzParse(f *testing.F) {
	for _, s := range []string{"x = 1 # c\n", "'''\n", "`${a`", "/* unterminated", "a = f'{x!r:>{w}}'\n", "\xef\xbb\xbfx=1", "<div>{a}</div>", "# stackaudit:ignore\n"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		for _, file := range []string{"a.py", "a.js", "a.ts", "a.tsx"} {
			r, err := Parse(file, []byte(src))
			if err != nil {
				t.Fatal(err)
			}
			lines := r.Lines()
			if len(r.Hashes()) != len(lines) {
				t.Fatalf("%s: %d hashes, %d lines", file, len(r.Hashes()), len(lines))
			}
			last := int32(0)
			for _, l := range lines {
				if l <= last {
					t.Fatalf("%s: line %d after %d", file, l, last)
				}
				last = l
			}
			for _, c := range r.Comments() {
				if c.Start < 0 || c.Start+len(c.Text) > len(src) || src[c.Start:c.Start+len(c.Text)] != c.Text {
					t.Fatalf("%s: comment %+v is not the source's text", file, c)
				}
			}
		}
	})
}
