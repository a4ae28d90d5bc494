from fastapi import FastAPI

from app.notify import router

app = FastAPI()
app.include_router(router)


@app.get("/products")
def products():
    return []
