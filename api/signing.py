"""Expiring HMAC-signed download URLs: the signature binds tenant, job, artifact and expiry."""

from __future__ import annotations

import hashlib
import hmac
import time


def sign(secret: str, tenant: str, job: str, name: str, expires: int) -> str:
    """The signature for one download link."""
    message = f"{tenant}\n{job}\n{name}\n{expires}".encode()
    return hmac.new(secret.encode(), message, hashlib.sha256).hexdigest()


def query(secret: str, tenant: str, job: str, name: str, ttl_s: int) -> tuple[str, int]:
    """(query string, expiry unix time) for a link valid for ttl_s seconds."""
    expires = int(time.time()) + ttl_s
    return f"tenant={tenant}&expires={expires}&sig={sign(secret, tenant, job, name, expires)}", expires


def valid(secret: str, tenant: str, job: str, name: str, expires: int, signature: str) -> bool:
    """Whether a link is authentic and not expired."""
    if expires < time.time():
        return False
    expected = sign(secret, tenant, job, name, expires).encode()
    return hmac.compare_digest(expected, signature.encode("utf-8", "surrogateescape"))
