from fastapi import APIRouter, WebSocket

router = APIRouter()


@router.websocket("/ws/order-status")
async def order_status(ws: WebSocket):
    await ws.accept()
    await ws.send_json({"status": "paid"})
