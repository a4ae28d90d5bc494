from flask import Flask

from shop.billing.views import bp as billing_bp


def create_app():
    app = Flask(__name__)
    app.register_blueprint(billing_bp, url_prefix="/billing")
    return app
