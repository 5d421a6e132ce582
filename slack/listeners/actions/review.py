"""Review buttons: Approve answers at once; Edit and Reject open a modal (within the trigger's 3 s)."""

from __future__ import annotations

import json
from typing import Any

from slack_bolt import Ack, BoltContext

from aios.kernel.decision import Decision
from aios.kernel.errors import AiosError
from aios.slack import modals
from aios.slack.access import NotAllowed, team_of
from aios.slack.bot import SlackBot


def _where(body: dict[str, Any]) -> dict[str, Any]:
    """The message the button sits on: channel, ts and blocks (to mark it decided)."""
    message = body.get("message") or {}
    return {"channel": (body.get("channel") or {}).get("id") or (body.get("container") or {}).get("channel_id"),
            "message_ts": message.get("ts") or (body.get("container") or {}).get("message_ts"),
            "blocks": message.get("blocks") or []}


def approve(ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext) -> None:
    """Approve the pending review this message shows."""
    ack()
    bot: SlackBot = context["aios"]
    user = body["user"]["id"]
    value = json.loads(action["value"])
    line = f"✅ Approved by <@{user}>" + (" for publishing." if value["checkpoint"] == "final" else ".")
    bot.decide(team_of(body), user, value, Decision(type="approve", actor=f"slack:{user}"), _where(body), line)


def _open(ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext, kind: str) -> None:
    ack()
    bot: SlackBot = context["aios"]
    user, where = body["user"]["id"], _where(body)
    value = json.loads(action["value"])
    metadata = {**value, "channel": where["channel"], "message_ts": where["message_ts"]}
    try:
        bot.access.check_review(user)
        if kind == "edit":
            view = modals.edit_modal(bot.storyboard(team_of(body), value["job"]), metadata,
                                     bot.pictures(team_of(body), value["job"]))
        else:
            view = modals.reject_modal(value["checkpoint"], metadata)
    except (AiosError, NotAllowed, KeyError) as exc:
        bot.ephemeral(where["channel"], user, f"Not done: {exc}")
        return
    bot.client.views_open(trigger_id=body["trigger_id"], view=view)


def edit(ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext) -> None:
    """Open the scene editor."""
    _open(ack, body, action, context, "edit")


def reject(ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext) -> None:
    """Ask what should change."""
    _open(ack, body, action, context, "reject")


def render_final(ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext) -> None:
    """Render the published job again at final quality."""
    ack()
    bot: SlackBot = context["aios"]
    where = _where(body)
    bot.render_final(team_of(body), body["user"]["id"], json.loads(action["value"]), where["channel"],
                     where["message_ts"], where["blocks"])
