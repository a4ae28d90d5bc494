package detectors

import (
	"reflect"
	"sort"
	"strings"
	"testing"

	"github.com/stackaudit/stackaudit/stack"
)

func TestCommandTools(t *testing.T) {
	for _, c := range []struct {
		cmd  string
		want string // "id/kind" joined by spaces, sorted
	}{
		{"eslint .", "eslint/linter"},
		{"eslint . && prettier --check . && tsc --noEmit", "eslint/linter prettier/formatter typescript/typechecker"},
		{"cross-env NODE_ENV=test jest --coverage", "jest/testrunner"},
		{"NODE_OPTIONS=--max-old-space-size=4096 vitest run", "vitest/testrunner"},
		{"npx --yes eslint@9 src", "eslint/linter"},
		{"npx -p typescript tsc", "typescript/typechecker"},
		{"pnpm exec biome check .", "biome/formatter biome/linter"},
		{"biome lint ./src", "biome/linter"},
		{"biome format --write .", "biome/formatter"},
		{"yarn eslint .", "eslint/linter"},
		{"bun x oxlint", "oxlint/linter"},
		{"./node_modules/.bin/mocha 'test/**/*.js'", "mocha/testrunner"},
		{"nyc --reporter=lcov mocha", "mocha/testrunner"},
		{"c8 node --test", "node:test/testrunner"},
		{"node --test-reporter=spec --test", "node:test/testrunner"},
		{"bun test", "bun:test/testrunner"},
		{"playwright test --project=chromium", "playwright/testrunner"},
		{"standard --fix | snazzy", "standard/linter"},
		{"next lint", "eslint/linter"},
		{"dotenv -e .env.test -- jest", "jest/testrunner"},
		// near misses
		{"npm run lint", ""},
		{"yarn run eslint", ""},
		{"echo eslint", ""},
		{"node eslint.js", ""},
		{"playwright install --with-deps", ""},
		{"next build", ""},
		{"node --test-reporter=spec app.js", ""},
		{"", ""},
	} {
		var got []string
		for _, tl := range commandTools(c.cmd) {
			got = append(got, tl.id+"/"+tl.kind)
		}
		sort.Strings(got)
		if strings.Join(got, " ") != c.want {
			t.Errorf("commandTools(%q) = %q, want %q", c.cmd, strings.Join(got, " "), c.want)
		}
	}
}

func toolList(u *stack.Unit) []string {
	var out []string
	for _, t := range u.Tools {
		out = append(out, t.ID+"/"+t.Kind+"@"+t.Evidence.Path)
	}
	return out
}

func TestNodeToolsFromConfig(t *testing.T) {
	for _, c := range []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{
			name: "eslint devDependency alone is not a linter",
			files: map[string]string{
				"package.json": `{"devDependencies": {"eslint": "9", "prettier": "3", "jest": "29", "oxlint": "1", "xo": "1"}}`,
			},
		},
		{
			name: "package.json keys",
			files: map[string]string{
				"package.json": `{"eslintConfig": {}, "prettier": "@acme/prettier", "jest": {}, "xo": {"space": true}, "standard": {}, "mocha": {}}`,
			},
			want: []string{
				"prettier/formatter@package.json", "eslint/linter@package.json", "standard/linter@package.json",
				"xo/linter@package.json", "jest/testrunner@package.json", "mocha/testrunner@package.json",
			},
		},
		{
			name: "config files in every form",
			files: map[string]string{
				"package.json":         `{}`,
				".eslintrc.yml":        "root: true\n",
				".prettierrc.toml":     "semi = false\n",
				"dprint.json":          "{}",
				".oxlintrc.json":       "{}",
				"jest.config.ts":       "export default {}",
				"vitest.workspace.ts":  "export default []",
				".mocharc.jsonc":       "{}",
				"playwright.config.ts": "export default {}",
				".eslintrc.bak":        "not a config",
				"prettier.config.txt":  "not a config",
			},
			want: []string{
				"dprint/formatter@dprint.json", "prettier/formatter@.prettierrc.toml",
				"eslint/linter@.eslintrc.yml", "oxlint/linter@.oxlintrc.json",
				"jest/testrunner@jest.config.ts", "mocha/testrunner@.mocharc.jsonc",
				"playwright/testrunner@playwright.config.ts", "vitest/testrunner@vitest.workspace.ts",
			},
		},
		{
			name: "biome turned off linter",
			files: map[string]string{
				"package.json": `{"scripts": {"check": "biome ci ."}}`,
				"biome.jsonc":  `{ /* format only */ "linter": {"enabled": false}, }`,
			},
			want: []string{"biome/formatter@biome.jsonc"},
		},
		{
			name: "lint-staged commands",
			files: map[string]string{
				"package.json": `{"lint-staged": {"*.ts": ["eslint --fix", "prettier --write"], "*.md": "markdownlint"}}`,
			},
			want: []string{"prettier/formatter@package.json", "eslint/linter@package.json"},
		},
		{
			name: "workspace root tools stay on the root",
			files: map[string]string{
				"package.json":             `{"private": true, "workspaces": ["pkg/*"]}`,
				"eslint.config.js":         "export default []",
				"pkg/a/package.json":       `{"name": "a"}`,
				"pkg/a/.prettierrc":        "{}",
				"pkg/a/src/.eslintrc.json": "{}",
			},
			want: []string{"eslint/linter@eslint.config.js"},
		},
	} {
		t.Run(c.name, func(t *testing.T) {
			inv, _ := detectMap(t, c.files)
			got := toolList(mustUnit(t, inv, "."))
			if !reflect.DeepEqual(got, c.want) {
				t.Errorf("tools = %q, want %q", got, c.want)
			}
		})
	}
	inv, _ := detectMap(t, map[string]string{
		"package.json":             `{"private": true, "workspaces": ["pkg/*"]}`,
		"eslint.config.js":         "export default []",
		"pkg/a/package.json":       `{"name": "a"}`,
		"pkg/a/.prettierrc":        "{}",
		"pkg/a/src/.eslintrc.json": "{}",
	})
	got := toolList(mustUnit(t, inv, "pkg/a"))
	want := []string{"prettier/formatter@pkg/a/.prettierrc"}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("member tools = %q, want %q (a config in a unit's subfolder is an override or a template)", got, want)
	}
}

func TestNodeToolConfigAboveUnits(t *testing.T) {
	// No package.json at the root: ESLint and Prettier find the root config
	// from the units beneath it, but not from a unit's nested unit.
	inv, _ := detectMap(t, map[string]string{
		".eslintrc.json":              "{}",
		"frontend/package.json":       `{"name": "fe"}`,
		"services/api/package.json":   `{"name": "api"}`,
		"services/api/t/package.json": `{"name": "template"}`,
		"services/biome.json":         `{"formatter": {"enabled": false}}`,
	})
	for p, want := range map[string][]string{
		"frontend":       {"eslint/linter@.eslintrc.json"},
		"services/api":   {"biome/linter@services/biome.json", "eslint/linter@.eslintrc.json"},
		"services/api/t": nil,
	} {
		if got := toolList(mustUnit(t, inv, p)); !reflect.DeepEqual(got, want) {
			t.Errorf("%s tools = %q, want %q", p, got, want)
		}
	}
}

func FuzzPackageJSON(f *testing.F) {
	f.Add([]byte(`{"dependencies": {"express": "^4"}, "workspaces": {"packages": ["a/*"]}, "scripts": {"test": "jest"}}`))
	f.Add([]byte(`{"workspaces": "nope", "bin": null, "engines": [], "dependencies": {"a": 1}}`))
	f.Add([]byte(`{"a": {"b": {"c": {"d": [{"e": 1}]}}}}`))
	f.Add([]byte(`{"lint-staged": {"*": [1, "eslint"]}}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		p, err := parsePackageJSON(raw)
		_ = keyLines(raw, 3)
		if err != nil {
			return
		}
		for _, cmd := range p.Scripts {
			_ = commandTools(cmd)
		}
		_ = lintStagedCommands(raw)
	})
}
