"""/video <brief>: check who and what at once (answered privately), then start the job in a thread."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext, Respond
from slack_sdk.errors import SlackApiError

from aios.kernel.errors import Backpressure, InvalidInput
from aios.slack.access import NotAllowed
from aios.slack.bot import SlackBot
from aios.slack.mrkdwn import escape


def video_command(ack: Ack, command: dict[str, Any], respond: Respond, context: BoltContext) -> None:
    """Ack with a private error, or ack and start the job (root message, then the thread)."""
    bot: SlackBot = context["aios"]
    text = bot.brief_text(command.get("text") or "")
    try:
        bot.check_request(command["user_id"], command["channel_id"], text, command.get("team_id"))
    except (NotAllowed, InvalidInput, Backpressure) as exc:
        ack(text=escape(exc), response_type="ephemeral")
        return
    ack()
    try:
        bot.request_video(team=command["team_id"], channel=command["channel_id"], user=command["user_id"], text=text)
    except SlackApiError as exc:  # e.g. not_in_channel: tell the requester how to fix it
        hint = " Invite the bot to this channel (/invite @AIOS Media) and try again." \
            if exc.response.get("error") in ("not_in_channel", "channel_not_found") else ""
        respond(text=f"Could not start the video: Slack said {exc.response.get('error')}.{hint}",
                response_type="ephemeral")
