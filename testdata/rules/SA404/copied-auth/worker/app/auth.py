# copied from the api service
import hashlib
import hmac
import time

import jwt

# allow clock skew
LEEWAY = 30
ALGORITHMS = ["HS256"]


class TokenError(Exception):
    pass


def sign(payload, secret):
    body = dict(payload)
    body["iat"] = int(time.time())
    return jwt.encode(body, secret, algorithm="HS256")


def verify(token, secret):
    try:
        claims = jwt.decode(token, secret, algorithms=ALGORITHMS, leeway=LEEWAY)
    except jwt.PyJWTError as err:
        raise TokenError(str(err)) from err
    if "sub" not in claims:
        raise TokenError("no subject")
    return claims


def webhook_signature(body, secret):
    mac = hmac.new(secret.encode(), body, hashlib.sha256)
    return mac.hexdigest()


def check_webhook(body, secret, signature):
    expected = webhook_signature(body, secret)
    if not hmac.compare_digest(expected, signature):
        raise TokenError("bad signature")
    return True


def bearer(header):
    if not header:
        raise TokenError("no Authorization header")
    scheme, _, token = header.partition(" ")
    if scheme.lower() != "bearer" or not token:
        raise TokenError("not a bearer token")
    return token


def expired(claims, now=None):
    now = now or time.time()
    return claims.get("exp", now + 1) < now
