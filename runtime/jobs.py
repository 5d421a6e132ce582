"""The job service: create, run, resume and inspect production jobs (CLI, API and Slack use it)."""

from __future__ import annotations

import hashlib
import json
import uuid
from collections.abc import Callable
from dataclasses import replace
from typing import Any

from langchain_core.runnables import RunnableConfig
from langgraph.graph import StateGraph
from langgraph.types import Command, StreamMode

from aios.agent.briefs import build_brief
from aios.graphs.production import builder
from aios.kernel.context import Context
from aios.kernel.decision import Decision
from aios.kernel.errors import Backpressure, IdempotencyConflict, InvalidInput, JobNotFound, JobStateError
from aios.kernel.settings import Settings
from aios.runtime.audit import AuditLog
from aios.runtime.auditor import GraphAuditor
from aios.runtime.checkpoint import checkpointer
from aios.runtime.db import Handle, open_database
from aios.runtime.events import EventLog
from aios.runtime.job_records import JobRecord, JobStatus, now
from aios.runtime.keys import ApiKeys
from aios.runtime.migrations import upgrade
from aios.runtime.versions import Versions
from aios.tools.assets import inspect_image, limit_pixels
from aios.tools.files import private_dir, private_process
from aios.tools.storage import discard

EventSink = Callable[[str, Any], None]
STREAM_MODES: list[StreamMode] = ["updates", "custom", "tasks"]
ADMISSION_LOCK = 4243  # with the tenant's hash: the PostgreSQL advisory lock new jobs of one tenant take turns on
FINISHED = frozenset({"published", "failed", "blocked", "rejected"})

class JobService:
    """Runs the production graph with its checkpointer: SQLite under AIOS_HOME, or PostgreSQL (AIOS_DATABASE_URL)."""

    def __init__(self, settings: Settings, graph: StateGraph[Any, Any, Any, Any] | None = None) -> None:
        """`graph` replaces the production graph's builder (benchmarks measure the orchestration with no-op nodes)."""
        self.settings = settings
        limit_pixels(settings.max_image_pixels)  # one pixel limit for the process, whatever opens an image
        private_process()  # databases, uploads, renders: readable by this user only
        private_dir(settings.data_dir)
        self.database = open_database(settings)
        upgrade(self.database)
        self.events = EventLog(self.database)
        self.keys = ApiKeys(self.database)
        self.audit = AuditLog(self.database)
        self.versions = Versions(self.database)
        self._checkpoints = checkpointer(self.database, settings.data_dir)
        self.graph = (graph or builder).compile(checkpointer=self._checkpoints.saver)

    def close(self) -> None:
        """Close both databases."""
        self.database.close()
        self._checkpoints.close()

    def running_jobs(self) -> list[str]:
        """Jobs a runner had marked running, or admitted and never started (after a stop, those to resume)."""
        with self.database.read() as db:
            return [row[0] for row in db.execute("SELECT thread_id FROM jobs WHERE running = 1 OR admitted = 1"
                                                 ).fetchall()]

    def validate(self, request: dict[str, Any], context: Context) -> None:
        """InvalidInput unless a job with this request and context could start (nothing is stored)."""
        context.validate()
        build_brief(request, replace(context, settings=self.settings))
        if context.planner == "llm" and not self.settings.llm_model:
            raise InvalidInput("planner llm needs a chat model: set AIOS_LLM_MODEL (or use auto or rules)")

    def create(self, request: dict[str, Any], context: Context, *, tenant: str = "local",
               webhook_url: str | None = None, metadata: dict[str, Any] | None = None,
               idempotency_key: str | None = None, queue_limit: int | None = None) -> tuple[str, bool]:
        """Validate and record a new job; returns (thread id, created).

        With an idempotency key, the same key and request return the existing job (created False);
        the same key with a different request raises IdempotencyConflict. With `queue_limit`, admission is atomic:
        under a lock on the tenant, a tenant with that many jobs queued or running gets Backpressure, and the new
        job counts as queued from this transaction on (until its first run starts).
        """
        self.validate(request, context)
        context = replace(context, tenant=tenant)
        digest = hashlib.sha256(json.dumps([request, context.to_dict(), webhook_url, metadata or {}],
                                           sort_keys=True).encode()).hexdigest()
        with self.database.write() as db:
            if self.database.dialect == "postgres":  # concurrent creates of one tenant take turns (SQLite: one writer)
                db.execute("SELECT pg_advisory_xact_lock(?, hashtext(?))", (ADMISSION_LOCK, tenant))
            if idempotency_key is not None:
                row = db.execute("SELECT thread_id, request_hash FROM jobs WHERE tenant = ? AND idempotency_key = ?",
                                 (tenant, idempotency_key)).fetchone()
                if row is not None:
                    if row[1] != digest:
                        raise IdempotencyConflict("this Idempotency-Key was used with a different request")
                    return row[0], False
            if queue_limit is not None and _queued(db, tenant) >= queue_limit:
                raise Backpressure(f"tenant {tenant} already has {queue_limit} jobs queued or running; "
                                   "try again later", self.settings.queue_retry_after_s)
            thread_id = f"job-{uuid.uuid4().hex[:12]}"
            db.execute("INSERT INTO jobs (thread_id, created_at, updated_at, request, context, tenant, webhook_url, "
                       "metadata, idempotency_key, request_hash, admitted) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                       (thread_id, now(), now(), json.dumps(request), json.dumps(context.to_dict()), tenant,
                        webhook_url, json.dumps(metadata or {}), idempotency_key, digest,
                        int(queue_limit is not None)))
        self.events.append(thread_id, "job.created", {"request": request, "metadata": metadata or {}})
        return thread_id, True

    def queued(self, tenant: str) -> int:
        """A tenant's jobs queued or running: admitted and not yet started, or marked running by a runner."""
        with self.database.read() as db:
            return _queued(db, tenant)

    def record(self, thread_id: str, tenant: str | None = None) -> JobRecord:
        """The stored job; JobNotFound if it does not exist or belongs to another tenant."""
        with self.database.read() as db:
            row = db.execute("SELECT thread_id, tenant, created_at, updated_at, request, context, webhook_url, "
                             "metadata, cancelled_at, running FROM jobs WHERE thread_id = ?", (thread_id,)).fetchone()
        if row is None or (tenant is not None and row[1] != tenant):
            raise JobNotFound(f"no job {thread_id!r}")
        return JobRecord(thread_id=row[0], tenant=row[1], created_at=row[2], updated_at=row[3],
                         request=json.loads(row[4]), context=Context.from_dict(json.loads(row[5]), self.settings),
                         webhook_url=row[6], metadata=json.loads(row[7]), cancelled_at=row[8],
                         running=bool(row[9]))

    def set_context(self, thread_id: str, context: Context) -> None:
        """Replace the stored per-run context (a final-quality re-render switches the profile)."""
        with self.database.write() as db:
            db.execute("UPDATE jobs SET context = ?, updated_at = ? WHERE thread_id = ?",
                       (json.dumps(context.to_dict()), now(), thread_id))

    def set_running(self, thread_id: str, running: bool) -> None:
        """Mark whether a runner is executing the job now (cleared on clean stops and at start-up)."""
        with self.database.write() as db:
            db.execute("UPDATE jobs SET running = ?, admitted = 0, updated_at = ? WHERE thread_id = ?",
                       (int(running), now(), thread_id))

    def cancel(self, thread_id: str) -> None:
        """Mark the job cancelled; a runner stops it at the next step boundary."""
        with self.database.write() as db:
            db.execute("UPDATE jobs SET cancelled_at = COALESCE(cancelled_at, ?), updated_at = ? WHERE thread_id = ?",
                       (now(), now(), thread_id))

    def forget(self, thread_id: str) -> None:
        """Delete the job's rows (its audit trail stays: it is append-only) and its checkpoints."""
        with self.database.write() as db:
            for table in ("events", "webhook_deliveries", "webhook_outbox", "slack_jobs", "versions", "jobs"):
                db.execute(f"DELETE FROM {table} WHERE thread_id = ?", (thread_id,))
        self._checkpoints.saver.delete_thread(thread_id)

    def _config(self, thread_id: str) -> RunnableConfig:
        return RunnableConfig(configurable={"thread_id": thread_id})

    def status(self, thread_id: str, tenant: str | None = None) -> JobStatus:
        """The job's state from its latest checkpoint (and the runner's and cancel marks)."""
        found = self.record(thread_id, tenant)
        base = self.checkpoint_status(thread_id)
        if found.cancelled_at and base.status not in FINISHED:
            return base.model_copy(update={"status": "cancelled", "pending": None, "checkpoint": None})
        if found.running:
            return base.model_copy(update={"status": "running", "pending": None, "checkpoint": None})
        return base

    def checkpoint_status(self, thread_id: str) -> JobStatus:
        """Where the job's graph stands by its latest checkpoint alone (not the runner's or cancel marks)."""
        snapshot = self.graph.get_state(self._config(thread_id))
        values = dict(snapshot.values or {})
        with self.database.read() as db:
            error = db.execute("SELECT error FROM jobs WHERE thread_id = ?", (thread_id,)).fetchone()[0]
        if snapshot.interrupts:
            pending = snapshot.interrupts[0].value
            return JobStatus(thread_id=thread_id, status="awaiting_review", checkpoint=pending.get("checkpoint"),
                             pending=pending, next_nodes=list(snapshot.next), values=values)
        if snapshot.next or snapshot.tasks:
            # Tasks with no `next` left are a step whose tasks all finished but whose results were never applied
            # (the run stopped right then): it still has work, so it resumes rather than counting as ended.
            # A run that raised (its error is recorded, job.failed went out) failed; one that was killed or stopped
            # is interrupted. Either continues with `aios resume`.
            stopped = "failed" if error else "interrupted"
            return JobStatus(thread_id=thread_id, status=stopped if values else "created",
                             next_nodes=list(snapshot.next or {task.name for task in snapshot.tasks}),
                             values=values, error=error)
        return JobStatus(thread_id=thread_id, status=values.get("status", "created"), values=values, error=error)

    def run(self, thread_id: str, resume: dict[str, Any] | None = None, on_event: EventSink | None = None,
            should_stop: Callable[[], bool] | None = None, rerender: str | None = None) -> JobStatus:
        """Start, continue after a crash, resume with a review decision, or re-render, until the next pause.

        `resume` is a decision's resume value (Decision.resume_value), checked again here before the graph sees it.
        `should_stop` is polled between steps: when it turns true the run stops at the last checkpoint.
        """
        found = self.record(thread_id)
        request, context = found.request, found.context
        current = self.checkpoint_status(thread_id)
        if found.cancelled_at:
            raise JobStateError(f"job {thread_id} was cancelled")
        payload: Any
        if rerender is not None:
            if current.status != "published" and current.checkpoint != "final":
                raise JobStateError(f"job {thread_id} is {current.status}: only an approved job can be re-rendered")
            payload = {"rerender": rerender}
        elif current.status == "awaiting_review":
            if resume is None:
                raise JobStateError(f"job {thread_id} waits for a {current.checkpoint} review: "
                                    "approve, edit or reject it")
            self.validate_decision(Decision.from_resume(resume))  # a bad value never reaches the graph
            payload = Command(resume=resume)
        elif resume is not None:
            raise JobStateError(f"job {thread_id} is {current.status}, not waiting for a review")
        elif current.status == "created":
            payload = {"request": request}
        elif current.status == "interrupted" or (current.status == "failed" and current.next_nodes):
            payload = None  # continue from the last checkpoint (after a crash, a kill or a failed step)
        else:
            raise JobStateError(f"job {thread_id} is already {current.status}")
        self._set_error(thread_id, None)  # and the admission mark: a runner has it now
        auditor = GraphAuditor(self.audit, thread_id, self.versions)
        try:
            for mode, chunk in self.graph.stream(payload, self._config(thread_id), context=context,
                                                 stream_mode=STREAM_MODES):
                auditor(mode, chunk)
                if on_event:
                    on_event(mode, chunk)
                if should_stop and should_stop():
                    break
        except Exception as exc:
            self._set_error(thread_id, str(exc))
            raise
        paused = self.checkpoint_status(thread_id)
        if paused.status == "published":  # its working files (WAVs, segments, the review cut) are done with
            discard(self.settings, self.settings.data_dir / "jobs" / thread_id)
        return paused

    def validate_decision(self, decision: Decision) -> None:
        """Check what a decision names on this machine (the images of edited scenes) before resuming."""
        for scene in decision.scenes or []:
            if scene.asset:
                inspect_image(scene.asset)

    def _set_error(self, thread_id: str, error: str | None) -> None:
        """Record the last run's error (None clears it); the status itself lives in the checkpoint."""
        with self.database.write() as db:
            db.execute("UPDATE jobs SET error = ?, admitted = 0, updated_at = ? WHERE thread_id = ?",
                       (error, now(), thread_id))

    def page(self, tenant: str, *, status: str | None = None, limit: int = 20,
             after: tuple[str, str] | None = None) -> tuple[list[JobStatus], tuple[str, str] | None]:
        """A tenant's jobs, newest first, optionally of one status; returns (jobs, position after the last).

        Status comes from each job's checkpoint, so a status filter reads jobs in batches until the page is full.
        """
        found: list[JobStatus] = []
        position = after
        while len(found) < limit:
            query = "SELECT thread_id, created_at FROM jobs WHERE tenant = ?"
            args: list[Any] = [tenant]
            if position is not None:
                query += " AND (created_at < ? OR (created_at = ? AND thread_id < ?))"
                args += [position[0], position[0], position[1]]
            with self.database.read() as db:
                rows = db.execute(query + " ORDER BY created_at DESC, thread_id DESC LIMIT ?",
                                  (*args, limit * 2)).fetchall()
            for thread_id, created_at in rows:
                position = (created_at, thread_id)
                current = self.status(thread_id)
                if status is None or current.status == status:
                    found.append(current)
                    if len(found) == limit:
                        break
            if len(rows) < limit * 2 and len(found) < limit:
                return found, None
        return found, position

    def recent(self, limit: int = 20) -> list[tuple[JobStatus, str, str]]:
        """Recent jobs, newest first: status (from the checkpoint, true after a crash), creation time, tenant."""
        with self.database.read() as db:
            rows = db.execute("SELECT thread_id, created_at, tenant FROM jobs ORDER BY created_at DESC LIMIT ?",
                              (limit,)).fetchall()
        return [(self.status(r[0]), r[1], r[2]) for r in rows]

    def list(self, limit: int = 20) -> list[tuple[str, str, str]]:
        """Recent jobs: thread id, status, creation time."""
        return [(status.thread_id, status.status, created) for status, created, _ in self.recent(limit)]


def _queued(db: Handle, tenant: str) -> int:
    row = db.execute("SELECT COUNT(*) FROM jobs WHERE tenant = ? AND (running = 1 OR admitted = 1)",
                     (tenant,)).fetchone()
    return int(row[0])
