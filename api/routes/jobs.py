"""Jobs: create (idempotent), list, read, cancel, delete, storyboard, review and final-quality re-render."""

from __future__ import annotations

import base64
import binascii
import json
from typing import Annotated, Literal

from fastapi import APIRouter, Depends, Header, HTTPException, Query, Response

from aios.agent.stock_picks import offered
from aios.api.deps import PrincipalDep, Services, ServicesDep
from aios.api.editing import expected_version, tagged
from aios.api.models import (
    AuditPublic,
    JobCreate,
    JobPage,
    JobPublic,
    Links,
    RenderSubmit,
    ReviewSubmit,
    StoryboardView,
)
from aios.kernel.context import Context
from aios.kernel.decision import Decision
from aios.runtime.jobs import JobStatus
from aios.runtime.tenant_media import library_path, upload_path
from aios.runtime.webhook_targets import redact

router = APIRouter(prefix="/v1/jobs", tags=["jobs"])
JobState = Literal["created", "running", "interrupted", "awaiting_review", "published", "failed", "blocked",
                   "rejected", "cancelled"]


def public(svc: Services, status: JobStatus) -> JobPublic:
    """The API view of a job."""
    record = svc.jobs.record(status.thread_id)
    storyboard = status.values.get("storyboard")
    base = f"/v1/jobs/{status.thread_id}"
    return JobPublic(
        id=status.thread_id, status=status.status, checkpoint=status.checkpoint, created_at=record.created_at,
        updated_at=record.updated_at, error=status.error, profile=record.context.profile,
        brief=str(record.request.get("text", "")),
        title=storyboard.title if storyboard else None, duration_s=storyboard.duration_s if storyboard else None,
        metadata=record.metadata, webhook_url=redact(record.webhook_url) if record.webhook_url else None,
        webhook_deliveries=svc.webhooks.deliveries(status.thread_id),
        created_by=svc.jobs.audit.first_actor(status.thread_id, "job.create"),
        version=svc.jobs.versions.number(status.thread_id),
        links=Links(self=base, events=f"{base}/events", storyboard=f"{base}/storyboard", review=f"{base}/review",
                    artifacts=f"{base}/artifacts", cancel=f"{base}/cancel", render=f"{base}/render",
                    audit=f"{base}/audit", versions=f"{base}/versions"))


@router.post("", status_code=202, response_model=JobPublic)
def create_job(body: JobCreate, svc: ServicesDep, who: PrincipalDep, response: Response,
               idempotency_key: Annotated[str | None, Header(max_length=200)] = None) -> JobPublic:
    """Start a job. With `Idempotency-Key`, the same key and body return the same job; a different body is 409."""
    request = body.model_dump(include={"text", "duration_s", "aspect", "tone", "audience", "language",
                                       "call_to_action", "source_text"}, exclude_none=True)
    if body.assets or body.library_assets:
        request["assets"] = [upload_path(svc.settings.data_dir, who.tenant, asset) for asset in body.assets] + [
            library_path(svc.settings, who.tenant, asset) for asset in body.library_assets]
    context = Context(planner=body.planner, profile=body.profile, voice=body.voice, auto_approve=body.auto_approve,
                      tts_engine=body.tts_engine, image_engine=body.image_engine, music=body.music,
                      transitions=body.transitions, captions=body.captions, caption_size=body.caption_size,
                      safe_content=body.safe_content)
    thread_id, _ = svc.commands.start(request, context, actor=who.actor, tenant=who.tenant,
                                      webhook_url=str(body.webhook_url) if body.webhook_url else None,
                                      metadata=body.metadata, idempotency_key=idempotency_key)
    response.headers["Location"] = f"/v1/jobs/{thread_id}"
    return public(svc, svc.jobs.status(thread_id))


@router.get("", response_model=JobPage)
def list_jobs(svc: ServicesDep, who: PrincipalDep,
              status: Annotated[JobState | None, Query(description="Only jobs in this state.")] = None,
              limit: Annotated[int, Query(ge=1, le=100)] = 20,
              cursor: Annotated[str | None, Query(max_length=200)] = None) -> JobPage:
    """Your jobs, newest first, a page at a time (pass `next_cursor` back as `cursor`)."""
    items, position = svc.jobs.page(who.tenant, status=status, limit=limit, after=_decode(cursor))
    return JobPage(items=[public(svc, s) for s in items], next_cursor=_encode(position))


@router.get("/{job_id}", response_model=JobPublic)
def get_job(job_id: str, svc: ServicesDep, who: PrincipalDep, response: Response) -> JobPublic:
    """One job; its ETag is its newest version (send it back as If-Match with a review or a scene command)."""
    found = public(svc, svc.jobs.status(job_id, who.tenant))
    tagged(response, found.version)
    return found


@router.post("/{job_id}/cancel", status_code=202, response_model=JobPublic)
def cancel_job(job_id: str, svc: ServicesDep, who: PrincipalDep) -> JobPublic:
    """Stop a job at its next step; finished jobs cannot be cancelled (409)."""
    svc.commands.cancel(job_id, actor=who.actor, tenant=who.tenant)
    return public(svc, svc.jobs.status(job_id))


@router.delete("/{job_id}", status_code=204, response_class=Response)
def delete_job(job_id: str, svc: ServicesDep, who: PrincipalDep) -> Response:
    """Delete a job and everything it made: files (here and in object storage), events, checkpoints. A queued or
    running job is 409 (cancel it first). The audit trail keeps who deleted it."""
    svc.commands.delete(job_id, actor=who.actor, tenant=who.tenant)
    return Response(status_code=204)


@router.get("/{job_id}/storyboard", response_model=StoryboardView)
def get_storyboard(job_id: str, svc: ServicesDep, who: PrincipalDep) -> StoryboardView:
    """The storyboard, its policy report, the stock pictures each scene shows and could show (swap one by editing
    the scene's asset to its `ref`), its contact sheet, and the pending review request (HITL shape) if one waits."""
    current = svc.jobs.status(job_id, who.tenant)
    storyboard, policy = current.values.get("storyboard"), current.values.get("policy")
    if storyboard is None:
        raise HTTPException(404, f"job {job_id} has no storyboard yet (status {current.status})")
    return StoryboardView(job_id=job_id, status=current.status, storyboard=storyboard, policy=policy,
                          pictures=offered(storyboard, current.values.get("stock", [])),
                          contact_sheet=f"/v1/jobs/{job_id}/contact-sheet", review=current.pending)


@router.post("/{job_id}/review", status_code=202, response_model=JobPublic)
def review_job(job_id: str, body: ReviewSubmit, svc: ServicesDep, who: PrincipalDep,
               expected: Annotated[int | None, Depends(expected_version)], response: Response) -> JobPublic:
    """Approve, edit or reject the pending review; 409 when none waits (or, with If-Match, when the job moved on
    from that version: `current_version` says where it is), 422 for a decision it cannot take. An edit is a new
    version."""
    svc.commands.decide(job_id, Decision.of(body.item(), who.actor), tenant=who.tenant, expected=expected)
    found = public(svc, svc.jobs.status(job_id))
    tagged(response, found.version)
    return found


@router.get("/{job_id}/audit", response_model=list[AuditPublic])
def get_audit(job_id: str, svc: ServicesDep, who: PrincipalDep) -> list[AuditPublic]:
    """The job's audit trail, oldest first: who created, reviewed, re-rendered or cancelled it, and when."""
    svc.jobs.record(job_id, who.tenant)
    return [AuditPublic(**entry.public()) for entry in svc.jobs.audit.entries(job_id)]


@router.post("/{job_id}/render", status_code=202, response_model=JobPublic)
def render_job(job_id: str, body: RenderSubmit, svc: ServicesDep, who: PrincipalDep) -> JobPublic:
    """Re-render an approved job at another profile (preview first, final later) without re-planning."""
    svc.commands.rerender(job_id, body.profile, actor=who.actor, tenant=who.tenant)
    return public(svc, svc.jobs.status(job_id))


def _encode(position: tuple[str, str] | None) -> str | None:
    return base64.urlsafe_b64encode(json.dumps(position).encode()).decode() if position else None


def _decode(cursor: str | None) -> tuple[str, str] | None:
    if not cursor:
        return None
    try:
        created_at, thread_id = json.loads(base64.urlsafe_b64decode(cursor.encode()))
        return str(created_at), str(thread_id)
    except (ValueError, TypeError, binascii.Error):
        raise HTTPException(422, "cursor is not one this API issued") from None
