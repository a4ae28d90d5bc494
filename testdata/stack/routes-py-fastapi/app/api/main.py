from fastapi import APIRouter

from app.api.routes import billing, users
from .routes.webhooks import router as hooks

api_router = APIRouter()
api_router.include_router(users.router)
api_router.include_router(billing.router, prefix="/billing", tags=["billing"])
api_router.include_router(hooks, prefix=get_prefix())
