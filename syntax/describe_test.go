package syntax

import (
	"fmt"
	"strings"
	"testing"
)

// describe renders a File as one line per fact, for expectations in tests.
func describe(f *File) []string {
	var out []string
	for _, im := range f.Imports {
		s := fmt.Sprintf("import %s %q L%d", im.Kind, im.Module, im.Line)
		if im.Level > 0 || im.Resolved != "" && im.Resolved != im.Module {
			s += fmt.Sprintf(" level=%d resolved=%q", im.Level, im.Resolved)
		}
		if im.Alias != "" {
			s += " as " + im.Alias
		}
		for _, n := range im.Names {
			s += " " + n.Name
			if n.Alias != "" {
				s += ":" + n.Alias
			}
		}
		if im.TypeOnly {
			s += " type"
		}
		out = append(out, s)
	}
	for _, fn := range f.Functions {
		name := fn.QualName
		if name == "" {
			name = "<anon>"
		}
		s := fmt.Sprintf("func %s L%d-%d", name, fn.Line, fn.EndLine)
		for _, flag := range []struct {
			on   bool
			name string
		}{{fn.Async, "async"}, {fn.Generator, "generator"}, {fn.Method, "method"}, {fn.Arrow, "arrow"}, {fn.Exported, "exported"}} {
			if flag.on {
				s += " " + flag.name
			}
		}
		if fn.Class != "" {
			s += " class=" + fn.Class
		}
		var ps []string
		for _, p := range fn.Params {
			x := p.Name
			if p.Type != "" {
				x += ": " + p.Type
			}
			if p.Default != "" {
				x += " = " + p.Default
			}
			ps = append(ps, x)
		}
		s += " (" + strings.Join(ps, ", ") + ")"
		if fn.Returns != "" {
			s += " -> " + fn.Returns
		}
		var cs []string
		for _, c := range fn.Calls {
			cs = append(cs, callString(c))
		}
		s += " calls=[" + strings.Join(cs, " ") + "]"
		for _, d := range fn.Decorators {
			s += " @" + d.Name
			if d.Called {
				s += fmt.Sprintf("(%s)", d.Args)
			}
		}
		if fn.ArgOf != nil {
			s += " argof=" + callString(*fn.ArgOf)
		}
		out = append(out, s)
	}
	for _, c := range f.Classes {
		s := fmt.Sprintf("class %s L%d-%d bases=%v", c.QualName, c.Line, c.EndLine, c.Bases)
		for _, d := range c.Decorators {
			s += " @" + d.Name
			if d.FirstString != "" {
				s += fmt.Sprintf("(%q)", d.FirstString)
			}
		}
		if c.Exported {
			s += " exported"
		}
		out = append(out, s)
	}
	for _, c := range f.Calls {
		out = append(out, "call "+callString(c))
	}
	if f.TSCheck {
		out = append(out, "ts-check")
	}
	if f.TSNoCheck {
		out = append(out, "ts-nocheck")
	}
	if f.HasJSX {
		out = append(out, "jsx")
	}
	return out
}

func callString(c Call) string {
	s := c.Callee
	if c.New {
		s = "new " + s
	}
	if c.HasString {
		s += fmt.Sprintf("(%q)", c.FirstString)
	}
	return s + fmt.Sprintf("@%d", c.Line)
}

type parseCase struct {
	name string
	src  string
	// want lines must appear exactly in describe's output
	want []string
	// absent substrings must appear in no line
	absent []string
}

func checkParse(t *testing.T, tt parseCase, f *File) {
	t.Helper()
	got := describe(f)
	have := map[string]bool{}
	for _, g := range got {
		have[g] = true
	}
	for _, w := range tt.want {
		if !have[w] {
			t.Errorf("missing %q\ngot:\n  %s", w, strings.Join(got, "\n  "))
		}
	}
	for _, a := range tt.absent {
		for _, g := range got {
			if strings.Contains(g, a) {
				t.Errorf("unexpected %q in %q", a, g)
			}
		}
	}
}
