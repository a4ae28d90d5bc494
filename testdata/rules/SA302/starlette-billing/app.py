from starlette.applications import Starlette
from starlette.responses import JSONResponse
from starlette.routing import Mount, Route


async def login(request):
    return JSONResponse({"token": "t"})


async def charge(request):
    # A test for /billing/charge is still to be written.
    return JSONResponse({"charged": True})


async def health(request):
    return JSONResponse({"ok": True})


billing_routes = [
    Route("/charge", charge, methods=["POST"]),
]

app = Starlette(
    routes=[
        Route("/login", login, methods=["POST"]),
        Route("/health", health),
        Mount("/billing", routes=billing_routes),
    ]
)
