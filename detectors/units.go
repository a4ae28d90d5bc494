package detectors

import (
	"github.com/stackaudit/stackaudit/stack"
)

// Unit returns the unit of the given ecosystem at dir, creating it when it
// does not exist yet. The pointer stays valid for the whole detection.
func (d *Detection) Unit(dir, ecosystem string) *stack.Unit {
	for _, u := range d.Inventory.Units {
		if u.Path == dir && u.Ecosystem == ecosystem {
			return u
		}
	}
	u := &stack.Unit{Path: dir, Ecosystem: ecosystem}
	d.Inventory.Units = append(d.Inventory.Units, u)
	return u
}

// addManifest records path as one of u's manifests, once.
func addManifest(u *stack.Unit, path string) {
	for _, m := range u.Manifests {
		if m == path {
			return
		}
	}
	u.Manifests = append(u.Manifests, path)
}

// addLockfile records a lockfile of u, once.
func addLockfile(u *stack.Unit, path, manager string) {
	for _, l := range u.Lockfiles {
		if l.Path == path {
			return
		}
	}
	u.Lockfiles = append(u.Lockfiles, stack.Lockfile{Path: path, Manager: manager})
}

// addTool records a tool of u; the first evidence found for an id and kind wins.
func addTool(u *stack.Unit, id, kind string, ev stack.Evidence) {
	for _, t := range u.Tools {
		if t.ID == id && t.Kind == kind {
			return
		}
	}
	u.Tools = append(u.Tools, stack.Tool{ID: id, Kind: kind, Evidence: ev})
}

// addComponent records a component of u, merging with one of the same id:
// a declaration from a manifest fills the constraint, a lockfile the version.
func addComponent(u *stack.Unit, c stack.Component) *stack.Component {
	for i := range u.Components {
		e := &u.Components[i]
		if e.ID != c.ID {
			continue
		}
		if e.Constraint == "" {
			e.Constraint = c.Constraint
		}
		if e.Version == "" {
			e.Version = c.Version
		}
		if e.Package == "" {
			e.Package = c.Package
		}
		if e.Evidence.Path == "" {
			e.Evidence = c.Evidence
		}
		e.Declared = e.Declared || c.Declared
		e.Imported = e.Imported || c.Imported
		return e
	}
	u.Components = append(u.Components, c)
	return &u.Components[len(u.Components)-1]
}
