from fastapi import FastAPI, WebSocket

from app.hub import hub

app = FastAPI()


@app.websocket("/ws/scores")
async def scores(ws: WebSocket):
    await ws.accept()
    await hub.join(ws)
