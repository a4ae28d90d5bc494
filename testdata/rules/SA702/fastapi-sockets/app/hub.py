import socketio

sio = socketio.AsyncServer(async_mode="asgi", client_manager=socketio.AsyncRedisManager("redis://redis:6379"))


class Hub:
    async def join(self, ws):
        await sio.emit("joined", {"n": 1})


hub = Hub()
