"""The Slack bot's outbound side: follows job events and keeps each job's thread current."""

from __future__ import annotations

import json
import logging
import threading
import time
from pathlib import Path
from typing import Any

from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from aios.agent.previews import scene_thumbnails, storyboard_sheet
from aios.kernel.schemas import Brief, PolicyReport, Storyboard
from aios.kernel.settings import Settings
from aios.runtime.events import Event
from aios.runtime.jobs import JobService
from aios.slack import blocks
from aios.slack.mrkdwn import escape
from aios.slack.progress import Progress, advance, failure_reason
from aios.slack.store import SlackJob, SlackStore

log = logging.getLogger(__name__)
ENDED = {"job.completed", "job.failed", "job.cancelled"}


class Notifier:
    """Polls the event log for Slack jobs: updates the progress message in place, posts reviews and videos."""

    def __init__(self, settings: Settings, service: JobService, store: SlackStore, client: WebClient,
                 interval_s: float = 0.3, min_update_s: float = 1.0) -> None:
        self.settings, self.service, self.store, self.client = settings, service, store, client
        self.interval_s, self.min_update_s = interval_s, min_update_s
        self._progress: dict[str, Progress] = {}
        self._dirty: set[str] = set()
        self._updated: dict[str, float] = {}
        self._lock = threading.Lock()
        self._stop = threading.Event()
        self._thread: threading.Thread | None = None

    def start(self) -> None:
        """Follow events in a background thread."""
        self._thread = threading.Thread(target=self._loop, name="aios-slack-notifier", daemon=True)
        self._thread.start()

    def stop(self) -> None:
        """Finish the current poll and stop."""
        self._stop.set()
        if self._thread is not None:
            self._thread.join(30)

    def _loop(self) -> None:
        while not self._stop.wait(self.interval_s):
            try:
                self.poll()
            except Exception:  # a bad poll must not stop the bot: log it and try again
                log.exception("slack notifier poll failed")

    def open_progress(self, job_id: str) -> None:
        """Post the job's progress message in its thread (the one message later updated in place)."""
        job = self._job(job_id)
        state = self._state(job_id)
        posted = self.client.chat_postMessage(channel=job.channel, thread_ts=job.thread_ts, text=state.line(),
                                              blocks=blocks.progress(job_id, state))
        self.store.update(job_id, progress_ts=str(posted["ts"]))

    def restart_progress(self, job_id: str, stage: str) -> None:
        """Start the progress over (a re-render) and show it now."""
        with self._lock:
            self._progress[job_id] = Progress(stage=stage)
            self._dirty.add(job_id)
        self._flush(job_id, force=True)

    def poll(self) -> int:
        """Handle new events of open Slack jobs, then update progress messages; returns events handled."""
        batch = self.store.pending()
        for job, event in batch:
            with self._lock:
                self._progress[job.thread_id] = advance(self._state(job.thread_id), event)
                self._dirty.add(job.thread_id)
            try:
                self.handle(job, event)
            except SlackApiError as exc:  # Slack refused one message: report it, do not stall the job
                log.warning("slack call for %s (%s) failed: %s", job.thread_id, event.type, exc)
            self.store.handled(job.thread_id, event.id)
        for job_id in list(self._dirty):
            self._flush(job_id)
        return len(batch)

    def handle(self, job: SlackJob, event: Event) -> None:
        """Post what an event calls for: a review, a delivered video, a failure; stop following ended jobs."""
        try:
            if event.type == "review.requested":
                self.post_review(job, event.data)
            elif event.type == "job.completed":
                self.deliver(job)
            elif event.type == "job.failed":
                reason = failure_reason(event.data)
                self.client.chat_postMessage(channel=job.channel, thread_ts=job.thread_ts,
                                             text=f"The job stopped: {escape(reason)}", blocks=blocks.failed(reason))
        finally:
            if event.type in ENDED:
                self.store.update(job.thread_id, open=0)

    def post_review(self, job: SlackJob, pending: dict[str, Any]) -> None:
        """The storyboard review (with scene thumbnails), or the cut uploaded with its review buttons."""
        args = pending["action_requests"][0]["args"]
        storyboard = Storyboard.model_validate(args["storyboard"])
        if pending.get("checkpoint") == "final":
            values = self.service.status(job.thread_id).values
            rendered = values["render"]
            self._upload(job, Path(args["video"]), f"{escape(storyboard.title)} ({rendered.profile} cut for review, "
                         f"{rendered.width}x{rendered.height})", "Here is the cut for review.")
            body = blocks.final_review(job.thread_id, args, storyboard,
                                       {int(index): len(kept) for index, kept in (values.get("takes") or {}).items()})
            fallback = f"The cut of '{escape(storyboard.title)}' is ready for review"
        else:
            policy = PolicyReport.model_validate(args["policy"]) if args.get("policy") else None
            description = str(pending["action_requests"][0].get("description") or "")
            note = description.split(" Note: ", 1)[1].rstrip(".") if " Note: " in description else None
            brief = self.service.status(job.thread_id).values["brief"]
            body = blocks.storyboard_review(job.thread_id, storyboard, policy,
                                            self._thumbnails(job, storyboard, brief),
                                            self._sheet(job, storyboard, brief), args.get("pictures"), note)
            fallback = f"Storyboard '{escape(storyboard.title)}' is ready for review"
        posted = self.client.chat_postMessage(channel=job.channel, thread_ts=job.thread_ts, text=fallback,
                                              blocks=body)
        self.store.update(job.thread_id, review_ts=str(posted["ts"]), review_blocks=json.dumps(body))

    def deliver(self, job: SlackJob) -> None:
        """Upload the published video to the thread; after a preview, offer a final-quality render."""
        status = self.service.status(job.thread_id)
        rendered, storyboard = status.values["render"], status.values["storyboard"]
        video = Path(status.values["deliverables"]["video"])
        size = f"{rendered.width}x{rendered.height}"
        self._upload(job, video, f"{escape(storyboard.title)} ({rendered.profile}, {size})",
                     f"Published at {rendered.profile} quality.")
        body = blocks.delivered(job.thread_id, storyboard.title, rendered.profile, size,
                                final_offered=rendered.profile != "final")
        self.client.chat_postMessage(channel=job.channel, thread_ts=job.thread_ts,
                                     text=f"{escape(storyboard.title)} is published", blocks=body)

    def _upload(self, job: SlackJob, path: Path, title: str, comment: str) -> None:
        self.client.files_upload_v2(channel=job.channel, thread_ts=job.thread_ts, file=str(path),
                                    filename=path.name, title=title, initial_comment=comment)

    def _thumbnails(self, job: SlackJob, storyboard: Storyboard, brief: Brief) -> list[str | None]:
        """Scene sketches uploaded privately, referenced from the review by file id (none if Slack refuses)."""
        paths = scene_thumbnails(self.settings, storyboard, brief.aspect, brief.tone)
        uploads = [{"file": str(p), "filename": f"scene-{i + 1}.png", "title": f"Scene {i + 1}"}
                   for i, p in enumerate(paths)]
        try:
            response = self.client.files_upload_v2(file_uploads=uploads)
        except SlackApiError as exc:
            log.warning("scene thumbnails for %s not uploaded: %s", job.thread_id, exc)
            return []
        return [f.get("id") for f in response.get("files") or []]

    def _sheet(self, job: SlackJob, storyboard: Storyboard, brief: Brief) -> str | None:
        """The contact sheet uploaded privately, referenced from the review by file id (None if Slack refuses)."""
        path = storyboard_sheet(self.settings, storyboard, brief.aspect, brief.tone)
        try:
            response = self.client.files_upload_v2(file=str(path), filename="contact-sheet.png",
                                                   title=f"{storyboard.title}: contact sheet")
        except SlackApiError as exc:
            log.warning("contact sheet for %s not uploaded: %s", job.thread_id, exc)
            return None
        files = response.get("files") or [response.get("file") or {}]
        return str(files[0].get("id")) if files and files[0].get("id") else None

    def _flush(self, job_id: str, force: bool = False) -> None:
        with self._lock:
            if job_id not in self._dirty:
                return
            state = self._state(job_id)
            recent = time.monotonic() - self._updated.get(job_id, 0.0) < self.min_update_s
            if recent and not force and state.state == "working":  # pauses and endings always show at once
                return
            self._dirty.discard(job_id)
            self._updated[job_id] = time.monotonic()
        job = self._job(job_id)
        if job.progress_ts:
            self.client.chat_update(channel=job.channel, ts=job.progress_ts, text=state.line(),
                                    blocks=blocks.progress(job_id, state))

    def _state(self, job_id: str) -> Progress:
        return self._progress.get(job_id) or Progress()

    def _job(self, job_id: str) -> SlackJob:
        found = self.store.get(job_id)
        if found is None:
            raise KeyError(f"job {job_id} was not started from Slack")
        return found
