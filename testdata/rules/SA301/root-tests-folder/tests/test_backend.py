import os

from app.main import f


def test_main():
    assert f() == 1
