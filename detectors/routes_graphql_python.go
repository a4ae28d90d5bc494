package detectors

import (
	"strings"

	"github.com/stackaudit/stackaudit/internal/source"
	"github.com/stackaudit/stackaudit/stack"
	"github.com/stackaudit/stackaudit/syntax"
)

// GraphQL operations of Python units, read by the routes-js family (it owns
// the "graphql" framework): .graphql schemas, graphene root types
// (class CheckoutMutations(graphene.ObjectType): checkout_create =
// CheckoutCreate.Field()) and strawberry root types (@strawberry.mutation
// methods of class Mutation). graphene and strawberry name fields in
// camelCase, as the schema does.

// pyUsesGraphQL reports whether a Python unit depends on a GraphQL server
// library.
func pyUsesGraphQL(u *stack.Unit) bool {
	for _, dep := range u.Dependencies {
		switch n := dep.Name; {
		case strings.HasPrefix(n, "graphene"), strings.HasPrefix(n, "strawberry"), n == "ariadne", n == "graphql-core", n == "tartiflette":
			return true
		}
	}
	return false
}

// pyGraphQLKind returns the operation kind of a root type by its class
// name (Mutation, CheckoutMutations, AccountQueries, Subscription), or "".
func pyGraphQLKind(name string) string {
	switch {
	case strings.HasSuffix(name, "Mutation") || strings.HasSuffix(name, "Mutations"):
		return "MUTATION"
	case strings.HasSuffix(name, "Query") || strings.HasSuffix(name, "Queries"):
		return "QUERY"
	case strings.HasSuffix(name, "Subscription") || strings.HasSuffix(name, "Subscriptions"):
		return "SUBSCRIPTION"
	}
	return ""
}

// camelField converts a Python field name to graphene's camelCase
// (checkout_create → checkoutCreate); a leading underscore is kept.
func camelField(name string) string {
	lead := len(name) - len(strings.TrimLeft(name, "_"))
	parts := strings.Split(name[lead:], "_")
	var b strings.Builder
	b.WriteString(name[:lead])
	for i, p := range parts {
		if i > 0 && p != "" {
			p = strings.ToUpper(p[:1]) + p[1:]
		}
		b.WriteString(p)
	}
	return b.String()
}

// pyGraphQLRoutes adds the operations a Python file declares.
func (st *jsRouteState) pyGraphQLRoutes(p string, u *stack.Unit, classes map[string]stack.Evidence) {
	f := source.Whole(st.d.Snap, p)
	if f == nil {
		return
	}
	// strawberry: @strawberry.mutation / @strawberry.field methods of a root type.
	for _, fn := range f.Functions {
		kind := pyGraphQLKind(fn.Class)
		if kind == "" {
			continue
		}
		for _, dec := range fn.Decorators {
			switch dec.Name {
			case "strawberry.mutation", "strawberry.field", "strawberry.subscription", "mutation", "field", "subscription":
			default:
				continue
			}
			st.add(jsRoute{u: u, r: stack.Route{Method: kind, Path: camelField(fn.Name), Framework: "graphql",
				Handler:         fn.Class + "." + fn.Name,
				HandlerEvidence: &stack.Evidence{Path: p, Line: fn.Line},
				Evidence:        stack.Evidence{Path: p, Line: dec.Line}}})
		}
	}
	// graphene: field assignments in the body of a root ObjectType.
	var roots []syntax.Class
	for _, c := range f.Classes {
		if pyGraphQLKind(c.Name) == "" {
			continue
		}
		for _, b := range c.Bases {
			if strings.HasSuffix(b, "ObjectType") { // graphene.ObjectType, or a project's subclass of it
				roots = append(roots, c)
				break
			}
		}
	}
	if len(roots) == 0 {
		return
	}
	src, err := source.Text(st.d.Snap, p)
	if err != nil {
		return
	}
	toks := syntax.TokenizePython(src)
	text := func(i int) string {
		if i < 0 || i >= len(toks) {
			return ""
		}
		return string(toks[i].Text(src))
	}
	resolvers := map[string]int{}
	for _, fn := range f.Functions {
		if strings.HasPrefix(fn.Name, "resolve_") && fn.Class != "" {
			resolvers[fn.Class+"."+fn.Name] = fn.Line
		}
	}
	for _, c := range roots {
		kind := pyGraphQLKind(c.Name)
		// Find "class Name" and walk its body at depth 1.
		i := 0
		for i < len(toks) && !(toks[i].Line == c.Line && text(i) == "class" && text(i+1) == c.Name) {
			i++
		}
		depth := 0
		start := true
		for i++; i < len(toks); i++ {
			switch toks[i].Kind {
			case syntax.Indent:
				depth++
				start = true
				continue
			case syntax.Dedent:
				depth--
				start = true
				if depth <= 0 {
					i = len(toks)
				}
				continue
			case syntax.Newline:
				start = true
				continue
			case syntax.Comment:
				continue
			}
			at := start
			start = false
			if !at || depth != 1 || toks[i].Kind != syntax.Name || text(i+1) != "=" {
				continue
			}
			name := text(i)
			// The value: a dotted callee and "(".
			j := i + 2
			if text(j) == "(" { // name = (\n X.Field()\n)
				j++
			}
			first := j
			for j+2 < len(toks) && toks[j].Kind == syntax.Name && text(j+1) == "." {
				j += 2
			}
			if j >= len(toks) || toks[j].Kind != syntax.Name || text(j+1) != "(" {
				continue
			}
			var callee strings.Builder
			for k := first; k <= j; k++ {
				callee.WriteString(text(k))
			}
			r := jsRoute{u: u, r: stack.Route{Method: kind, Path: camelField(name), Framework: "graphql",
				Evidence: stack.Evidence{Path: p, Line: toks[i].Line}}}
			cls, isField := strings.CutSuffix(callee.String(), ".Field")
			cls = cls[strings.LastIndexByte(cls, '.')+1:]
			if isField && cls != "" && cls[0] >= 'A' && cls[0] <= 'Z' { // CheckoutCreate.Field(), not graphene.Field(T)
				r.r.Handler = cls
				if ev, ok := classes[cls]; ok {
					r.r.HandlerEvidence = &ev
				}
			} else if line, ok := resolvers[c.Name+".resolve_"+name]; ok {
				r.r.Handler = c.Name + ".resolve_" + name
				r.r.HandlerEvidence = &stack.Evidence{Path: p, Line: line}
			}
			if r.r.HandlerEvidence == nil {
				ev := r.r.Evidence
				r.r.HandlerEvidence = &ev
			}
			st.add(r)
		}
	}
}
