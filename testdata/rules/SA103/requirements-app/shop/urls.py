from .db import session


def get_urls(id):
    return session.get("urls", id)
