from .db import session


def get_db(id):
    return session.get("db", id)
