from flask import Blueprint

auth = Blueprint("auth", __name__, url_prefix="/auth")


@auth.route("/login", methods=("GET", "POST"))
def login():
    return "login"


@auth.post("/logout")
def logout():
    return "bye"


def route(path):
    """A helper named route: @route("/x") below is not Flask's."""
    return lambda f: f


@route("/not-flask")
def helper():
    pass
