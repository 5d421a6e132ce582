"""slack/manifest.yml matches the bot: its command and events are handled, its scopes cover every call made."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

import yaml

from tests.support.slack import SlackApp, is_review

MANIFEST = Path(__file__).parents[2] / "slack" / "manifest.yml"
SCOPE_OF = {"chat.postMessage": "chat:write", "chat.update": "chat:write", "chat.postEphemeral": "chat:write",
            "files.getUploadURLExternal": "files:write", "files.completeUploadExternal": "files:write",
            "views.open": None, "auth.test": None, "upload": None}


def test_manifest_matches_the_bot(slack_app: Callable[..., SlackApp]) -> None:
    manifest: dict[str, Any] = yaml.safe_load(MANIFEST.read_text(encoding="utf-8"))
    app = slack_app()
    settings = manifest["settings"]
    assert settings["interactivity"]["is_enabled"]
    urls = {settings["event_subscriptions"]["request_url"], settings["interactivity"]["request_url"],
            *(c["url"] for c in manifest["features"]["slash_commands"])}
    assert {u.split("YOUR-HOST")[1] for u in urls} == {"/slack/events"}

    for command in manifest["features"]["slash_commands"]:
        form = {"command": command["command"], "text": "", "user_id": "U1", "channel_id": "C1", "team_id": "T1"}
        handled = app.post(urlencode(form), "application/x-www-form-urlencoded")
        assert handled.status_code == 200 and "Describe the video" in handled.json()["text"]
    unknown = app.post(urlencode({"command": "/nope", "text": "", "user_id": "U1", "channel_id": "C1",
                                  "team_id": "T1"}), "application/x-www-form-urlencoded")
    assert unknown.status_code == 404  # so a 200 above means the command has a listener
    for i, kind in enumerate(settings["event_subscriptions"]["bot_events"]):
        event = {"type": kind, "user": "U1", "channel": "C1", "ts": f"1700000900.00010{i}",
                 "text": "<@UBOT> a 6-second video about our library's late opening"}
        assert app.event(event, f"Ev-manifest-{i}").status_code == 200
    app.fake.wait_for("chat.postMessage", is_review("storyboard"))

    scopes = set(manifest["oauth_config"]["scopes"]["bot"])
    assert {"commands", "app_mentions:read"} <= scopes
    needed = {SCOPE_OF[c.method] for c in app.fake.calls} - {None}
    assert needed <= scopes and "files:write" in needed
