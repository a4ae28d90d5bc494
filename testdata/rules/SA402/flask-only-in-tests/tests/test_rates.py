"""A fake upstream served by Flask in a thread; the app itself is FastAPI."""
from flask import Flask

upstream = Flask(__name__)


@upstream.route("/rates")
def fake_rates():
    return {"EUR": 1.0}


def test_upstream_is_up():
    assert upstream.name
