import ledger


def test_version():
    assert ledger.__version__
