package detectors

import (
	"context"
	"fmt"
	"slices"
	"strings"
	"testing"
	"testing/fstest"

	"github.com/stackaudit/stackaudit/repo"
)

// nodeRoutes runs the whole detection over an in-memory repository and
// returns each unit's routes as "METHOD PATH framework handler @file:line
// handler-file:line".
func nodeRoutes(t testing.TB, files map[string]string) []string {
	t.Helper()
	fsys := fstest.MapFS{}
	for p, s := range files {
		fsys[p] = &fstest.MapFile{Data: []byte(s)}
	}
	snap, err := repo.FromFS(context.Background(), fsys, repo.Options{})
	if err != nil {
		t.Fatal(err)
	}
	inv := Detect(context.Background(), snap)
	var out []string
	for _, u := range inv.Units {
		for _, r := range u.Routes {
			h := "-"
			if r.HandlerEvidence != nil {
				h = fmt.Sprintf("%s:%d", r.HandlerEvidence.Path, r.HandlerEvidence.Line)
			}
			out = append(out, fmt.Sprintf("%s %s %s %s @%s:%d %s", r.Method, r.Path, r.Framework, r.Handler, r.Evidence.Path, r.Evidence.Line, h))
		}
	}
	return out
}

const expressPkg = `{"name": "x", "dependencies": {"express": "^4.19.0"}}`

func TestNodeRoutes(t *testing.T) {
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{
			name: "near misses are not routes; an array of paths and a template path are",
			files: map[string]string{
				"package.json": expressPkg,
				"src/app.js": `const express = require('express');
const axios = require('axios');
const app = express();
const api = axios.create({ baseURL: '/' });
api.get('/users');                 // an HTTP client
app.get('env');                     // a setting
app.get('/only-a-path');            // no handler
app.get(['/a', '/b'], h);           // an array of paths: two routes
app.use('/static', express.static('public')); // middleware, not a router
// app.post('/commented', handler);
const s = "app.post('/in-a-string', handler)";
app.get(` + "`${base}/dynamic`" + `, handler); // a part known at run time: {?}
map.get('/key', 1);                 // some other object
`,
				"test/app.test.js": `const request = require('supertest');
const app = require('../src/app');
app.post('/from-a-test', (req, res) => res.end());
request(app).post('/checkout');
`,
			},
			want: []string{
				"GET /a express h @src/app.js:8 -",
				"GET /b express h @src/app.js:8 -",
				"GET /{?}/dynamic express handler @src/app.js:12 -",
			},
		},
		{
			name: "no web framework, no routes",
			files: map[string]string{
				"package.json": `{"name": "cli"}`,
				"index.js":     "app.get('/x', (req, res) => {});\nrouter.post('/y', h);\n",
			},
			want: nil,
		},
		{
			name: "TypeScript imports written with .js, a router mounted twice, and a cycle",
			files: map[string]string{
				"package.json": expressPkg,
				"src/index.ts": `import express from 'express';
import { billing } from './billing.js';
const app = express();
app.use('/v1', billing);
app.use('/v2', billing);
`,
				"src/billing.ts": `import { Router } from 'express';
import { a } from './a.js';
export const billing = Router();
billing.post('/checkout', checkout);
billing.use('/a', a);
export function checkout(req, res) {}
`,
				"src/a.ts": `import { Router } from 'express';
import { billing } from './billing.js';
export const a = Router();
a.use('/loop', billing);
a
  .route('/refund')
  .post(refund);
const refund = (req, res) => {};
`,
			},
			want: []string{
				"POST /v1/a/refund express refund @src/a.ts:6 src/a.ts:8",
				"POST /v1/checkout express checkout @src/billing.ts:4 src/billing.ts:6",
				"POST /v2/a/refund express refund @src/a.ts:6 src/a.ts:8",
				"POST /v2/checkout express checkout @src/billing.ts:4 src/billing.ts:6",
			},
		},
		{
			name: "routes(app) modules, inline require mounts and wrapped handlers",
			files: map[string]string{
				"package.json": expressPkg,
				"server.js": `const express = require('express');
const app = express();
const api = express.Router();
require('./routes/users')(api);
app.use('/api', api);
app.use('/orders', require('./routes/orders'));
`,
				"routes/users.js": `module.exports = function (app) {
  app.post('/signup', wrap(users.signup.bind(users)));
};
`,
				"routes/orders/index.js": `const router = require('express').Router();
const { OrdersController } = require('../../controllers/orders');
const orders = new OrdersController();
router.post('/:id/pay', async function pay(req, res) {});
router.get('/', orders.list);
module.exports = router;
`,
				"controllers/orders.js": `class OrdersController {
  async list(req, res) {}
}
module.exports = { OrdersController };
`,
			},
			want: []string{
				"POST /api/signup express users.signup @routes/users.js:2 -",
				"GET /orders express orders.list @routes/orders/index.js:5 controllers/orders.js:2",
				"POST /orders/:id/pay express pay @routes/orders/index.js:4 routes/orders/index.js:4",
			},
		},
		{
			name: "a class-based router: this.path and a constant fill template paths",
			files: map[string]string{
				"package.json": expressPkg,
				"src/posts.controller.ts": `import { Router } from 'express';
const VERSION = '/v2';
export class PostsController {
  public path = '/posts';
  public router = Router();
  constructor() {
    this.router.get(` + "`${this.path}/:id`" + `, this.getPost);
    this.router.post(` + "`${VERSION}${this.path}/${id}`" + `, this.create);
    this.router.delete(this.path, this.create);
    this.router.put(unknown, this.create);
  }
  getPost = async (req, res) => {};
  create = async (req, res) => {};
}
`,
			},
			want: []string{
				"DELETE /posts express this.create @src/posts.controller.ts:9 src/posts.controller.ts:13",
				"GET /posts/:id express this.getPost @src/posts.controller.ts:7 src/posts.controller.ts:12",
				"POST /v2/posts/{?} express this.create @src/posts.controller.ts:8 src/posts.controller.ts:13",
			},
		},
		{
			name: "Koa: a controller taken from an index module's member",
			files: map[string]string{
				"package.json": `{"name": "k", "dependencies": {"koa": "^2.0.0", "koa-router": "^12.0.0"}}`,
				"src/routes.js": `const Router = require('koa-router');
const ctrl = require('./controllers').users;
const router = new Router();
router.post('/users/login', ctrl.login);
module.exports = router;
`,
				"src/controllers/index.js":            "module.exports = {\n  users: require('./users-controller'),\n};\n",
				"src/controllers/users-controller.js": "module.exports = {\n  async login(ctx) {},\n};\n",
			},
			want: []string{
				"POST /users/login koa ctrl.login @src/routes.js:4 src/controllers/users-controller.js:2",
			},
		},
		{
			name: "Fastify autoload: folder paths, _param folders and an options prefix",
			files: map[string]string{
				"package.json": `{"name": "f", "dependencies": {"fastify": "^4.0.0", "@fastify/autoload": "^5.0.0"}}`,
				"src/app.ts": `import AutoLoad from '@fastify/autoload';
import path from 'node:path';
export default async function app(fastify, opts) {
  fastify.register(AutoLoad, { dir: path.join(__dirname, 'routes'), options: { prefix: '/api' } });
}
`,
				"src/routes/billing/index.ts":     "export default async function (fastify) {\n  fastify.post('/checkout', checkout);\n}\nasync function checkout() {}\n",
				"src/routes/orders/_id/refund.ts": "export default async (fastify) => {\n  fastify.post('/refund', async () => ({}));\n};\n",
				"src/other/x.ts":                  "export default async (fastify) => { fastify.get('/not-loaded', async () => 1); };\n",
			},
			want: []string{
				"POST /api/billing/checkout fastify checkout @src/routes/billing/index.ts:2 src/routes/billing/index.ts:4",
				"POST /api/orders/:id/refund fastify  @src/routes/orders/_id/refund.ts:2 src/routes/orders/_id/refund.ts:2",
				"GET /not-loaded fastify  @src/other/x.ts:1 src/other/x.ts:1",
			},
		},
		{
			name: "Python GraphQL: graphene root types and strawberry resolvers",
			files: map[string]string{
				"requirements.txt": "graphene==3.3\nstrawberry-graphql==0.220.0\n",
				"shop/schema.py": `import graphene
from .mutations import CheckoutCreate

class CheckoutQueries(graphene.ObjectType):
    checkout = graphene.Field(Checkout, token=graphene.UUID())
    # note = graphene.String()

    def resolve_checkout(root, info, token):
        return None

class CheckoutMutations(graphene.ObjectType):
    checkout_create = CheckoutCreate.Field()
    checkout_complete = (
        CheckoutComplete.Field()
    )

class Mutation(models.Model):
    refund_total = models.IntegerField()
`,
				"shop/mutations.py": "class CheckoutCreate(BaseMutation):\n    pass\n",
				"billing/api.py": `import strawberry

@strawberry.type
class Mutation:
    @strawberry.mutation
    def create_subscription(self, plan: str) -> bool:
        return True

    def helper(self):
        return 1
`,
			},
			want: []string{
				"QUERY checkout graphql CheckoutQueries.resolve_checkout @shop/schema.py:5 shop/schema.py:8",
				"MUTATION checkoutComplete graphql CheckoutComplete @shop/schema.py:13 shop/schema.py:13",
				"MUTATION checkoutCreate graphql CheckoutCreate @shop/schema.py:12 shop/mutations.py:1",
				"MUTATION createSubscription graphql Mutation.create_subscription @billing/api.py:5 billing/api.py:6",
			},
		},
		{
			name: "Next.js files outside a Next.js unit are not routes",
			files: map[string]string{
				"package.json":           expressPkg,
				"pages/api/checkout.ts":  "export default function handler(req, res) {}\n",
				"app/api/pay/route.ts":   "export async function POST() {}\n",
				"src/actions/billing.ts": "'use server';\nexport async function pay() {}\n",
			},
			want: nil,
		},
		{
			name: "Next.js: use strict before use server, index routes, const exports",
			files: map[string]string{
				"package.json":                        `{"name": "web", "dependencies": {"next": "14.0.0"}}`,
				"pages/api/index.ts":                  "export default async (req, res) => {}\n",
				"pages/api/orders/index.js":           "function list(req, res) {}\nexport default list;\n",
				"pages/api/billing.ts":                "export default async function billing(req, res) {\n  if (req.method !== 'POST') return res.status(405).end();\n}\n",
				"pages/api/cart.ts":                   "export default function cart(req, res) {\n  switch (req.method) {\n    case 'GET': return get();\n    case \"DELETE\": return del();\n  }\n  const m = 'PUT';\n}\n",
				"app/(shop)/cart/route.ts":            "export const GET = async () => new Response('');\nexport const revalidate = 0;\n",
				"app/@modal/x/route.ts":               "export function DELETE() {}\n",
				"app/api/auth/[...nextauth]/route.ts": "import { handlers } from '@/auth';\nexport const { GET, POST } = handlers;\n",
				"app/api/session/route.ts":            "export { GET, POST as PUT } from '../../../lib/session';\n",
				"lib/actions.ts":                      "'use strict';\n'use server';\nexport async function subscribe() {}\nexport function sync() {}\n",
				"lib/client.ts":                       "'use client';\nexport async function notAnAction() {}\n",
			},
			want: []string{
				"ANY /api nextjs  @pages/api/index.ts:1 pages/api/index.ts:1",
				"GET /api/auth/[...nextauth] nextjs  @app/api/auth/[...nextauth]/route.ts:2 app/api/auth/[...nextauth]/route.ts:2",
				"POST /api/auth/[...nextauth] nextjs  @app/api/auth/[...nextauth]/route.ts:2 app/api/auth/[...nextauth]/route.ts:2",
				"POST /api/billing nextjs billing @pages/api/billing.ts:1 pages/api/billing.ts:1",
				"DELETE /api/cart nextjs cart @pages/api/cart.ts:1 pages/api/cart.ts:1",
				"GET /api/cart nextjs cart @pages/api/cart.ts:1 pages/api/cart.ts:1",
				"ANY /api/orders nextjs list @pages/api/orders/index.js:2 pages/api/orders/index.js:1",
				"GET /api/session nextjs GET @app/api/session/route.ts:1 app/api/session/route.ts:1",
				"PUT /api/session nextjs POST @app/api/session/route.ts:1 app/api/session/route.ts:1",
				"GET /cart nextjs GET @app/(shop)/cart/route.ts:1 app/(shop)/cart/route.ts:1",
				"DELETE /x nextjs DELETE @app/@modal/x/route.ts:1 app/@modal/x/route.ts:1",
				"ACTION lib/actions.ts nextjs subscribe @lib/actions.ts:3 lib/actions.ts:3",
			},
		},
		{
			name: "GraphQL: .graphql schema with resolvers, client documents ignored",
			files: map[string]string{
				"package.json": `{"name": "gql", "dependencies": {"@apollo/server": "^4.0.0", "graphql": "^16.0.0"}}`,
				"schema.graphql": `# type Mutation { commented: Boolean }
"""
A description with type Query { fake: Int } inside.
"""
type Query {
  me: User
}
extend type Mutation {
  checkout(cart: ID!, lines: [LineInput!]! = []): Order! @auth(requires: USER)
  refund(id: ID!): Boolean
}
type User { id: ID! }
`,
				"resolvers.ts": `export const resolvers = {
  Mutation: {
    checkout: checkoutResolver,
  },
};
function checkoutResolver() {}
`,
				"client.graphql": "mutation Checkout { checkout(cart: 1) { id } }\n",
			},
			want: []string{
				"MUTATION checkout graphql Mutation.checkout @schema.graphql:9 resolvers.ts:3",
				"QUERY me graphql  @schema.graphql:6 -",
				"MUTATION refund graphql  @schema.graphql:10 -",
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := nodeRoutes(t, tc.files)
			if !slices.Equal(got, tc.want) {
				t.Errorf("routes:\n got %s\nwant %s", strings.Join(got, "\n     "), strings.Join(tc.want, "\n     "))
			}
		})
	}
}

func TestJSJoinRoute(t *testing.T) {
	for _, tc := range []struct {
		parts []string
		want  string
	}{
		{[]string{"", "/"}, "/"},
		{[]string{"/api", "/"}, "/api"},
		{[]string{"/api/", "/users/"}, "/api/users"},
		{[]string{"api", "v1", "billing", "checkout"}, "/api/v1/billing/checkout"},
		{[]string{"", "*"}, "/*"},
	} {
		if got := jsJoinRoute(tc.parts...); got != tc.want {
			t.Errorf("jsJoinRoute(%q) = %q, want %q", tc.parts, got, tc.want)
		}
	}
}

func TestJSArgs(t *testing.T) {
	src := []byte("app.post('/x', auth({ roles: ['a', 'b'] }), `t${a, b}`, (req, res) => { f(1, 2) }, c.d)")
	tk := newJSToks(src, false)
	open := 3
	if !tk.op(open, "(") {
		t.Fatalf("token %d is %q", open, tk.text(open))
	}
	args := tk.args(open)
	if len(args) != 5 {
		t.Fatalf("got %d arguments, want 5", len(args))
	}
	if s, ok := tk.str(args[0]); !ok || s != "/x" {
		t.Errorf("first argument %q %v", s, ok)
	}
	if c, _ := tk.callOf(args[1]); c != "auth" {
		t.Errorf("second argument callee %q", c)
	}
	if !tk.isFunc(args[3]) || tk.isFunc(args[4]) {
		t.Errorf("isFunc wrong")
	}
	if d := tk.dotted(args[4]); d != "c.d" {
		t.Errorf("dotted %q", d)
	}
	if p, ok := tk.pathStr(args[2]); !ok || p != "t{?}" {
		t.Errorf("pathStr of a template = %q, %v", p, ok)
	}
	tk = newJSToks([]byte("f(`${a}/x/${g(`${b}`)}/y`)"), false)
	if p, ok := tk.pathStr(tk.args(1)[0]); !ok || p != "{?}/x/{?}/y" {
		t.Errorf("pathStr of nested templates = %q, %v", p, ok)
	}
}

// FuzzJSArgs reads every bracket of arbitrary input as a call's arguments,
// an object literal and an array: nothing may panic or return ranges out of
// bounds.
func FuzzJSArgs(f *testing.F) {
	for _, s := range []string{
		"app.get('/x', h)",
		"fastify.route({ method: ['GET', 'POST'], url: '/x', handler: async (r) => {} })",
		"router.route('/a').get(a).post(b, c)",
		"x({ a, 'b': 1, ...c, [d]: 2, async e() {}, f() {} })",
		"f(`a${b(`c${d}`)}`, (x, y) => ({}), [1, [2]])",
		"f(())]}{[(",
		"`${",
		"a.b?.c(1)",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		tk := newJSToks([]byte(s), false)
		for i := range tk.toks {
			args := tk.args(i)
			for _, a := range args {
				if a.a < 0 || a.b > len(tk.toks) || a.a >= a.b {
					t.Fatalf("argument range %v out of bounds (%d tokens)", a, len(tk.toks))
				}
				tk.str(a)
				tk.dotted(a)
				tk.callOf(a)
				tk.isFunc(a)
				tk.funcName(a)
				tk.strList(a)
				tk.pathStr(a)
				for _, v := range tk.objKeys(a) {
					if v.a < 0 || v.b > len(tk.toks) || v.a > v.b {
						t.Fatalf("key range %v out of bounds", v)
					}
				}
			}
			if tk.op(i, "(") {
				tk.calleeAt(i)
			}
		}
		sdlOperations(s)
	})
}

// FuzzRoutesJS runs the whole detection over one arbitrary source file in
// an Express unit.
func FuzzRoutesJS(f *testing.F) {
	for _, s := range []string{
		"const r = require('express').Router(); r.get('/a', h); module.exports = r;",
		"app.use('/p', require('./x')); export default Router().use('/api', api);",
		"const t = [{ path: '/a', route: r }]; t.forEach((x) => router.use(x.path, x.route));",
		"const typeDefs = gql`type Mutation { a(b: [C!]!): D @x(y: 1) }`;",
		"@Controller({ path: 'a' }) class A { @Get(['x', 'y']) m() {} }",
	} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		nodeRoutes(t, map[string]string{
			"package.json": `{"name": "f", "dependencies": {"express": "4", "@nestjs/common": "10", "graphql": "16", "next": "14"}}`,
			"src/app.ts":   s,
			"src/x.ts":     s,
		})
	})
}

// TestNodeRoutesAcrossUnits checks routes whose router is mounted from
// another unit through a relative import: the units are read one at a
// time, and the routes must be those of one read of the whole tree.
func TestNodeRoutesAcrossUnits(t *testing.T) {
	router := func(method, p string) string {
		return "const { Router } = require('express');\nconst router = Router();\nrouter." + method + "('" + p + "', (req, res) => res.end());\nmodule.exports = router;\n"
	}
	tests := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{
			name: "the mounted unit is read before the one that mounts it",
			files: map[string]string{
				"billing/package.json": expressPkg,
				"billing/routes.js":    router("post", "/subscriptions"),
				"server/package.json":  expressPkg,
				"server/index.js":      "const express = require('express');\nconst app = express();\napp.use('/api/billing', require('../billing/routes'));\napp.listen(3000);\n",
			},
			want: []string{"POST /api/billing/subscriptions express  @billing/routes.js:3 billing/routes.js:3"},
		},
		{
			name: "the mounted unit is read after the one that mounts it",
			files: map[string]string{
				"api/package.json":    expressPkg,
				"api/index.js":        "const express = require('express');\nconst orders = require('../zeta/orders');\nconst app = express();\napp.use('/v1/orders', orders);\napp.get('/health', (req, res) => res.end());\n",
				"zeta/package.json":   expressPkg,
				"zeta/orders.js":      router("post", "/:id/refund"),
				"other/package.json":  expressPkg,
				"other/standalone.js": router("get", "/own"),
			},
			want: []string{
				"GET /health express  @api/index.js:5 api/index.js:5",
				"GET /own express  @other/standalone.js:3 other/standalone.js:3",
				"POST /v1/orders/:id/refund express  @zeta/orders.js:3 zeta/orders.js:3",
			},
		},
		{
			name: "a chain of mounts through three units",
			files: map[string]string{
				"web/package.json":      expressPkg,
				"web/server.js":         "const express = require('express');\nconst app = express();\napp.use('/api', require('../gateway/routes'));\napp.listen(3000);\n",
				"gateway/package.json":  expressPkg,
				"gateway/routes.js":     "const { Router } = require('express');\nconst router = Router();\nrouter.use('/payments', require('../payments/routes'));\nrouter.get('/status', (req, res) => res.end());\nmodule.exports = router;\n",
				"payments/package.json": expressPkg,
				"payments/routes.js":    router("post", "/charge"),
			},
			want: []string{
				"GET /api/status express  @gateway/routes.js:4 gateway/routes.js:4",
				"POST /api/payments/charge express  @payments/routes.js:3 payments/routes.js:3",
			},
		},
	}
	for _, tc := range tests {
		t.Run(tc.name, func(t *testing.T) {
			got := nodeRoutes(t, tc.files)
			slices.Sort(got)
			if !slices.Equal(got, tc.want) {
				t.Errorf("routes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(tc.want, "\n"))
			}
		})
	}
}
