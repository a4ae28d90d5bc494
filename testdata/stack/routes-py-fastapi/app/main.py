from fastapi import FastAPI

from app.api.main import api_router
from app.config import settings

app = FastAPI(title="payapi")


@app.get("/health")
def health():
    return {"ok": True}


app.include_router(api_router, prefix=settings.API_V1_STR)
