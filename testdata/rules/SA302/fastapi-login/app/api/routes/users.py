from fastapi import APIRouter

router = APIRouter()


@router.post("/signup")
def register_user(email: str) -> dict:
    return {"email": email}


@router.get("/{user_id}")
def read_user(user_id: int) -> dict:
    return {"id": user_id}
