from starlette.responses import JSONResponse
from starlette.routing import Route


async def checkout(request):
    return JSONResponse({})


async def login(request):
    return JSONResponse({})


routes = [
    Route("/checkout", checkout, methods=["POST", "PUT"]),
]
