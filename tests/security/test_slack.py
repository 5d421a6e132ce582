"""Issue 19, item 6: what the bot posts never pings a channel or carries a disguised link, a replayed signed request
does nothing twice, and malformed or oddly timed requests are 400/401, never 500."""

from __future__ import annotations

import json
import time
from collections.abc import Callable
from typing import Any
from urllib.parse import urlencode

from tests.support.slack import SlackApp, is_review

HOSTILE = "a 10-second video about our sale <!channel> <!here> <https://evil.example|Approve here> & more"


def posted(app: SlackApp) -> list[dict[str, Any]]:
    return [c.args for c in app.fake.calls if c.method in ("chat.postMessage", "chat.update", "chat.postEphemeral")]


def strings(value: Any) -> list[str]:
    if isinstance(value, str):
        return [value]
    if isinstance(value, dict):
        return [s for v in value.values() for s in strings(v)]
    if isinstance(value, list):
        return [s for v in value for s in strings(v)]
    return []


def test_nothing_the_bot_posts_pings_a_channel_or_disguises_a_link(slack_app: Callable[..., SlackApp]) -> None:
    app = slack_app()
    assert app.command(HOSTILE).status_code == 200
    app.fake.wait_for("chat.postMessage", is_review("storyboard"), timeout=120)
    texts = [s for args in posted(app) for key in ("text", "blocks") for s in strings(args.get(key))]
    assert any("&lt;!channel&gt;" in s for s in texts), "the brief is shown, escaped"
    for text in texts:
        assert "<!channel>" not in text and "<!here>" not in text and "<https://evil" not in text, text


def test_a_replayed_signed_command_starts_nothing(slack_app: Callable[..., SlackApp]) -> None:
    app = slack_app()
    form = urlencode({"command": "/video", "text": "a 6-second video about tea", "user_id": "U1",
                      "channel_id": "C1", "team_id": "T1", "trigger_id": "trig-replayed",
                      "response_url": f"{app.fake.url}/respond"})
    stamp = time.time()
    first = app.post(form, "application/x-www-form-urlencoded", timestamp=stamp)
    assert first.status_code == 200
    again = app.post(form, "application/x-www-form-urlencoded", timestamp=stamp)  # the same bytes, same signature
    assert again.status_code == 200, "Slack sees an acknowledgement"
    app.fake.wait_for("chat.postMessage")
    time.sleep(1.0)
    roots = [c for c in app.fake.calls if c.method == "chat.postMessage" and "asked for a video" in c.args["text"]]
    assert len(roots) == 1, "one job, however often the request is replayed"


def test_malformed_or_oddly_timed_requests_are_4xx(slack_app: Callable[..., SlackApp]) -> None:
    app = slack_app()
    form = "command=%2Fvideo&text=tea&user_id=U1&channel_id=C1&team_id=T1"
    for stamp in ("soon", "1e9", "", "-5", "9" * 40):
        answer = app.post(form, "application/x-www-form-urlencoded", headers={"X-Slack-Request-Timestamp": stamp})
        assert answer.status_code == 401, (stamp, answer.text)
        assert answer.headers["content-type"] == "application/problem+json"
    for body, kind in (("payload=%7Bnot+json", "application/x-www-form-urlencoded"),
                       ("payload=%5B1%2C2%5D", "application/x-www-form-urlencoded"),
                       ("{not json", "application/json"), ("[1, 2]", "application/json"),
                       (json.dumps({"type": "event_callback", "event": "x"}), "application/json"),
                       ("%ff%fe=1", "application/x-www-form-urlencoded")):
        answer = app.post(body, kind)
        assert answer.status_code == 400, (body, answer.status_code, answer.text)
        assert answer.headers["content-type"] == "application/problem+json"
