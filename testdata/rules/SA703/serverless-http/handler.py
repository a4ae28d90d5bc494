import json

import pandas as pd


def checkout(event, context):
    return {"statusCode": 200, "body": json.dumps({"ok": True})}


def quote(event, context):
    prices = pd.DataFrame({"sku": ["a"], "price": [1.0]})
    return {"statusCode": 200, "body": prices.to_json()}


def nightly(event, context):
    return None
