"""Job execution behind one interface: the in-process runner turns graph progress into stored events."""

from __future__ import annotations

import threading
from concurrent.futures import Future, ThreadPoolExecutor
from typing import Any, Protocol

from aios.kernel.errors import JobStateError
from aios.runtime.events import Event, EventType
from aios.runtime.execution import Execution, once
from aios.runtime.jobs import EventSink, JobService, JobStatus
from aios.runtime.metrics import Metrics
from aios.runtime.webhooks import Webhooks


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


class InProcessRunner:
    """Runs jobs on a small thread pool inside the API process (the embedded default)."""

    def __init__(self, service: JobService, webhooks: Webhooks, metrics: Metrics, workers: int = 2) -> None:
        self.service, self.webhooks, self.metrics = service, webhooks, metrics
        self.execution = Execution(service, webhooks, metrics)
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="aios-job")
        self._active: dict[str, Future[None]] = {}
        self._stop: dict[str, threading.Event] = {}
        self._lock = threading.Lock()

    def emit(self, thread_id: str, kind: EventType, data: dict[str, Any]) -> Event:
        """Store an event and hand it to the webhook dispatcher."""
        return self.execution.emit(thread_id, kind, data)

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

        def release() -> None:  # the run has ended: a new one may be submitted (before its closing event goes out)
            with self._lock:
                self._active.pop(thread_id, None)
                self._stop.pop(thread_id, None)
            if not stop.is_set() or self.service.record(thread_id).cancelled_at:
                self.service.set_running(thread_id, False)
            self.metrics.queue_depth.set(self.queued())

        settle = once(release)
        try:
            self.execution.run(thread_id, decision, rerender, stop, settle)
        finally:
            settle()


class ForegroundRunner:
    """Runs a job in the calling thread when drained (the CLI): submit queues, `drain` runs with live progress."""

    def __init__(self, service: JobService) -> None:
        self.service = service
        self._pending: list[tuple[str, dict[str, Any] | None, str | None]] = []

    def submit(self, thread_id: str, decision: dict[str, Any] | None = None, rerender: str | None = None) -> None:
        """Queue a run for the next `drain`."""
        self._pending.append((thread_id, decision, rerender))

    def cancel(self, thread_id: str) -> None:
        """Mark cancelled; a queued run of it is dropped."""
        self.service.cancel(thread_id)
        self._pending = [run for run in self._pending if run[0] != thread_id]

    def queued(self) -> int:
        """Runs queued for the next drain."""
        return len(self._pending)

    def drain(self, on_event: EventSink | None = None) -> JobStatus | None:
        """Run what was queued, in order, until each pauses or ends; the last one's status."""
        status = None
        while self._pending:
            thread_id, decision, rerender = self._pending.pop(0)
            status = self.service.run(thread_id, decision, on_event=on_event, rerender=rerender)
        return status
