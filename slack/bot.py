"""The Slack bot's inbound side: requests and review answers from Slack become job commands."""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass
from typing import Any, cast

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from aios.kernel.context import Context
from aios.kernel.decision import Decision
from aios.kernel.errors import AiosError, InvalidInput, JobStateError
from aios.kernel.schemas import Storyboard
from aios.kernel.settings import Settings
from aios.kernel.vocab import REGENERATE, Regenerate
from aios.runtime.commands import JobCommands
from aios.runtime.exports import Exports
from aios.runtime.scene_commands import SceneCommands
from aios.slack import blocks
from aios.slack.access import Access, NotAllowed
from aios.slack.mrkdwn import escape
from aios.slack.notifier import Notifier
from aios.slack.store import SlackJob, SlackStore

log = logging.getLogger(__name__)
MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")
USAGE = "Describe the video after the command, e.g. `/video a 30-second vertical video announcing our spring sale`."


@dataclass
class SlackBot:
    """Starts jobs from Slack and answers their reviews through the same job commands as the HTTP API."""

    settings: Settings
    commands: JobCommands
    client: WebClient
    store: SlackStore
    access: Access
    notifier: Notifier
    app: App | None = None

    def stop(self) -> None:
        """Stop the notifier (it resumes from its stored position at the next start)."""
        self.notifier.stop()

    @staticmethod
    def brief_text(raw: str) -> str:
        """The brief in a command or mention, without @-mentions."""
        return " ".join(MENTION.sub(" ", raw).split())

    def check_request(self, user: str, channel: str, text: str, team: str | None = None) -> None:
        """NotAllowed, InvalidInput or Backpressure (with a message for the user) before anything is posted."""
        self.access.check_start(user, channel)
        if not text:
            raise InvalidInput(USAGE)
        self.commands.service.validate({"text": text}, Context())
        if team is not None:
            self.commands.admit(self.tenant(team))

    def request_video(self, *, team: str, channel: str, user: str, text: str, thread_ts: str | None = None,
                      idempotency_key: str | None = None) -> str | None:
        """Start a job whose progress, review and videos go to a thread; None if this request was seen before."""
        if thread_ts is None:
            root = self.client.chat_postMessage(channel=channel, text=f"<@{user}> asked for a video: {escape(text)}",
                                                blocks=blocks.request(user, text))
            thread_ts = str(root["ts"])
        job_id, created = self.commands.start(
            {"text": text}, Context(), actor=f"slack:{user}", tenant=self.tenant(team),
            metadata={"slack": {"team": team, "channel": channel, "user": user, "thread_ts": thread_ts}},
            idempotency_key=idempotency_key, submit=False)
        if not created:
            return None
        self.store.add(SlackJob(job_id, team, channel, thread_ts, user))
        self.commands.run(job_id)
        try:
            self.notifier.open_progress(job_id)
        except SlackApiError as exc:  # the job runs anyway; its review and videos still come to the thread
            log.warning("progress message for %s not posted: %s", job_id, exc)
        return job_id

    def tenant(self, team: str) -> str:
        """The tenant that owns jobs started from this workspace."""
        return self.settings.slack_tenant or f"slack-{team.lower()}"

    def ephemeral(self, channel: str, user: str, message: str) -> None:
        """A message only `user` sees (errors and refusals)."""
        try:
            self.client.chat_postEphemeral(channel=channel, user=user, text=escape(message))
        except SlackApiError as exc:
            log.warning("could not tell %s in %s: %s (%s)", user, channel, message, exc)

    def storyboard(self, team: str, job_id: str) -> Storyboard:
        """The storyboard of the review pending now (JobNotFound for another workspace's job)."""
        found = self.commands.service.status(job_id, self.tenant(team)).values.get("storyboard")
        if not isinstance(found, Storyboard):
            raise JobStateError(f"job {job_id} has no storyboard to review yet")
        return found

    def pictures(self, team: str, job_id: str) -> list[dict[str, Any]]:
        """The stock pictures each scene of the pending storyboard review shows and could show."""
        pending = self.commands.service.status(job_id, self.tenant(team)).pending or {}
        requests = pending.get("action_requests") or [{}]
        return list((requests[0].get("args") or {}).get("pictures") or [])

    def decide(self, team: str, user: str, value: dict[str, Any], decision: Decision,
               where: dict[str, Any], line: str) -> None:
        """Answer a review and mark its message decided; refusals and stale reviews go to the user alone."""
        channel = where["channel"]
        try:
            self.access.check_review(user)
            if blocks.digest(self.storyboard(team, value["job"])) != value.get("sb"):
                raise JobStateError("this review is out of date; answer the latest one in the thread")
            self.commands.decide(value["job"], decision,
                                 tenant=self.tenant(team), checkpoint=value["checkpoint"])
        except (AiosError, NotAllowed) as exc:
            self.ephemeral(channel, user, f"Not done: {exc}")
            return
        message = where.get("message_ts")
        if message:
            self.client.chat_update(channel=channel, ts=message, text=line,
                                    blocks=blocks.decided(where.get("blocks") or [], line))

    def render_final(self, team: str, user: str, value: dict[str, Any], channel: str, message_ts: str | None,
                     message_blocks: list[dict[str, Any]]) -> None:
        """Re-render a published preview at final quality; the video arrives in the thread."""
        try:
            self.access.check_review(user)
            self.commands.rerender(value["job"], "final", actor=f"slack:{user}", tenant=self.tenant(team))
        except (AiosError, NotAllowed) as exc:
            self.ephemeral(channel, user, f"Not done: {exc}")
            return
        self.store.update(value["job"], open=1)
        self.notifier.restart_progress(value["job"], "Rendering final quality")
        if message_ts:
            line = f"🎞️ Final quality requested by <@{user}>."
            self.client.chat_update(channel=channel, ts=message_ts, text=line,
                                    blocks=blocks.decided(message_blocks, line))

    def scene_command(self, team: str, user: str, job_id: str, index: int, choice: str, sb: str,
                      where: dict[str, Any]) -> None:
        """A scene's menu choice on a cut review: a new take (voice, picture, all) or take N; the new cut comes to
        the thread. Refusals and stale reviews go to the user alone."""
        channel = where["channel"]
        edits = SceneCommands(self.commands)
        try:
            self.access.check_review(user)
            if blocks.digest(self.storyboard(team, job_id)) != sb:
                raise JobStateError("this review is out of date; use the latest one in the thread")
            actor, tenant = f"slack:{user}", self.tenant(team)
            if choice.startswith("take"):
                made = edits.pick(job_id, index, int(choice.removeprefix("take")), actor=actor, tenant=tenant)
            elif choice in REGENERATE:
                made = edits.regenerate(job_id, index, cast(Regenerate, choice), actor=actor, tenant=tenant)
            else:
                raise InvalidInput(f"unknown scene command {choice!r}")
        except (AiosError, NotAllowed, ValueError) as exc:
            self.ephemeral(channel, user, f"Not done: {exc}")
            return
        line = f"🔁 <@{user}>: {escape(made.summary)} (version {made.number}); the new cut follows."
        message = where.get("message_ts")
        if message:
            self.client.chat_update(channel=channel, ts=message, text=line,
                                    blocks=blocks.decided(where.get("blocks") or [], line))
        self.store.update(job_id, open=1)
        self.notifier.restart_progress(job_id, "Making the new take")

    def export(self, team: str, user: str, job_id: str, fmt: str, channel: str) -> None:
        """Upload the job's cut as an export bundle to its thread (aios export's zip)."""
        try:
            self.access.check_review(user)
            path = Exports(self.commands.service).make(job_id, self.tenant(team), fmt)
            job = self.store.get(job_id)
            self.client.files_upload_v2(channel=job.channel if job else channel,
                                        thread_ts=job.thread_ts if job else None, file=str(path),
                                        filename=path.name, title=f"{path.name} for {blocks.EXPORTS.get(fmt, fmt)}",
                                        initial_comment=f"<@{user}> exported the cut ({blocks.EXPORTS.get(fmt, fmt)})"
                                                        "; its README.txt says what maps to what.")
        except (AiosError, NotAllowed, SlackApiError) as exc:
            self.ephemeral(channel, user, f"Not done: {exc}")
