import requests

MARKER = "# stackaudit:ignore SA502"


async def handler(request):
    # stackaudit:ignore SA502 called once at startup before serving
    data = requests.get("https://example.com")
    note = """
    # stackaudit:ignore SA502
    """
    return data, note  # stackaudit:ignored is not the marker
