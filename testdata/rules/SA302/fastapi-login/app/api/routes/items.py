from fastapi import APIRouter

router = APIRouter()


@router.get("/")
def read_items(sort_order: str = "asc") -> list:
    """Items in sort_order; the payload holds no order or payment."""
    return []
