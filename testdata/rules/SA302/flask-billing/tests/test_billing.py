from flask import url_for


def test_show_invoice(app, client):
    with app.test_request_context():
        assert client.get(url_for("billing.show_invoice", invoice_id=1)).status_code == 200
