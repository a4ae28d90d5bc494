def test_invoice(client):
    assert client.get("/api/billing/invoices/7/").status_code == 200
