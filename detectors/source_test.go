package detectors

import (
	"testing"

	"github.com/stackaudit/stackaudit/stack"
)

func TestClassifySource(t *testing.T) {
	for _, c := range []struct {
		path string
		want sourceKind
	}{
		{"src/a.ts", srcTypeScript},
		{"src/a.tsx", srcTypeScript},
		{"src/a.mts", srcTypeScript},
		{"src/a.cts", srcTypeScript},
		{"src/a.d.ts", srcNone},
		{"src/a.d.mts", srcNone},
		{"src/a.js", srcJavaScript},
		{"src/a.jsx", srcJavaScript},
		{"src/a.mjs", srcJavaScript},
		{"src/a.cjs", srcJavaScript},
		{"app/x.py", srcPython},
		{"vite.config.ts", srcNone},
		{"jest.config.js", srcNone},
		{"karma.conf.js", srcNone},
		{".eslintrc.js", srcNone},
		{".prettierrc.cjs", srcNone},
		{"gulpfile.js", srcNone},
		{"Gruntfile.js", srcNone},
		{"vitest.workspace.ts", srcNone},
		{"src/config.js", srcJavaScript},
		{"README.md", srcNone},
		{"styles.css", srcNone},
	} {
		if got := classifySource(c.path); got != c.want {
			t.Errorf("classifySource(%q) = %v, want %v", c.path, got, c.want)
		}
	}
}

func TestSourceRole(t *testing.T) {
	for _, c := range []struct {
		rel             string
		lang            sourceKind
		test, generated bool
	}{
		{"src/a.test.ts", srcTypeScript, true, false},
		{"src/a.spec.js", srcJavaScript, true, false},
		{"src/__tests__/a.js", srcJavaScript, true, false},
		{"test/a.js", srcJavaScript, true, false},
		{"tests/unit/a.ts", srcTypeScript, true, false},
		{"src/testing.ts", srcTypeScript, false, false},
		{"src/contest/a.ts", srcTypeScript, false, false},
		{"public/jquery.min.js", srcJavaScript, false, true},
		{"src/api.generated.ts", srcTypeScript, false, true},
		{"src/routeTree.gen.ts", srcTypeScript, false, true},
		{"proto/user_pb.js", srcJavaScript, false, true},
		{"tests/test_api.py", srcPython, true, false},
		{"app/test_views.py", srcPython, true, false},
		{"app/views_test.py", srcPython, true, false},
		{"conftest.py", srcPython, true, false},
		{"app/user_pb2.py", srcPython, false, true},
		{"app/user_pb2_grpc.py", srcPython, false, true},
		{"app/migrations/0001_initial.py", srcPython, false, false},
		{"app/contest.py", srcPython, false, false},
	} {
		test, gen := sourceRole(c.rel, c.lang)
		if test != c.test || gen != c.generated {
			t.Errorf("sourceRole(%q) = test %v generated %v, want %v %v", c.rel, test, gen, c.test, c.generated)
		}
	}
}

func TestHasTSCheck(t *testing.T) {
	for _, c := range []struct {
		src  string
		want bool
	}{
		{"// @ts-check\nconst a = 1", true},
		{"\xef\xbb\xbf// @ts-check", true},
		{"#!/usr/bin/env node\n// @ts-check\n", true},
		{"/* licence\n * text */\n// eslint-disable\n//   @ts-check   \n'use strict'", true},
		{"'use strict'\n// @ts-check\n", false},
		{"// @ts-checked\n", false},
		{"// @ts-nocheck\n", false},
		{"/** @ts-check */\n", false},
		{"/* unterminated", false},
		{"const s = '// @ts-check'", false},
		{"", false},
	} {
		if got := hasTSCheck([]byte(c.src)); got != c.want {
			t.Errorf("hasTSCheck(%q) = %v, want %v", c.src, got, c.want)
		}
	}
}

func TestSourceStatsNested(t *testing.T) {
	inv, _ := detectMap(t, map[string]string{
		"package.json":             `{"name": "root"}`,
		"src/a.ts":                 "",
		"src/b.js":                 "// @ts-check\n",
		"packages/x/package.json":  `{"name": "x"}`,
		"packages/x/index.js":      "",
		"packages/x/index.test.js": "",
		"packages/x/lib/c.js":      "/* @ts-check */",
		"scripts/tool.py":          "",
		"docs/conf.py":             "",
	})
	root := mustUnit(t, inv, ".")
	if want := (stack.SourceStats{TypeScript: 1, JavaScript: 1, CheckedJS: 1}); root.Source != want {
		t.Errorf("root source = %+v, want %+v (a nested unit's files and Python files without a Python unit are not counted)", root.Source, want)
	}
	if root.Language != "typescript" {
		t.Errorf("root language = %q, want typescript on a tie", root.Language)
	}
	x := mustUnit(t, inv, "packages/x")
	if want := (stack.SourceStats{JavaScript: 2, Tests: 1}); x.Source != want {
		t.Errorf("x source = %+v, want %+v", x.Source, want)
	}
	if x.Language != "javascript" {
		t.Errorf("x language = %q", x.Language)
	}
}
