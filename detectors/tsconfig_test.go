package detectors

import (
	"reflect"
	"strings"
	"testing"
)

func TestTSConfigChain(t *testing.T) {
	inv, probs := detectMap(t, map[string]string{
		"package.json": `{"devDependencies": {"typescript": "5"}}`,
		"tsconfig.json": `{
			// comments and trailing commas, as tsc allows
			"extends": ["./a.json", "./b"],
			"compilerOptions": {"checkJs": true,},
		}`,
		"a.json":             `{"compilerOptions": {"strict": true, "allowJs": false, "noImplicitAny": false}}`,
		"b.json":             `{"extends": "./c.json", "compilerOptions": {"allowJs": true}}`,
		"c.json":             `{"extends": "./b.json", "compilerOptions": {"strict": false, "noImplicitAny": true}}`,
		"src/index.ts":       "export {}",
		"tsconfig.base.json": `{"compilerOptions": {"strict": false}}`,
	})
	u := mustUnit(t, inv, ".")
	if u.TSConfig == nil {
		t.Fatal("no tsconfig")
	}
	// b (and c beneath it) comes after a, so it wins over a; the file's own
	// options win over both.
	want := map[string]bool{"strict": false, "allowJs": true, "noImplicitAny": true, "checkJs": true}
	if !reflect.DeepEqual(u.TSConfig.CompilerOptions, want) {
		t.Errorf("options = %v, want %v", u.TSConfig.CompilerOptions, want)
	}
	if got := strings.Join(u.TSConfig.Extends, ","); got != "a.json,b.json,c.json" {
		t.Errorf("extends = %s", got)
	}
	if u.TSConfig.Path != "tsconfig.json" {
		t.Errorf("path = %s, want tsconfig.json over tsconfig.base.json", u.TSConfig.Path)
	}
	if len(probs) != 1 || !strings.Contains(probs[0], `c.json: extends "./b.json" loops back to b.json`) {
		t.Errorf("problems = %q", probs)
	}
	if !u.HasTool("typechecker") {
		t.Error("a tsconfig makes typescript the type checker")
	}
}

func TestTSConfigSelfLoopAndMissing(t *testing.T) {
	inv, probs := detectMap(t, map[string]string{
		"package.json":      `{}`,
		"tsconfig.app.json": `{"extends": ["./tsconfig.app.json", "../outside.json", "./missing", "@tsconfig/strictest"], "compilerOptions": {"strict": true}}`,
	})
	u := mustUnit(t, inv, ".")
	if u.TSConfig == nil || u.TSConfig.Path != "tsconfig.app.json" || !u.TSConfig.CompilerOptions["strict"] {
		t.Fatalf("tsconfig = %+v", u.TSConfig)
	}
	if got := strings.Join(u.TSConfig.Extends, ","); got != "../outside.json,./missing,@tsconfig/strictest" {
		t.Errorf("extends = %s", got)
	}
	if len(probs) != 3 {
		t.Errorf("problems = %q, want a loop and two missing files (a package base is only listed)", probs)
	}
}

func TestTSConfigOnlyBase(t *testing.T) {
	inv, _ := detectMap(t, map[string]string{
		"package.json":       `{"private": true, "devDependencies": {"typescript": "5"}}`,
		"tsconfig.base.json": `{"compilerOptions": {"strict": true}}`,
	})
	if u := mustUnit(t, inv, "."); u.TSConfig != nil || u.HasTool("typechecker") {
		t.Errorf("a shared base alone is not the unit's tsconfig: %+v", u.TSConfig)
	}
}

func FuzzTSConfig(f *testing.F) {
	f.Add([]byte(`{"extends": "./base", "compilerOptions": {"strict": true,},}`))
	f.Add([]byte(`{"extends": ["a", 1], "compilerOptions": {"strict": "yes"}}`))
	f.Add([]byte("// only a comment\n"))
	f.Add([]byte(`{"compilerOptions": null}`))
	f.Add([]byte(`{"files": [], "references": [{"path": "./a"}, {"path": 1}, 2]}`))
	f.Fuzz(func(t *testing.T, raw []byte) {
		_, _ = parseTSConfig(raw)
	})
}

func TestTSConfigSolution(t *testing.T) {
	inv, probs := detectMap(t, map[string]string{
		"package.json":       `{"private": true, "devDependencies": {"typescript": "5", "vite": "5"}}`,
		"tsconfig.json":      `{"files": [], "references": [{"path": "./tsconfig.node.json"}, {"path": "./tsconfig.app.json"}]}`,
		"tsconfig.node.json": `{"compilerOptions": {"strict": false}, "include": ["vite.config.ts"]}`,
		"tsconfig.app.json":  `{"compilerOptions": {"strict": true}, "include": ["src"]}`,
		"src/main.ts":        "",
	})
	if len(probs) > 0 {
		t.Errorf("problems = %q", probs)
	}
	u := mustUnit(t, inv, ".")
	if u.TSConfig == nil || u.TSConfig.Path != "tsconfig.app.json" || !u.TSConfig.CompilerOptions["strict"] {
		t.Errorf("tsconfig = %+v, want tsconfig.app.json with strict", u.TSConfig)
	}
	// A tsconfig with references that compiles files itself is not a solution.
	inv, _ = detectMap(t, map[string]string{
		"package.json":             `{}`,
		"tsconfig.json":            `{"compilerOptions": {"strict": true}, "references": [{"path": "./packages/a"}]}`,
		"packages/a/tsconfig.json": `{"compilerOptions": {"strict": false}}`,
	})
	if u := mustUnit(t, inv, "."); u.TSConfig == nil || u.TSConfig.Path != "tsconfig.json" {
		t.Errorf("tsconfig = %+v, want tsconfig.json", u.TSConfig)
	}
}
