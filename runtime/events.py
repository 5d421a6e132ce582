"""The job event log: typed, numbered events stored per job, replayable from any id."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime
from typing import Any, Literal

from aios.runtime.db import Database

EventType = Literal["job.created", "node.started", "node.completed", "scene.progress", "review.requested",
                    "artifact.ready", "engine.degraded", "job.completed", "job.failed", "job.cancelled"]
TERMINAL: frozenset[str] = frozenset({"job.completed", "job.failed", "job.cancelled"})



@dataclass(frozen=True)
class Event:
    """One stored event; `id` grows across all jobs, so it orders and resumes a stream."""

    id: int
    thread_id: str
    type: str
    data: dict[str, Any]
    created_at: str

    def public(self) -> dict[str, Any]:
        """The JSON body sent to clients and webhooks."""
        return {"id": self.id, "type": self.type, "job_id": self.thread_id, "created_at": self.created_at,
                "data": self.data}


class EventLog:
    """Append and read events in the jobs database."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def append(self, thread_id: str, kind: EventType, data: dict[str, Any] | None = None) -> Event:
        """Store an event and return it with its id.

        On PostgreSQL appends take turns (a transaction lock), so ids become visible in order and a reader
        that resumes after an id never skips one committed later with a smaller id.
        """
        now = datetime.now(UTC).isoformat(timespec="milliseconds")
        body = json.dumps(data or {})
        with self._db.write() as db:
            if self._db.dialect == "postgres":
                db.execute("SELECT pg_advisory_xact_lock(4244)")
            row = db.execute("INSERT INTO events (thread_id, type, data, created_at) VALUES (?, ?, ?, ?) RETURNING id",
                             (thread_id, kind, body, now)).fetchone()
        return Event(int(row[0]), thread_id, kind, data or {}, now)

    def after(self, thread_id: str, last_id: int = 0, limit: int = 500) -> list[Event]:
        """Events of a job with id greater than last_id, oldest first."""
        with self._db.read() as db:
            rows = db.execute("SELECT id, thread_id, type, data, created_at FROM events "
                              "WHERE thread_id = ? AND id > ? ORDER BY id LIMIT ?",
                              (thread_id, last_id, limit)).fetchall()
        return [Event(r[0], r[1], r[2], json.loads(r[3]), r[4]) for r in rows]

    def after_tenant(self, tenant: str, last_id: int = 0, limit: int = 500) -> list[Event]:
        """Events of every job of a tenant with id greater than last_id, oldest first (the jobs list's feed)."""
        with self._db.read() as db:
            rows = db.execute("SELECT e.id, e.thread_id, e.type, e.data, e.created_at FROM events e "
                              "JOIN jobs j ON j.thread_id = e.thread_id WHERE j.tenant = ? AND e.id > ? "
                              "ORDER BY e.id LIMIT ?", (tenant, last_id, limit)).fetchall()
        return [Event(r[0], r[1], r[2], json.loads(r[3]), r[4]) for r in rows]

    def newest_id(self) -> int:
        """The largest event id so far (a live feed starts after it)."""
        with self._db.read() as db:
            row = db.execute("SELECT MAX(id) FROM events").fetchone()
        return int(row[0] or 0)

    def latest(self, thread_id: str) -> Event | None:
        """The job's newest event."""
        with self._db.read() as db:
            row = db.execute("SELECT id, thread_id, type, data, created_at FROM events WHERE thread_id = ? "
                             "ORDER BY id DESC LIMIT 1", (thread_id,)).fetchone()
        return Event(row[0], row[1], row[2], json.loads(row[3]), row[4]) if row else None
