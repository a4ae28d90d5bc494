from flask import Flask

from app.health import health

app = Flask(__name__)
app.register_blueprint(health)

from app import views  # noqa: E402,F401
