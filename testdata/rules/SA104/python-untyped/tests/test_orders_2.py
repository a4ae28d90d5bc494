def test_0(client):
    assert client


def test_1(client):
    assert client


def test_2(client):
    assert client


def test_3(client):
    assert client


def test_4(client):
    assert client


def test_5(client):
    assert client


def test_6(client):
    assert client


def test_7(client):
    assert client


def test_8(client):
    assert client


def test_9(client):
    assert client


