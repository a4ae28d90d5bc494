package detectors

import (
	"testing"
)

func TestNodeLockfiles(t *testing.T) {
	type want struct {
		importer, name, constraint, version string
	}
	cases := []struct {
		name  string
		file  string
		raw   string
		wants []want
	}{
		{
			name: "npm v1",
			file: "package-lock.json",
			raw: `{"lockfileVersion": 1, "dependencies": {
				"express": {"version": "4.17.1", "dependencies": {"debug": {"version": "2.6.9"}}},
				"@scope/pkg": {"version": "1.0.0"}}}`,
			wants: []want{{".", "express", "^4.17.0", "4.17.1"}, {".", "@scope/pkg", "1", "1.0.0"}, {".", "debug", "", ""}},
		},
		{
			name: "npm v3 with workspaces",
			file: "package-lock.json",
			raw: `{"lockfileVersion": 3, "packages": {
				"": {"name": "root"},
				"node_modules/express": {"version": "4.19.2"},
				"node_modules/api": {"resolved": "apps/api", "link": true},
				"apps/api/node_modules/express": {"version": "5.0.0"},
				"node_modules/send/node_modules/ms": {"version": "2.1.3"}}}`,
			wants: []want{
				{".", "express", "^4", "4.19.2"},
				{"apps/api", "express", "^5", "5.0.0"},
				{"apps/web", "express", "^4", "4.19.2"},
				{".", "api", "", ""},
				{".", "ms", "", "2.1.3"},
			},
		},
		{
			name: "yarn classic",
			file: "yarn.lock",
			raw:  "# yarn lockfile v1\n\n\n\"@babel/core@^7.0.0\", \"@babel/core@^7.1.0\":\n  version \"7.1.2\"\n  dependencies:\n    version \"9.9.9\"\n\nkoa@^1.0.0:\n  version \"1.7.0\"\n\nkoa@^2.0.0, koa@^2.15.0:\n  version \"2.15.3\"\n  resolved \"https://example.invalid/koa\"\n",
			wants: []want{
				{".", "@babel/core", "^7.1.0", "7.1.2"},
				{".", "koa", "^2.15.0", "2.15.3"},
				{".", "koa", "^1.0.0", "1.7.0"},
				{".", "koa", "^3", ""},
			},
		},
		{
			name:  "yarn berry",
			file:  "yarn.lock",
			raw:   "__metadata:\n  version: 8\n  cacheKey: 10c0\n\n\"@types/node@npm:*, @types/node@npm:^20\":\n  version: 20.12.12\n  resolution: \"@types/node@npm:20.12.12\"\n\n\"next@npm:14.2.3\":\n  version: 14.2.3\n\n\"app@workspace:.\":\n  version: 0.0.0-use.local\n",
			wants: []want{{".", "@types/node", "^20", "20.12.12"}, {".", "next", "14.2.3", "14.2.3"}},
		},
		{
			name:  "pnpm v5 single project",
			file:  "pnpm-lock.yaml",
			raw:   "lockfileVersion: 5.3\nspecifiers:\n  express: ^4.17.1\n  react-dom: ^17\ndependencies:\n  express: 4.17.1\n  react-dom: 17.0.2_react@17.0.2\n",
			wants: []want{{".", "express", "^4.17.1", "4.17.1"}, {".", "react-dom", "^17", "17.0.2"}},
		},
		{
			name:  "pnpm v5.4 importers",
			file:  "pnpm-lock.yaml",
			raw:   "lockfileVersion: 5.4\nimporters:\n  .:\n    specifiers: {}\n  packages/api:\n    specifiers:\n      fastify: ^4.0.0\n      shared: workspace:*\n    dependencies:\n      fastify: 4.10.2\n      shared: link:../shared\n",
			wants: []want{{"packages/api", "fastify", "^4.0.0", "4.10.2"}, {"packages/api", "shared", "workspace:*", ""}},
		},
		{
			name:  "pnpm v6 single project",
			file:  "pnpm-lock.yaml",
			raw:   "lockfileVersion: '6.0'\ndependencies:\n  koa:\n    specifier: ^2.14.0\n    version: 2.14.2\ndevDependencies:\n  vitest:\n    specifier: ^1\n    version: 1.6.0(@types/node@20.1.0)\n",
			wants: []want{{".", "koa", "^2.14.0", "2.14.2"}, {".", "vitest", "^1", "1.6.0"}},
		},
		{
			name:  "pnpm v9",
			file:  "pnpm-lock.yaml",
			raw:   "lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      next:\n        specifier: 14.2.3\n        version: 14.2.3(react@18.3.1)\npackages:\n  next@14.2.3:\n    resolution: {integrity: x}\n",
			wants: []want{{".", "next", "14.2.3", "14.2.3"}},
		},
		{
			name: "bun text lockfile",
			file: "bun.lock",
			raw: `{
  // bun writes trailing commas
  "lockfileVersion": 1,
  "workspaces": {"": {"dependencies": {"hono": "^4"}}},
  "packages": {
    "hono": ["hono@4.4.0", "", {}, "sha512-x"],
    "@types/bun": ["@types/bun@1.1.3", "", {}, "sha512-x"],
    "shared": ["shared@workspace:packages/shared"],
    "a/hono": ["hono@3.0.0", "", {}, "sha512-x"],
  },
}`,
			wants: []want{{".", "hono", "^4", "4.4.0"}, {".", "@types/bun", "latest", "1.1.3"}, {".", "shared", "", ""}},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			l, err := parseNodeLockfile(c.file, []byte(c.raw))
			if err != nil {
				t.Fatal(err)
			}
			for _, w := range c.wants {
				if got := l.resolve(w.importer, w.name, w.constraint); got != w.version {
					t.Errorf("resolve(%q, %q, %q) = %q, want %q", w.importer, w.name, w.constraint, got, w.version)
				}
			}
		})
	}
}

func TestNodeLockfileErrors(t *testing.T) {
	for _, c := range []struct{ file, raw string }{
		{"package-lock.json", `{"packages": `},
		{"package-lock.json", `[1]`},
		{"yarn.lock", "koa@^2\n  version \"2\"\n"},
		{"yarn.lock", "koa@^2:\n  version \"\"\n"},
		{"yarn.lock", "__metadata:\n  version: 8\n\"koa@npm:^2\": [unclosed\n"},
		{"pnpm-lock.yaml", "packages: [\n"},
		{"pnpm-lock.yaml", "just: text\n"},
		{"bun.lock", `{"packages": {}}`},
		{"bun.lock", `{"lockfileVersion": 1, "packages": `},
		{"other.lock", ``},
	} {
		if _, err := parseNodeLockfile(c.file, []byte(c.raw)); err == nil {
			t.Errorf("%s %q: no error", c.file, c.raw)
		}
	}
}

func TestSplitDescriptor(t *testing.T) {
	for _, c := range []struct{ in, name, rng string }{
		{"koa@^2", "koa", "^2"},
		{`"@babel/core@^7.0.0"`, "@babel/core", "^7.0.0"},
		{"alias@npm:other@^1", "alias", "npm:other@^1"},
		{"@types/node@npm:20.1.0", "@types/node", "npm:20.1.0"},
		{"bare", "bare", ""},
		{"@scope", "@scope", ""},
	} {
		if n, r := splitDescriptor(c.in); n != c.name || r != c.rng {
			t.Errorf("splitDescriptor(%q) = %q, %q; want %q, %q", c.in, n, r, c.name, c.rng)
		}
	}
}

func FuzzYarnLock(f *testing.F) {
	f.Add([]byte("# yarn lockfile v1\n\nkoa@^2.0.0, \"koa@^2.1\":\n  version \"2.15.3\"\n"))
	f.Add([]byte("__metadata:\n  version: 8\n\n\"koa@npm:^2\":\n  version: 2.15.3\n"))
	f.Add([]byte("\"@a/b@^1\":\n  version \"1\"\n\tversion \"2\"\n"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		if l, err := parseNodeLockfile("yarn.lock", raw); err == nil {
			_ = l.resolve(".", "koa", "^2")
		}
	})
}

func FuzzPnpmLock(f *testing.F) {
	f.Add([]byte("lockfileVersion: 5.3\ndependencies:\n  express: 4.17.1_x@1\n"))
	f.Add([]byte("lockfileVersion: '9.0'\nimporters:\n  .:\n    dependencies:\n      next:\n        specifier: 14\n        version: 14.2.3(react@18)\n"))
	f.Add([]byte("lockfileVersion: 6\nimporters: [1, 2]\n"))
	f.Fuzz(func(t *testing.T, raw []byte) {
		if l, err := parseNodeLockfile("pnpm-lock.yaml", raw); err == nil {
			_ = l.resolve(".", "next", "14")
		}
	})
}

func FuzzNpmLock(f *testing.F) {
	f.Add([]byte(`{"lockfileVersion": 3, "packages": {"node_modules/a": {"version": "1"}, "x/node_modules/b": {"version": "2"}}}`))
	f.Add([]byte(`{"lockfileVersion": 1, "dependencies": {"a": {"version": "1"}, "b": 2}}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		if l, err := parseNodeLockfile("package-lock.json", raw); err == nil {
			_ = l.resolve(".", "a", "1")
		}
	})
}

func FuzzBunLock(f *testing.F) {
	f.Add([]byte(`{"lockfileVersion": 1, "packages": {"a": ["a@1.0.0", "", {}, "sha"], "@s/b": ["@s/b@2"],}}`))
	f.Add([]byte(`{"lockfileVersion": 1, "packages": {"a": [1, 2], "b": []}}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		if l, err := parseNodeLockfile("bun.lock", raw); err == nil {
			_ = l.resolve(".", "a", "1")
		}
	})
}
