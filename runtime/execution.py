"""One run of a job and its events, shared by the in-process runner and the Celery workers."""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Callable
from typing import Any

from aios.kernel.errors import AiosError
from aios.kernel.outputs import DELIVERED, OPTIONAL
from aios.kernel.schemas import PolicyReport
from aios.kernel.stages import SCENE_NODES
from aios.runtime.events import Event, EventType
from aios.runtime.jobs import JobService, JobStatus
from aios.runtime.metrics import Metrics
from aios.runtime.webhooks import Webhooks

log = logging.getLogger(__name__)

END_EVENTS: dict[str, EventType] = {"published": "job.completed", "failed": "job.failed", "blocked": "job.failed",
                                    "rejected": "job.failed"}


def failure_reasons(status: JobStatus) -> list[str]:
    """Why a job ended without publishing: the blocking policy findings or the failed QC checks."""
    policy = status.values.get("policy")
    if status.status == "blocked" and policy is not None:
        return list(dict.fromkeys(f.reason for f in policy.findings if f.outcome == "block"))
    qc = status.values.get("qc")
    return [c.detail for c in qc.failures()] if qc is not None else []


def once(action: Callable[[], None]) -> Callable[[], None]:
    """`action`, run by the first call only: a run's settling is called as it ends and again in a `finally`."""
    done = threading.Event()

    def run_once() -> None:
        if not done.is_set():
            done.set()
            action()

    return run_once

class Translator:
    """Turns the graph's (mode, chunk) stream into typed job events."""

    def __init__(self, runner: Execution, thread_id: str) -> None:
        self.runner, self.thread_id = runner, thread_id
        self.started: dict[str, tuple[str, float]] = {}
        self.scenes_done: dict[str, int] = {}
        self.last_render = -1.0

    def __call__(self, mode: str, chunk: Any) -> None:
        emit = self.runner.emit
        if mode == "updates" and isinstance(chunk, dict):  # policy outcomes, as the audit trail records them
            for update in chunk.values():
                report = update.get("policy") if isinstance(update, dict) else None
                if isinstance(report, PolicyReport):
                    self.runner.metrics.policy_checks.labels(stage=report.stage, outcome=report.outcome).inc()
            return
        if mode == "tasks" and isinstance(chunk, dict):
            name = str(chunk.get("name", ""))
            if "result" not in chunk and "error" not in chunk:
                self.started[chunk["id"]] = (name, time.perf_counter())
                if name not in SCENE_NODES:
                    emit(self.thread_id, "node.started", {"node": name})
                return
            _, began = self.started.pop(chunk["id"], (name, time.perf_counter()))
            seconds = time.perf_counter() - began
            self.runner.metrics.node_seconds.labels(node=name).observe(seconds)
            if name in SCENE_NODES:
                self.scenes_done[name] = self.scenes_done.get(name, 0) + 1
                emit(self.thread_id, "scene.progress", {"stage": name, "done": self.scenes_done[name]})
            elif not chunk.get("interrupts"):
                emit(self.thread_id, "node.completed", {"node": name, "seconds": round(seconds, 3)})
            if name == "render" and not chunk.get("error"):
                emit(self.thread_id, "artifact.ready", {"kind": "preview", "name": "video"})
        elif mode == "custom" and isinstance(chunk, dict) and "degraded" in chunk:
            emit(self.thread_id, "engine.degraded", dict(chunk["degraded"]))
        elif mode == "custom" and isinstance(chunk, dict) and "render" in chunk:
            fraction = float(chunk["render"])
            if fraction >= self.last_render + 0.1 or fraction >= 1.0 > self.last_render:
                self.last_render = fraction
                emit(self.thread_id, "scene.progress", {"stage": "render", "fraction": round(fraction, 3)})


class Execution:
    """Runs a job until its next pause and turns what happens into stored events and webhooks."""

    def __init__(self, service: JobService, webhooks: Webhooks, metrics: Metrics) -> None:
        self.service, self.webhooks, self.metrics = service, webhooks, metrics
        self._urls: dict[str, tuple[str | None, str]] = {}  # (webhook URL, tenant) of each job running here

    def emit(self, thread_id: str, kind: EventType, data: dict[str, Any]) -> Event:
        """Store an event, count it, and hand it to the webhook dispatcher."""
        event = self.service.events.append(thread_id, kind, data)
        self.metrics.event(kind, data)
        if thread_id not in self._urls:
            record = self.service.record(thread_id)
            url, tenant = record.webhook_url, record.tenant
        else:
            url, tenant = self._urls[thread_id]
        self.webhooks.notify(url, event, tenant)
        return event

    def run(self, thread_id: str, decision: dict[str, Any] | None, rerender: str | None,
            stop: threading.Event, settle: Callable[[], None] = lambda: None) -> JobStatus | None:
        """One run: start, resume or re-render until the next pause (or until `stop` is set); never raises.

        `settle` is called once the graph has stopped and before the closing event goes out, so whoever reacts to
        `review.requested` (a reviewer's click) finds the run already ended, not still queued.
        """
        record = self.service.record(thread_id)
        self._urls[thread_id] = (record.webhook_url, record.tenant)
        try:
            if record.cancelled_at:  # cancelled while it waited in the queue
                settle()
                self.emit(thread_id, "job.cancelled", {})
                return None
            status = self.service.run(thread_id, decision, on_event=Translator(self, thread_id),
                                      should_stop=stop.is_set, rerender=rerender)
            settle()
            self._finish(thread_id, status, stopped=stop.is_set())
            return status
        except AiosError as exc:
            settle()
            self.emit(thread_id, "job.failed", {"reason": str(exc), "error": type(exc).__name__})
        except Exception as exc:  # an engine bug: record it on the job rather than lose it in a thread
            log.exception("job %s crashed", thread_id)
            settle()
            self.emit(thread_id, "job.failed", {"reason": f"internal error: {exc}", "error": type(exc).__name__})
        finally:
            self._urls.pop(thread_id, None)
        return None

    def _finish(self, thread_id: str, status: JobStatus, stopped: bool) -> None:
        if self.service.record(thread_id).cancelled_at:
            self.emit(thread_id, "job.cancelled", {})
        elif stopped:
            return  # stopping: the job stays marked running and resumes on the next run
        elif status.status == "awaiting_review":
            self.emit(thread_id, "review.requested", status.pending or {})
        elif status.status == "published":
            delivered = status.values.get("deliverables") or {}
            for kind in (*DELIVERED, *OPTIONAL):
                if kind in DELIVERED or kind.name in delivered:
                    self.emit(thread_id, "artifact.ready", {"kind": kind.name, "name": kind.name})
            self.emit(thread_id, "job.completed", {"status": "published"})
        elif status.status in END_EVENTS:
            reasons = failure_reasons(status)
            self.emit(thread_id, END_EVENTS[status.status], {"status": status.status, "reasons": reasons})
