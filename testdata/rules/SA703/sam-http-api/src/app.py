import json


def search(event, context):
    q = (event.get("queryStringParameters") or {}).get("q", "")
    return {"statusCode": 200, "body": json.dumps({"q": q, "hits": []})}


def resize(event, context):
    return None
