from starlette.applications import Starlette
from starlette.routing import Mount, Route

from app import billing
from app.endpoints import Homepage, health

routes = [
    Route("/", Homepage),
    Route("/health", endpoint=health),
    Mount("/api", routes=[
        Mount("/billing", routes=billing.routes),
        Route("/login", billing.login, methods=["POST"]),
    ]),
]

app = Starlette(debug=False, routes=routes)
