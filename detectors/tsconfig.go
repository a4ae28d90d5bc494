package detectors

import (
	"encoding/json"
	"errors"
	"path"
	"sort"
	"strings"

	"github.com/tailscale/hujson"

	"github.com/stackaudit/stackaudit/repo"
	"github.com/stackaudit/stackaudit/stack"
)

// The tsconfig family reads each Node unit's tsconfig as JSONC, follows its
// extends chain inside the repository and records the effective boolean
// compiler options.
var _ = register(family{
	name:     "tsconfig",
	order:    20,
	patterns: []string{"**/tsconfig*.json"},
	run:      runTSConfig,
})

// maxExtends bounds an extends chain; real ones are two or three long.
const maxExtends = 16

// tsconfigFile is the part of a tsconfig the detectors read.
type tsconfigFile struct {
	Extends         []string
	CompilerOptions map[string]bool
	// References are the paths of project references, as written.
	References []string
	// Solution is true for a file that only lists references (`"files":
	// []`), as Vite's and Angular's templates write tsconfig.json.
	Solution bool
}

// parseTSConfig reads a tsconfig as JSONC: comments and trailing commas are
// allowed, as TypeScript allows them. extends may be a string or, since
// TypeScript 5.0, an array.
func parseTSConfig(raw []byte) (*tsconfigFile, error) {
	std, err := hujson.Standardize(trimBOM(raw))
	if err != nil {
		return nil, err
	}
	var doc struct {
		Extends         json.RawMessage            `json:"extends"`
		CompilerOptions map[string]json.RawMessage `json:"compilerOptions"`
		Files           *[]json.RawMessage         `json:"files"`
		Include         *[]json.RawMessage         `json:"include"`
		References      []struct {
			Path string `json:"path"`
		} `json:"references"`
	}
	if err := json.Unmarshal(std, &doc); err != nil {
		return nil, jsonError(std, err)
	}
	t := &tsconfigFile{CompilerOptions: map[string]bool{}}
	if len(doc.Extends) > 0 {
		var one string
		var many []string
		switch {
		case json.Unmarshal(doc.Extends, &one) == nil:
			if one != "" {
				t.Extends = []string{one}
			}
		case json.Unmarshal(doc.Extends, &many) == nil:
			t.Extends = many
		}
	}
	for k, v := range doc.CompilerOptions {
		var b bool
		if json.Unmarshal(v, &b) == nil {
			t.CompilerOptions[k] = b
		}
	}
	for _, r := range doc.References {
		if r.Path != "" {
			t.References = append(t.References, r.Path)
		}
	}
	t.Solution = len(t.References) > 0 && doc.Files != nil && len(*doc.Files) == 0 &&
		(doc.Include == nil || len(*doc.Include) == 0)
	return t, nil
}

func runTSConfig(d *Detection, files []repo.File) {
	byUnit := map[*stack.Unit][]string{}
	var order []*stack.Unit
	for _, f := range files {
		u := d.UnitFor(f.Path, stack.Node)
		if u == nil || path.Dir(f.Path) != u.Path {
			// Only a unit's own folder holds its tsconfig; nested ones
			// configure a part of it.
			continue
		}
		if _, ok := byUnit[u]; !ok {
			order = append(order, u)
		}
		byUnit[u] = append(byUnit[u], f.Path)
	}
	cache := map[string]*tsconfigFile{}
	for _, u := range order {
		cands := byUnit[u]
		chosen := chooseTSConfig(cands)
		if chosen == "" {
			continue
		}
		if t := loadTSConfig(d, chosen, cache); t != nil && t.Solution {
			// A solution file compiles nothing itself: its application
			// reference is what tsc checks the unit's source with.
			if ref := solutionReference(d, chosen, t.References); ref != "" {
				chosen = ref
			}
		}
		u.TSConfig = effectiveTSConfig(d, chosen, cache)
	}
}

// effectiveTSConfig follows the extends chain of file. Options of a nearer
// file override those it extends. Package bases (@tsconfig/node20) cannot
// be read and are recorded as they are written.
func effectiveTSConfig(d *Detection, file string, cache map[string]*tsconfigFile) *stack.TSConfig {
	out := &stack.TSConfig{Path: file}
	listed := map[string]bool{}
	onPath := map[string]bool{} // the files on the current chain, to stop loops
	// walk returns the effective options of p: each extends target in
	// order (a later one overriding an earlier one), then p's own options.
	var walk func(p string, depth int) map[string]bool
	walk = func(p string, depth int) map[string]bool {
		opts := map[string]bool{}
		t := loadTSConfig(d, p, cache)
		if t == nil || depth > maxExtends {
			return opts
		}
		onPath[p] = true
		defer delete(onPath, p)
		for _, ext := range t.Extends {
			target, ok := resolveExtends(d, path.Dir(p), ext)
			if !ok {
				if !listed[ext] {
					listed[ext] = true
					out.Extends = append(out.Extends, ext)
				}
				// A package base (@tsconfig/node20) is not in the repository:
				// listing it in Extends is the note. A missing file is a problem.
				if isRelativeExtends(ext) {
					d.Problemf(p, "extends %q: no such file in the repository; its compilerOptions are not counted", ext)
				}
				continue
			}
			if onPath[target] {
				d.Problemf(p, "extends %q loops back to %s; the loop is not followed", ext, target)
				continue
			}
			if !listed[target] {
				listed[target] = true
				out.Extends = append(out.Extends, target)
			}
			for k, v := range walk(target, depth+1) {
				opts[k] = v
			}
		}
		for k, v := range t.CompilerOptions {
			opts[k] = v
		}
		return opts
	}
	if opts := walk(file, 0); len(opts) > 0 {
		out.CompilerOptions = opts
	}
	return out
}

func loadTSConfig(d *Detection, p string, cache map[string]*tsconfigFile) *tsconfigFile {
	if t, ok := cache[p]; ok {
		return t
	}
	cache[p] = nil
	raw, err := d.Snap.ReadFile(p)
	if err != nil {
		d.Problemf(p, "cannot read: %v", errors.Unwrap(err))
		return nil
	}
	t, err := parseTSConfig(raw)
	if err != nil {
		d.Problemf(p, "cannot parse tsconfig: %v; its compiler options are not counted", err)
		return nil
	}
	cache[p] = t
	return t
}

// resolveExtends finds a relative extends target in the snapshot, trying
// the name as written and with .json added, as TypeScript does.
func resolveExtends(d *Detection, dir, ext string) (string, bool) {
	if !isRelativeExtends(ext) {
		return "", false
	}
	p := path.Join(dir, ext)
	if p == ".." || strings.HasPrefix(p, "../") {
		return "", false
	}
	for _, cand := range []string{p, p + ".json", path.Join(p, "tsconfig.json")} {
		if d.Snap.Exists(cand) {
			return cand, true
		}
	}
	return "", false
}

// isRelativeExtends reports whether an extends value is a path rather than
// a package name.
func isRelativeExtends(ext string) bool {
	return strings.HasPrefix(ext, "./") || strings.HasPrefix(ext, "../") || ext == "." || ext == ".."
}

// chooseTSConfig picks the unit's project tsconfig: tsconfig.json, else the
// first other tsconfig*.json that is not a shared base (tsconfig.base.json
// only exists to be extended).
func chooseTSConfig(cands []string) string {
	sort.Strings(cands)
	for _, c := range cands {
		if path.Base(c) == "tsconfig.json" {
			return c
		}
	}
	for _, c := range cands {
		if !strings.Contains(strings.ToLower(path.Base(c)), "base") {
			return c
		}
	}
	return ""
}

// solutionReference picks the reference of a solution tsconfig that
// configures the application code: one whose name says app, else the
// first that is not for build tooling (tsconfig.node.json), else the first.
func solutionReference(d *Detection, file string, refs []string) string {
	var found []string
	for _, r := range refs {
		p := path.Join(path.Dir(file), r)
		if p == ".." || strings.HasPrefix(p, "../") {
			continue
		}
		for _, cand := range []string{p, path.Join(p, "tsconfig.json")} {
			if strings.HasSuffix(cand, ".json") && d.Snap.Exists(cand) && cand != file {
				found = append(found, cand)
				break
			}
		}
	}
	if len(found) == 0 {
		return ""
	}
	for _, f := range found {
		if strings.Contains(path.Base(f), "app") {
			return f
		}
	}
	for _, f := range found {
		if !strings.Contains(path.Base(f), "node") {
			return f
		}
	}
	return found[0]
}
