package detectors

import (
	"context"
	"reflect"
	"strconv"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stackaudit/stackaudit/repo"
	"github.com/stackaudit/stackaudit/stack"
)

// detectMap runs the whole detection over an in-memory repository and
// returns the inventory and the problems as lines.
func detectMap(t testing.TB, files map[string]string) (*stack.Inventory, []string) {
	t.Helper()
	fsys := fstest.MapFS{}
	for p, s := range files {
		fsys[p] = &fstest.MapFile{Data: []byte(s)}
	}
	ctx := context.Background()
	snap, err := repo.FromFS(ctx, fsys, repo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	inv := Detect(ctx, snap)
	var probs []string
	for _, p := range snap.Problems() {
		probs = append(probs, p.String())
	}
	return inv, probs
}

func mustUnit(t *testing.T, inv *stack.Inventory, p string) *stack.Unit {
	t.Helper()
	for _, u := range inv.Units {
		if u.Path == p && u.Ecosystem == stack.Node {
			return u
		}
	}
	t.Fatalf("no Node unit at %q", p)
	return nil
}

func TestKeyLines(t *testing.T) {
	raw := `{
  "name": "x",
  "dependencies": {
    "express": "^4",
    "@nestjs/core": "10"
  },
  "workspaces": ["a", {"weird": true}],
  "devDependencies": {"eslint": "9"}, "scripts": {
    "test": "jest"
  }
}`
	l := keyLines([]byte(raw), 3)
	for _, c := range []struct {
		keys []string
		want int
	}{
		{[]string{"name"}, 2},
		{[]string{"dependencies"}, 3},
		{[]string{"dependencies", "express"}, 4},
		{[]string{"dependencies", "@nestjs/core"}, 5},
		{[]string{"workspaces", "weird"}, 7},
		{[]string{"devDependencies", "eslint"}, 8},
		{[]string{"scripts", "test"}, 9},
		{[]string{"missing"}, 0},
	} {
		if got := l.line(c.keys...); got != c.want {
			t.Errorf("line(%q) = %d, want %d", c.keys, got, c.want)
		}
	}
}

func TestParsePackageJSON(t *testing.T) {
	p, err := parsePackageJSON([]byte(`{
  "private": true,
  "workspaces": {"packages": ["packages/*"], "nohoist": ["**/x"]},
  "dependencies": {"koa": "^2", "weird": 3},
  "bin": "cli.js",
  "engines": {"node": ">=20"},
  "packageManager": "yarn@4.1.0"
}`))
	if err != nil {
		t.Fatal(err)
	}
	if !p.Private || !p.Bin || p.Main {
		t.Errorf("private/bin/main = %v/%v/%v", p.Private, p.Bin, p.Main)
	}
	if !reflect.DeepEqual(p.Workspaces, []string{"packages/*"}) {
		t.Errorf("workspaces = %q", p.Workspaces)
	}
	if !reflect.DeepEqual(p.Dependencies, map[string]string{"koa": "^2"}) {
		t.Errorf("dependencies = %v (a non-string value is dropped)", p.Dependencies)
	}
	if managerName(p.PackageManager) != "yarn" {
		t.Errorf("manager = %q", managerName(p.PackageManager))
	}
	if p, err := parsePackageJSON([]byte("\xef\xbb\xbf{\"name\": \"bom\"}")); err != nil || p.Name != "bom" {
		t.Errorf("a byte-order mark is accepted: %v", err)
	}
	for _, bad := range []string{``, `[]`, `null`, `{"a":}`, `"str"`} {
		if _, err := parsePackageJSON([]byte(bad)); err == nil {
			t.Errorf("parsePackageJSON(%q): no error", bad)
		}
	}
}

func TestWorkspaceMember(t *testing.T) {
	for _, c := range []struct {
		pats []string
		rel  string
		want bool
	}{
		{[]string{"packages/*"}, "packages/a", true},
		{[]string{"packages/*"}, "packages/a/b", false},
		{[]string{"apps/**"}, "apps/web/admin", true},
		{[]string{"apps/**"}, "apps", true},
		{[]string{"./services/*/"}, "services/api", true},
		{[]string{"packages/*", "!packages/legacy"}, "packages/legacy", false},
		{[]string{"**"}, "x/y", true},
		{[]string{"tools"}, "tools", true},
		{[]string{"tools"}, "tools/x", false},
		{nil, "a", false},
		{[]string{"**/**/b"}, "a/b", true},
		{[]string{"a/**/**/c/**"}, "a/c", true},
		{[]string{"[z-a]"}, "x", false},
		// Many "**" against a deep path must not take exponential time.
		{[]string{strings.Repeat("**/", 40) + "z"}, strings.Repeat("a/", 40) + "y", false},
	} {
		if got := workspaceMember(c.pats, c.rel); got != c.want {
			t.Errorf("workspaceMember(%q, %q) = %v, want %v", c.pats, c.rel, got, c.want)
		}
	}
}

func TestNodeWorkspaceAndRuntime(t *testing.T) {
	inv, probs := detectMap(t, map[string]string{
		"package.json": `{"private": true, "workspaces": {"packages": ["apps/*"]},
			"devDependencies": {"prettier": "3"}, "volta": {"node": "20.11.0"},
			"scripts": {"start": "yarn --cwd apps/web start"}}`,
		"scripts/release.js":      "// the root has code of its own, so it is not tooling-only",
		"yarn.lock":               "# yarn lockfile v1\n\nexpress@^4.18.0:\n  version \"4.19.2\"\n",
		".nvmrc":                  "lts/iron # the LTS line\n",
		"apps/web/package.json":   `{"name": "web", "dependencies": {"express": "^4.18.0"}, "scripts": {"start": "node ."}}`,
		"apps/web/index.js":       "require('express')().listen(1)",
		"apps/cli/package.json":   `{"name": "cli", "bin": {"x": "x.js"}, "dependencies": {"commander": "12"}}`,
		"apps/cli/x.js":           "",
		"tools/gen/package.json":  `{"name": "gen", "private": true, "dependencies": {"lodash": "4"}}`,
		"tools/gen/.node-version": "18.19.0\n",
	})
	if len(probs) > 0 {
		t.Errorf("problems: %q", probs)
	}
	root := mustUnit(t, inv, ".")
	if root.Workspace != "." || root.ToolingOnly || root.Application || root.PackageManager != "yarn" {
		t.Errorf("root: workspace %q toolingOnly %v application %v pm %q", root.Workspace, root.ToolingOnly, root.Application, root.PackageManager)
	}
	if root.Runtime == nil || root.Runtime.Constraint != "lts/iron" || root.Runtime.Evidence.Path != ".nvmrc" {
		t.Errorf("root runtime = %+v, want lts/iron from .nvmrc", root.Runtime)
	}
	web := mustUnit(t, inv, "apps/web")
	if web.Workspace != "." || !web.Application || web.PackageManager != "yarn" {
		t.Errorf("web: workspace %q application %v pm %q", web.Workspace, web.Application, web.PackageManager)
	}
	if len(web.Lockfiles) != 1 || web.Lockfiles[0].Path != "yarn.lock" {
		t.Errorf("web lockfiles = %+v, want the root's yarn.lock", web.Lockfiles)
	}
	if len(web.Components) != 1 || web.Components[0].Version != "4.19.2" {
		t.Errorf("web components = %+v, want express 4.19.2", web.Components)
	}
	if web.Runtime == nil || web.Runtime.Evidence.Path != ".nvmrc" {
		t.Errorf("web runtime = %+v, want the root's .nvmrc", web.Runtime)
	}
	cli := mustUnit(t, inv, "apps/cli")
	if cli.Application {
		t.Error("a package with bin and no server is not an application")
	}
	gen := mustUnit(t, inv, "tools/gen")
	if gen.Workspace != "" || len(gen.Lockfiles) != 0 || gen.PackageManager != "npm" {
		t.Errorf("gen: workspace %q lockfiles %v pm %q (not a member)", gen.Workspace, gen.Lockfiles, gen.PackageManager)
	}
	if !gen.Application {
		t.Error("a private package with no main is an application")
	}
	if gen.Runtime == nil || gen.Runtime.Constraint != "18.19.0" {
		t.Errorf("gen runtime = %+v, want its own .node-version", gen.Runtime)
	}
}

func TestNodeNearMisses(t *testing.T) {
	inv, _ := detectMap(t, map[string]string{
		"package.json": `{"name": "lib", "main": "index.js",
			"dependencies": {"express-validator": "7", "koa-router": "12", "next-auth": "4", "@nestjs/common": "10"},
			"devDependencies": {"eslint": "9", "jest": "29", "prettier": "3"},
			"scripts": {"lint": "echo eslint is coming", "test": "npm run lint", "fmt": "node prettier.js"}}`,
		"index.js": "module.exports = {}",
	})
	u := mustUnit(t, inv, ".")
	if len(u.Components) != 0 {
		t.Errorf("components = %+v, want none", u.Components)
	}
	if len(u.Tools) != 0 {
		t.Errorf("tools = %+v, want none: dependencies alone, echo and node are not tools", u.Tools)
	}
	if u.Application || u.ToolingOnly {
		t.Errorf("application %v toolingOnly %v, want a plain library", u.Application, u.ToolingOnly)
	}
}

func TestToolingOnlyNeedsNoSource(t *testing.T) {
	inv, _ := detectMap(t, map[string]string{
		"package.json":       `{"devDependencies": {"prettier": "3", "@types/node": "20"}}`,
		"scripts/release.js": "console.log(1)",
	})
	if u := mustUnit(t, inv, "."); u.ToolingOnly {
		t.Error("a unit with its own JavaScript is not tooling-only")
	}
}

func TestMalformedLockfileStillRecorded(t *testing.T) {
	inv, probs := detectMap(t, map[string]string{
		"package.json":      `{"dependencies": {"express": "4.19.2"}}`,
		"package-lock.json": `{"lockfileVersion": 3, "packages": {`,
		"bun.lockb":         "\x00\x01binary",
	})
	u := mustUnit(t, inv, ".")
	if len(u.Lockfiles) != 2 {
		t.Errorf("lockfiles = %+v, want both recorded", u.Lockfiles)
	}
	if len(probs) != 1 || !strings.Contains(probs[0], "package-lock.json: cannot parse package-lock.json") {
		t.Errorf("problems = %q", probs)
	}
	if u.PackageManager != "bun" {
		t.Errorf("package manager = %q, want bun (preferred over npm when both lock)", u.PackageManager)
	}
}

func TestLargeLockfileIsRead(t *testing.T) {
	// A monorepo's lockfile passes the 1 MiB text cap; it is still read.
	var b strings.Builder
	b.WriteString(`{"lockfileVersion": 3, "packages": {"node_modules/express": {"version": "4.21.0"}`)
	for i := 0; b.Len() < 2<<20; i++ {
		b.WriteString(`, "node_modules/pkg-` + strings.Repeat("x", 40) + strconv.Itoa(i) + `": {"version": "1.0.0"}`)
	}
	b.WriteString("}}")
	inv, probs := detectMap(t, map[string]string{
		"package.json":      `{"dependencies": {"express": "^4.21.0"}}`,
		"package-lock.json": b.String(),
	})
	if len(probs) > 0 {
		t.Errorf("problems = %q", probs)
	}
	if c := mustUnit(t, inv, ".").Components; len(c) != 1 || c[0].Version != "4.21.0" {
		t.Errorf("components = %+v, want express 4.21.0", c)
	}
}

func TestLernaAndFixtures(t *testing.T) {
	inv, probs := detectMap(t, map[string]string{
		"package.json":               `{"private": true, "devDependencies": {"lerna": "8"}}`,
		"lerna.json":                 `{"version": "independent"}`,
		"packages/core/package.json": `{"name": "core", "main": "index.js"}`,
		"packages/core/index.js":     "",
		"packages/core/test/fixtures/app/package.json": `{"dependencies": {"express": "4"}}`,
		"packages/core/test/fixtures/app/server.js":    "",
		"tools/testdata/x/package.json":                `{"name": "x"}`,
	})
	if len(probs) > 0 {
		t.Errorf("problems = %q", probs)
	}
	if len(inv.Units) != 2 {
		for _, u := range inv.Units {
			t.Logf("unit %s", u.Path)
		}
		t.Fatalf("%d units, want the root and packages/core (fixtures are not units)", len(inv.Units))
	}
	core := mustUnit(t, inv, "packages/core")
	if core.Workspace != "." {
		t.Errorf("core workspace = %q, want . through lerna's default packages/*", core.Workspace)
	}
	if core.Source.JavaScript != 1 || core.Source.Tests != 1 {
		t.Errorf("core source = %+v, want fixture code counted with tests", core.Source)
	}
}

func TestModuleMarkerIsNotAUnit(t *testing.T) {
	inv, _ := detectMap(t, map[string]string{
		"package.json":         `{"name": "app", "dependencies": {"koa": "2"}}`,
		"src/esm/package.json": `{"type": "module"}`,
		"src/esm/index.js":     "",
		"src/lib/package.json": `{"name": "lib"}`,
		"src/lib/index.js":     "",
	})
	if len(inv.Units) != 2 {
		t.Fatalf("%d units, want the root and src/lib (a type marker is not a unit)", len(inv.Units))
	}
	if u := mustUnit(t, inv, "."); u.Source.JavaScript != 1 {
		t.Errorf("root source = %+v, want src/esm/index.js counted", u.Source)
	}
}
