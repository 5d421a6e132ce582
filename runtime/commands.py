"""Job commands every door goes through (CLI, HTTP API, Slack): start, review, re-render, cancel, delete; each is
audited."""

from __future__ import annotations

from typing import Any

from aios.agent.stock_picks import swapped
from aios.kernel.context import Context
from aios.kernel.decision import Change, Decision
from aios.kernel.errors import Backpressure, JobStateError
from aios.kernel.vocab import Profile
from aios.runtime.audit import decision_entry
from aios.runtime.jobs import FINISHED, JobService
from aios.runtime.retention import Retention
from aios.runtime.runner import JobRunner
from aios.runtime.tenant_media import tenant_decision
from aios.runtime.versions import Version, edit_summary, proposed
from aios.runtime.webhook_targets import check as check_target


class JobCommands:
    """What a person can ask of a job, whatever the entry point; `actor` says who (api:KEY, slack:USER)."""

    def __init__(self, service: JobService, runner: JobRunner) -> None:
        self.service, self.runner = service, runner

    def start(self, request: dict[str, Any], context: Context, *, actor: str, tenant: str,
              webhook_url: str | None = None, metadata: dict[str, Any] | None = None,
              idempotency_key: str | None = None, submit: bool = True) -> tuple[str, bool]:
        """Create a job and queue its run (unless submit is False: call run() after your own bookkeeping).

        Returns (job id, created); a repeated idempotency key returns the first job and queues nothing.
        A tenant with `max_queued_per_tenant` jobs queued or running gets Backpressure instead of a new job.
        """
        if webhook_url is not None:  # refused at submit, and checked again at every delivery
            check_target(webhook_url, self.service.settings.webhook_allowed_networks)
        thread_id, created = self.service.create(request, context, tenant=tenant, webhook_url=webhook_url,
                                                  metadata=metadata, idempotency_key=idempotency_key,
                                                  queue_limit=self.service.settings.max_queued_per_tenant)
        if created:
            self.service.audit.record(thread_id, actor, "job.create", {"tenant": tenant})
            metrics = getattr(self.runner, "metrics", None)
            if metrics is not None:
                metrics.jobs_created.inc()
            if submit:
                self.runner.submit(thread_id)
        return thread_id, created

    def admit(self, tenant: str) -> None:
        """Backpressure unless the tenant may queue another new job now (an early answer: `start` decides, atomically,
        when it creates the job)."""
        limit = self.service.settings.max_queued_per_tenant
        if self.service.queued(tenant) >= limit:
            raise Backpressure(f"tenant {tenant} already has {limit} jobs queued or running; try again later",
                               self.service.settings.queue_retry_after_s)

    def run(self, thread_id: str) -> None:
        """Queue the first run of a job created with submit=False."""
        self.runner.submit(thread_id)

    def decide(self, thread_id: str, decision: Decision, *, tenant: str | None = None,
               checkpoint: str | None = None, local_paths: bool = False, expected: int | None = None) -> Version | None:
        """Answer the pending review (the decision names who made it); with `checkpoint`, only if that review is
        the one pending; with `expected` (If-Match), only if the job is still at that version (VersionConflict
        naming its version now). An edit reserves the job's next version (returned), which its run applies.

        Edited scenes name images the job already has, the tenant's own uploads and library images by reference
        (upload:ID, library:ID) or a stock picture the job was offered (stock:PROVIDER:ID); a file path is taken only
        with `local_paths`, which only the local CLI sets.
        """
        current = self.service.status(thread_id, tenant)
        versions = self.service.versions
        versions.check(thread_id, expected)  # a change made on an older version: say which one is current
        if current.status != "awaiting_review":
            raise JobStateError(f"job {thread_id} is {current.status}, not waiting for a review")
        if checkpoint is not None and current.checkpoint != checkpoint:
            raise JobStateError(f"job {thread_id} now waits for its {current.checkpoint} review, not {checkpoint}")
        record = self.service.record(thread_id)
        if not local_paths:
            known = {s.asset for v in versions.all(thread_id) for s in v.storyboard.scenes if s.asset}
            storyboard = current.values.get("storyboard")
            known |= {s.asset for s in storyboard.scenes if s.asset} if storyboard is not None else set()
            decision = tenant_decision(self.service.settings, record.tenant, decision, known)
        decision = swapped(decision, current.values.get("stock", []), record.context)
        self.service.validate_decision(decision)
        reserved = None
        if decision.type == "edit":
            before = current.values["storyboard"]
            after = proposed(before, decision)
            change = decision.change or Change(kind="edit", summary=edit_summary(before, after))
            reserved = versions.reserve(thread_id, expected, change, decision.actor, after)
        try:
            self.runner.submit(thread_id, decision.resume_value(current.checkpoint or "storyboard"))
        except Exception:
            if reserved is not None:
                versions.withdraw(thread_id, reserved.number)
            raise
        action, detail = decision_entry(decision, current)
        if decision.change is not None:
            action, detail = f"{action}.{decision.change.kind}", detail | decision.change.model_dump(
                exclude_none=True)
        self.service.audit.record(thread_id, decision.actor, action, detail | (
            {"version": reserved.number} if reserved else {}))
        return reserved

    def rerender(self, thread_id: str, profile: Profile, *, actor: str, tenant: str | None = None) -> None:
        """Render an approved job again at another profile, without re-planning."""
        current = self.service.status(thread_id, tenant)
        if current.status != "published" and current.checkpoint != "final":
            raise JobStateError(f"job {thread_id} is {current.status}: approve its storyboard and cut first")
        record = self.service.record(thread_id)
        self.service.set_context(thread_id, Context(**(record.context.to_dict() | {"profile": profile})))
        self.runner.submit(thread_id, rerender=profile)
        self.service.audit.record(thread_id, actor, "job.render", {"profile": profile})

    def cancel(self, thread_id: str, *, actor: str, tenant: str | None = None) -> None:
        """Stop a job at its next step; finished jobs cannot be cancelled."""
        current = self.service.status(thread_id, tenant)
        if current.status in FINISHED:
            raise JobStateError(f"job {thread_id} is already {current.status}")
        if current.status != "cancelled":
            self.runner.cancel(thread_id)
            self.service.audit.record(thread_id, actor, "job.cancel", {})

    def delete(self, thread_id: str, *, actor: str, tenant: str | None = None) -> int:
        """Delete a job that is not running: its files, rows and checkpoints (the audit trail keeps the deletion);
        the bytes freed."""
        record = self.service.record(thread_id, tenant)
        if record.running:
            raise JobStateError(f"job {thread_id} is queued or running: cancel it first, then delete it")
        self.service.audit.record(thread_id, actor, "job.delete", {"tenant": record.tenant})
        return Retention(self.service).delete_job(thread_id)
