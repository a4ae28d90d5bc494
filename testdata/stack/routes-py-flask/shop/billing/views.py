from flask import Blueprint

# url_prefix here is replaced by the one given to register_blueprint
bp = Blueprint("billing", __name__, url_prefix="/billing")


@bp.route("/checkout", methods=["POST"])
def checkout():
    return "ok"


@bp.get("/invoices/<int:invoice_id>")
def invoice(invoice_id):
    return "inv"
