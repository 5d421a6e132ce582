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
STREAM = {"text/event-stream": {  # each message: `id`, `event` (the type) and `data` (a JobEvent as JSON)
    "schema": {"type": "string", "description": "Server-Sent Events; each message's data is a JobEvent. Keep-alives "
               "are `ping` events; reconnect with Last-Event-ID to resume after the last id seen."},
    "x-sse-data": {"$ref": "#/components/schemas/JobEvent"}}}


def position(last_event_id: str | None) -> int | None:
    """The event id a reconnecting client last saw (None when it sent none, or not an id), at most MAX_ID."""
    if not last_event_id or not last_event_id.isascii() or not last_event_id.isdigit():
        return None
    digits = last_event_id.lstrip("0") or "0"  # never int() of thousands of digits (Python refuses: a 500)
    return MAX_ID if len(digits) > len(str(MAX_ID)) else min(MAX_ID, int(digits))


@router.get("/{job_id}/events", response_class=EventSourceResponse,
            responses={200: {"content": STREAM, "description": "A stream of job events."}})
async def job_events(job_id: str, request: Request, svc: ServicesDep, who: PrincipalDep,
                     last_event_id: Annotated[str | None, Header()] = None,
                     after: Annotated[int | None, Query(ge=0, le=MAX_ID, description="Replay after this id.")] = None,
                     ) -> EventSourceResponse:
    """Every event of the job: history first (after Last-Event-ID), then live; ends after the job ends."""
    await run_in_threadpool(svc.jobs.record, job_id, who.tenant)
    start = after if after is not None else position(last_event_id) or 0

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

    return EventSourceResponse(stream(), ping=svc.settings.sse_ping_s, ping_message_factory=ping)


@feed.get("/v1/events", response_class=EventSourceResponse,
          responses={200: {"content": STREAM, "description": "Events of all your jobs."}})
async def tenant_events(request: Request, svc: ServicesDep, who: PrincipalDep,
                        last_event_id: Annotated[str | None, Header()] = None) -> EventSourceResponse:
    """Live events of every job of your tenant (from now, or after Last-Event-ID); runs until you disconnect."""
    resume = position(last_event_id)
    start = resume if resume is not None else await run_in_threadpool(svc.jobs.events.newest_id)

    async def stream() -> AsyncIterator[ServerSentEvent]:
        last = start
        while not await request.is_disconnected():
            for event in await run_in_threadpool(svc.jobs.events.after_tenant, who.tenant, last):
                yield ServerSentEvent(data=json.dumps(event.public()), event=event.type, id=str(event.id))
                last = event.id
            await asyncio.sleep(POLL_S)

    return EventSourceResponse(stream(), ping=svc.settings.sse_ping_s, ping_message_factory=ping)


def ping() -> ServerSentEvent:
    """A keep-alive as a named `ping` event with a JSON body: SSE libraries that turn a bare comment into an empty
    message (httpx-sse repeats the last id with no data) give clients something they can parse and skip."""
    return ServerSentEvent(data=json.dumps({"type": "ping"}), event="ping")


def _ended_at(svc: ServicesDep, job_id: str, last: int) -> bool:
    """Whether the client has seen the job's newest event, it is terminal, and no run is under way."""
    newest = svc.jobs.events.latest(job_id)
    return (newest is not None and newest.id <= last and newest.type in TERMINAL
            and not svc.jobs.record(job_id).running)
