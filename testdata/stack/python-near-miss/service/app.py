# This is not a flask app: from flask import Flask is only in this comment.
TEXT = "from django.db import models"


def app(environ, start_response):
    start_response("200 OK", [("Content-Type", "text/plain")])
    return [b"ok"]
