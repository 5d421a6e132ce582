"""Job execution behind one interface: the in-process runner turns graph progress into stored events."""

from __future__ import annotations

import logging
import threading
import time
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Protocol

from agent.errors import AiosError, JobStateError
from agent.events import Event, EventType
from agent.jobs import JobService, JobStatus
from agent.metrics import Metrics
from agent.webhooks import Webhooks

log = logging.getLogger(__name__)
SCENE_NODES = {"narrate", "visualize"}
END_EVENTS: dict[str, EventType] = {"published": "job.completed", "failed": "job.failed", "blocked": "job.failed",
                                    "rejected": "job.failed"}


class JobRunner(Protocol):
    """Where jobs execute: in this process now, on distributed workers later."""

    def submit(self, thread_id: str, decision: dict[str, Any] | None = None, rerender: str | None = None) -> None:
        """Queue a run (start, resume after review, or re-render) of a job."""
        ...

    def cancel(self, thread_id: str) -> None:
        """Stop a job at its next step and mark it cancelled."""
        ...

    def queued(self) -> int:
        """How many runs wait or execute now."""
        ...


def failure_reasons(status: JobStatus) -> list[str]:
    """Why a job ended without publishing: the blocking policy findings or the failed QC checks."""
    policy = status.values.get("policy")
    if status.status == "blocked" and policy is not None:
        return list(dict.fromkeys(f.reason for f in policy.findings if f.outcome == "block"))
    qc = status.values.get("qc")
    return [c.detail for c in qc.checks if not c.passed] if qc is not None else []


class Translator:
    """Turns the graph's (mode, chunk) stream into typed job events."""

    def __init__(self, runner: InProcessRunner, thread_id: str) -> None:
        self.runner, self.thread_id = runner, thread_id
        self.started: dict[str, tuple[str, float]] = {}
        self.scenes_done: dict[str, int] = {}
        self.last_render = -1.0

    def __call__(self, mode: str, chunk: Any) -> None:
        emit = self.runner.emit
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


class InProcessRunner:
    """Runs jobs on a small thread pool inside the API process (the embedded default)."""

    def __init__(self, service: JobService, webhooks: Webhooks, metrics: Metrics, workers: int = 2) -> None:
        self.service, self.webhooks, self.metrics = service, webhooks, metrics
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="aios-job")
        self._active: dict[str, Future[None]] = {}
        self._stop: dict[str, threading.Event] = {}
        self._lock = threading.Lock()

    def emit(self, thread_id: str, kind: EventType, data: dict[str, Any]) -> Event:
        """Store an event and hand it to the webhook dispatcher."""
        event = self.service.events.append(thread_id, kind, data)
        self.webhooks.notify(self.service.record(thread_id).webhook_url, event)
        return event

    def recover(self) -> list[str]:
        """At start-up: resubmit jobs a previous process was running when it stopped."""
        found = self.service.running_jobs()
        for thread_id in found:
            self.service.set_running(thread_id, False)
            self.submit(thread_id)
        return found

    def submit(self, thread_id: str, decision: dict[str, Any] | None = None, rerender: str | None = None) -> None:
        """Queue a run; a job runs at most once at a time (JobStateError if it is already running)."""
        with self._lock:
            if thread_id in self._active:
                raise JobStateError(f"job {thread_id} is running; wait for it to pause")
            self._stop[thread_id] = threading.Event()
            self.service.set_running(thread_id, True)
            self._active[thread_id] = self._pool.submit(self._run, thread_id, decision, rerender)
        self.metrics.queue_depth.set(self.queued())

    def cancel(self, thread_id: str) -> None:
        """Mark cancelled now; a running job stops at its next step boundary."""
        self.service.cancel(thread_id)
        with self._lock:
            stop = self._stop.get(thread_id)
            running = thread_id in self._active
        if stop is not None:
            stop.set()
        if not running:
            self.emit(thread_id, "job.cancelled", {})

    def queued(self) -> int:
        """Runs waiting or executing."""
        with self._lock:
            return len(self._active)

    def wait(self, thread_id: str, timeout: float | None = None) -> None:
        """Block until the job's current run ends (tests and shutdown)."""
        with self._lock:
            future = self._active.get(thread_id)
        if future is not None:
            future.result(timeout)

    def shutdown(self) -> None:
        """Stop accepting work and let running steps finish; unfinished jobs resume at the next start."""
        for stop in list(self._stop.values()):
            stop.set()
        self._pool.shutdown(wait=True, cancel_futures=True)

    def _run(self, thread_id: str, decision: dict[str, Any] | None, rerender: str | None) -> None:
        stop = self._stop[thread_id]
        try:
            if self.service.record(thread_id).cancelled_at:  # cancelled while it waited in the queue
                self.emit(thread_id, "job.cancelled", {})
                return
            status = self.service.run(thread_id, decision, on_event=Translator(self, thread_id),
                                      should_stop=stop.is_set, rerender=rerender)
            self._finish(thread_id, status, stopped=stop.is_set())
        except AiosError as exc:
            self.emit(thread_id, "job.failed", {"reason": str(exc), "error": type(exc).__name__})
        except Exception as exc:  # an engine bug: record it on the job rather than lose it in a thread
            log.exception("job %s crashed", thread_id)
            self.emit(thread_id, "job.failed", {"reason": f"internal error: {exc}", "error": type(exc).__name__})
        finally:
            with self._lock:
                self._active.pop(thread_id, None)
                self._stop.pop(thread_id, None)
            if not stop.is_set() or self.service.record(thread_id).cancelled_at:
                self.service.set_running(thread_id, False)
            self.metrics.queue_depth.set(self.queued())

    def _finish(self, thread_id: str, status: JobStatus, stopped: bool) -> None:
        if self.service.record(thread_id).cancelled_at:
            self.emit(thread_id, "job.cancelled", {})
        elif stopped:
            return  # shutting down: the job stays marked running and resumes at the next start
        elif status.status == "awaiting_review":
            self.emit(thread_id, "review.requested", status.pending or {})
        elif status.status == "published":
            for kind in ("video", "srt", "vtt", "manifest"):
                self.emit(thread_id, "artifact.ready", {"kind": kind, "name": kind})
            self.emit(thread_id, "job.completed", {"status": "published"})
        elif status.status in END_EVENTS:
            reasons = failure_reasons(status)
            self.emit(thread_id, END_EVENTS[status.status], {"status": status.status, "reasons": reasons})
