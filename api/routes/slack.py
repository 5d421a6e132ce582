"""POST /slack/events: Slack's commands, events and interactions, verified and handed to the Bolt app."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, Response
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from starlette.concurrency import run_in_threadpool

from aios.api.deps import ServicesDep
from aios.api.problems import problem

router = APIRouter(tags=["slack"])
TITLES = {401: "Slack signature is missing, wrong or stale", 404: "Slack request not handled"}


@router.post("/slack/events", include_in_schema=False)
async def slack_events(request: Request, svc: ServicesDep) -> Response:
    """Verify Slack's signature (401 otherwise) and dispatch; listeners ack within Slack's 3 s."""
    if svc.slack is None or svc.slack.app is None:
        raise HTTPException(404, "the Slack bot is not configured on this server")
    bolt_request = to_bolt_request(request, await request.body())
    answer = await run_in_threadpool(svc.slack.app.dispatch, bolt_request)  # Bolt is synchronous
    if answer.status >= 400:
        return problem(answer.status, TITLES.get(answer.status, "Slack request failed"), answer.body or None,
                       f"slack-{answer.status}")
    return to_starlette_response(answer)
