"""The audit trail: an append-only record of who decided what on each job, and when."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from aios.kernel.decision import Decision
from aios.runtime.db import Database
from aios.runtime.job_records import JobStatus, now


@dataclass(frozen=True)
class AuditEntry:
    """One decision: `actor` is who (cli:NAME, api:KEY_ID, slack:USER_ID, auto), `action` what."""

    id: int
    thread_id: str
    at: str
    actor: str
    action: str
    detail: dict[str, Any]

    def public(self) -> dict[str, Any]:
        """The JSON form shown by the API and the CLI."""
        return {"id": self.id, "job_id": self.thread_id, "at": self.at, "actor": self.actor,
                "action": self.action, "detail": self.detail}


class AuditLog:
    """Append and read audit entries in the jobs database (shares the job service's connection and lock)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def record(self, thread_id: str, actor: str, action: str, detail: dict[str, Any] | None = None) -> AuditEntry:
        """Append an entry and return it."""
        at, body = now(), json.dumps(detail or {}, sort_keys=True)
        with self._db.write() as db:
            row = db.execute("INSERT INTO audit (thread_id, at, actor, action, detail) VALUES (?, ?, ?, ?, ?) "
                             "RETURNING id", (thread_id, at, actor, action, body)).fetchone()
        return AuditEntry(int(row[0]), thread_id, at, actor, action, detail or {})

    def entries(self, thread_id: str) -> list[AuditEntry]:
        """A job's entries, oldest first."""
        with self._db.read() as db:
            rows = db.execute("SELECT id, thread_id, at, actor, action, detail FROM audit WHERE thread_id = ? "
                              "ORDER BY id", (thread_id,)).fetchall()
        return [AuditEntry(r[0], r[1], r[2], r[3], r[4], json.loads(r[5])) for r in rows]

    def first_actor(self, thread_id: str, action: str) -> str | None:
        """Who first did `action` on the job (e.g. who created it), without reading the whole trail."""
        with self._db.read() as db:
            row = db.execute("SELECT actor FROM audit WHERE thread_id = ? AND action = ? ORDER BY id LIMIT 1",
                             (thread_id, action)).fetchone()
        return str(row[0]) if row else None


def decision_entry(decision: Decision, pending: JobStatus) -> tuple[str, dict[str, Any]]:
    """(action, detail) for a review decision on the pending review, with the policy version it was shown."""
    policy = pending.values.get("policy")
    detail: dict[str, Any] = {"checkpoint": pending.checkpoint,
                              "policy_version": getattr(policy, "version", None),
                              "policy_outcome": getattr(policy, "outcome", None)}
    if decision.message:
        detail["message"] = decision.message
    if decision.type == "edit":
        detail["scenes"] = len(decision.scenes or [])
    return f"review.{decision.type}", detail
