"""@aios <brief> in a channel: start a job answered in the mention's thread; Slack's retries start nothing."""

from __future__ import annotations

from typing import Any

from slack_bolt import Ack, BoltContext

from aios.kernel.errors import Backpressure, InvalidInput
from aios.slack.access import NotAllowed
from aios.slack.bot import SlackBot
from aios.slack.mrkdwn import escape


def app_mention(ack: Ack, body: dict[str, Any], event: dict[str, Any], context: BoltContext) -> None:
    """Start a job keyed by the event id, so a redelivery (X-Slack-Retry-Num) finds the first job."""
    ack()
    bot: SlackBot = context["aios"]
    if event.get("bot_id"):
        return
    user, channel = event.get("user", ""), event["channel"]
    thread_ts = event.get("thread_ts") or event["ts"]
    text = bot.brief_text(event.get("text") or "")
    try:
        bot.check_request(user, channel, text, body.get("team_id") or event.get("team"))
    except (NotAllowed, InvalidInput, Backpressure) as exc:
        bot.client.chat_postMessage(channel=channel, thread_ts=thread_ts, text=f"<@{user}> {escape(exc)}")
        return
    bot.request_video(team=body.get("team_id") or event.get("team", ""), channel=channel, user=user, text=text,
                      thread_ts=thread_ts, idempotency_key=f"slack-event:{body.get('event_id') or event['ts']}")
