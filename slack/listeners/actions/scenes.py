"""A scene's Regenerate menu on a cut review, and the export buttons: answered at once, the work runs after."""

from __future__ import annotations

import json
from typing import Any

from slack_bolt import Ack, BoltContext

from aios.slack.access import team_of
from aios.slack.bot import SlackBot
from aios.slack.listeners.actions.review import _where


def regenerate(ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext) -> None:
    """A new take of the scene's voice, picture or both, or one of its takes; the new cut comes to the thread."""
    ack()
    bot: SlackBot = context["aios"]
    _, job_id, index = action["block_id"].split(":", 2)
    choice, _, sb = action["selected_option"]["value"].partition("|")
    bot.scene_command(team_of(body), body["user"]["id"], job_id, int(index), choice, sb, _where(body))


def export(ack: Ack, body: dict[str, Any], action: dict[str, Any], context: BoltContext) -> None:
    """The cut as a bundle for an editing program, uploaded to the thread."""
    ack()
    bot: SlackBot = context["aios"]
    value = json.loads(action["value"])
    bot.export(team_of(body), body["user"]["id"], value["job"], value["format"], _where(body)["channel"])
