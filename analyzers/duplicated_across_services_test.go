package analyzers

import (
	"reflect"
	"testing"
)

// lineTexts returns the normalised texts and line numbers of src.
func lineTexts(file, src string) ([]string, []int) {
	intern := map[string]uint32{}
	ls := normalisedLines(file, []byte(src), intern)
	byID := make([]string, len(intern))
	for t, id := range intern {
		byID[id] = t
	}
	var texts []string
	var lines []int
	for _, l := range ls {
		texts = append(texts, byID[l.id])
		lines = append(lines, l.line)
	}
	return texts, lines
}

func TestNormalisedLines(t *testing.T) {
	for _, tc := range []struct {
		file, src string
		texts     []string
		lines     []int
	}{
		{"a.py", "# header\n\nx  =  1   # one\n    y=2\n\"\"\"doc\n  string\"\"\"\nurl = 'http://x#y'\n",
			[]string{"x = 1", "y = 2", `"""doc string"""`, "url = 'http://x#y'"}, []int{3, 4, 5, 7}},
		{"a.js", "// c\nconst a = \"//not a comment\"; /* block\n comment */ let b=1\n\n  return   a\n",
			[]string{`const a = "//not a comment" ;`, "let b = 1", "return a"}, []int{2, 3, 5}},
		{"a.ts", "/**\n * doc\n */\nexport function f(x: number) {\n\treturn x\n}\n",
			[]string{"export function f ( x : number ) {", "return x", "}"}, []int{4, 5, 6}},
		{"a.txt", "x = 1\n", nil, nil},
		{"empty.py", "", nil, nil},
	} {
		texts, lines := lineTexts(tc.file, tc.src)
		if !reflect.DeepEqual(texts, tc.texts) || !reflect.DeepEqual(lines, tc.lines) {
			t.Errorf("normalisedLines(%s, %q) = %q %v, want %q %v", tc.file, tc.src, texts, lines, tc.texts, tc.lines)
		}
	}
}

func TestComparableSource(t *testing.T) {
	for f, want := range map[string]bool{
		"api/app/auth.py":                  true,
		"web/src/rates.ts":                 true,
		"api/shop/migrations/0001_init.py": false,
		"api/gen/client.ts":                false,
		"api/proto/user_pb2.py":            false,
		"web/types/global.d.ts":            false,
		"web/public/vendor/jquery.js":      false,
		"web/assets/app.min.js":            false,
		"api/README.md":                    false,
	} {
		if got := comparableSource(f); got != want {
			t.Errorf("comparableSource(%q) = %v, want %v", f, got, want)
		}
	}
}

func FuzzNormalisedLines(f *testing.F) {
	for _, s := range []string{"x = 1 # c\n", "'''\n", "`${a`", "/* unterminated", "a = f'{x!r:>{w}}'\n", "\xef\xbb\xbfx=1", "<div>{a}</div>"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		for _, file := range []string{"a.py", "a.js", "a.ts", "a.tsx"} {
			intern := map[string]uint32{}
			last := 0
			for _, l := range normalisedLines(file, []byte(src), intern) {
				if l.line <= last || int(l.id) >= len(intern) {
					t.Fatalf("%s: line %d after %d, id %d of %d", file, l.line, last, l.id, len(intern))
				}
				last = l.line
			}
		}
	})
}
