package detectors

import (
	"bufio"
	"bytes"
	"encoding/json"
	"errors"
	"fmt"
	"io/fs"
	"path"
	"strings"

	"github.com/tailscale/hujson"
	"go.yaml.in/yaml/v3"

	"github.com/stackaudit/stackaudit/repo"
)

// lockData is what a Node lockfile resolves: for each importer (a folder
// relative to the lockfile, "." for its own) the version of each direct
// dependency, and for each package name the versions locked with the
// ranges that asked for them.
type lockData struct {
	importers map[string]map[string]string
	packages  map[string][]lockedVersion
}

// lockedVersion is one resolved version and the ranges it satisfies.
type lockedVersion struct {
	version string
	ranges  []string
}

func newLockData() *lockData {
	return &lockData{importers: map[string]map[string]string{}, packages: map[string][]lockedVersion{}}
}

func (l *lockData) setImporter(importer, name, version string) {
	if version == "" {
		return
	}
	m := l.importers[importer]
	if m == nil {
		m = map[string]string{}
		l.importers[importer] = m
	}
	m[name] = version
}

func (l *lockData) addPackage(name, version string, ranges ...string) {
	if name == "" || version == "" {
		return
	}
	l.packages[name] = append(l.packages[name], lockedVersion{version: version, ranges: ranges})
}

// resolve returns the version locked for name as a dependency of importer
// declared with constraint: the importer's own entry, else the entry whose
// ranges include the constraint, else the only version locked.
func (l *lockData) resolve(importer, name, constraint string) string {
	if v := l.importers[importer][name]; v != "" {
		return v
	}
	vs := l.packages[name]
	for _, v := range vs {
		for _, r := range v.ranges {
			if r == constraint {
				return v.version
			}
		}
	}
	distinct := map[string]bool{}
	for _, v := range vs {
		distinct[v.version] = true
	}
	if len(distinct) == 1 {
		return vs[0].version
	}
	return ""
}

// lockCache parses each lockfile once and reports a malformed one once.
type lockCache struct {
	d      *Detection
	parsed map[string]*lockData
}

func (c *lockCache) version(lockfile, importer, name, constraint string) string {
	l, ok := c.parsed[lockfile]
	if !ok {
		l = c.load(lockfile)
		c.parsed[lockfile] = l
	}
	if l == nil {
		return ""
	}
	return l.resolve(importer, name, constraint)
}

func (c *lockCache) load(lockfile string) *lockData {
	base := path.Base(lockfile)
	if base == "bun.lockb" {
		return nil // binary: its presence is all we record
	}
	raw, err := readLockfile(c.d, lockfile)
	if err != nil {
		c.d.Problemf(lockfile, "cannot read lockfile: %v; resolved versions are not shown", err)
		return nil
	}
	l, err := parseNodeLockfile(base, trimBOM(raw))
	if err != nil {
		c.d.Problemf(lockfile, "cannot parse %s: %v; resolved versions are not shown, regenerate it with the package manager", base, err)
		return nil
	}
	return l
}

// maxLockfileSize caps the lockfiles read. Lockfiles of large monorepos
// pass the snapshot's 1 MiB cap for text files routinely, and a lockfile is
// generated data that parses in linear time, so it gets a cap of its own.
const maxLockfileSize = 64 << 20

// readLockfile reads a lockfile under maxLockfileSize rather than the
// snapshot's text cap.
func readLockfile(d *Detection, p string) ([]byte, error) {
	f, ok := d.Snap.Stat(p)
	if !ok {
		return nil, fs.ErrNotExist
	}
	if f.Size > maxLockfileSize {
		return nil, fmt.Errorf("%d bytes, over the %d MiB cap for lockfiles", f.Size, maxLockfileSize>>20)
	}
	raw, err := fs.ReadFile(d.Snap.FS(), p)
	var pe *fs.PathError
	if errors.As(err, &pe) {
		return nil, pe.Err
	}
	if err != nil {
		return nil, err
	}
	head := raw
	if len(head) > 8192 {
		head = head[:8192]
	}
	if bytes.IndexByte(head, 0) >= 0 {
		return nil, repo.ErrBinary
	}
	return raw, nil
}

// parseNodeLockfile parses a lockfile by its file name.
func parseNodeLockfile(base string, raw []byte) (*lockData, error) {
	switch base {
	case "package-lock.json", "npm-shrinkwrap.json":
		return parseNpmLock(raw)
	case "yarn.lock":
		return parseYarnLock(raw)
	case "pnpm-lock.yaml":
		return parsePnpmLock(raw)
	case "bun.lock":
		return parseBunLock(raw)
	}
	return nil, fmt.Errorf("unknown lockfile %s", base)
}

// parseNpmLock reads package-lock.json and npm-shrinkwrap.json: v1 nests
// `dependencies`, v2 and v3 key `packages` by install path.
func parseNpmLock(raw []byte) (*lockData, error) {
	var doc struct {
		Packages map[string]struct {
			Version string `json:"version"`
			Name    string `json:"name"`
			Link    bool   `json:"link"`
		} `json:"packages"`
		Dependencies map[string]json.RawMessage `json:"dependencies"`
	}
	if err := json.Unmarshal(raw, &doc); err != nil {
		return nil, jsonError(raw, err)
	}
	l := newLockData()
	for key, p := range doc.Packages {
		i := strings.LastIndex(key, "node_modules/")
		if i < 0 || p.Link {
			continue
		}
		name := key[i+len("node_modules/"):]
		importer := strings.TrimSuffix(key[:i], "/")
		if importer == "" {
			importer = "."
		}
		if strings.Contains(importer, "node_modules") {
			// A nested copy under another package, not a direct dependency.
			l.addPackage(name, p.Version)
			continue
		}
		l.setImporter(importer, name, p.Version)
		if importer == "." {
			l.addPackage(name, p.Version)
		}
	}
	if len(doc.Packages) == 0 {
		for name, v := range doc.Dependencies {
			var dep struct {
				Version string `json:"version"`
			}
			if json.Unmarshal(v, &dep) == nil {
				l.setImporter(".", name, dep.Version)
				l.addPackage(name, dep.Version)
			}
		}
	}
	return l, nil
}

// parseYarnLock reads both yarn.lock formats: berry's is YAML with a
// __metadata entry, classic v1 is its own indented text format.
func parseYarnLock(raw []byte) (*lockData, error) {
	if isYarnBerry(raw) {
		return parseYarnBerry(raw)
	}
	return parseYarnClassic(raw)
}

func isYarnBerry(raw []byte) bool {
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for sc.Scan() {
		line := sc.Text()
		if line == "__metadata:" || strings.HasPrefix(line, "\"__metadata\":") {
			return true
		}
	}
	return false
}

func parseYarnBerry(raw []byte) (*lockData, error) {
	var doc map[string]yaml.Node
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return nil, err
	}
	l := newLockData()
	for _, key := range orderedKeys(doc) {
		if key == "__metadata" {
			continue
		}
		var entry struct {
			Version string `yaml:"version"`
		}
		n := doc[key]
		if err := n.Decode(&entry); err != nil {
			return nil, fmt.Errorf("line %d: entry %q: %v", n.Line, key, err)
		}
		byName := map[string][]string{}
		for desc := range strings.SplitSeq(key, ",") {
			name, rng := splitDescriptor(strings.TrimSpace(desc))
			rng = strings.TrimPrefix(rng, "npm:")
			byName[name] = append(byName[name], rng)
		}
		for _, name := range orderedKeys(byName) {
			l.addPackage(name, entry.Version, byName[name]...)
		}
	}
	return l, nil
}

// parseYarnClassic reads the v1 format:
//
//	"@babel/core@^7.0.0", "@babel/core@^7.1.0":
//	  version "7.1.2"
func parseYarnClassic(raw []byte) (*lockData, error) {
	l := newLockData()
	var descs []string
	header := 0
	flush := func(version string) {
		byName := map[string][]string{}
		for _, desc := range descs {
			name, rng := splitDescriptor(desc)
			byName[name] = append(byName[name], rng)
		}
		for _, name := range orderedKeys(byName) {
			l.addPackage(name, version, byName[name]...)
		}
		descs = nil
	}
	sc := bufio.NewScanner(bytes.NewReader(raw))
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	n := 0
	for sc.Scan() {
		n++
		line := strings.TrimRight(sc.Text(), "\r")
		trimmed := strings.TrimSpace(line)
		if trimmed == "" || strings.HasPrefix(trimmed, "#") {
			continue
		}
		indented := line[0] == ' ' || line[0] == '\t'
		if !indented {
			if !strings.HasSuffix(trimmed, ":") {
				return nil, fmt.Errorf("line %d: expected an entry header ending in ':', found %q", n, truncate(trimmed, 60))
			}
			descs = nil
			header = n
			for _, desc := range splitYarnHeader(strings.TrimSuffix(trimmed, ":")) {
				if desc != "" {
					descs = append(descs, desc)
				}
			}
			continue
		}
		if descs == nil {
			continue
		}
		if rest, ok := strings.CutPrefix(trimmed, "version "); ok && strings.HasPrefix(line, "  ") && !strings.HasPrefix(line, "    ") {
			v := strings.Trim(strings.TrimSpace(rest), `"`)
			if v == "" {
				return nil, fmt.Errorf("line %d: empty version for the entry of line %d", n, header)
			}
			flush(v)
		}
	}
	if err := sc.Err(); err != nil {
		return nil, err
	}
	return l, nil
}

// splitYarnHeader splits `"a@^1", b@^2` into descriptors, honouring quotes.
func splitYarnHeader(s string) []string {
	var out []string
	var cur strings.Builder
	quoted := false
	for _, r := range s {
		switch {
		case r == '"':
			quoted = !quoted
		case r == ',' && !quoted:
			out = append(out, strings.TrimSpace(cur.String()))
			cur.Reset()
		default:
			cur.WriteRune(r)
		}
	}
	out = append(out, strings.TrimSpace(cur.String()))
	return out
}

// splitDescriptor splits `@scope/name@^1.2.0` into name and range.
func splitDescriptor(desc string) (string, string) {
	desc = strings.Trim(desc, `"`)
	i := strings.LastIndex(desc, "@")
	if i <= 0 {
		return desc, ""
	}
	// A range may itself hold "@" (npm:other@^1); the name ends at the
	// first "@" after a leading scope.
	if j := strings.Index(desc[1:], "@"); j >= 0 {
		i = j + 1
	}
	return desc[:i], desc[i+1:]
}

// parsePnpmLock reads pnpm-lock.yaml from lockfile v5 to v9. Importers hold
// the direct dependencies; v5 keeps a single project's at the top level
// with bare versions, v6+ use {specifier, version} maps.
func parsePnpmLock(raw []byte) (*lockData, error) {
	var doc struct {
		LockfileVersion      any                  `yaml:"lockfileVersion"`
		Importers            map[string]pnpmDeps  `yaml:"importers"`
		Dependencies         map[string]yaml.Node `yaml:"dependencies"`
		DevDependencies      map[string]yaml.Node `yaml:"devDependencies"`
		OptionalDependencies map[string]yaml.Node `yaml:"optionalDependencies"`
		Specifiers           map[string]string    `yaml:"specifiers"`
	}
	if err := yaml.Unmarshal(raw, &doc); err != nil {
		return nil, err
	}
	if doc.LockfileVersion == nil {
		return nil, errors.New("no lockfileVersion: not a pnpm lockfile")
	}
	l := newLockData()
	add := func(importer string, deps pnpmDeps) {
		for _, table := range []map[string]yaml.Node{deps.Dependencies, deps.DevDependencies, deps.OptionalDependencies} {
			for name, n := range table {
				l.setImporter(importer, name, pnpmVersion(n))
			}
		}
	}
	for importer, deps := range doc.Importers {
		imp := strings.TrimPrefix(importer, "./")
		if imp == "" {
			imp = "."
		}
		add(imp, deps)
	}
	add(".", pnpmDeps{Dependencies: doc.Dependencies, DevDependencies: doc.DevDependencies, OptionalDependencies: doc.OptionalDependencies})
	return l, nil
}

// pnpmDeps is an importer's dependency tables.
type pnpmDeps struct {
	Dependencies         map[string]yaml.Node `yaml:"dependencies"`
	DevDependencies      map[string]yaml.Node `yaml:"devDependencies"`
	OptionalDependencies map[string]yaml.Node `yaml:"optionalDependencies"`
}

// pnpmVersion reads a version that is either a scalar (v5: `4.18.2` or
// `4.18.2_debug@4.3.4`) or a map with a `version` key (v6+: `4.18.2(debug@4.3.4)`).
// Workspace links (`link:../shared`) are not versions.
func pnpmVersion(n yaml.Node) string {
	var v string
	switch n.Kind {
	case yaml.ScalarNode:
		v = n.Value
	case yaml.MappingNode:
		var m struct {
			Version string `yaml:"version"`
		}
		if n.Decode(&m) != nil {
			return ""
		}
		v = m.Version
	}
	if strings.HasPrefix(v, "link:") || strings.HasPrefix(v, "file:") {
		return ""
	}
	if i := strings.IndexAny(v, "(_"); i > 0 {
		v = v[:i]
	}
	return strings.TrimPrefix(v, "/")
}

// parseBunLock reads bun.lock, JSON with comments and trailing commas.
// `workspaces` maps folders to their declared dependencies and `packages`
// maps names to ["name@version", ...] tuples.
func parseBunLock(raw []byte) (*lockData, error) {
	std, err := hujson.Standardize(raw)
	if err != nil {
		return nil, err
	}
	var doc struct {
		LockfileVersion *int                         `json:"lockfileVersion"`
		Packages        map[string][]json.RawMessage `json:"packages"`
	}
	if err := json.Unmarshal(std, &doc); err != nil {
		return nil, jsonError(std, err)
	}
	if doc.LockfileVersion == nil {
		return nil, errors.New("no lockfileVersion: not a bun lockfile")
	}
	l := newLockData()
	keys := orderedKeys(doc.Packages)
	for _, key := range keys {
		tuple := doc.Packages[key]
		if len(tuple) == 0 {
			continue
		}
		var ident string
		if json.Unmarshal(tuple[0], &ident) != nil {
			continue
		}
		name, version := splitDescriptor(ident)
		if strings.Contains(version, ":") {
			// workspace:, link:, github: and the like are not registry versions.
			continue
		}
		if !strings.Contains(key, "/") || strings.HasPrefix(key, "@") && strings.Count(key, "/") == 1 {
			// A top-level entry: the version the root installs.
			l.addPackage(name, version)
		}
	}
	return l, nil
}

func truncate(s string, n int) string {
	if len(s) <= n {
		return s
	}
	return s[:n] + "…"
}
