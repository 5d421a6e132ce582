"""The job service: create, run, resume and inspect production jobs (CLI, API and Slack use it)."""

from __future__ import annotations

import json
import sqlite3
import threading
import uuid
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from datetime import UTC, datetime
from typing import Any

from langchain_core.runnables import RunnableConfig
from langgraph.checkpoint.sqlite import SqliteSaver
from langgraph.types import Command, StreamMode
from pydantic import BaseModel

from agent import review
from agent.checkpoint import serializer
from agent.context import Context
from agent.errors import JobNotFound, JobStateError
from agent.nodes.intake import build_brief
from agent.settings import Settings
from graphs.production import builder
from tools.assets import inspect_image

EventSink = Callable[[str, Any], None]
STREAM_MODES: list[StreamMode] = ["updates", "custom"]

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


class JobStatus(BaseModel):
    """Where a job stands: its status, any pending review and its deliverables."""

    thread_id: str
    status: str
    checkpoint: str | None = None
    pending: dict[str, Any] | None = None
    next_nodes: list[str] = []
    values: dict[str, Any] = {}
    error: str | None = None


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class JobService:
    """Runs the production graph with a SQLite checkpointer under the data directory."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        home = settings.data_dir
        self._db = sqlite3.connect(home / "jobs.sqlite", check_same_thread=False)
        self._db.execute(SCHEMA)
        self._lock = threading.Lock()
        self._checkpoints = sqlite3.connect(home / "checkpoints.sqlite", check_same_thread=False)
        self.graph = builder.compile(
            checkpointer=SqliteSaver(self._checkpoints, serde=serializer()))

    def close(self) -> None:
        """Close both databases."""
        self._db.close()
        self._checkpoints.close()

    @contextmanager
    def _write(self) -> Iterator[sqlite3.Connection]:
        with self._lock, self._db:
            yield self._db

    def create(self, request: dict[str, Any], context: Context) -> str:
        """Validate the request (InvalidInput if unusable) and record a new job."""
        build_brief(request, self.settings)
        context.validate()
        thread_id = f"job-{uuid.uuid4().hex[:12]}"
        with self._write() as db:
            db.execute("INSERT INTO jobs VALUES (?, ?, ?, ?, ?, NULL)",
                       (thread_id, _now(), _now(), json.dumps(request),
                        json.dumps(context.to_dict())))
        return thread_id

    def _record(self, thread_id: str) -> tuple[dict[str, Any], Context]:
        row = self._db.execute("SELECT request, context FROM jobs WHERE thread_id = ?",
                               (thread_id,)).fetchone()
        if row is None:
            raise JobNotFound(f"no job {thread_id!r} in {self.settings.data_dir}")
        return json.loads(row[0]), Context(**json.loads(row[1]))

    def _config(self, thread_id: str) -> RunnableConfig:
        return RunnableConfig(configurable={"thread_id": thread_id})

    def status(self, thread_id: str) -> JobStatus:
        """The job's state from its latest checkpoint."""
        self._record(thread_id)
        snapshot = self.graph.get_state(self._config(thread_id))
        values = dict(snapshot.values or {})
        error = self._db.execute("SELECT error FROM jobs WHERE thread_id = ?",
                                 (thread_id,)).fetchone()[0]
        if snapshot.interrupts:
            pending = snapshot.interrupts[0].value
            return JobStatus(thread_id=thread_id, status="awaiting_review",
                             checkpoint=pending.get("checkpoint"), pending=pending,
                             next_nodes=list(snapshot.next), values=values)
        if snapshot.next:
            return JobStatus(thread_id=thread_id, status="interrupted" if values else "created",
                             next_nodes=list(snapshot.next), values=values, error=error)
        status = values.get("status", "created")
        return JobStatus(thread_id=thread_id, status=status, values=values, error=error)

    def run(self, thread_id: str, decision: dict[str, Any] | None = None,
            on_event: EventSink | None = None) -> JobStatus:
        """Start, continue after a crash, or resume with a review decision, until the next pause."""
        request, context = self._record(thread_id)
        current = self.status(thread_id)
        payload: Any
        if current.status == "awaiting_review":
            if decision is None:
                raise JobStateError(f"job {thread_id} waits for a {current.checkpoint} review: "
                                    "approve, edit or reject it")
            self.validate_decision(decision)
            payload = Command(resume=decision)
        elif decision is not None:
            raise JobStateError(f"job {thread_id} is {current.status}, not waiting for a review")
        elif current.status == "created":
            payload = {"request": request}
        elif current.status == "interrupted":
            payload = None
        else:
            raise JobStateError(f"job {thread_id} is already {current.status}")
        self._set_error(thread_id, None)
        try:
            for mode, chunk in self.graph.stream(payload, self._config(thread_id), context=context,
                                                 stream_mode=STREAM_MODES):
                if on_event:
                    on_event(mode, chunk)
        except Exception as exc:
            self._set_error(thread_id, str(exc))
            raise
        return self.status(thread_id)

    def validate_decision(self, decision: dict[str, Any]) -> None:
        """Check a decision fully before resuming, so bad input never reaches the graph."""
        parsed = review.parse(decision)
        if parsed.type == "edit":
            for scene in review.edited_scenes(parsed, self.settings.words_per_second):
                if scene.asset:
                    inspect_image(scene.asset)

    def _set_error(self, thread_id: str, error: str | None) -> None:
        """Record the last run's error (None clears it); the status itself lives in the checkpoint."""
        with self._write() as db:
            db.execute("UPDATE jobs SET error = ?, updated_at = ? WHERE thread_id = ?",
                       (error, _now(), thread_id))

    def list(self, limit: int = 20) -> list[tuple[str, str, str]]:
        """Recent jobs: thread id, status (from the checkpoint, true after a crash), creation time."""
        rows = self._db.execute("SELECT thread_id, created_at FROM jobs "
                                "ORDER BY created_at DESC LIMIT ?", (limit,)).fetchall()
        return [(r[0], self.status(r[0]).status, r[1]) for r in rows]
