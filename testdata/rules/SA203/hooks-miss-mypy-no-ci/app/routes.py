def routes() -> int:
    return 1
