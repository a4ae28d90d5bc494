from common.auth import sign


def issue(user, secret):
    return sign({"sub": user}, secret)
