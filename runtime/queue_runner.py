"""The API side of distributed execution: runs go to Celery workers through Redis; the API only enqueues."""

from __future__ import annotations

from typing import Any

from aios.kernel.errors import ConfigurationError, JobStateError
from aios.runtime.events import Event, EventType
from aios.runtime.execution import Execution
from aios.runtime.jobs import JobService
from aios.runtime.leases import Leases
from aios.runtime.metrics import Metrics
from aios.runtime.webhooks import Webhooks
from aios.runtime.worker import celery_app, enqueue


class CeleryRunner:
    """Queues runs for `aios worker` processes; events come back through the shared database."""

    def __init__(self, service: JobService, webhooks: Webhooks, metrics: Metrics) -> None:
        if service.database.dialect != "postgres":
            raise ConfigurationError("AIOS_BROKER_URL needs AIOS_DATABASE_URL (PostgreSQL) shared with the workers")
        self.service, self.metrics = service, metrics
        self.execution = Execution(service, webhooks, metrics)
        self.leases = Leases(service.database)
        self.app = celery_app(service.settings)

    def emit(self, thread_id: str, kind: EventType, data: dict[str, Any]) -> Event:
        """Store an event and hand it to the webhook dispatcher."""
        return self.execution.emit(thread_id, kind, data)

    def submit(self, thread_id: str, decision: dict[str, Any] | None = None, rerender: str | None = None) -> None:
        """Record the run and queue it; a job runs at most once at a time (JobStateError while one is queued)."""
        if self.leases.pending(thread_id) is not None:
            raise JobStateError(f"job {thread_id} is running; wait for it to pause")
        self.leases.enqueue(thread_id, decision, rerender)
        enqueue(self.app, thread_id)
        self.metrics.queue_depth.set(self.queued())

    def cancel(self, thread_id: str) -> None:
        """Mark cancelled now; the worker running it stops at its next step (or skips it if still queued)."""
        self.service.cancel(thread_id)
        if self.leases.pending(thread_id) is None:
            self.emit(thread_id, "job.cancelled", {})

    def queued(self) -> int:
        """Runs queued or running on any worker."""
        return self.leases.queued()

    def recover(self) -> list[str]:
        """Nothing to do here: workers take over jobs whose worker died."""
        return []

    def shutdown(self) -> None:
        """Nothing runs in this process."""
