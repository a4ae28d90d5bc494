from flask import Flask, jsonify

app = Flask(__name__)


@app.get("/health")
def health():
    return jsonify(ok=True)


# The live dashboard was dropped; its socket code went with it.
