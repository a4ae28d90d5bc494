def test_orders():
    assert True
