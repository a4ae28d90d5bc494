package detectors

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/BurntSushi/toml"
)

// readPyLockfile returns the versions a Python lockfile resolves, keyed by
// normalised name. manager is uv, poetry, pdm or pipenv.
func readPyLockfile(d *Detection, p, manager string) map[string]string {
	// Lockfiles of large projects pass the 1 MiB text cap (a uv.lock lists
	// every wheel's hash); readLockfile gives them a cap of their own.
	b, err := readLockfile(d, p)
	if err != nil {
		d.Problemf(p, "cannot read: %v", pyReadErr(err))
		return nil
	}
	var versions map[string]string
	if manager == "pipenv" {
		versions, err = parsePipfileLock(b)
	} else {
		versions, err = parsePyTOMLLock(b)
	}
	if err != nil {
		d.Problemf(p, "cannot parse: %v; regenerate it with `%s lock` so resolved versions can be read", err, manager)
		return nil
	}
	return versions
}

// parsePyTOMLLock reads the [[package]] name/version entries that uv.lock,
// poetry.lock and pdm.lock share.
func parsePyTOMLLock(b []byte) (map[string]string, error) {
	var doc struct {
		Package []map[string]any `toml:"package"`
	}
	if _, err := toml.Decode(string(b), &doc); err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, pkg := range doc.Package {
		name, _ := pkg["name"].(string)
		version, _ := pkg["version"].(string)
		if name == "" || version == "" {
			continue
		}
		n := normalizePyName(name)
		if _, ok := out[n]; !ok {
			out[n] = version
		}
	}
	return out, nil
}

// parsePipfileLock reads Pipfile.lock's "default" and "develop" sections,
// whose versions are written "==5.0.1".
func parsePipfileLock(b []byte) (map[string]string, error) {
	var doc map[string]json.RawMessage
	if err := json.Unmarshal(b, &doc); err != nil {
		return nil, err
	}
	out := map[string]string{}
	for _, sec := range []string{"default", "develop"} {
		raw, ok := doc[sec]
		if !ok {
			continue
		}
		var pkgs map[string]json.RawMessage
		if err := json.Unmarshal(raw, &pkgs); err != nil {
			return nil, fmt.Errorf("section %q: %w", sec, err)
		}
		for name, raw := range pkgs {
			var pkg struct {
				Version string `json:"version"`
			}
			if json.Unmarshal(raw, &pkg) != nil {
				continue
			}
			v := strings.TrimSpace(strings.TrimPrefix(pkg.Version, "=="))
			if v == "" {
				continue
			}
			n := normalizePyName(name)
			if _, ok := out[n]; !ok {
				out[n] = v
			}
		}
	}
	return out, nil
}
