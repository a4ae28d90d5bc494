import requests
from flask import Flask

app = Flask(__name__)


@app.get("/proxy")
async def proxy():
    # Flask runs each async view in its own event loop in the request's thread.
    return requests.get("https://example.com", timeout=5).text
