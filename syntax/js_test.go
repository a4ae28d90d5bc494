package syntax

import "testing"

func TestParseJS(t *testing.T) {
	tests := []struct {
		parseCase
		opts JSOptions
	}{
		{parseCase{name: "imports of every form",
			src: "import express, { Router as R, type X } from 'express';\nimport * as fs from \"fs\";\nimport './polyfill';\nimport type { T } from './types';\nexport { a, b as c } from './a';\nexport * as ns from './b';\nconst cp = require('child_process');\nconst lazy = await import('./lazy');\nimport x = require('legacy');\n",
			want: []string{
				`import import "express" L1 default:express Router:R X`,
				`import import "fs" L2 *:fs`,
				`import side-effect "./polyfill" L3`,
				`import import "./types" L4 T type`,
				`import reexport "./a" L5 a b:c`,
				`import reexport "./b" L6 *:ns`,
				`import require "child_process" L7`,
				`import dynamic "./lazy" L8`,
				`import require "legacy" L9`,
			}}, JSOptions{TypeScript: true}},
		{parseCase{name: "words in comments, strings, regexes and templates are not calls",
			src:    "// fetch('x')\n/* axios.get() */\nconst s = 'db.query()' + \"exec()\";\nconst r = /eval\\(\"x\"\\)\\/\\//g;\nconst t = `${real(1)} fake() ${`${inner(\"}\")}`}`;\n",
			want:   []string{`call real@5`, `call inner("}")@5`},
			absent: []string{"fetch", "axios", "db.query", "exec", "eval", "fake"}}, JSOptions{}},
		{parseCase{name: "express handlers record the route call",
			src: "const app = express();\napp.get('/users/:id', async (req, res) => {\n  const u = await db.users.findOne(req.params.id);\n  res.json(u);\n});\nrouter.post(\"/x\", auth, function handler(req, res) { res.send(fs.readFileSync('f')) });\n",
			want: []string{
				`func <anon> L2-5 async arrow (req, res) calls=[db.users.findOne@3 res.json@4] argof=app.get("/users/:id")@2`,
				`func handler L6-6 (req, res) calls=[res.send@6 fs.readFileSync("f")@6] argof=router.post("/x")@6`,
				`call express@1`, `call app.get("/users/:id")@2`, `call router.post("/x")@6`,
			}}, JSOptions{JSX: true}},
		{parseCase{name: "typed arrows, generics and exports",
			src: "export const f = async (a: number, b: Map<string, number> = new Map()): Promise<void> => {\n  await g<H>(a);\n};\nconst k = (x: T) => x.y(1), z = 2;\nexport function id<T>(x: T): { v: T } { return { v: make<T>(x) }; }\nexport default async function () {}\nfunction notExported() { a < b; c > (d); }\n",
			want: []string{
				`func f L1-3 async arrow exported (a: number, b: Map<string, number> = new Map()) -> Promise<void> calls=[g@2]`,
				`func k L4-4 arrow (x: T) calls=[x.y@4]`,
				`func id L5-5 exported (x: T) -> { v: T } calls=[make@5]`,
				`func <anon> L6-6 async exported () calls=[]`,
				`func notExported L7-7 () calls=[]`,
			}}, JSOptions{TypeScript: true}},
		{parseCase{name: "NestJS controller: decorators, modifiers, constructor properties",
			src: "@Controller('users')\nexport class UsersController extends BaseController<User> implements OnInit {\n  constructor(private readonly service: UsersService, @Inject(CFG) cfg?: Config) { super(); }\n\n  @Get(':id')\n  @UseGuards(AuthGuard)\n  public async get(@Param('id') id: string): Promise<User> {\n    return this.service.find(id);\n  }\n\n  private static *gen() { yield 1; }\n  get name(): string { return this.#n.trim(); }\n  handler = async (req: Request) => { await this.run(req); };\n  @Input() value: string;\n  abstract plan(): void;\n}\n",
			want: []string{
				`class UsersController L2-16 bases=[BaseController<User>] @Controller("users") exported`,
				`func UsersController.constructor L3-3 method class=UsersController (service: UsersService, cfg: Config) calls=[super@3]`,
				`func UsersController.get L7-9 async method class=UsersController (id: string) -> Promise<User> calls=[this.service.find@8] @Get(':id') @UseGuards(AuthGuard)`,
				`func UsersController.gen L11-11 generator method class=UsersController () calls=[]`,
				`func UsersController.name L12-12 method class=UsersController () -> string calls=[this.#n.trim@12]`,
				`func UsersController.handler L13-13 async method arrow class=UsersController (req: Request) calls=[this.run@13]`,
			},
			absent: []string{"Input", "plan"}}, JSOptions{TypeScript: true}},
		{parseCase{name: "JSX with braces, apostrophes and handlers",
			src: "// @ts-check\nexport function App({ items }) {\n  return (\n    <ul className=\"list\">\n      <p>don't call(me)</p>\n      {items.map(i => <li key={i.id} onClick={() => select(i)}>{i.name}</li>)}\n    </ul>\n  );\n}\n",
			want: []string{
				`func App L2-9 exported ({ items }) calls=[items.map@6]`,
				`func <anon> L6-6 arrow (i) calls=[] argof=items.map@6`,
				`func <anon> L6-6 arrow () calls=[select@6]`,
				"ts-check", "jsx",
			},
			absent: []string{"call(", " call@"}}, JSOptions{JSX: true}},
		{parseCase{name: "object methods and function values",
			src: "module.exports = {\n  async list(req) { return svc.list(); },\n  show: function (req) { return svc.show(); },\n  'del': (req) => svc.del(),\n};\nexports.handler = async (event) => ok(event);\n",
			want: []string{
				`func list L2-2 async method (req) calls=[svc.list@2]`,
				`func show L3-3 (req) calls=[svc.show@3]`,
				`func del L4-4 arrow (req) calls=[svc.del@4]`,
				`func handler L6-6 async arrow (event) calls=[ok@6]`,
			}}, JSOptions{}},
		{parseCase{name: "expression-bodied arrow ends at a new statement",
			src:  "const f = x => g(x)\nh()\nconst k = async y =>\n  m(y)\n",
			want: []string{`func f L1-1 arrow (x) calls=[g@1]`, `call h@2`, `func k L3-4 async arrow (y) calls=[m@4]`}}, JSOptions{}},
		{parseCase{name: "control flow is not a call; chains through calls",
			src:    "if (a) { while (b) { for (;;) {} } }\nswitch (c) { case d(): break; }\nconst r = await fetch(url).then(r => r.json());\nnew Worker('w.js');\na?.b?.(1);\n",
			want:   []string{`call d@2`, `call fetch@3`, `call fetch().then@3`, `call new Worker("w.js")@4`, `call a.b@5`},
			absent: []string{"call if", "call while", "call for", "call switch"}}, JSOptions{}},
		{parseCase{name: "local export lists and contextual words as callees",
			src: "function a() {}\nfunction b() {}\nclass C { m() { const o = { n() { get(u); } }; } }\nfunction handler() { set(1); from(x); type(y); }\nexport { a, b as bee };\nexport default handler;\nexport interface I { x: number }\nfunction internal() {}\n",
			want: []string{
				`func a L1-1 exported () calls=[]`,
				`func b L2-2 exported () calls=[]`,
				`func C.m L3-3 method class=C () calls=[]`,
				`func C.m.n L3-3 method class=C () calls=[get@3]`,
				`func handler L4-4 exported () calls=[set@4 from@4 type@4]`,
				`func internal L8-8 () calls=[]`,
			}}, JSOptions{}},
		{parseCase{name: "chains over lines and calls of call results",
			src:  "const q = knex('users')\n  .where({ id })\n  .first();\nconnect(db)(App);\n",
			want: []string{`call knex("users")@1`, `call knex().where@1`, `call knex().where().first@1`, `call connect@4`, `call connect()@4`}}, JSOptions{}},
		{parseCase{name: "function types are not functions",
			src: "let cb: (() => void) | null = null;\ntype F = (x: number) => string;\ntype G<T> = (x: T) => T;\ninterface I { on: (e: Event) => void; off?: (e: Event) => void }\nclass C { handler: (req: Request) => Promise<void>; run = () => go(); }\nconst h = ok ? (x: number) => x : () => 0;\nconst o = { k: (x: number): number => x, l: cb as () => void };\n",
			want: []string{`func C.run L5-5 method arrow class=C () calls=[go@5]`, `func <anon> L6-6 arrow (x: number) calls=[]`, `func <anon> L6-6 arrow () calls=[]`,
				`func k L7-7 arrow (x: number) -> number calls=[]`},
			absent: []string{"L1-", "L2-", "L3-", "L4-", "C.handler"}}, JSOptions{TypeScript: true}},
		{parseCase{name: "ts-nocheck and no jsx in .ts",
			src:  "/* header */\n// @ts-nocheck\nconst x = <T>y;\n",
			want: []string{"ts-nocheck"}, absent: []string{"jsx"}}, JSOptions{TypeScript: true}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkParse(t, tt.parseCase, ParseJS([]byte(tt.src), tt.opts))
		})
	}
}

func TestParseDispatch(t *testing.T) {
	for path, want := range map[string]Lang{"a.py": Python, "b/c.TSX": TypeScript, "d.mjs": JavaScript, "e.cts": TypeScript, "f.jsx": JavaScript} {
		f, err := Parse(path, []byte("x"))
		if err != nil || f.Lang != want {
			t.Errorf("Parse(%q) = %v, %v; want %v", path, f, err, want)
		}
	}
	if _, err := Parse("x.go", nil); err == nil {
		t.Error("Parse(x.go) succeeded")
	}
}
