"""Which worker owns a job: a lease in the jobs table, renewed while it runs and taken over when it lapses."""

from __future__ import annotations

import json
import time
from typing import Any

from aios.runtime.db import Database


class Leases:
    """Queued runs and their owners, shared by the API (which enqueues) and every worker (which runs)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def enqueue(self, thread_id: str, decision: dict[str, Any] | None, rerender: str | None) -> None:
        """Record the run to make; it stays until a worker finishes it (so a takeover knows what to resume)."""
        with self._db.write() as db:
            db.execute("UPDATE jobs SET pending_run = ?, running = 1, admitted = 0 WHERE thread_id = ?",
                       (json.dumps({"decision": decision, "rerender": rerender}), thread_id))

    def pending(self, thread_id: str) -> dict[str, Any] | None:
        """The run waiting or in progress, if any."""
        with self._db.read() as db:
            row = db.execute("SELECT pending_run FROM jobs WHERE thread_id = ?", (thread_id,)).fetchone()
        return json.loads(row[0]) if row and row[0] else None

    def claim(self, thread_id: str, owner: str, ttl_s: float) -> bool:
        """Take the job if nobody holds it or its holder's lease lapsed; False if a live worker has it."""
        now = time.time()
        with self._db.write() as db:
            row = db.execute("UPDATE jobs SET owner = ?, lease_until = ? WHERE thread_id = ? AND "
                             "(owner IS NULL OR owner = ? OR lease_until < ?) RETURNING thread_id",
                             (owner, now + ttl_s, thread_id, owner, now)).fetchone()
        return row is not None

    def renew(self, thread_id: str, owner: str, ttl_s: float) -> bool:
        """Extend our lease; False if the job was taken from us (then we must stop)."""
        with self._db.write() as db:
            row = db.execute("UPDATE jobs SET lease_until = ? WHERE thread_id = ? AND owner = ? RETURNING thread_id",
                             (time.time() + ttl_s, thread_id, owner)).fetchone()
        return row is not None

    def finish(self, thread_id: str, owner: str) -> None:
        """The run ended (paused, published, failed or cancelled): nothing is queued for the job any more."""
        with self._db.write() as db:
            db.execute("UPDATE jobs SET pending_run = NULL, running = 0, owner = NULL, lease_until = NULL "
                       "WHERE thread_id = ? AND owner = ?", (thread_id, owner))

    def hand_back(self, thread_id: str, owner: str) -> None:
        """Give the job up unfinished (shutting down): its run stays queued for another worker."""
        with self._db.write() as db:
            db.execute("UPDATE jobs SET owner = NULL, lease_until = NULL WHERE thread_id = ? AND owner = ?",
                       (thread_id, owner))

    def lapsed(self) -> list[str]:
        """Jobs whose worker stopped renewing (it died): freed here, once, for whoever re-enqueues them."""
        with self._db.write() as db:
            rows = db.execute("UPDATE jobs SET owner = NULL, lease_until = NULL WHERE owner IS NOT NULL AND "
                              "lease_until < ? AND pending_run IS NOT NULL RETURNING thread_id",
                              (time.time(),)).fetchall()
        return [row[0] for row in rows]

    def queued(self, tenant: str | None = None) -> int:
        """Runs queued or running (of one tenant, or all)."""
        query, args = "SELECT COUNT(*) FROM jobs WHERE pending_run IS NOT NULL", []
        if tenant is not None:
            query, args = query + " AND tenant = ?", [tenant]
        with self._db.read() as db:
            return int(db.execute(query, args).fetchone()[0])
