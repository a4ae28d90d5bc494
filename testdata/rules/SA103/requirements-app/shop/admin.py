from .db import session


def get_admin(id):
    return session.get("admin", id)
