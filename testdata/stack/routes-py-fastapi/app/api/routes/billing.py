from fastapi import APIRouter

router = APIRouter(prefix="/v2")


@router.post("/checkout")
async def checkout():
    """Call router.post("/not-a-route") in a docstring."""
    return {}


@router.get(f"/invoices/{{invoice_id}}")
async def invoice(invoice_id: str): ...
