package repo

import (
	"strings"
	"testing"
)

func TestMailmap(t *testing.T) {
	text := strings.Join([]string{
		"# comment line",
		"Proper Name <commit1@e>",
		"<proper2@e> <Commit2@E>",
		"Proper Three <proper3@e> <commit3@e>",
		"Proper Four <proper4@e> Commit Four <commit4@e>",
		"Name Only <commit5@e> # trailing comment",
		"Later Name <commit6@e>",
		"<proper6@e> <commit6@e>",
		"not a mailmap line",
		"Broken <unclosed",
		"",
	}, "\r\n")
	mm := parseMailmap(text)
	for _, tc := range []struct {
		name, email string
		want        identity
	}{
		{"x", "commit1@e", identity{"Proper Name", "commit1@e"}},
		{"x", "COMMIT1@E", identity{"Proper Name", "COMMIT1@E"}},
		{"y", "commit2@e", identity{"y", "proper2@e"}},
		{"z", "commit3@e", identity{"Proper Three", "proper3@e"}},
		{"Commit Four", "commit4@e", identity{"Proper Four", "proper4@e"}},
		{"commit four", "commit4@e", identity{"Proper Four", "proper4@e"}},
		// The name must match for the fourth form.
		{"Someone Else", "commit4@e", identity{"Someone Else", "commit4@e"}},
		{"n", "commit5@e", identity{"Name Only", "commit5@e"}},
		// Two lines for one e-mail add up.
		{"n", "commit6@e", identity{"Later Name", "proper6@e"}},
		{"u", "unknown@e", identity{"u", "unknown@e"}},
	} {
		if got := mm.lookup(tc.name, tc.email); got != tc.want {
			t.Errorf("lookup(%q, %q) = %+v, want %+v", tc.name, tc.email, got, tc.want)
		}
	}
	var nilMap *mailmap
	if got := nilMap.lookup("a", "b"); got != (identity{"a", "b"}) {
		t.Errorf("nil mailmap lookup = %+v", got)
	}
}

func FuzzMailmap(f *testing.F) {
	for _, seed := range []string{
		"Proper Name <commit@e>\n",
		"<proper@e> <commit@e>\n",
		"Proper Name <proper@e> <commit@e>\n",
		"Proper Name <proper@e> Commit Name <commit@e>\n",
		"# comment\n\n<a@b>\n",
		"<<>>\n<\n>\n< >< >",
		"Name <a@b> trailing <c@d> more <e@f>",
	} {
		f.Add(seed, "Commit Name", "commit@e")
	}
	f.Fuzz(func(t *testing.T, text, name, email string) {
		mm := parseMailmap(text)
		got := mm.lookup(name, email)
		// A mapped identity never comes out with an angle bracket in it or
		// spaces around it.
		if got.Name != name && (strings.ContainsAny(got.Name, "<>") || strings.TrimSpace(got.Name) != got.Name) {
			t.Errorf("mapped name %q", got.Name)
		}
		if got.Email != email && strings.ContainsAny(got.Email, "<>") {
			t.Errorf("mapped e-mail %q", got.Email)
		}
		// Looking up is stable.
		if again := mm.lookup(name, email); again != got {
			t.Errorf("lookup not stable: %+v then %+v", got, again)
		}
	})
}
