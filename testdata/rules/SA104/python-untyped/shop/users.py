import json

def users_0(order_id: int, note: str = "") -> dict:
    return {"id": order_id, "note": note}


def users_1(order_id: int, note: str = "") -> dict:
    return {"id": order_id, "note": note}


def users_2(order_id, note=""):
    return {"id": order_id, "note": note}


def users_3(order_id, note=""):
    return {"id": order_id, "note": note}
