import requests


async def handler(request):
    # stackaudit:ignore SA502
    data = requests.get("https://example.com")
    return data
