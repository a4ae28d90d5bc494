def invoice(event, context):
    return len(event.get("Records", []))


def reconcile(event, context):
    return None
