"""A whole Slack flow over HTTP: /video -> storyboard review -> approve -> cut review -> approve -> videos."""

from __future__ import annotations

import json
import time
from collections.abc import Callable

import httpx
import pytest

from aios.runtime.jobs import JobService
from tests.support.slack import SlackApp, in_thread, is_review, job_of

BRIEF = "a 6-second vertical video announcing our bake sale this Friday, upbeat"


@pytest.mark.slow
def test_request_review_approve_delivery(slack_app: Callable[..., SlackApp]) -> None:
    app = slack_app()
    fake = app.fake
    began = time.monotonic()
    answer = app.command(BRIEF)
    assert answer.status_code == 200 and time.monotonic() - began < 3.0  # Slack's ack deadline
    assert answer.text == ""  # acked, no private error

    root = fake.wait_for("chat.postMessage", lambda c: "asked for a video" in c.args.get("text", ""))
    thread = root.result["ts"]
    assert root.args["channel"] == "C1" and "bake sale" in json.dumps(root.args["blocks"])
    progress = fake.wait_for("chat.postMessage", in_thread(thread))
    job_id = job_of(progress)

    # Storyboard review: scenes with narration, on-screen text and a thumbnail uploaded beforehand.
    review = fake.wait_for("chat.postMessage", is_review("storyboard"))
    assert review.args["thread_ts"] == thread
    thumbs = fake.wait_for("files.completeUploadExternal", lambda c: not c.args.get("channel_id"))
    thumb_ids = [f["id"] for f in json.loads(thumbs.args["files"])]
    scenes = [b for b in review.args["blocks"] if b["type"] == "section" and "*Scene" in b["text"]["text"]]
    assert scenes and len(scenes) == len(thumb_ids)
    assert [s["accessory"]["slack_file"]["id"] for s in scenes] == thumb_ids
    assert all(fake.uploads[i][:8] == b"\x89PNG\r\n\x1a\n" for i in thumb_ids)
    assert all(">" in s["text"]["text"] for s in scenes)  # narration quoted
    assert review.args["blocks"][0]["text"]["text"].startswith("Storyboard:")
    sheet = next(b for b in review.args["blocks"] if b["type"] == "image")  # the contact sheet, uploaded privately
    assert sheet["slack_file"]["id"] not in thumb_ids and fake.uploads[sheet["slack_file"]["id"]][:4] == b"\x89PNG"

    # Approve: the review message is updated in place with who approved.
    mark = fake.mark()
    assert app.click(review.message(), "aios_approve").status_code == 200
    decided = fake.wait_for("chat.update", lambda c: c.args["ts"] == review.result["ts"], after=mark)
    assert "Approved by <@U1>" in decided.args["text"]
    assert not any(b["type"] == "actions" for b in decided.args["blocks"])

    # The cut: preview MP4 uploaded to the thread, then its review.
    cut = fake.wait_for("files.completeUploadExternal", lambda c: c.args.get("channel_id") == "C1", after=mark)
    assert cut.args["thread_ts"] == thread
    cut_file = json.loads(cut.args["files"])[0]["id"]
    assert fake.uploads[cut_file][4:8] == b"ftyp"
    final_review = fake.wait_for("chat.postMessage", is_review("final"), after=mark)
    mark = fake.mark()
    app.click(final_review.message(), "aios_approve")

    # Published: the deliverable is uploaded, with a button for final quality.
    delivered = fake.wait_for("chat.postMessage", lambda c: "is published" in c.args.get("text", ""), after=mark)
    uploads = [c for c in fake.of("files.completeUploadExternal") if c.args.get("channel_id") == "C1"]
    assert "(preview, 540x960)" in json.loads(uploads[-1].args["files"])[0]["title"]
    updates = fake.wait_for("chat.update", lambda c: c.args["ts"] == progress.result["ts"]
                            and "Published" in c.args["text"], after=mark)
    assert "100%" in json.dumps(updates.args["blocks"])

    # One progress message, updated in place: every progress line went to chat.update of that message.
    progress_updates = [c for c in fake.of("chat.update") if c.args["ts"] == progress.result["ts"]]
    assert len(progress_updates) >= 4
    in_thread_posts = [c for c in fake.of("chat.postMessage") if c.args.get("thread_ts") == thread]
    assert sum("▱" in json.dumps(c.args.get("blocks"), ensure_ascii=False) for c in in_thread_posts) == 1
    stages = [c.args["text"] for c in progress_updates]
    assert any("Storyboard review" in s for s in stages) and any("Final review" in s for s in stages)

    # Final quality on request: rendered again and uploaded to the same thread.
    mark = fake.mark()
    app.click(delivered.message(), "aios_render_final")
    final_cut = fake.wait_for("chat.postMessage", is_review("final"), after=mark)
    mark = fake.mark()
    app.click(final_cut.message(), "aios_approve")
    final = fake.wait_for("files.completeUploadExternal", lambda c: c.args.get("channel_id") == "C1"
                          and "(final, 1080x1920)" in c.args["files"], after=mark)
    last = fake.wait_for("chat.postMessage", lambda c: "is published" in c.args.get("text", ""), after=mark)
    assert not any(b["type"] == "actions" for b in last.args["blocks"])  # final quality: nothing more to offer
    final_id = json.loads(final.args["files"])[0]["id"]
    assert len(fake.uploads[final_id]) > len(fake.uploads[cut_file])

    # Every decision is in the audit trail (and the manifest) with the Slack user id.
    service = JobService(app.server.settings)
    key = service.keys.create("slack-t1")[1]
    trail = httpx.get(f"{app.server.url}/v1/jobs/{job_id}/audit", headers={"Authorization": f"Bearer {key}"}).json()
    people = [e for e in trail if e["actor"].startswith("slack:")]
    assert [(e["action"], e["detail"].get("checkpoint") or e["detail"].get("profile")) for e in people] == [
        ("job.create", None), ("review.approve", "storyboard"), ("review.approve", "final"), ("job.render", "final"),
        ("review.approve", "final")]
    assert {e["actor"] for e in people} == {"slack:U1"}
    renders = [e["detail"]["profile"] for e in trail if e["action"] == "video.render"]
    assert renders == ["preview", "final"]
    assert [e["action"] for e in trail].count("policy.output") == 2
    decisions = service.status(job_id).values["decisions"]
    assert [(d["checkpoint"], d["by"]) for d in decisions] == [("storyboard", "slack:U1"), ("final", "slack:U1"),
                                                               ("final", "slack:U1")]
    assert all(c.token == "xoxb-test-token" for c in fake.calls if c.method != "upload")
    service.close()
