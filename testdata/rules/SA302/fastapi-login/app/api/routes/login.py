from fastapi import APIRouter

router = APIRouter()


@router.post("/login/access-token")
def login_access_token(username: str, password: str) -> dict:
    return {"access_token": "x"}


@router.post("/password-recovery/{email}")
def recover_password(email: str) -> dict:
    return {"message": "sent"}
