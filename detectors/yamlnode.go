package detectors

import (
	"bytes"
	"errors"
	"io"
	"path"
	"strings"

	"go.yaml.in/yaml/v3"
)

// YAML helpers for the deployment and CI families. They walk yaml.Node trees
// rather than decoding into structs so every fact keeps its line number, and
// custom tags (CloudFormation's !Ref, !Sub, GitLab's !reference) are just
// tagged nodes instead of decode errors.

// yamlDocs parses every document of a YAML stream.
func yamlDocs(data []byte) ([]*yaml.Node, error) {
	dec := yaml.NewDecoder(bytes.NewReader(data))
	var docs []*yaml.Node
	for {
		var n yaml.Node
		err := dec.Decode(&n)
		if errors.Is(err, io.EOF) {
			return docs, nil
		}
		if err != nil {
			return docs, err
		}
		docs = append(docs, &n)
	}
}

// yamlDoc parses a single-document YAML file and returns its root mapping,
// or nil when the root is not a mapping.
func yamlDoc(data []byte) (*yaml.Node, error) {
	docs, err := yamlDocs(data)
	if err != nil {
		return nil, err
	}
	if len(docs) == 0 {
		return nil, nil
	}
	return ymap(docs[0]), nil
}

// yderef follows document wrappers and aliases, boundedly.
func yderef(n *yaml.Node) *yaml.Node {
	for i := 0; n != nil && i < 8; i++ {
		switch n.Kind {
		case yaml.DocumentNode:
			if len(n.Content) == 0 {
				return nil
			}
			n = n.Content[0]
		case yaml.AliasNode:
			n = n.Alias
		default:
			return n
		}
	}
	return n
}

// ymap returns n as a mapping node, or nil.
func ymap(n *yaml.Node) *yaml.Node {
	n = yderef(n)
	if n == nil || n.Kind != yaml.MappingNode {
		return nil
	}
	return n
}

// yseq returns the items of a sequence node (nil for anything else).
func yseq(n *yaml.Node) []*yaml.Node {
	n = yderef(n)
	if n == nil || n.Kind != yaml.SequenceNode {
		return nil
	}
	out := make([]*yaml.Node, 0, len(n.Content))
	for _, c := range n.Content {
		out = append(out, yderef(c))
	}
	return out
}

// ypair is one key and value of a mapping.
type ypair struct {
	key   string
	line  int
	value *yaml.Node
}

// ypairs lists a mapping's entries in order, with merge keys (<<) expanded
// after the explicit ones so explicit keys win.
func ypairs(n *yaml.Node) []ypair {
	return ypairsDepth(n, 0)
}

func ypairsDepth(n *yaml.Node, depth int) []ypair {
	m := ymap(n)
	if m == nil || depth > 4 {
		return nil
	}
	var out, merged []ypair
	seen := map[string]bool{}
	for i := 0; i+1 < len(m.Content); i += 2 {
		k, v := m.Content[i], m.Content[i+1]
		if k.Kind == yaml.ScalarNode && k.Value == "<<" && k.Tag != "!!str" {
			for _, src := range append([]*yaml.Node{v}, yseq(v)...) {
				merged = append(merged, ypairsDepth(src, depth+1)...)
			}
			continue
		}
		if k.Kind != yaml.ScalarNode {
			continue
		}
		seen[k.Value] = true
		out = append(out, ypair{key: k.Value, line: k.Line, value: yderef(v)})
	}
	for _, p := range merged {
		if !seen[p.key] {
			seen[p.key] = true
			out = append(out, p)
		}
	}
	return out
}

// yget returns the value of key in mapping n, or nil.
func yget(n *yaml.Node, key string) *yaml.Node {
	for _, p := range ypairs(n) {
		if p.key == key {
			return p.value
		}
	}
	return nil
}

// ykeyLine returns the line of key in mapping n, or 0.
func ykeyLine(n *yaml.Node, key string) int {
	for _, p := range ypairs(n) {
		if p.key == key {
			return p.line
		}
	}
	return 0
}

// ystr returns a scalar's value, or "" for anything else.
func ystr(n *yaml.Node) string {
	n = yderef(n)
	if n == nil || n.Kind != yaml.ScalarNode {
		return ""
	}
	return n.Value
}

// maxYAMLList caps how many strings a flattened list yields, so anchors
// nested inside each other cannot multiply into millions of commands.
const maxYAMLList = 1000

// ystrs returns a scalar as one string or a sequence of scalars as many;
// nested sequences (lists spliced in by anchors) are flattened, to a bounded
// depth so a self-referencing alias cannot recurse forever.
func ystrs(n *yaml.Node) []string {
	return ystrsDepth(n, 0)
}

func ystrsDepth(n *yaml.Node, depth int) []string {
	n = yderef(n)
	if n == nil || depth > 4 {
		return nil
	}
	switch n.Kind {
	case yaml.ScalarNode:
		if n.Tag == "!!null" {
			return nil
		}
		return []string{n.Value}
	case yaml.SequenceNode:
		var out []string
		for _, c := range yseq(n) {
			if len(out) >= maxYAMLList {
				break // an alias bomb: lists of lists of the same anchor
			}
			if s := ystr(c); s != "" {
				out = append(out, s)
			} else if c != nil && c.Kind == yaml.SequenceNode {
				out = append(out, ystrsDepth(c, depth+1)...)
			}
		}
		return out
	}
	return nil
}

// joinPath joins a relative slash path onto dir and cleans it; it returns ""
// for absolute paths, URLs and paths that leave the repository.
func joinPath(dir, rel string) string {
	if rel == "" {
		return path.Clean(dir)
	}
	if strings.HasPrefix(rel, "/") || strings.Contains(rel, "://") || strings.Contains(rel, "$") {
		return ""
	}
	p := path.Clean(path.Join(dir, rel))
	if p == ".." || strings.HasPrefix(p, "../") {
		return ""
	}
	return p
}

// lineOfKey returns the first line (1-based) of data whose trimmed text starts
// with key followed by optional spaces and one of the separators; 0 if none.
// It serves evidence lines for formats whose parser gives no positions (TOML).
func lineOfKey(data []byte, key string, seps string) int {
	return lineOfKeyIn(data, "", key, seps)
}

// lineOfKeyIn is lineOfKey restricted to the lines after a section header
// such as "[processes]" ("" for the whole file).
func lineOfKeyIn(data []byte, section, key string, seps string) int {
	in := section == ""
	for i, l := range strings.Split(string(data), "\n") {
		t := strings.TrimSpace(l)
		if section != "" && strings.HasPrefix(t, "[") {
			in = t == section
			continue
		}
		if !in {
			continue
		}
		if rest, ok := strings.CutPrefix(t, key); ok {
			rest = strings.TrimLeft(rest, " \t")
			if rest != "" && strings.ContainsRune(seps, rune(rest[0])) {
				return i + 1
			}
		}
	}
	return 0
}
