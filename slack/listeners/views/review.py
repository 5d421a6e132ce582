"""Edit and Reject modal submissions: field errors go back to the modal; decisions go to the job."""

from __future__ import annotations

import json
from typing import Any

from slack_bolt import Ack, BoltContext

from aios.kernel.decision import Decision
from aios.kernel.errors import AiosError
from aios.slack import modals
from aios.slack.access import NotAllowed, team_of
from aios.slack.bot import SlackBot


def _where(bot: SlackBot, metadata: dict[str, Any]) -> dict[str, Any]:
    """The review message the modal came from, with the blocks it was posted with, to mark it decided."""
    job = bot.store.get(metadata["job"])
    same = job is not None and job.review_ts == metadata.get("message_ts")
    return {"channel": metadata["channel"], "message_ts": metadata.get("message_ts"),
            "blocks": json.loads(job.review_blocks or "[]") if same and job else []}


def edit_submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext) -> None:
    """Apply the edited scenes as an edit decision."""
    bot: SlackBot = context["aios"]
    user, metadata = body["user"]["id"], json.loads(view["private_metadata"])
    try:
        bot.access.check_review(user)
        scenes = modals.edited_scenes(view["state"]["values"], bot.storyboard(team_of(body), metadata["job"]))
        decision = Decision.build(type="edit", scenes=scenes, actor=f"slack:{user}")
    except modals.FieldErrors as exc:
        ack(response_action="errors", errors=exc.errors)
        return
    except (AiosError, NotAllowed, KeyError) as exc:
        ack(response_action="errors", errors={"s0_narration": f"Not done: {exc}"})
        return
    ack()
    bot.decide(team_of(body), user, metadata, decision, _where(bot, metadata),
               f"✏️ Edited by <@{user}> ({len(scenes)} scenes).")


def reject_submitted(ack: Ack, body: dict[str, Any], view: dict[str, Any], context: BoltContext) -> None:
    """Send the feedback as a reject decision (the planner tries again)."""
    bot: SlackBot = context["aios"]
    user, metadata = body["user"]["id"], json.loads(view["private_metadata"])
    try:
        bot.access.check_review(user)
        message = modals.feedback(view["state"]["values"])
        decision = Decision.build(type="reject", message=message, actor=f"slack:{user}")
    except modals.FieldErrors as exc:
        ack(response_action="errors", errors=exc.errors)
        return
    except (NotAllowed, AiosError) as exc:
        ack(response_action="errors", errors={"feedback": str(exc)})
        return
    ack()
    bot.decide(team_of(body), user, metadata, decision, _where(bot, metadata),
               f"↩️ Changes requested by <@{user}>: {message}")

