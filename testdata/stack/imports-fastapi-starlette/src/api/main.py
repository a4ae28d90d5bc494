from dotenv import load_dotenv
from fastapi import FastAPI
from starlette.middleware.cors import CORSMiddleware
from starlette.responses import PlainTextResponse
import pydantic

from api.settings import Settings
from .routes import router

load_dotenv()
app = FastAPI()
app.add_middleware(CORSMiddleware, allow_origins=["*"])
app.include_router(router)


@app.get("/health", response_class=PlainTextResponse)
def health() -> str:
    return "ok"
