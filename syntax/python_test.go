package syntax

import "testing"

func TestParsePython(t *testing.T) {
	tests := []parseCase{
		{name: "imports, relative ones resolved",
			src: "import os.path as p, sys\nfrom . import views\nfrom ..models import (User as U,\n    Order)\nfrom .x.y import *\nfrom .... import too_far\n",
			want: []string{
				`import import "os.path" L1 as p`,
				`import import "sys" L1`,
				`import from "" L2 level=1 resolved="app.api" views`,
				`import from "models" L3 level=2 resolved="app.models" User:U Order`,
				`import from "x.y" L5 level=1 resolved="app.api.x.y" *`,
				`import from "" L6 level=4 resolved="" too_far`,
			}},
		{name: "calls in comments and strings are not calls",
			src:    "# requests.get('x')\ns = 'os.system(1)'\nt = \"\"\"\nsubprocess.run()\n\"\"\"\nu = f\"{real(1)} fake()\"\n",
			want:   []string{`call real@6`},
			absent: []string{"requests.get", "os.system", "subprocess.run", "fake"}},
		{name: "nested and async defs own their calls",
			src: "async def outer(a: int, b: str = 'x', *args, key=None, **kw) -> dict[str, int]:\n    await fetch(a)\n    def inner(x):\n        return helper(x)\n    return done()\n\ndef after(): top()\n",
			want: []string{
				`func outer L1-5 async exported (a: int, b: str = 'x', *args, key = None, **kw) -> dict[str, int] calls=[fetch@2 done@5]`,
				`func outer.inner L3-4 (x) calls=[helper@4]`,
				`func after L7-7 exported () calls=[top@7]`,
			}},
		{name: "class with methods and decorators",
			src: "@dataclass\nclass User(Base, mixins.Auditable, metaclass=Meta):\n    @property\n    def name(self) -> str:\n        return self._name.strip()\n\n    @staticmethod\n    async def _load(cls):\n        return await User.objects.filter(active=True).first()\n",
			want: []string{
				`class User L2-9 bases=[Base mixins.Auditable] @dataclass exported`,
				`func User.name L4-5 method exported class=User (self) -> str calls=[self._name.strip@5] @property`,
				`func User._load L8-9 async method class=User (cls) calls=[User.objects.filter@9 User.objects.filter().first@9] @staticmethod`,
			}},
		{name: "route decorators with arguments",
			src: "@app.route(\"/users/<id>\", methods=[\"GET\"])\n@login_required\ndef show(id):\n    return render('x.html')\n\n@router.get('/items', response_model=list[Item])\nasync def items(db: Session = Depends(get_db)):\n    return db.query(Item).all()\n",
			want: []string{
				`func show L3-4 exported (id) calls=[render("x.html")@4] @app.route("/users/<id>", methods=["GET"]) @login_required`,
				`func items L7-8 async exported (db: Session = Depends(get_db)) calls=[db.query@8 db.query().all@8] @router.get('/items', response_model=list[Item])`,
			}},
		{name: "line continuation and brackets",
			src:    "def f(a,\n      b):\n    x = a + \\\n        g(b)\n    return [\n        h(i) for i in x\n    ]\ny = k()\n",
			want:   []string{`func f L1-7 exported (a, b) calls=[g@4 h@6]`, `call k@8`},
			absent: []string{"call g", "call h"}},
		{name: "one-line bodies and keywords",
			src:    "def f(): return g()\nclass C: pass\nif x: print(y)\nwhile not (a): pass\nassert (b)\n",
			want:   []string{`func f L1-1 exported () calls=[g@1]`, `call print@3`},
			absent: []string{"call not", "call assert", "call while"}},
		{name: "f-string nested quotes and expressions",
			src:    "def f():\n    return f\"{d[\"k\"]} {g(f'{h()}')} {{not_a_call()}}\"\n",
			want:   []string{`func f L1-2 exported () calls=[g@2 h@2]`},
			absent: []string{"not_a_call"}},
		{name: "tabs and dedent to outer level",
			src: "class A:\n\tdef m(self):\n\t\tif x:\n\t\t\ta()\n\t\tb()\n\tdef n(self):\n\t\tc()\nd()\n",
			want: []string{`func A.m L2-5 method exported class=A (self) calls=[a@4 b@5]`,
				`func A.n L6-7 method exported class=A (self) calls=[c@7]`, `call d@8`, `class A L1-7 bases=[] exported`}},
		{name: "match patterns are not calls; guards and one-line imports are read",
			src: "match cmd:\n    case Point(x=0) if check(cmd):\n        run()\n    case [Action(), *rest]:\n        pass\nif x: import json\nimport a; from b import c\nf(1)(2)\nq = (session.query(User)\n     .filter(ok)\n     .all())\n",
			want: []string{`call check@2`, `call run@3`, `import import "json" L6`, `import import "a" L7`, `import from "b" L7 c`,
				`call f@8`, `call f()@8`, `call session.query@9`, `call session.query().filter@9`, `call session.query().filter().all@9`},
			absent: []string{"Point", "Action"}},
		{name: "decorators, defaults and bases run in the enclosing scope",
			src: "class A(make_base()):\n    @cache(size=limit())\n    def m(self, q: Annotated[str, Query(max_length=5)] = Depends(dep)) -> R:\n        body()\n",
			want: []string{`call make_base@1`, `call cache@2`, `call limit@2`, `call Query@3`, `call Depends@3`,
				`func A.m L3-4 method exported class=A (self, q: Annotated[str, Query(max_length=5)] = Depends(dep)) -> R calls=[body@4] @cache(size=limit())`}},
		{name: "positional-only and keyword-only markers",
			src:  "def f(a, /, b, *, c: int = 3): pass\n",
			want: []string{`func f L1-1 exported (a, b, c: int = 3) calls=[]`}},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			checkParse(t, tt, ParsePython([]byte(tt.src), PyOptions{Module: "app.api.routes"}))
		})
	}
}

func TestResolveRelative(t *testing.T) {
	tests := []struct {
		module string
		pkg    bool
		level  int
		name   string
		want   string
		ok     bool
	}{
		{"a.b.c", false, 1, "x", "a.b.x", true},
		{"a.b.c", false, 2, "x", "a.x", true},
		{"a.b.c", false, 1, "", "a.b", true},
		{"a.b", true, 1, "x", "a.b.x", true},
		{"a.b", true, 2, "", "a", true},
		{"a", false, 1, "x", "x", true},
		{"a", false, 2, "x", "", false},
		{"", false, 1, "x", "", false},
		{"a.b", false, 0, "os", "os", true},
	}
	for _, tt := range tests {
		got, ok := ResolveRelative(tt.module, tt.pkg, tt.level, tt.name)
		if got != tt.want || ok != tt.ok {
			t.Errorf("ResolveRelative(%q, %v, %d, %q) = %q, %v; want %q, %v", tt.module, tt.pkg, tt.level, tt.name, got, ok, tt.want, tt.ok)
		}
	}
}

func TestModulePath(t *testing.T) {
	for in, want := range map[string]string{"pkg/sub/x.py": "pkg.sub.x", "pkg/__init__.py": "pkg+", "x.pyi": "x", "./a/b.py": "a.b"} {
		m, pkg := ModulePath(in)
		if pkg {
			m += "+"
		}
		if m != want {
			t.Errorf("ModulePath(%q) = %q, want %q", in, m, want)
		}
	}
}
