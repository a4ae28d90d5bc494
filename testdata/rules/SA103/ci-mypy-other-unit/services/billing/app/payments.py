from .db import session


def get_payments(id):
    return session.get("payments", id)
