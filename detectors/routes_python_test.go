package detectors

import (
	"fmt"
	"strings"
	"testing"

	"github.com/stackaudit/stackaudit/syntax"
)

// pyRoutesOf runs the routes family over an in-memory Python unit at the
// root and returns its routes as "METHOD PATH HANDLER" lines.
func pyRoutesOf(t testing.TB, files map[string]string) []string {
	t.Helper()
	inv, _ := runFamiliesOn(t, files, []string{".:python"}, "routes-python")
	var out []string
	for _, u := range inv.Units {
		for _, r := range u.Routes {
			out = append(out, strings.TrimSpace(r.Method+" "+r.Path+" "+r.Handler))
		}
	}
	return out
}

func TestPythonRoutes(t *testing.T) {
	cases := []struct {
		name  string
		files map[string]string
		want  []string
	}{
		{
			name: "django without ROOT_URLCONF: included urls.py are not roots",
			files: map[string]string{
				"site/urls.py":  "from django.urls import include, path\nurlpatterns = [path('api/', include('shop.urls'))]\n",
				"shop/urls.py":  "from django.urls import path\nfrom . import views\nurlpatterns = [path('pay/', views.pay)]\n",
				"shop/views.py": "def pay(request):\n    pass\n",
			},
			want: []string{"ANY /api/pay/ views.pay"},
		},
		{
			name: "django include cycle ends",
			files: map[string]string{
				"settings.py": "ROOT_URLCONF = 'a.urls'\n",
				"a/urls.py":   "from django.urls import include, path\nurlpatterns = [path('b/', include('b.urls')), path('x/', v)]\n",
				"b/urls.py":   "from django.urls import include, path\nurlpatterns = [path('a/', include('a.urls'))]\n",
			},
			want: []string{"ANY /x/ v"},
		},
		{
			name: "django url() regex, wrappers, local pattern lists, append",
			files: map[string]string{
				"settings.py": "ROOT_URLCONF = 'urls'\n",
				"urls.py": `from django.conf.urls import url
from django.contrib.auth.decorators import login_required
from django.views.decorators.csrf import csrf_exempt
from django.urls import include, path
import views

"""path("docstring/", views.nope) is text"""
billing_patterns = [
    url(r'^invoice/(?P<pk>\d+)/$', login_required(views.invoice)),
]
urlpatterns = [
    path('billing/', include(billing_patterns)),
    path('api/', include([path('me/', views.late), path('v1/', include(([path('x/', views.late)], 'v1')))])),
    path('hook/', csrf_exempt(views.Hook.as_view())),
]
urlpatterns.append(path('late/', views.late))
urlpatterns += i18n_patterns(path('about/', views.late), path('pricing/', views.late))
`,
				"views.py": `from django.views import View
def invoice(request, pk): pass
def late(request): pass
class Hook(View):
    def post(self, request): pass
`,
			},
			want: []string{
				"ANY /api/me/ views.late",
				"ANY /api/v1/x/ views.late",
				"ANY /billing/invoice/(?P<pk>\\d+)/ views.invoice",
				"POST /hook/ views.Hook",
				"ANY /late/ views.late",
				"ANY /{language}/about/ views.late",
				"ANY /{language}/pricing/ views.late",
			},
		},
		{
			name: "drf as_view with an action map and a router without trailing slash",
			files: map[string]string{
				"settings.py": "ROOT_URLCONF = 'urls'\n",
				"urls.py": `from django.urls import include, path
from rest_framework.routers import SimpleRouter
from views import CartViewSet
router = SimpleRouter(trailing_slash=False)
router.register('carts', CartViewSet)
urlpatterns = [
    path('cart/', CartViewSet.as_view({'get': 'list', 'post': 'create'})),
    path('api/', include(router.urls)),
]
`,
				"views.py": `from rest_framework import viewsets
from rest_framework.decorators import action
class CartViewSet(viewsets.ViewSet):
    def list(self, request): pass
    def create(self, request): pass
    @action(detail=True, methods=['post', 'delete'], url_path='items')
    def item(self, request, pk=None): pass
`,
			},
			want: []string{
				"GET /api/carts CartViewSet.list",
				"POST /api/carts CartViewSet.create",
				"DELETE /api/carts/{pk}/items CartViewSet.item",
				"POST /api/carts/{pk}/items CartViewSet.item",
				"GET /cart/ CartViewSet",
				"POST /cart/ CartViewSet",
			},
		},
		{
			name: "drf nested router below its parent's prefix",
			files: map[string]string{
				"settings.py": "ROOT_URLCONF = 'urls'\n",
				"urls.py": `from django.urls import include, path
from rest_framework_nested import routers
from views import OrderViewSet, ItemViewSet
router = routers.SimpleRouter()
router.register(r'orders', OrderViewSet)
items = routers.NestedSimpleRouter(router, r'orders', lookup='order')
items.register(r'items', ItemViewSet, basename='order-items')
urlpatterns = [path('', include(router.urls)), path('', include(items.urls))]
`,
				"views.py": `from rest_framework import viewsets
class OrderViewSet(viewsets.ReadOnlyModelViewSet): pass
class ItemViewSet(viewsets.GenericViewSet):
    def create(self, request, order_pk=None): pass
`,
			},
			want: []string{
				"GET /orders/ OrderViewSet.list",
				"POST /orders/{order_pk}/items/ ItemViewSet.create",
				"GET /orders/{pk}/ OrderViewSet.retrieve",
			},
		},
		{
			name: "fastapi router through a relative import, included twice, prefix from a constant",
			files: map[string]string{
				"app/__init__.py": "",
				"app/consts.py":   "PREFIX = '/v1'\n",
				"app/main.py": `from fastapi import FastAPI
from .routes import router as r
from .consts import PREFIX
app = FastAPI()
app.include_router(r, prefix=PREFIX)
app.include_router(r, prefix=PREFIX + '/legacy')
app.include_router(r, prefix=unknown())
app.include_router(admin.router, prefix=PREFIX)
from app import admin
`,
				"app/base.py": "from fastapi import APIRouter\nclass AdminRouter(APIRouter):\n    pass\n",
				"app/admin.py": `from app.base import AdminRouter
router = AdminRouter(prefix='/admin')
class AdminController:
    @router.get('/users')
    def users(self): pass
`,
				"app/routes.py": `from fastapi import APIRouter
router = APIRouter(prefix='/orders')
@router.delete('/{id}')
def cancel(id: int): pass
`,
			},
			want: []string{
				"GET /v1/admin/users AdminController.users",
				"DELETE /v1/legacy/orders/{id} cancel",
				"DELETE /v1/orders/{id} cancel",
				"DELETE /{?}/orders/{id} cancel",
			},
		},
		{
			name: "flask nested blueprints and a registration prefix that replaces the blueprint's",
			files: map[string]string{
				"app.py": `from flask import Flask, Blueprint
api = Blueprint('api', __name__, url_prefix='/api')
pay = Blueprint('pay', __name__, url_prefix='/pay')
@pay.route('/charge', methods=['POST'])
def charge(): pass
api.register_blueprint(pay)
app = Flask(__name__)
app.register_blueprint(api, url_prefix='/v2')
`,
			},
			want: []string{"POST /v2/pay/charge charge"},
		},
		{
			name: "apps the reader cannot see: a factory's result, a parameter",
			files: map[string]string{
				"factory.py": "from fastapi import FastAPI\ndef make():\n    return FastAPI()\n",
				"main.py": `from fastapi import Depends
from factory import make
app = make()
@app.post('/checkout')
def checkout(): pass
@app.get(some_path)
def dynamic(): pass
`,
				"views.py": `from flask import jsonify
def register(app):
    @app.route('/login', methods=['POST'])
    def login(): pass
`,
			},
			want: []string{"POST /checkout checkout", "POST /login register.login"},
		},
		{
			name: "django include of patterns built at run time keeps the prefix",
			files: map[string]string{
				"settings.py": "ROOT_URLCONF = 'urls'\n",
				"urls.py": `from django.urls import include, path
from registry import model_urls
urlpatterns = [
    path('billing/', include(model_urls('billing'))),
    path('oauth/', include('social_django.urls')),
]
`,
				"registry.py": "def model_urls(app):\n    return []\n",
			},
			want: []string{"ANY /billing/{?}"},
		},
		{
			name: "flask-restful resources on a blueprint's Api",
			files: map[string]string{
				"api.py": `from flask import Blueprint
from flask_restful import Api, Resource
bp = Blueprint('api', __name__, url_prefix='/api')
api = Api(bp, prefix='/v1')
class Order(Resource):
    def get(self, order_id): pass
    def delete(self, order_id): pass
api.add_resource(Order, '/orders/<int:order_id>', '/o/<int:order_id>')
`,
				"app.py":   "from flask import Flask\nfrom api import bp\napp = Flask(__name__)\napp.register_blueprint(bp)\n",
				"other.py": "from flask import Flask\nfrom restlib import Api\napi = Api()\napi.add_resource(Thing, '/nope')\n",
			},
			want: []string{
				"DELETE /api/v1/o/<int:order_id> Order",
				"GET /api/v1/o/<int:order_id> Order",
				"DELETE /api/v1/orders/<int:order_id> Order",
				"GET /api/v1/orders/<int:order_id> Order",
			},
		},
		{
			name: "near misses: look-alike decorators and calls, test files",
			files: map[string]string{
				"svc.py": `from cachelib import Cache
from flask import Flask
cache = Cache()
app = Flask(__name__)
@cache.get('/not-a-route')
def cached(): pass
def route(p):
    return lambda f: f
@route('/nope')
def helper(): pass
# @app.route('/commented')
s = "@app.route('/in-a-string')"
path('x/', helper)
`,
				"tests/test_app.py": "from flask import Flask\napp = Flask(__name__)\n@app.route('/only-tests')\ndef t(): pass\n",
			},
			want: nil,
		},
		{
			name: "starlette Mount of an application and a routes list built elsewhere",
			files: map[string]string{
				"api.py": `from starlette.applications import Starlette
from starlette.routing import Route
async def pay(request): pass
api = Starlette(routes=[Route('/pay', pay, methods=['POST'])])
`,
				"main.py": `from starlette.applications import Starlette
from starlette.routing import Mount
from api import api
app = Starlette(routes=[Mount('/api', app=api)])
`,
				"extra.py": `from starlette.routing import Route
async def ping(request): pass
routes = [Route('/ping', ping)]
`,
			},
			want: []string{"POST /api/pay pay", "GET /ping ping"},
		},
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			got := pyRoutesOf(t, c.files)
			if strings.Join(got, "\n") != strings.Join(c.want, "\n") {
				t.Errorf("routes:\n%s\nwant:\n%s", strings.Join(got, "\n"), strings.Join(c.want, "\n"))
			}
		})
	}
}

// TestPyReader checks the expression reader on the forms route
// declarations use.
func TestPyReader(t *testing.T) {
	cases := []struct{ src, want string }{
		{`path("a/" "b/", views.x, name="n")`, `call path(str "a/b/", name views.x; name=str "n")`},
		{`include(("app.urls", "app"), namespace="x")`, `call include(list[str "app.urls", str "app"]; namespace=str "x")`},
		{`f"{settings.API}/v1"`, `sum[name settings.API, str "/v1"]`},
		{`V.as_view({"get": "list"})`, `call V.as_view(dict{get: str "list"})`},
		{`[*router.urls, path("x", y)]`, `list[spread[name router.urls], call path(str "x", name y)]`},
		{`a if b else c`, `other`},
		{`[x for x in y]`, `list[other]`},
		{`foo()(bar)`, `call ?(name bar)`},
		{`(((`, `other`},
	}
	for _, c := range cases {
		src := []byte(c.src)
		r := newPyReader(src, syntax.TokenizePython(src))
		if got := describePx(r.expr()); got != c.want {
			t.Errorf("%s:\n got %s\nwant %s", c.src, got, c.want)
		}
	}
}

func describePx(e *pyExpr) string {
	if e == nil {
		return "nil"
	}
	list := func(xs []*pyExpr) string {
		var parts []string
		for _, x := range xs {
			parts = append(parts, describePx(x))
		}
		return strings.Join(parts, ", ")
	}
	switch e.kind {
	case pxStr:
		return fmt.Sprintf("str %q", e.text)
	case pxName:
		return "name " + e.text
	case pxNum:
		return "num " + e.text
	case pxCall:
		s := "call " + e.text + "(" + list(e.args)
		if len(e.kws) > 0 {
			var kws []string
			for _, k := range e.kws {
				kws = append(kws, k.name+"="+describePx(k.val))
			}
			s += "; " + strings.Join(kws, ", ")
		}
		return s + ")"
	case pxList:
		return "list[" + list(e.args) + "]"
	case pxSum:
		return "sum[" + list(e.args) + "]"
	case pxSpread:
		return "spread[" + list(e.args) + "]"
	case pxDict:
		var kws []string
		for _, k := range e.kws {
			kws = append(kws, k.name+": "+describePx(k.val))
		}
		return "dict{" + strings.Join(kws, ", ") + "}"
	}
	return "other"
}

// FuzzPythonURLPatterns feeds arbitrary source to the urlpatterns reader
// (as the ROOT_URLCONF module, which includes itself and a sibling) and to
// the statement reader: neither may panic or loop.
func FuzzPythonURLPatterns(f *testing.F) {
	seeds := []string{
		"urlpatterns = [path('a/', include('urls')), re_path(r'^b/$', views.b)]\n",
		"urlpatterns = [path('x/', V.as_view({'get': 'list'}))] + router.urls\nurlpatterns += [*r.urls]\n",
		"router = DefaultRouter()\nrouter.register(r'o', O)\nurlpatterns = router.urls\nclass O(ModelViewSet):\n  @action(detail=True)\n  def x(self): pass\n",
		"urlpatterns = [path(f'{a}/{{b}}', include((p, 'n'))), path('', include(urlpatterns))]\n",
		"urlpatterns = [path(\n", "x = (((((", "urlpatterns = [path('a', lambda r: r, [x for x in y])]", "@app.route(\n",
		"app = Flask(__name__)\napp.register_blueprint(app)\napp.add_url_rule('/x', view_func=app)\n",
	}
	for _, s := range seeds {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, src string) {
		readPyStatements([]byte(src), syntax.TokenizePython([]byte(src)))
		pyRoutesOf(t, map[string]string{
			"settings.py":   "ROOT_URLCONF = 'urls'\n",
			"urls.py":       src,
			"other/urls.py": "from django.urls import include, path\nurlpatterns = [path('u/', include('urls'))]\n",
		})
	})
}
