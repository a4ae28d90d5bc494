from app.main import f


def test_f():
    assert f() == 1
