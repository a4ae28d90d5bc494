from common.auth import verify


def handle(token, secret):
    return verify(token, secret)
