"""Stored job records: the job and status models (the tables are made by aios.runtime.migrations)."""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Any

from pydantic import BaseModel

from aios.kernel.context import Context


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
