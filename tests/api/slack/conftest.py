"""Slack test fixtures: the stand-in Slack API server and an app server whose bot talks to it."""

from __future__ import annotations

import hashlib
import hmac
import json
import time
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx
import pytest

from tests.api.conftest import Server, run_uvicorn
from tests.api.slack.fake_slack import FakeSlack, build_app

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    fake = FakeSlack()
    server, thread, port = run_uvicorn(build_app(fake), lifespan="off")
    fake.url = f"http://127.0.0.1:{port}"
    yield fake
    server.should_exit = True
    thread.join(30)


@dataclass
class SlackApp:
    """The app server as Slack sees it: signed posts to /slack/events."""

    server: Server
    fake: FakeSlack

    def post(self, body: str, content_type: str, *, secret: str = SECRET, timestamp: float | None = None,
             headers: dict[str, str] | None = None) -> httpx.Response:
        stamp = str(int(time.time() if timestamp is None else timestamp))
        digest = hmac.new(secret.encode(), f"v0:{stamp}:{body}".encode(), hashlib.sha256).hexdigest()
        sent = {"X-Slack-Request-Timestamp": stamp, "X-Slack-Signature": f"v0={digest}",
                "Content-Type": content_type, **(headers or {})}
        return httpx.post(f"{self.server.url}/slack/events", content=body.encode(), headers=sent, timeout=30)

    def command(self, text: str, user: str = "U1", channel: str = "C1") -> httpx.Response:
        form = {"command": "/video", "text": text, "user_id": user, "channel_id": channel, "team_id": "T1",
                "trigger_id": f"trig-{time.monotonic_ns()}", "response_url": f"{self.fake.url}/respond",
                "api_app_id": "A1", "user_name": user.lower(), "team_domain": "acme", "channel_name": "video"}
        return self.post(urlencode(form), "application/x-www-form-urlencoded")

    def event(self, event: dict[str, Any], event_id: str, headers: dict[str, str] | None = None) -> httpx.Response:
        body = {"token": "legacy", "team_id": "T1", "api_app_id": "A1", "type": "event_callback",
                "event_id": event_id, "event_time": int(time.time()), "event": event,
                "authorizations": [{"team_id": "T1", "user_id": "UBOT", "is_bot": True}]}
        return self.post(json.dumps(body), "application/json", headers=headers)

    def interact(self, payload: dict[str, Any]) -> httpx.Response:
        base = {"team": {"id": "T1"}, "api_app_id": "A1", "trigger_id": f"trig-{time.monotonic_ns()}",
                "token": "legacy"}
        return self.post(urlencode({"payload": json.dumps(base | payload)}), "application/x-www-form-urlencoded")

    def click(self, message: dict[str, Any], action_id: str, user: str = "U1") -> httpx.Response:
        """Press a button on a message the bot posted (a recorded chat.postMessage call's args + ts)."""
        button = next(e for b in message["blocks"] if b["type"] == "actions" for e in b["elements"]
                      if e["action_id"] == action_id)
        return self.interact({"type": "block_actions", "user": {"id": user}, "channel": {"id": message["channel"]},
                              "container": {"type": "message", "message_ts": message["ts"],
                                            "channel_id": message["channel"]},
                              "message": {"ts": message["ts"], "blocks": message["blocks"]},
                              "actions": [{"action_id": action_id, "block_id": "review", "type": "button",
                                           "value": button["value"], "action_ts": str(time.time())}]})

    def submit(self, view: dict[str, Any], values: dict[str, Any], user: str = "U1") -> httpx.Response:
        """Submit a modal the bot opened (a recorded views.open view) with state values."""
        return self.interact({"type": "view_submission", "user": {"id": user},
                              "view": {**view, "state": {"values": values}}})


@pytest.fixture
def slack_app(make_server: Callable[..., Server], fake_slack: FakeSlack) -> Callable[..., SlackApp]:
    def start(**overrides: Any) -> SlackApp:
        settings: dict[str, Any] = {
            "slack_bot_token": "xoxb-test-token", "slack_signing_secret": SECRET,
            "slack_api_url": f"{fake_slack.url}/api/", "slack_allowed_users": ["U1", "U2"],
            "slack_allowed_channels": ["C1"], "slack_approvers": ["U1"]} | overrides
        return SlackApp(make_server(**settings), fake_slack)

    return start
