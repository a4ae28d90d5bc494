package analyzers

import "testing"

func TestNodeUnpinned(t *testing.T) {
	for _, tc := range []struct {
		spec string
		fire bool
	}{
		{"*", true}, {"x", true}, {"X", true}, {"latest", true}, {"", true}, {"next", true},
		{">=1.0.0", true}, {">1 || >=3", true},
		{"github:acme/x#main", true}, {"acme/x", true}, {"git+https://github.com/acme/x.git", true},
		{"https://example.com/x.tgz", true}, {"file:../../../outside", true}, {"file:../../inside", false}, {"/abs/path", true},
		{"npm:dayjs", true}, {"npm:dayjs@latest", true},
		{"^4.17.21", false}, {"~1.2.3", false}, {"1.2.3", false}, {"v1.2.3", false}, {"1.x", false},
		{">=1.2.0 <2.0.0", false}, {">= 1.2 < 2", false}, {"^1 || ^2", false},
		{"workspace:*", false}, {"workspace:^", false}, {"catalog:", false},
		{"file:../db", false}, {"link:./vendor/x", false}, {"github:acme/x#3f2a9c1d", false},
		{"npm:dayjs@^1.11.10", false}, {"npm:@scope/pkg@1.0.0", false}, {"@scope/pkg@1", false},
	} {
		got := nodeUnpinned(tc.spec, "packages/api")
		if (got != "") != tc.fire {
			t.Errorf("nodeUnpinned(%q) = %q, want fire=%v", tc.spec, got, tc.fire)
		}
	}
}

func TestPythonUnpinned(t *testing.T) {
	for _, tc := range []struct {
		c    string
		fire bool
	}{
		{"", true}, {">=4.2", true}, {">2,!=2.0.1", true}, {"!=1.0", true},
		{"git+https://github.com/acme/p.git@main#egg=p", true},
		{"https://example.com/p-1.0.tar.gz", true},
		{"==4.2.1", false}, {"~=5.4", false}, {">=3.1,<4", false}, {"<5", false}, {"===1.0", false},
		{"git+https://github.com/acme/p.git@8d1c2e7f9a#egg=p", false},
	} {
		got := pythonUnpinned(tc.c)
		if (got != "") != tc.fire {
			t.Errorf("pythonUnpinned(%q) = %q, want fire=%v", tc.c, got, tc.fire)
		}
	}
}

func FuzzNodeUnpinned(f *testing.F) {
	for _, s := range []string{"*", "npm:x@", "file:../a", "github:a/b#c", ">=1 || <2", "@", "npm:@"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		_ = nodeUnpinned(s, ".")
		_ = pythonUnpinned(s)
	})
}
