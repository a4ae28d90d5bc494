package detectors

import (
	"github.com/stackaudit/stackaudit/stack"
	"go.yaml.in/yaml/v3"
)

// ciImageRuntime reads the Node or Python version of a CI job's container
// image (GitLab `image: node:16` or `image: {name: python:3.8}`, CircleCI
// `docker: [{image: cimg/node:16.20}]`); nil when the image is neither.
func ciImageRuntime(p string, n *yaml.Node) *stack.Runtime {
	n = yderef(n)
	if n != nil && n.Kind == yaml.MappingNode {
		n = yderef(yget(n, "name"))
	}
	image := ystr(n)
	if image == "" {
		return nil
	}
	rt := runtimeFromImage(image)
	if rt == nil {
		return nil
	}
	rt.Evidence = stack.Evidence{Path: p, Line: n.Line, Detail: "image: " + image}
	return rt
}

// travisRuntimes reads Travis CI's node_js and python keys of a mapping
// (the file's top level or a jobs.include entry): a version or a list.
func travisRuntimes(p string, n *yaml.Node) []stack.Runtime {
	var out []stack.Runtime
	for _, k := range []struct{ key, name string }{{"node_js", stack.Node}, {"python", stack.Python}} {
		v := yderef(yget(n, k.key))
		if v == nil {
			continue
		}
		items := []*yaml.Node{v}
		if v.Kind == yaml.SequenceNode {
			items = yseq(v)
		}
		for _, it := range items {
			it = yderef(it)
			if s := ystr(it); s != "" {
				out = append(out, stack.Runtime{Name: k.name, Constraint: s, Evidence: stack.Evidence{Path: p, Line: it.Line, Detail: k.key + ": " + s}})
			}
		}
	}
	return out
}
