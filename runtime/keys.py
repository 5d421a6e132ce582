"""API keys: random secrets stored only as SHA-256 hashes, each mapped to a tenant."""

from __future__ import annotations

import hashlib
import hmac
import re
import secrets
from datetime import UTC, datetime

from aios.kernel.errors import InvalidInput
from aios.runtime.db import Database

TENANT = re.compile(r"^[a-z0-9][a-z0-9_-]{0,62}$")


def _digest(secret: str) -> str:
    return hashlib.sha256(secret.encode()).hexdigest()


class ApiKeys:
    """Create, verify and revoke keys of the form `aios_<id>_<secret>`."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def create(self, tenant: str) -> tuple[str, str]:
        """A new key for the tenant: (key id, the full key, shown once)."""
        if not TENANT.match(tenant):
            raise InvalidInput("tenant must be 1-63 lowercase letters, digits, '-' or '_'")
        key_id, secret = secrets.token_hex(6), secrets.token_urlsafe(32)
        with self._db.write() as db:
            db.execute("INSERT INTO api_keys (id, tenant, hash, created_at) VALUES (?, ?, ?, ?)",
                             (key_id, tenant, _digest(secret), datetime.now(UTC).isoformat(timespec="seconds")))
        return key_id, f"aios_{key_id}_{secret}"

    def verify(self, key: str) -> tuple[str, str] | None:
        """(key id, tenant) for a valid, unrevoked key; None otherwise (constant-time comparison)."""
        parts = key.split("_", 2)
        if len(parts) != 3 or parts[0] != "aios":
            return None
        with self._db.read() as db:
            row = db.execute("SELECT tenant, hash FROM api_keys WHERE id = ? AND revoked_at IS NULL",
                             (parts[1],)).fetchone()
        if row is None or not hmac.compare_digest(row[1], _digest(parts[2])):
            return None
        return parts[1], row[0]

    def tenant_of(self, key_id: str) -> str | None:
        """The tenant of an active key by its id (browser sessions carry the id, never the key)."""
        with self._db.read() as db:
            row = db.execute("SELECT tenant FROM api_keys WHERE id = ? AND revoked_at IS NULL", (key_id,)).fetchone()
        return row[0] if row else None

    def revoke(self, key_id: str) -> bool:
        """Revoke a key by id; False when there was no such active key."""
        with self._db.write() as db:
            cursor = db.execute("UPDATE api_keys SET revoked_at = ? WHERE id = ? AND revoked_at IS NULL",
                                (datetime.now(UTC).isoformat(timespec="seconds"), key_id))
        return cursor.rowcount > 0

