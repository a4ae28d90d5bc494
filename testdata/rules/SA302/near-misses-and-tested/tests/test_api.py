from tests.conftest import pay


def test_pay(client):
    assert pay(client, 3).json() == {"paid": True}


def test_logout(client):
    assert client.post("http://testserver/auth/logout").status_code == 200
