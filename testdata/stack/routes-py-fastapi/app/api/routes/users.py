from fastapi import APIRouter

router = APIRouter(prefix="/users", tags=["users"])


@router.post("/signup")
async def signup(): ...


@router.api_route("/{user_id}", methods=["GET", "DELETE"])
async def user(user_id: int): ...
