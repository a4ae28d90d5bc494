import httpx
from fastapi import FastAPI

app = FastAPI()


@app.get("/rates")
def rates():
    return httpx.get("http://upstream/rates").json()
