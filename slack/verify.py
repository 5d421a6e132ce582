"""Requests to /slack/events checked before the Bolt app sees them: a well-formed timestamp and Slack's signature
(401), a body Bolt can parse (400), and no replays: a signed request is acted on once."""

from __future__ import annotations

import json
import time
from collections.abc import Mapping
from urllib.parse import parse_qs

from slack_sdk.signature import SignatureVerifier

from aios.runtime.db import Database

WINDOW_S = 300  # Slack's own: a request older or newer than this is stale


class Refused(Exception):
    """A request that is not Slack's, or not one Slack would send: its HTTP status and why."""

    def __init__(self, status: int, detail: str) -> None:
        super().__init__(detail)
        self.status = status


def check(secret: str, body: bytes, headers: Mapping[str, str]) -> str:
    """The request's signature once the request is verified and parseable; Refused otherwise."""
    stamp, signature = headers.get("x-slack-request-timestamp", ""), headers.get("x-slack-signature", "")
    if not stamp.isascii() or not stamp.isdigit() or len(stamp) > 12 or abs(time.time() - int(stamp)) > WINDOW_S:
        raise Refused(401, "the request timestamp is missing, malformed or stale")
    if not SignatureVerifier(secret).is_valid(body=body, timestamp=stamp, signature=signature):
        raise Refused(401, "the request signature is missing or wrong")
    _parseable(body, headers.get("content-type", ""))
    return signature


def _parseable(body: bytes, content_type: str) -> None:
    try:
        text = body.decode("utf-8")
        if content_type.startswith("application/json"):
            found = json.loads(text)
            if not isinstance(found, dict) or not isinstance(found.get("event", {}), dict):
                raise ValueError("not an object")
            return
        form = parse_qs(text, keep_blank_values=True, errors="strict")
        if "payload" in form and not isinstance(json.loads(form["payload"][0]), dict):
            raise ValueError("the payload is not an object")
    except (UnicodeDecodeError, ValueError) as exc:
        raise Refused(400, f"the request body is malformed: {exc}") from exc


class Replays:
    """The signatures of the requests seen in the last window, in the jobs database (shared by every API process)."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def first(self, signature: str) -> bool:
        """Whether this signed request is new (True once; a replay within the window gets False)."""
        moment = time.time()
        with self._db.write() as db:
            db.execute("DELETE FROM slack_requests WHERE seen_at < ?", (moment - 2 * WINDOW_S,))
            row = db.execute("INSERT INTO slack_requests (signature, seen_at) VALUES (?, ?) ON CONFLICT (signature) "
                             "DO NOTHING RETURNING signature", (signature, moment)).fetchone()
        return row is not None
