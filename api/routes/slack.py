"""POST /slack/events: Slack's commands, events and interactions, verified and handed to the Bolt app."""

from __future__ import annotations

from fastapi import APIRouter, HTTPException, Request, Response
from slack_bolt.adapter.starlette.handler import to_bolt_request, to_starlette_response
from starlette.concurrency import run_in_threadpool

from aios.api.deps import ServicesDep
from aios.api.problems import problem
from aios.slack.verify import Refused, Replays, check

router = APIRouter(tags=["slack"])
TITLES = {400: "Slack request malformed", 401: "Slack signature is missing, wrong or stale",
          404: "Slack request not handled"}


@router.post("/slack/events", include_in_schema=False)
async def slack_events(request: Request, svc: ServicesDep) -> Response:
    """Verify Slack's signature (401 otherwise), refuse what Bolt cannot parse (400), act on a replay once, and
    dispatch; listeners ack within Slack's 3 s."""
    secret = svc.settings.slack_signing_secret
    if svc.slack is None or svc.slack.app is None or secret is None:
        raise HTTPException(404, "the Slack bot is not configured on this server")
    body = await request.body()
    try:
        signature = check(secret.get_secret_value(), body, request.headers)
    except Refused as exc:
        return problem(exc.status, TITLES[exc.status], str(exc), f"slack-{exc.status}")
    if not await run_in_threadpool(Replays(svc.jobs.database).first, signature):
        return Response(status_code=200)  # a replay: acknowledged, and nothing done a second time
    answer = await run_in_threadpool(svc.slack.app.dispatch, to_bolt_request(request, body))  # Bolt is synchronous
    if answer.status >= 400:
        return problem(answer.status, TITLES.get(answer.status, "Slack request failed"), answer.body or None,
                       f"slack-{answer.status}")
    return to_starlette_response(answer)
