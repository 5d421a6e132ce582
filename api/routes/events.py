"""Live job events over Server-Sent Events, replayable with Last-Event-ID."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from typing import Annotated

from fastapi import APIRouter, Header, Query, Request
from sse_starlette import EventSourceResponse, ServerSentEvent
from starlette.concurrency import run_in_threadpool

from aios.api.deps import PrincipalDep, ServicesDep
from aios.runtime.events import TERMINAL

router = APIRouter(prefix="/v1/jobs", tags=["events"])
feed = APIRouter(tags=["events"])
POLL_S = 0.2
MAX_ID = 2**62  # event ids are SQLite integers


@router.get("/{job_id}/events", response_class=EventSourceResponse,
            responses={200: {"content": {"text/event-stream": {}}, "description": "A stream of job events."}})
async def job_events(job_id: str, request: Request, svc: ServicesDep, who: PrincipalDep,
                     last_event_id: Annotated[str | None, Header()] = None,
                     after: Annotated[int | None, Query(ge=0, le=MAX_ID, description="Replay after this id.")] = None,
                     ) -> EventSourceResponse:
    """Every event of the job: history first (after Last-Event-ID), then live; ends after the job ends."""
    await run_in_threadpool(svc.jobs.record, job_id, who.tenant)
    resume = int(last_event_id) if last_event_id and last_event_id.isascii() and last_event_id.isdigit() else 0
    start = min(MAX_ID, after if after is not None else resume)

    async def stream() -> AsyncIterator[ServerSentEvent]:
        last = start
        while not await request.is_disconnected():
            batch = await run_in_threadpool(svc.jobs.events.after, job_id, last)
            for event in batch:
                yield ServerSentEvent(data=json.dumps(event.public()), event=event.type, id=str(event.id))
                last = event.id
            # The stream ends once the newest event is terminal and nothing runs (a re-render may follow).
            if len(batch) < 500 and await run_in_threadpool(_ended_at, svc, job_id, last):
                return
            await asyncio.sleep(POLL_S)

    return EventSourceResponse(stream(), ping=svc.settings.sse_ping_s)


@feed.get("/v1/events", response_class=EventSourceResponse,
          responses={200: {"content": {"text/event-stream": {}}, "description": "Events of all your jobs."}})
async def tenant_events(request: Request, svc: ServicesDep, who: PrincipalDep,
                        last_event_id: Annotated[str | None, Header()] = None) -> EventSourceResponse:
    """Live events of every job of your tenant (from now, or after Last-Event-ID); runs until you disconnect."""
    resume = int(last_event_id) if last_event_id and last_event_id.isascii() and last_event_id.isdigit() else None
    start = min(MAX_ID, resume) if resume is not None else await run_in_threadpool(svc.jobs.events.newest_id)

    async def stream() -> AsyncIterator[ServerSentEvent]:
        last = start
        while not await request.is_disconnected():
            for event in await run_in_threadpool(svc.jobs.events.after_tenant, who.tenant, last):
                yield ServerSentEvent(data=json.dumps(event.public()), event=event.type, id=str(event.id))
                last = event.id
            await asyncio.sleep(POLL_S)

    return EventSourceResponse(stream(), ping=svc.settings.sse_ping_s)


def _ended_at(svc: ServicesDep, job_id: str, last: int) -> bool:
    """Whether the client has seen the job's newest event, it is terminal, and no run is under way."""
    newest = svc.jobs.events.latest(job_id)
    return (newest is not None and newest.id <= last and newest.type in TERMINAL
            and not svc.jobs.record(job_id).running)
