import asyncio
import functools
import time

import httpx
import requests
from aiofiles import open
from fastapi import FastAPI
from starlette.concurrency import run_in_threadpool

app = FastAPI()


def fetch(url):
    return requests.get(url, timeout=5)


@app.get("/a")
async def a(url: str):
    r = await asyncio.to_thread(requests.get, url)
    s = await run_in_threadpool(lambda: requests.get(url, timeout=5).json())
    loop = asyncio.get_running_loop()
    t = await loop.run_in_executor(None, functools.partial(time.sleep, 1))
    u = await asyncio.to_thread(fetch, url)
    # requests.get(url) would block here
    note = "requests.get(url) is not called"
    return [r.status_code, s, t, u.status_code, note]


@app.get("/b")
async def b(url: str):
    async with httpx.AsyncClient() as client:
        r = await client.get(url)
    async with open("/tmp/x") as f:
        body = await f.read()
    await asyncio.sleep(1)
    return [r.status_code, body]


@app.get("/c")
def c(url: str):
    time.sleep(1)
    return requests.get(url, timeout=5).json()


async def not_a_handler():
    time.sleep(1)
