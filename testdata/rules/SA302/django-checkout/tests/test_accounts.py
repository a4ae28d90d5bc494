from tests.helpers import log_in


def test_login(client):
    # POST /api/billing/checkout/ is not called here, only mentioned in a comment.
    assert log_in(client, "a@example.com").status_code == 200
