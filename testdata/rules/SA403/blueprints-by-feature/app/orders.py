from flask import Blueprint

orders = Blueprint("orders", __name__)


@orders.route("/orders")
def list_orders():
    return []


@orders.route("/orders/<int:order_id>")
def order(order_id):
    return {}


@orders.route("/orders/<int:order_id>/items")
def items(order_id):
    return []
