from .db import session


def get_models(id):
    return session.get("models", id)
