"""Stored job records: the jobs table (with its migrations) and the job and status models."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel

from agent.context import Context
from agent.db import Database

SCHEMA = """
CREATE TABLE IF NOT EXISTS jobs (
    thread_id TEXT PRIMARY KEY,
    created_at TEXT NOT NULL,
    updated_at TEXT NOT NULL,
    request TEXT NOT NULL,
    context TEXT NOT NULL,
    error TEXT
)
"""
# Columns added after the first release; _migrate adds any that an older database lacks.
COLUMNS = {
    "tenant": "TEXT NOT NULL DEFAULT 'local'",
    "webhook_url": "TEXT",
    "metadata": "TEXT NOT NULL DEFAULT '{}'",
    "idempotency_key": "TEXT",
    "request_hash": "TEXT",
    "cancelled_at": "TEXT",
    "running": "INTEGER NOT NULL DEFAULT 0",
    "pending_run": "TEXT",  # the queued or running run ({decision, rerender}) until it ends: what a takeover resumes
    "owner": "TEXT",  # the worker holding the job, until lease_until (unix seconds)
    "lease_until": "DOUBLE PRECISION",
}


class JobRecord(BaseModel):
    """A job as stored: who owns it and what was asked."""

    thread_id: str
    tenant: str
    created_at: str
    updated_at: str
    request: dict[str, Any]
    context: Context
    webhook_url: str | None = None
    metadata: dict[str, Any] = {}
    cancelled_at: str | None = None
    running: bool = False


class JobStatus(BaseModel):
    """Where a job stands: its status, any pending review and its deliverables."""

    thread_id: str
    status: str
    checkpoint: str | None = None
    pending: dict[str, Any] | None = None
    next_nodes: list[str] = []
    values: dict[str, Any] = {}
    error: str | None = None


def now() -> str:
    """A sortable UTC timestamp with microseconds."""
    return datetime.now(UTC).isoformat(timespec="microseconds")




def migrate(db: Database) -> None:
    """Create the jobs table, or add the columns an older database lacks."""
    db.schema(SCHEMA)
    present = db.columns("jobs")
    with db.write() as tx:
        for name, kind in COLUMNS.items():
            if name not in present:
                tx.execute(f"ALTER TABLE jobs ADD COLUMN {name} {kind}")
    db.schema("CREATE UNIQUE INDEX IF NOT EXISTS jobs_idempotency "
              "ON jobs (tenant, idempotency_key) WHERE idempotency_key IS NOT NULL;\n"
              "CREATE INDEX IF NOT EXISTS jobs_by_tenant ON jobs (tenant, created_at);")
