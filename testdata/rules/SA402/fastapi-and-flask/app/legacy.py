"""The old admin endpoints, not yet moved."""
import json

from flask import Flask

legacy = Flask(__name__)


@legacy.route("/admin/orders")
def admin_orders():
    return json.dumps([])
