from typing import Self


class OrderView:
    def __init__(self, repo: object) -> None:
        self.repo = repo

    def get(self, request: object, *args: int, **kwargs: str) -> object:
        return self.repo

    @staticmethod
    def parse(raw: str) -> dict:
        return {"raw": raw}

    @classmethod
    def build(cls) -> Self:
        return cls(None)


class Money:
    def __init__(self, cents: int):
        self.cents = cents
