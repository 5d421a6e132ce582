"""Celery workers: each run of a job is a task; a lease makes one worker own a job, and lapsed leases are taken over.

Delivery: tasks are acknowledged late and fetched one per slot. A worker that dies (kill -9) stops renewing its
leases; every worker sweeps for lapsed leases and re-enqueues those jobs, which resume from their last
checkpoint (finished scenes come from the cache). A redelivered duplicate finds the job owned or finished and
does nothing. On SIGTERM a worker stops its jobs at the next step boundary and hands them back.
"""

from __future__ import annotations

import logging
import os
import socket
import threading
import uuid
from typing import Any

from celery import Celery, signals
from langgraph.graph import StateGraph

from aios.kernel.errors import ConfigurationError
from aios.kernel.settings import Settings
from aios.runtime.execution import Execution, once
from aios.runtime.jobs import JobService
from aios.runtime.leases import Leases
from aios.runtime.metrics import Metrics
from aios.runtime.retention import Sweeper
from aios.runtime.webhooks import Webhooks

log = logging.getLogger(__name__)
TASK = "aios.run_job"


def celery_app(settings: Settings) -> Celery:
    """The Celery app on AIOS_BROKER_URL: late acks, one task per slot, a long visibility timeout (leases decide)."""
    app = Celery("aios", broker=settings.broker_url, set_as_current=False)
    app.conf.update(task_acks_late=True, task_reject_on_worker_lost=True, worker_prefetch_multiplier=1,
                    task_default_queue=settings.queue, broker_transport_options={"visibility_timeout": 3600},
                    broker_connection_retry_on_startup=True, worker_hijack_root_logger=False,
                    worker_cancel_long_running_tasks_on_connection_loss=False)
    app.task(name=TASK, ignore_result=True)(run_job)
    return app


def enqueue(app: Celery, thread_id: str) -> None:
    """Queue a run of the job (what to run is in the jobs table)."""
    app.send_task(TASK, args=[thread_id], queue=app.conf.task_default_queue)


class Worker:
    """What one worker process holds: the job service, leases, metrics, and the jobs it runs now."""

    def __init__(self, settings: Settings, graph: StateGraph[Any, Any, Any, Any] | None = None) -> None:
        self.settings = settings
        self.name = f"{socket.gethostname()}-{os.getpid()}-{uuid.uuid4().hex[:6]}"
        self.service = JobService(settings, graph)
        self.leases = Leases(self.service.database)
        self.metrics = Metrics()
        self.metrics.watch_jobs(self.service.database)
        self.webhooks = Webhooks.configured(settings, self.service.database, self.metrics)
        self.execution = Execution(self.service, self.webhooks, self.metrics)
        self.sweeper = Sweeper(self.service)
        self.app = celery_app(settings)
        self.stopping = threading.Event()
        self._stops: dict[str, threading.Event] = {}
        self._lock = threading.Lock()

    def run(self, thread_id: str) -> None:
        """Own the job for one run, renewing the lease; finish it, or hand it back if stopped."""
        ttl = self.settings.job_lease_s
        if self.stopping.is_set():  # a delivery during shutdown: queue it again for another worker
            enqueue(self.app, thread_id)
            return
        if not self.leases.claim(thread_id, self.name, ttl):
            log.info("job %s is owned by a live worker; this delivery is a duplicate", thread_id)
            return
        pending = self.leases.pending(thread_id)
        if pending is None:  # a redelivery of a run that already ended
            self.leases.hand_back(thread_id, self.name)
            return
        stop, lost = threading.Event(), threading.Event()
        with self._lock:
            self._stops[thread_id] = stop
        beat = threading.Thread(target=self._heartbeat, args=(thread_id, stop, lost), daemon=True)
        beat.start()

        def release() -> None:  # the run has ended: release the job before its closing event goes out
            with self._lock:
                self._stops.pop(thread_id, None)
            if lost.is_set():
                pass  # another worker owns the job now
            elif self.stopping.is_set() and not self.service.record(thread_id).cancelled_at:
                self.leases.hand_back(thread_id, self.name)
                enqueue(self.app, thread_id)
            else:
                self.leases.finish(thread_id, self.name)

        settle = once(release)
        try:
            decision, rerender = self._what_to_run(thread_id, pending)
            self.execution.run(thread_id, decision, rerender, stop, settle)
        finally:
            settle()
            stop.set()  # ends the heartbeat
            beat.join(5)

    def _what_to_run(self, thread_id: str, pending: dict[str, Any]) -> tuple[dict[str, Any] | None, str | None]:
        """The queued decision or re-render, unless an earlier owner got far enough that the job just resumes."""
        status = self.service.checkpoint_status(thread_id).status
        if status == "interrupted":  # stopped mid-run: continue from the last checkpoint
            return None, None
        if pending.get("decision") and status != "awaiting_review":
            return None, None
        return pending.get("decision"), pending.get("rerender")

    def _heartbeat(self, thread_id: str, stop: threading.Event, lost: threading.Event) -> None:
        """Renew the lease every third of it; stop the run when the job is cancelled or was taken from us."""
        ttl = self.settings.job_lease_s
        while not stop.wait(ttl / 3):
            if not self.leases.renew(thread_id, self.name, ttl):
                log.warning("lost the lease on %s; stopping it here", thread_id)
                lost.set()
                stop.set()
            elif self.service.record(thread_id).cancelled_at:
                stop.set()

    def sweep_forever(self) -> None:
        """Every half lease: re-enqueue the jobs of workers that stopped renewing (they died)."""
        while not self.stopping.wait(self.settings.job_lease_s / 2):
            try:
                for thread_id in self.leases.lapsed():
                    log.warning("job %s lost its worker; queueing it again", thread_id)
                    enqueue(self.app, thread_id)
            except Exception:  # the database may be restarting: try again next round
                log.exception("sweep failed")

    def shutdown(self) -> None:
        """Stop every running job at its next step boundary (they are handed back when their runs return)."""
        self.stopping.set()
        self.webhooks.close()
        self.sweeper.stop()
        with self._lock:
            for stop in self._stops.values():
                stop.set()


_worker: Worker | None = None


def current(settings: Settings | None = None, graph: StateGraph[Any, Any, Any, Any] | None = None) -> Worker:
    """This process's worker: built by the first call, which the door that starts the process makes with its
    settings (`graph`: see JobService); the tasks and signals that run later find it."""
    global _worker
    if _worker is None:
        if settings is None:
            raise ConfigurationError("no worker in this process: start it with `aios worker`")
        _worker = Worker(settings, graph)
    return _worker


def serve(worker: Worker, concurrency: int) -> None:
    """Run the Celery worker loop (thread pool) for this process until SIGTERM or SIGINT."""
    worker.app.worker_main(["worker", "--pool=threads", f"--concurrency={concurrency}", "--loglevel=INFO",
                            f"--queues={worker.settings.queue}", f"--hostname={worker.name}@%h",
                            "--without-gossip", "--without-mingle"])


def run_job(thread_id: str) -> None:
    """The Celery task: one run of a job."""
    current().run(thread_id)


@signals.worker_ready.connect
def _ready(**_: Any) -> None:
    worker = current()
    threading.Thread(target=worker.sweep_forever, name="aios-sweeper", daemon=True).start()
    worker.webhooks.start()  # jobs run here, so their webhooks are delivered from here
    worker.sweeper.start()  # retention: this machine's expired files and jobs
    if worker.settings.worker_metrics_port:
        from prometheus_client import start_http_server

        start_http_server(worker.settings.worker_metrics_port, registry=worker.metrics.registry)


@signals.worker_shutting_down.connect
def _shutting_down(**_: Any) -> None:
    if _worker is not None:
        _worker.shutdown()
