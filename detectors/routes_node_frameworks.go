package detectors

import (
	"path"
	"sort"
	"strings"

	"github.com/stackaudit/stackaudit/internal/source"
	"github.com/stackaudit/stackaudit/stack"
	"github.com/stackaudit/stackaudit/syntax"
)

// nestRoutes reads the routes of a file that are not calls on a router:
// NestJS controllers, GraphQL resolvers and schemas, and Next.js files.
func (st *jsRouteState) nestRoutes(rf *jsRouteFile, global string, uriVersion bool) {
	f := rf.f
	nestCommon := false
	for _, im := range f.Imports {
		if im.Module == "@nestjs/common" {
			nestCommon = true
		}
	}
	for _, cls := range f.Classes {
		for _, dec := range cls.Decorators {
			if dec.Name != "Controller" || !nestCommon {
				continue
			}
			ctrl := jsDecoratorPaths(dec)
			if ctrl == nil {
				continue
			}
			version := ""
			if uriVersion {
				version = jsDecoratorOption(dec, "version")
			}
			st.nestMethods(rf, cls, ctrl, global, version, uriVersion)
		}
	}
	st.gqlDecorators(rf)
	if jsHasComponent(rf.u, "nextjs") {
		st.nextRoutes(rf)
	}
	if jsUsesGraphQL(rf.u) && st.tokens(rf) {
		st.gqlSource(rf)
	}
}

// jsHasComponent reports whether a unit has the component id.
func jsHasComponent(u *stack.Unit, id string) bool {
	for _, c := range u.Components {
		if c.ID == id {
			return true
		}
	}
	return false
}

// jsDecoratorPaths returns the paths a decorator's arguments give: none →
// [""], a string, an array of strings, or { path: … }. It returns nil when
// the argument is something else (a constant).
func jsDecoratorPaths(dec syntax.Decorator) []string {
	if strings.TrimSpace(dec.Args) == "" {
		return []string{""}
	}
	t := newJSToks([]byte("f("+dec.Args+")"), false)
	args := t.args(1)
	if len(args) == 0 {
		return []string{""}
	}
	if l := t.strList(args[0]); l != nil {
		return l
	}
	if keys := t.objKeys(args[0]); keys != nil {
		p, ok := keys["path"]
		if !ok {
			return []string{""}
		}
		return t.strList(p)
	}
	return nil
}

// jsDecoratorOption returns the string (or first string of an array) a
// decorator's object argument gives for key ({ path: 'x', version: '1' }).
func jsDecoratorOption(dec syntax.Decorator, key string) string {
	if dec.Args == "" {
		return ""
	}
	t := newJSToks([]byte("f("+dec.Args+")"), false)
	for _, a := range t.args(1) {
		if keys := t.objKeys(a); keys != nil {
			if l := t.strList(keys[key]); len(l) > 0 {
				return l[0]
			}
		}
	}
	return ""
}

// jsDecoratorName returns the "name" option of a GraphQL decorator
// (@Mutation(() => X, { name: 'checkout' })), or "".
func jsDecoratorName(dec syntax.Decorator) string {
	if dec.Args == "" {
		return ""
	}
	t := newJSToks([]byte("f("+dec.Args+")"), false)
	for _, a := range t.args(1) {
		if v, ok := t.str(a); ok {
			return v
		}
		if keys := t.objKeys(a); keys != nil {
			if v, ok := t.str(keys["name"]); ok {
				return v
			}
		}
	}
	return ""
}

// nestMethods adds the routes of a controller's methods.
func (st *jsRouteState) nestMethods(rf *jsRouteFile, cls syntax.Class, ctrl []string, global, version string, uriVersion bool) {
	for _, fn := range rf.f.Functions {
		if fn.Class != cls.Name || fn.Line < cls.Line || fn.Line > cls.EndLine || !fn.Method {
			continue
		}
		v := version
		for _, dec := range fn.Decorators {
			if dec.Name == "Version" && uriVersion {
				if l := jsDecoratorPaths(dec); len(l) > 0 {
					v = l[0]
				}
			}
		}
		if v != "" {
			v = "v" + v
		}
		for _, dec := range fn.Decorators {
			method, ok := jsNestMethods[dec.Name]
			if !ok {
				continue
			}
			for _, cp := range ctrl {
				for _, mp := range jsDecoratorPaths(dec) {
					st.add(jsRoute{u: rf.u, r: stack.Route{
						Method: method, Path: jsJoinRoute(global, v, cp, mp), Framework: "nestjs",
						Handler:         cls.Name + "." + fn.Name,
						HandlerEvidence: &stack.Evidence{Path: rf.path, Line: fn.Line},
						Evidence:        stack.Evidence{Path: rf.path, Line: dec.Line},
					}})
				}
			}
		}
	}
}

// jsGQLKinds maps GraphQL root types to route methods.
var jsGQLKinds = map[string]string{"Query": "QUERY", "Mutation": "MUTATION", "Subscription": "SUBSCRIPTION"}

// gqlDecorators adds resolver methods decorated with @Query, @Mutation or
// @Subscription from @nestjs/graphql or type-graphql.
func (st *jsRouteState) gqlDecorators(rf *jsRouteFile) {
	for _, fn := range rf.f.Functions {
		if !fn.Method || fn.Class == "" {
			continue
		}
		for _, dec := range fn.Decorators {
			kind, ok := jsGQLKinds[dec.Name]
			b, bound := rf.binds[dec.Name]
			if !ok || !bound || (b.module != "@nestjs/graphql" && b.module != "type-graphql") {
				continue
			}
			name := jsDecoratorName(dec)
			if name == "" {
				name = fn.Name
			}
			st.add(jsRoute{u: rf.u, r: stack.Route{
				Method: kind, Path: name, Framework: "graphql",
				Handler:         fn.Class + "." + fn.Name,
				HandlerEvidence: &stack.Evidence{Path: rf.path, Line: fn.Line},
				Evidence:        stack.Evidence{Path: rf.path, Line: dec.Line},
			}})
		}
	}
}

// gqlSource adds the operations of gql`…` schemas and of resolver maps
// ({ Mutation: { checkout() {…} } }).
func (st *jsRouteState) gqlSource(rf *jsRouteFile) {
	t := rf.t
	for i := range t.toks {
		switch {
		case (t.is(i, syntax.Name, "gql") || t.is(i, syntax.Name, "graphql")) && i+1 < len(t.toks) &&
			(t.toks[i+1].Kind == syntax.Template || t.toks[i+1].Kind == syntax.TemplateHead):
			end := i + 1
			if t.toks[end].Kind == syntax.TemplateHead {
				if m := t.match[end]; m > end {
					end = m
				} else {
					continue
				}
			}
			text := []byte(string(t.src[t.toks[i+1].Start:t.toks[end].End]))
			// Blank substitutions (fragments) out, keeping lines.
			for k := i + 2; k < end; k++ {
				tok := t.toks[k]
				if tok.Kind == syntax.TemplateMiddle {
					continue
				}
				for b := tok.Start; b < tok.End; b++ {
					if o := b - t.toks[i+1].Start; text[o] != '\n' {
						text[o] = ' '
					}
				}
			}
			for _, op := range sdlOperations(string(text)) {
				st.add(jsRoute{u: rf.u, r: stack.Route{Method: op.kind, Path: op.name, Framework: "graphql",
					Evidence: stack.Evidence{Path: rf.path, Line: t.toks[i+1].Line + op.line - 1}}})
			}
		case t.name(i) && jsGQLKinds[t.text(i)] != "" && t.op(i+1, ":") && t.op(i+2, "{") && (t.op(i-1, "{") || t.op(i-1, ",")):
			end := t.match[i+2]
			if end < 0 {
				continue
			}
			kind := jsGQLKinds[t.text(i)]
			for key, v := range t.objKeys(jsSpan{i + 2, end + 1}) {
				if !t.isFunc(v) && t.dotted(v) == "" && !t.op(v.a+1, "(") && !t.is(v.a, syntax.Name, "async") {
					continue
				}
				line := t.toks[v.a].Line
				st.add(jsRoute{u: rf.u, r: stack.Route{Method: kind, Path: key, Framework: "graphql",
					Handler:         t.text(i) + "." + key,
					HandlerEvidence: &stack.Evidence{Path: rf.path, Line: line},
					Evidence:        stack.Evidence{Path: rf.path, Line: line}}})
			}
		}
	}
}

// sdlOp is one operation a GraphQL schema declares.
type sdlOp struct {
	kind, name string
	line       int
}

// sdlOperations returns the fields of the Query, Mutation and Subscription
// types (and their extensions) in GraphQL SDL text.
func sdlOperations(src string) []sdlOp {
	var toks []sdlTok
	line := 1
	for i := 0; i < len(src); {
		c := src[i]
		switch {
		case c == '\n':
			line++
			i++
		case c == '#':
			for i < len(src) && src[i] != '\n' {
				i++
			}
		case c == '"':
			n := 1
			if strings.HasPrefix(src[i:], `"""`) {
				n = 3
			}
			j := i + n
			for j < len(src) {
				if src[j] == '\\' {
					j += 2
					continue
				}
				if strings.HasPrefix(src[j:], `"""`[:n]) {
					break
				}
				if src[j] == '\n' {
					line++
				}
				j++
			}
			i = min(j+n, len(src))
		case c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z':
			j := i
			for j < len(src) && (src[j] == '_' || src[j] >= 'a' && src[j] <= 'z' || src[j] >= 'A' && src[j] <= 'Z' || src[j] >= '0' && src[j] <= '9') {
				j++
			}
			toks = append(toks, sdlTok{src[i:j], line})
			i = j
		case c == ' ' || c == '\t' || c == '\r' || c == ',':
			i++
		default:
			toks = append(toks, sdlTok{src[i : i+1], line})
			i++
		}
	}
	var out []sdlOp
	for i := 0; i+1 < len(toks); i++ {
		if toks[i].s != "type" || (i > 0 && toks[i-1].s != "extend" && toks[i-1].s != "}" && !jsSDLStart(toks, i)) {
			continue
		}
		kind := jsGQLKinds[toks[i+1].s]
		if kind == "" {
			continue
		}
		j := i + 2
		for j < len(toks) && toks[j].s != "{" {
			if toks[j].s == "type" || toks[j].s == "}" {
				break
			}
			j++
		}
		if j >= len(toks) || toks[j].s != "{" {
			continue
		}
		// Fields: name [(args)] : Type [directives]
		j++
		expect := true
		paren := 0
		for ; j < len(toks) && toks[j].s != "}"; j++ {
			s := toks[j].s
			switch {
			case s == "(":
				paren++
			case s == ")":
				paren--
			case paren > 0:
			case s == "@":
				j++ // the directive's name; its arguments are parenthesised
			case s == ":":
				expect = false
				// The type: [ … ] or a name, then "!".
				j++
				for j < len(toks) && (toks[j].s == "[" || toks[j].s == "]" || toks[j].s == "!") {
					j++
				}
				for j+1 < len(toks) && (toks[j+1].s == "]" || toks[j+1].s == "!") {
					j++
				}
				expect = true
			case expect && jsSDLName(s):
				out = append(out, sdlOp{kind, s, toks[j].line})
				expect = false
			}
		}
		i = j
	}
	return out
}

// jsSDLStart reports whether token i starts a definition (after a
// description string, which the scanner drops, or at the top).
type sdlTok struct {
	s    string
	line int
}

func jsSDLStart(toks []sdlTok, i int) bool {
	return i == 0 || toks[i-1].s == "}" || toks[i-1].line < toks[i].line
}

func jsSDLName(s string) bool {
	c := s[0]
	return c == '_' || c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z'
}

// jsNextMethods are the HTTP methods a Next.js route file may export.
var jsNextMethods = map[string]bool{"GET": true, "POST": true, "PUT": true, "PATCH": true, "DELETE": true, "HEAD": true, "OPTIONS": true}

// nextRoutes adds a Next.js unit's API routes (pages/api), route handlers
// (app/**/route.ts) and server actions ('use server' files).
func (st *jsRouteState) nextRoutes(rf *jsRouteFile) {
	rel := relPath(rf.u.Path, rf.path)
	rel = strings.TrimPrefix(rel, "src/")
	ext := path.Ext(rel)
	stem := strings.TrimSuffix(rel, ext)
	switch {
	case strings.HasPrefix(rel, "pages/api/") && ext != ".jsx" && ext != ".tsx" || rel == "pages/api"+ext:
		if !st.tokens(rf) {
			return
		}
		p := strings.TrimPrefix(stem, "pages")
		p = strings.TrimSuffix(strings.TrimSuffix(p, "/index"), "index")
		r := jsRoute{u: rf.u, r: stack.Route{Method: "ANY", Path: jsJoinRoute(p), Framework: "nextjs",
			Evidence: stack.Evidence{Path: rf.path, Line: 1}}}
		t := rf.t
		for i := range t.toks {
			if !t.is(i, syntax.Name, "export") || !t.is(i+1, syntax.Name, "default") {
				continue
			}
			r.r.Evidence.Line = t.toks[i].Line
			j := i + 2
			if t.is(j, syntax.Name, "async") {
				j++
			}
			switch {
			case t.is(j, syntax.Name, "function") && t.name(j+1) && t.op(j+2, "("):
				r.r.Handler = t.text(j + 1)
				r.r.HandlerEvidence = &stack.Evidence{Path: rf.path, Line: t.toks[j+1].Line}
			case t.is(j, syntax.Name, "function") || t.op(j, "("):
				e := r.r.Evidence
				r.r.HandlerEvidence = &e
			default:
				// export default handler / withAuth(handler)
				k := j
				for t.name(k) && t.op(k+1, ".") {
					k += 2
				}
				n := t.dotted(jsSpan{j, k + 1})
				if t.op(k+1, "(") {
					if a := t.args(k + 1); len(a) > 0 {
						n = t.dotted(a[len(a)-1])
					}
				}
				if n != "" {
					r.r.Handler = n
					st.findHandler(rf, &r, n)
				}
			}
			break
		}
		if methods := nextPagesMethods(t); len(methods) > 0 {
			for _, m := range methods {
				mr := r
				mr.r.Method = m
				st.add(mr)
			}
			return
		}
		st.add(r)
	case strings.HasPrefix(rel, "app/") && path.Base(stem) == "route":
		var segs []string
		for s := range strings.SplitSeq(path.Dir(strings.TrimPrefix(rel, "app/")), "/") {
			if s == "." || strings.HasPrefix(s, "(") && strings.HasSuffix(s, ")") || strings.HasPrefix(s, "@") {
				continue
			}
			segs = append(segs, s)
		}
		p := jsJoinRoute(segs...)
		for _, e := range st.exportedNames(rf) {
			if !jsNextMethods[e.name] {
				continue
			}
			r := jsRoute{u: rf.u, r: stack.Route{Method: e.name, Path: p, Framework: "nextjs",
				Evidence: stack.Evidence{Path: rf.path, Line: e.line}}}
			r.r.Handler = e.local
			if e.local != "" {
				st.findHandler(rf, &r, r.r.Handler)
			}
			if r.r.HandlerEvidence == nil {
				ev := r.r.Evidence
				r.r.HandlerEvidence = &ev
			}
			st.add(r)
		}
	default:
		if !st.useServer(rf) {
			return
		}
		for _, fn := range rf.f.Functions {
			if fn.Parent >= 0 || !fn.Exported || !fn.Async || fn.Name == "" {
				continue
			}
			st.add(jsRoute{u: rf.u, r: stack.Route{Method: "ACTION", Path: rf.path, Framework: "nextjs",
				Handler:         fn.Name,
				HandlerEvidence: &stack.Evidence{Path: rf.path, Line: fn.Line},
				Evidence:        stack.Evidence{Path: rf.path, Line: fn.Line}}})
		}
	}
}

// nextPagesMethods returns the methods a pages/api handler compares
// req.method with (req.method === 'POST', req.method !== "GET", case 'PUT'
// in a switch on req.method), sorted; none when it does not look.
func nextPagesMethods(t *jsToks) []string {
	seen := map[string]bool{}
	isMethod := func(i int) string {
		if v, ok := t.str(jsSpan{i, i + 1}); ok && jsNextMethods[v] {
			return v
		}
		return ""
	}
	cmp := func(i int) bool {
		return t.op(i, "===") || t.op(i, "==") || t.op(i, "!==") || t.op(i, "!=")
	}
	for i := range t.toks {
		if !(t.is(i, syntax.Name, "method") && t.op(i-1, ".") && t.name(i-2)) {
			continue
		}
		if cmp(i + 1) {
			if m := isMethod(i + 2); m != "" {
				seen[m] = true
			}
		}
		if cmp(i - 3) {
			if m := isMethod(i - 4); m != "" {
				seen[m] = true
			}
		}
		// switch (req.method) { case 'POST': … }
		if t.op(i+1, ")") && t.op(i-3, "(") && t.is(i-4, syntax.Name, "switch") && t.op(i+2, "{") {
			end := t.match[i+2]
			for k := i + 3; k < end; k++ {
				if t.is(k, syntax.Name, "case") {
					if m := isMethod(k + 1); m != "" {
						seen[m] = true
					}
				}
			}
		}
	}
	out := make([]string, 0, len(seen))
	for m := range seen {
		out = append(out, m)
	}
	sort.Strings(out)
	return out
}

// useServer reports whether a file starts with the "use server" directive.
func (st *jsRouteState) useServer(rf *jsRouteFile) bool {
	src, err := source.Text(st.d.Snap, rf.path)
	if err != nil {
		return false
	}
	tz := syntax.NewJSTokenizer(src, false)
	for n := 0; n < 8; n++ {
		tok := tz.Next()
		switch tok.Kind {
		case syntax.Comment:
			continue
		case syntax.String:
			v := string(tok.Text(src))
			if len(v) >= 2 && v[1:len(v)-1] == "use server" {
				return true
			}
			// Another directive ("use strict") may come first.
			next := tz.Next()
			if next.Kind == syntax.Op && string(next.Text(src)) == ";" {
				continue
			}
			return false
		default:
			return false
		}
	}
	return false
}

// jsExport is an exported name: "export function GET", "export const
// POST = …", "export { handler as GET }".
type jsExport struct {
	name, local string
	line        int
}

// exportedNames returns a file's named exports.
func (st *jsRouteState) exportedNames(rf *jsRouteFile) []jsExport {
	if !st.tokens(rf) {
		return nil
	}
	t := rf.t
	var out []jsExport
	for i := range t.toks {
		if !t.is(i, syntax.Name, "export") {
			continue
		}
		j := i + 1
		switch {
		case t.is(j, syntax.Name, "async") && t.is(j+1, syntax.Name, "function") && t.name(j+2):
			out = append(out, jsExport{t.text(j + 2), t.text(j + 2), t.toks[j+2].Line})
		case t.is(j, syntax.Name, "function") && t.name(j+1):
			out = append(out, jsExport{t.text(j + 1), t.text(j + 1), t.toks[j+1].Line})
		case (t.is(j, syntax.Name, "const") || t.is(j, syntax.Name, "let") || t.is(j, syntax.Name, "var")) && t.name(j+1):
			out = append(out, jsExport{t.text(j + 1), t.text(j + 1), t.toks[j+1].Line})
			// export const GET = handler, POST = handler
			if t.op(j+2, "=") && t.name(j+3) && t.op(j+4, ",") {
				out[len(out)-1].local = t.text(j + 3)
			} else if t.op(j+2, "=") && t.name(j+3) && (t.op(j+4, ";") || j+4 >= len(t.toks) || t.toks[j+4].Line > t.toks[j+3].Line) {
				out[len(out)-1].local = t.text(j + 3)
			}
		case (t.is(j, syntax.Name, "const") || t.is(j, syntax.Name, "let")) && t.op(j+1, "{") && t.match[j+1] > j:
			// export const { GET, POST } = handlers
			for _, a := range t.args(j + 1) {
				switch {
				case a.b-a.a == 1 && t.name(a.a):
					out = append(out, jsExport{t.text(a.a), "", t.toks[a.a].Line})
				case a.b-a.a == 3 && t.name(a.a) && t.op(a.a+1, ":") && t.name(a.a+2):
					out = append(out, jsExport{t.text(a.a + 2), "", t.toks[a.a].Line})
				}
			}
		case t.op(j, "{") && t.match[j] > j:
			// export { handler as GET }, and re-exports: export { GET } from './auth'
			for _, a := range t.args(j) {
				switch {
				case a.b-a.a == 1 && t.name(a.a):
					out = append(out, jsExport{t.text(a.a), t.text(a.a), t.toks[a.a].Line})
				case a.b-a.a == 3 && t.name(a.a) && t.is(a.a+1, syntax.Name, "as") && t.name(a.a+2):
					out = append(out, jsExport{t.text(a.a + 2), t.text(a.a), t.toks[a.a].Line})
				}
			}
		}
	}
	return out
}
