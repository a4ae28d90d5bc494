from flask import Flask

from shop.billing.views import bp as billing_bp
from shop.auth import auth


def create_app():
    app = Flask(__name__)
    app.register_blueprint(billing_bp, url_prefix="/api/billing")
    app.register_blueprint(auth)

    @app.route("/")
    def index():
        return "home"

    app.add_url_rule("/orders", view_func=OrdersView.as_view("orders"))
    app.add_url_rule("/ping", "ping", ping)
    return app


def ping():
    return "pong"


from flask.views import MethodView


class OrdersView(MethodView):
    def get(self):
        return []

    def post(self):
        return {}
