from flask import Blueprint

bp = Blueprint("billing", __name__)


@bp.route("/invoices/<int:invoice_id>")
def show_invoice(invoice_id):
    return {"id": invoice_id}


@bp.route("/plan", methods=["POST"])
def change_plan():
    return {"ok": True}
