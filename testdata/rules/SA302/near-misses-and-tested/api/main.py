from fastapi import FastAPI

app = FastAPI()


@app.get("/items/{item_id}/payload")
def item_payload(item_id: int) -> dict:
    # checkout, billing and payment are words in this comment only
    return {"payload": "pay later", "sort_order": 1}


@app.get("/reports")
def reports(order_by: str = "name") -> list:
    return []


@app.get("/authors/{author_id}")
def read_author(author_id: int) -> dict:
    return {"message": "login to see the checkout"}


@app.post("/orders/{order_id}/pay")
def pay_order(order_id: int) -> dict:
    return {"paid": True}


@app.post("/auth/logout")
def logout() -> dict:
    return {}
