class OrderView:
    def __init__(self, repo):
        self.repo = repo

    def get(self, request, order_id: int):
        def render(o):  # nested: not counted
            return o
        return render(self.repo.get(order_id))

    @staticmethod
    def parse(raw: str) -> dict:
        return {"raw": raw}

    @classmethod
    def build(cls) -> "OrderView":
        return cls(None)
