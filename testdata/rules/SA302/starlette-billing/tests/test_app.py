from starlette.testclient import TestClient

from app import app

client = TestClient(app)


def test_login():
    response = client.post("/login", json={"user": "a"})
    assert response.status_code == 200


def test_health():
    assert client.get("/health").status_code == 200
