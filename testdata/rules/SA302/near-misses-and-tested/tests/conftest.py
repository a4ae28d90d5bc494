import pytest
from fastapi.testclient import TestClient

from api.main import app


@pytest.fixture
def client():
    return TestClient(app)


def pay(client, order_id):
    return client.post(f"/orders/{order_id}/pay")
