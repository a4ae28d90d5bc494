from jobs.emails import f


def test_f():
    assert f() == 1
