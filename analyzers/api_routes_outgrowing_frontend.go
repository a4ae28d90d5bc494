package analyzers

import (
	"fmt"
	"path"
	"sort"
	"strings"

	"github.com/stackaudit/stackaudit/internal/source"
	"github.com/stackaudit/stackaudit/stack"
)

// APIRoutesOutgrowingFrontend reports Next.js apps whose API routes have
// grown into a backend.
var APIRoutesOutgrowingFrontend = register(&Analyzer{
	Code:     "SA405",
	Name:     "api-routes-outgrowing-frontend",
	Category: Architecture,
	Level:    Note,
	Summary:  "A Next.js app whose API routes have grown into a backend",
	Tags:     []string{"architecture", "nextjs", "api-routes", "backend"},
	Options: []Option{
		{Name: "max-routes", Default: 15, Doc: "API routes and route handlers a Next.js app may have before the rule fires"},
	},
	Run: runAPIRoutesOutgrowingFrontend,
})

// backendPackages are the npm packages that make route code a backend: what
// kind of thing each is, for the message.
var backendPackages = map[string]string{
	"@prisma/client": "a database client", "drizzle-orm": "a database client", "mongoose": "a database client",
	"mongodb": "a database client", "pg": "a database client", "postgres": "a database client",
	"mysql": "a database client", "mysql2": "a database client", "typeorm": "a database client",
	"sequelize": "a database client", "knex": "a database client", "kysely": "a database client",
	"@vercel/postgres": "a database client", "@planetscale/database": "a database client",
	"@neondatabase/serverless": "a database client", "@supabase/supabase-js": "a database client",
	"@libsql/client": "a database client", "better-sqlite3": "a database client",
	"bullmq": "a queue", "bull": "a queue", "bee-queue": "a queue", "agenda": "a queue",
	"amqplib": "a queue", "kafkajs": "a queue", "@aws-sdk/client-sqs": "a queue",
	"@upstash/qstash": "a queue", "inngest": "a queue", "@trigger.dev/sdk": "a queue",
	"stripe": "a payment SDK", "@paypal/checkout-server-sdk": "a payment SDK",
	"@paypal/paypal-server-sdk": "a payment SDK", "braintree": "a payment SDK",
	"@lemonsqueezy/lemonsqueezy.js": "a payment SDK", "@paddle/paddle-node-sdk": "a payment SDK",
	"@mollie/api-client": "a payment SDK", "razorpay": "a payment SDK",
}

// backendScopes are npm scopes whose every package is a backend one.
var backendScopes = map[string]string{"@paddle": "a payment SDK", "@lemonsqueezy": "a payment SDK", "@prisma": "a database client"}

// backendPackageKind says what kind of backend package pkg is, if it is one.
func backendPackageKind(pkg string) (string, bool) {
	if kind, ok := backendPackages[pkg]; ok {
		return kind, true
	}
	if scope, _, ok := strings.Cut(pkg, "/"); ok && strings.HasPrefix(scope, "@") {
		kind, ok := backendScopes[scope]
		return kind, ok
	}
	return "", false
}

// backendUse is one backend package reached from route code.
type backendUse struct {
	pkg, kind string
	at        Location
}

func runAPIRoutesOutgrowingFrontend(p *Pass) {
	for _, u := range p.Inventory.Units {
		if u.Ecosystem != stack.Node || !importsComponent(u, "nextjs") {
			continue
		}
		var routes []stack.Route
		files := map[string]bool{}
		actions := 0
		for _, r := range u.Routes {
			switch {
			case r.Framework != "nextjs":
			case r.Method == "ACTION":
				// Server actions are the pages' own mutations: counted in
				// the message, not against the threshold.
				actions++
			default:
				routes = append(routes, r)
				files[r.Evidence.Path] = true
			}
		}
		if len(routes) == 0 {
			continue
		}
		uses := routeBackendUses(p, u, files)
		max := p.Int("max-routes")
		if len(routes) <= max && len(uses) == 0 {
			continue
		}
		manifest := primaryManifest(u)
		var why []string
		if len(routes) > max {
			why = append(why, fmt.Sprintf("more than %d", max))
		}
		var related []Location
		related = append(related, Location{Path: routes[0].Evidence.Path, Line: routes[0].Evidence.Line,
			Message: fmt.Sprintf("%s %s is one of the API routes", routes[0].Method, routes[0].Path)})
		byKind := map[string][]string{}
		var kinds []string
		for _, use := range uses {
			if byKind[use.kind] == nil {
				kinds = append(kinds, use.kind)
			}
			where := fmt.Sprintf("%s:%d", use.at.Path, use.at.Line)
			byKind[use.kind] = append(byKind[use.kind], use.pkg+" ("+where+")")
			related = append(related, use.at)
		}
		sort.Strings(kinds)
		var carry []string
		for _, k := range kinds {
			carry = append(carry, k+": "+strings.Join(byKind[k], ", "))
		}
		msg := fmt.Sprintf("%s: the Next.js app in %s serves %s", manifest, unitName(u), plural(len(routes), "API route", "API routes"))
		if len(why) > 0 {
			msg += " (" + strings.Join(why, "") + ")"
		}
		if actions > 0 {
			msg += fmt.Sprintf(" besides %s", plural(actions, "server action", "server actions"))
		}
		if len(carry) > 0 {
			msg += " and its route code carries " + strings.Join(carry, "; ")
		}
		msg += "; that is a backend living in the frontend's deployment, with its build, cold starts, function timeouts and scaling. Keep the routes the pages need and move the rest (data access, payments, background work) into a backend service the app calls"
		p.Report(Finding{
			Location: Location{Path: manifest, Line: 1},
			Key:      []string{u.Path},
			Related:  related,
			Message:  msg,
		})
	}
}

// importsComponent reports whether u's source uses the component id.
func importsComponent(u *stack.Unit, id string) bool {
	for _, c := range u.Components {
		if c.ID == id && c.Imported {
			return true
		}
	}
	return false
}

// routeBackendUses finds the backend packages the route files import,
// directly or through one module of the unit's own (lib/db.ts), first
// import of each package, sorted by package.
func routeBackendUses(p *Pass, u *stack.Unit, files map[string]bool) []backendUse {
	own := map[string]bool{}
	for _, f := range u.SourceFiles {
		own[f] = true
	}
	seen := map[string]bool{}
	var out []backendUse
	var paths []string
	for f := range files {
		paths = append(paths, f)
	}
	sort.Strings(paths)
	record := func(file string) []string {
		src := source.Get(p.Snapshot, file)
		if src == nil {
			return nil
		}
		var local []string
		for _, imp := range src.Imports() {
			if imp.TypeOnly {
				continue
			}
			if target := localModule(u, file, imp.Module, own); target != "" {
				local = append(local, target)
				continue
			}
			pkg := npmPackage(imp.Module)
			kind, ok := backendPackageKind(pkg)
			if !ok || seen[pkg] {
				continue
			}
			seen[pkg] = true
			out = append(out, backendUse{pkg: pkg, kind: kind,
				at: Location{Path: file, Line: int(imp.Line), Message: pkg + " imported here"}})
		}
		return local
	}
	var second []string
	for _, f := range paths {
		second = append(second, record(f)...)
	}
	sort.Strings(second)
	done := map[string]bool{}
	for _, f := range second {
		if !done[f] && !files[f] {
			done[f] = true
			record(f)
		}
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].pkg < out[j].pkg })
	return out
}

// localModule resolves an import of the unit's own code (./db, ../lib/db,
// @/lib/db, ~/lib/db) to one of its source files, or "".
func localModule(u *stack.Unit, from, spec string, own map[string]bool) string {
	var bases []string
	switch {
	case strings.HasPrefix(spec, "./"), strings.HasPrefix(spec, "../"):
		bases = []string{path.Join(path.Dir(from), spec)}
	case strings.HasPrefix(spec, "@/"), strings.HasPrefix(spec, "~/"):
		rest := spec[2:]
		bases = []string{path.Join(u.Path, rest), path.Join(u.Path, "src", rest)}
	default:
		return ""
	}
	for _, b := range bases {
		for _, ext := range []string{"", ".ts", ".tsx", ".js", ".mjs", ".jsx", "/index.ts", "/index.js"} {
			if own[b+ext] {
				return b + ext
			}
		}
	}
	return ""
}

// npmPackage is the package of an import specifier ("stripe/lib/x" →
// stripe, "@prisma/client/edge" → @prisma/client).
func npmPackage(spec string) string {
	first, rest, slash := strings.Cut(spec, "/")
	if strings.HasPrefix(spec, "@") && slash {
		second, _, _ := strings.Cut(rest, "/")
		return spec[:len(first)+1+len(second)]
	}
	return first
}
