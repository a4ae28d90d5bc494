from app.core.config import settings


def test_get_access_token(client):
    r = client.post(f"{settings.API_V1_STR}/login/access-token", data={"username": "a", "password": "b"})
    assert r.status_code == 200


def test_signup(client):
    r = client.post("/api/v1/users/signup", json={"email": "a@example.com"})
    assert r.status_code == 200
