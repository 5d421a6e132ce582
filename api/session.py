"""Browser sessions for the review page: a random session id in a signed cookie, held server-side (so signing out
ends it everywhere), naming the API key it was opened with; and a CSRF token derived from the cookie."""

from __future__ import annotations

import hashlib
import hmac
import secrets
import time

from aios.runtime.db import Database

COOKIE = "aios_session"
CSRF_HEADER = "X-CSRF-Token"
LIFETIME_S = 12 * 3600


def _mac(secret: str, message: str) -> str:
    return hmac.new(secret.encode(), message.encode(), hashlib.sha256).hexdigest()


def csrf(secret: str, cookie: str) -> str:
    """The token a page must echo in X-CSRF-Token for requests that change something."""
    return _mac(secret, f"csrf|{cookie}")[:32]


class Sessions:
    """Open sessions in the jobs database (shared by every API process)."""

    def __init__(self, db: Database, secret: str) -> None:
        self._db, self._secret = db, secret

    def issue(self, key_id: str, now: float | None = None) -> str:
        """Open a session for a signed-in API key; the cookie value (session id and its signature)."""
        moment = now or time.time()
        session_id = secrets.token_hex(16)
        with self._db.write() as db:
            db.execute("DELETE FROM web_sessions WHERE expires_at < ?", (moment,))
            db.execute("INSERT INTO web_sessions (id, key_id, expires_at) VALUES (?, ?, ?)",
                       (session_id, key_id, moment + LIFETIME_S))
        return f"{session_id}.{_mac(self._secret, f'session|{session_id}')}"

    def key_id(self, cookie: str | None, now: float | None = None) -> str | None:
        """The key id of an open, unexpired session whose cookie is genuine; None otherwise."""
        session_id = self._verified(cookie)
        if session_id is None:
            return None
        with self._db.read() as db:
            row = db.execute("SELECT key_id, expires_at FROM web_sessions WHERE id = ?", (session_id,)).fetchone()
        return str(row[0]) if row is not None and row[1] >= (now or time.time()) else None

    def end(self, cookie: str | None) -> None:
        """Sign out: the session ends on the server, so its cookie opens nothing any more, anywhere."""
        session_id = self._verified(cookie)
        if session_id is not None:
            with self._db.write() as db:
                db.execute("DELETE FROM web_sessions WHERE id = ?", (session_id,))

    def _verified(self, cookie: str | None) -> str | None:
        parts = (cookie or "").split(".")
        if len(parts) != 2 or not hmac.compare_digest(parts[1], _mac(self._secret, f"session|{parts[0]}")):
            return None
        return parts[0]
