from shop.orders import f


def test_orders():
    assert f() == 1
