"""Browser sessions for the review page: a signed cookie naming the API key, and a CSRF token derived from it."""

from __future__ import annotations

import hashlib
import hmac
import time

COOKIE = "aios_session"
CSRF_HEADER = "X-CSRF-Token"
LIFETIME_S = 12 * 3600


def _mac(secret: str, message: str) -> str:
    return hmac.new(secret.encode(), message.encode(), hashlib.sha256).hexdigest()


def issue(secret: str, key_id: str, now: float | None = None) -> str:
    """The cookie value for a signed-in API key: key id, expiry, signature."""
    expires = int((now or time.time()) + LIFETIME_S)
    return f"{key_id}.{expires}.{_mac(secret, f'session|{key_id}|{expires}')}"


def key_id(secret: str, cookie: str | None, now: float | None = None) -> str | None:
    """The key id of a valid, unexpired session cookie; None otherwise (the key itself is checked by the caller)."""
    parts = (cookie or "").split(".")
    if len(parts) != 3 or not parts[1].isdigit():
        return None
    found, expires, signature = parts
    if int(expires) < (now or time.time()):
        return None
    return found if hmac.compare_digest(signature, _mac(secret, f"session|{found}|{expires}")) else None


def csrf(secret: str, cookie: str) -> str:
    """The token a page must echo in X-CSRF-Token for requests that change something."""
    return _mac(secret, f"csrf|{cookie}")[:32]
