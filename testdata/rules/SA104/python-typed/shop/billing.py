import json

def billing_0(order_id: int, note: str = "") -> dict:
    return {"id": order_id, "note": note}


def billing_1(order_id: int, note: str = "") -> dict:
    return {"id": order_id, "note": note}


def billing_2(order_id: int, note: str = "") -> dict:
    return {"id": order_id, "note": note}


def billing_3(order_id: int, note: str = "") -> dict:
    return {"id": order_id, "note": note}


def billing_4(order_id: int, note: str = "") -> dict:
    return {"id": order_id, "note": note}


def billing_5(order_id: int, note: str = "") -> dict:
    return {"id": order_id, "note": note}


def billing_6(order_id: int, note: str = "") -> dict:
    return {"id": order_id, "note": note}


def billing_7(order_id: int, note: str = "") -> dict:
    return {"id": order_id, "note": note}
