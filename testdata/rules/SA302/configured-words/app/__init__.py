from flask import Flask

app = Flask(__name__)


@app.route("/wallets/<int:wallet_id>/top-up", methods=["POST"])
def top_up_wallet(wallet_id):
    return {"ok": True}


@app.route("/plans")
def list_plans():
    return []
