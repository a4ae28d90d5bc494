package report

import "testing"

func TestFirstParagraph(t *testing.T) {
	for _, c := range []struct{ doc, want string }{
		{"", ""},
		{"# T\n\n**Level:** x\n\n## Why\nOne\ntwo.\n\nThree.\n", "One two."},
		{"Plain start\nhere.\n\nNext.", "Plain start here."},
		{"# T\n```\ncode\n```\n\nAfter code.\n", "After code."},
		{"# Only a heading\n", ""},
		{"# T\n\n```\nunterminated fence\n", ""},
	} {
		if got := firstParagraph(c.doc); got != c.want {
			t.Errorf("firstParagraph(%q) = %q, want %q", c.doc, got, c.want)
		}
	}
}

func TestPlainText(t *testing.T) {
	for _, c := range []struct{ md, want string }{
		{"# Title\n\nSome **bold** and *em* text.", "Title\n\nSome bold and em text."},
		{"Run `npm ci` or see [docs](https://x.y/z).", "Run npm ci or see docs (https://x.y/z)."},
		{"Globs like `**/*.py` stay.", "Globs like **/*.py stay."},
		{"snake_case_name and a_b stay", "snake_case_name and a_b stay"},
		{"```toml\n[rules.SA601]\nlevel = \"note\"\n```\n", "    [rules.SA601]\n    level = \"note\""},
		{"a\n\n\n\nb\n", "a\n\nb"},
	} {
		if got := plainText(c.md); got != c.want {
			t.Errorf("plainText(%q) = %q, want %q", c.md, got, c.want)
		}
	}
}
