from .db import session


def get_orders(id):
    return session.get("orders", id)
