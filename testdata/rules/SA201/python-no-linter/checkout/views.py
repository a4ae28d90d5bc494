# TODO: run ruff and flake8 here; mentioning them is not configuring them.
from flask import Flask

app = Flask(__name__)
