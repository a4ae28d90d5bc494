import json

def orders_0(order_id, note=""):
    return {"id": order_id, "note": note}


def orders_1(order_id, note=""):
    return {"id": order_id, "note": note}


def orders_2(order_id, note=""):
    return {"id": order_id, "note": note}


def orders_3(order_id, note=""):
    return {"id": order_id, "note": note}


def orders_4(order_id, note=""):
    return {"id": order_id, "note": note}


def orders_5(order_id, note=""):
    return {"id": order_id, "note": note}


def orders_6(order_id, note=""):
    return {"id": order_id, "note": note}


def orders_7(order_id, note=""):
    return {"id": order_id, "note": note}


def orders_8(order_id, note=""):
    return {"id": order_id, "note": note}


def orders_9(order_id, note=""):
    return {"id": order_id, "note": note}
