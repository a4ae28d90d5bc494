import subprocess
import time
from time import sleep as pause

import psycopg2
import requests
from fastapi import APIRouter, FastAPI

app = FastAPI()
router = APIRouter(prefix="/weather")


def load_city(name):
    conn = psycopg2.connect("dbname=weather")
    return conn, name


@router.get("/forecast/{city}")
async def forecast(city: str):
    load_city(city)
    r = requests.get(f"https://api.example.com/forecast/{city}", timeout=5)
    time.sleep(0.5)
    return r.json()


@app.post("/reports")
async def report():
    with open("/tmp/report.csv") as f:
        data = f.read()
    subprocess.run(["gzip", "/tmp/report.csv"], check=True)
    pause(1)
    with requests.Session() as session:
        session.post("https://hooks.example.com/report", json={"size": len(data)})
    return {"size": len(data)}


@app.get("/health")
def health():
    time.sleep(0.1)  # a sync handler runs in the thread pool
    return {"ok": True}


app.include_router(router)
