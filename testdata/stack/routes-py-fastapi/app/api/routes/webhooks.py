from fastapi import APIRouter

router = APIRouter()


@router.post("/stripe")
async def stripe_webhook(): ...
