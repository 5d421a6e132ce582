"""Slack test fixtures: the stand-in Slack API server and an app server whose bot talks to it."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from typing import Any

import pytest

from tests.support.fake_slack import FakeSlack, build_app
from tests.support.server import Server, run_uvicorn
from tests.support.slack import SECRET, SlackApp


@pytest.fixture
def fake_slack() -> Iterator[FakeSlack]:
    """The stand-in for Slack's Web API, on a free local port, recording every call."""
    fake = FakeSlack()
    server, thread, port = run_uvicorn(build_app(fake), lifespan="off")
    fake.url = f"http://127.0.0.1:{port}"
    yield fake
    server.should_exit = True
    thread.join(30)


@pytest.fixture
def slack_app(make_server: Callable[..., Server], fake_slack: FakeSlack) -> Callable[..., SlackApp]:
    def start(**overrides: Any) -> SlackApp:
        settings: dict[str, Any] = {
            "slack_bot_token": "xoxb-test-token", "slack_signing_secret": SECRET,
            "slack_api_url": f"{fake_slack.url}/api/", "slack_allowed_users": ["U1", "U2"],
            "slack_allowed_channels": ["C1"], "slack_approvers": ["U1"]} | overrides
        return SlackApp(make_server(**settings), fake_slack)

    return start
