from fastapi import APIRouter

try:
    import orjson as json_lib
except ImportError:  # pragma: no cover
    import json as json_lib

router = APIRouter()


@router.get("/items")
async def items() -> list[str]:
    import httpx

    async with httpx.AsyncClient() as client:
        r = await client.get("https://example.com")
    return [json_lib.dumps(r.status_code)]
