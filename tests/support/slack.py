"""The Slack side of the tests: signed requests to /slack/events as Slack sends them, and what to look for."""

from __future__ import annotations

import hashlib
import hmac
import json
import re
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any
from urllib.parse import urlencode

import httpx

from tests.support.fake_slack import Call, FakeSlack
from tests.support.server import Server

SECRET = "8f742231b10e8888abcd99yyyzzz85a5"


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

    def choose(self, message: dict[str, Any], block_id: str, value: str, user: str = "U1") -> httpx.Response:
        """Pick an option of an overflow menu on a message the bot posted (its section's block id, the value)."""
        menu = next(b["accessory"] for b in message["blocks"] if b.get("block_id") == block_id)
        option = next(o for o in menu["options"] if o["value"] == value)
        return self.interact({"type": "block_actions", "user": {"id": user}, "channel": {"id": message["channel"]},
                              "container": {"type": "message", "message_ts": message["ts"],
                                            "channel_id": message["channel"]},
                              "message": {"ts": message["ts"], "blocks": message["blocks"]},
                              "actions": [{"action_id": menu["action_id"], "block_id": block_id, "type": "overflow",
                                           "selected_option": option, "action_ts": str(time.time())}]})

    def press(self, message: dict[str, Any], block_id: str, index: int, user: str = "U1") -> httpx.Response:
        """Press the index-th button of a message's actions block `block_id`."""
        button = next(b for b in message["blocks"] if b.get("block_id") == block_id)["elements"][index]
        return self.interact({"type": "block_actions", "user": {"id": user}, "channel": {"id": message["channel"]},
                              "container": {"type": "message", "message_ts": message["ts"],
                                            "channel_id": message["channel"]},
                              "message": {"ts": message["ts"], "blocks": message["blocks"]},
                              "actions": [{"action_id": button["action_id"], "block_id": block_id, "type": "button",
                                           "value": button["value"], "action_ts": str(time.time())}]})

    def submit(self, view: dict[str, Any], values: dict[str, Any], user: str = "U1") -> httpx.Response:
        """Submit a modal the bot opened (a recorded views.open view) with state values."""
        return self.interact({"type": "view_submission", "user": {"id": user},
                              "view": {**view, "state": {"values": values}}})



def is_review(checkpoint: str) -> Callable[[Call], bool]:
    def check(call: Call) -> bool:
        for block in call.args.get("blocks") or []:
            if block.get("block_id") == "review":
                return bool(json.loads(block["elements"][0]["value"])["checkpoint"] == checkpoint)
        return False

    return check


def in_thread(thread_ts: str) -> Callable[[Call], bool]:
    return lambda call: call.args.get("thread_ts") == thread_ts


def job_of(progress: Call) -> str:
    found = re.search(r"job `(job-[0-9a-f]+)`", json.dumps(progress.args["blocks"]))
    assert found, progress.args
    return found.group(1)
