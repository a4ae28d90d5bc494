from .db import session


def get_views(id):
    return session.get("views", id)
