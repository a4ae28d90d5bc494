from flask import Blueprint

billing = Blueprint("billing", __name__)


@billing.route("/invoices")
def invoices():
    return []


@billing.route("/invoices/<int:invoice_id>")
def invoice(invoice_id):
    return {}


@billing.route("/refunds")
def refunds():
    return []
