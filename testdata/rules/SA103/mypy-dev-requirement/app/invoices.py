from .db import session


def get_invoices(id):
    return session.get("invoices", id)
