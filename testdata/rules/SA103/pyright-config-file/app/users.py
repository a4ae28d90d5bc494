from .db import session


def get_users(id):
    return session.get("users", id)
