from app import app


@app.route("/orders")
def orders():
    return []


@app.route("/orders/<int:order_id>")
def order(order_id):
    return {}


@app.route("/invoices")
def invoices():
    return []


@app.route("/customers")
def customers():
    return []


@app.route("/reports")
def reports():
    return []
