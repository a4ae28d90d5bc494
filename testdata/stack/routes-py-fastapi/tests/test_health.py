from fastapi import FastAPI
from fastapi.testclient import TestClient

test_app = FastAPI()


@test_app.get("/only-in-tests")
def only_in_tests():
    return {}


def test_health():
    assert TestClient(test_app).get("/only-in-tests").status_code == 200
