"""Slack requests that must not start or decide anything: bad signatures, retries, outsiders, bad briefs."""

from __future__ import annotations

import json
import time
from collections.abc import Callable

import pytest

from aios.kernel.settings import get_settings
from aios.runtime.jobs import JobService
from tests.support.slack import SlackApp, in_thread, is_review, job_of


def jobs(app: SlackApp) -> int:
    service = JobService(app.server.settings)
    try:
        with service.database.read() as db:
            return int(db.execute("SELECT COUNT(*) FROM jobs").fetchone()[0])
    finally:
        service.close()


def test_signatures_are_verified(slack_app: Callable[..., SlackApp]) -> None:
    app = slack_app()
    form = "command=%2Fvideo&text=a+6-second+video&user_id=U1&channel_id=C1&team_id=T1"
    for answer in (app.post(form, "application/x-www-form-urlencoded", secret="wrong-secret"),
                   app.post(form, "application/x-www-form-urlencoded", timestamp=time.time() - 600)):
        assert answer.status_code == 401
        assert answer.headers["content-type"] == "application/problem+json"
        assert answer.json()["title"] == "Slack signature is missing, wrong or stale"
    unsigned = app.post(form, "application/x-www-form-urlencoded", headers={"X-Slack-Signature": ""})
    assert unsigned.status_code == 401
    challenge = app.post(json.dumps({"type": "url_verification", "challenge": "c-123", "token": "t"}),
                         "application/json")
    assert challenge.status_code == 200 and challenge.json() == {"challenge": "c-123"}
    assert jobs(app) == 0
    assert [c.method for c in app.fake.calls] == ["auth.test"]


@pytest.mark.slow
def test_slack_retries_never_duplicate_a_job(slack_app: Callable[..., SlackApp]) -> None:
    app = slack_app()
    event = {"type": "app_mention", "user": "U1", "channel": "C1", "ts": "1700000500.000100",
             "text": "<@UBOT> a 6-second video thanking our volunteers"}
    assert app.event(event, "Ev-retry").status_code == 200
    app.fake.wait_for("chat.postMessage", in_thread("1700000500.000100"))
    for attempt in ("1", "2"):
        retried = app.event(event, "Ev-retry", headers={"X-Slack-Retry-Num": attempt,
                                                        "X-Slack-Retry-Reason": "http_timeout"})
        assert retried.status_code == 200
    app.fake.wait_for("chat.postMessage", is_review("storyboard"))  # seconds after the retries were handled
    assert jobs(app) == 1
    progress = [c for c in app.fake.of("chat.postMessage") if c.args.get("thread_ts") == "1700000500.000100"
                and c.args["text"].startswith("⏳")]
    assert len(progress) == 1


@pytest.mark.slow
def test_allowlists_for_starting_and_approving(slack_app: Callable[..., SlackApp]) -> None:
    app = slack_app()
    outsider = app.command("a 6-second video about our picnic", user="U9")
    assert outsider.status_code == 200 and "not allowed to request videos" in outsider.json()["text"]
    elsewhere = app.command("a 6-second video about our picnic", channel="C9")
    assert "not enabled for videos" in elsewhere.json()["text"]
    empty = app.command("   ")
    assert "Describe the video" in empty.json()["text"]
    too_long = app.command("a 900-second video about our picnic")
    assert "between 5 and 300 seconds" in too_long.json()["text"]
    assert jobs(app) == 0 and not app.fake.of("chat.postMessage")

    assert app.command("a 6-second video about our picnic", user="U2").text == ""  # U2 may ask, not approve
    review = app.fake.wait_for("chat.postMessage", is_review("storyboard"))
    job_id = job_of(app.fake.wait_for("chat.postMessage", lambda c: c.args["text"].startswith("⏳")))
    for action in ("aios_approve", "aios_edit"):
        mark = app.fake.mark()
        app.click(review.message(), action, user="U2")
        refusal = app.fake.wait_for("chat.postEphemeral", after=mark)
        assert refusal.args["user"] == "U2" and "not an approver" in refusal.args["text"]
    assert not app.fake.of("views.open")

    # A click carrying this job's id from another workspace finds no such job there.
    foreign = review.message()
    mark = app.fake.mark()
    app.interact({"type": "block_actions", "user": {"id": "U1"}, "team": {"id": "T2"}, "channel": {"id": "C1"},
                  "message": {"ts": foreign["ts"], "blocks": foreign["blocks"]},
                  "actions": [{"action_id": "aios_approve", "block_id": "review", "type": "button",
                               "value": json.dumps({"job": job_id, "checkpoint": "storyboard", "revision": 0})}]})
    assert "no job" in app.fake.wait_for("chat.postEphemeral", after=mark).args["text"]

    service = JobService(app.server.settings)
    assert service.status(job_id).status == "awaiting_review"
    assert [(e.actor, e.action) for e in service.audit.entries(job_id) if e.actor.startswith("slack:")] == [
        ("slack:U2", "job.create")]
    service.close()


@pytest.mark.slow
def test_failures_are_reported_in_the_thread(slack_app: Callable[..., SlackApp],
                                             monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIOS_BLOCKED_TERMS", '["casino"]')  # graph nodes read the process settings
    get_settings.cache_clear()
    app = slack_app()
    assert app.command("a 6-second vertical video inviting staff to our casino night").text == ""
    root = app.fake.wait_for("chat.postMessage", lambda c: "asked for a video" in c.args["text"])
    thread = root.result["ts"]
    report = app.fake.wait_for("chat.postMessage", lambda c: c.args.get("thread_ts") == thread
                               and c.args["text"].startswith("The job stopped"))
    assert "blocked term 'casino'" in report.args["text"]
    progress = app.fake.wait_for("chat.update", lambda c: c.args["text"].startswith("❌"))
    assert "blocked term 'casino'" in progress.args["text"]


def test_a_channel_the_bot_cannot_post_in_gets_a_private_hint(slack_app: Callable[..., SlackApp]) -> None:
    app = slack_app()
    app.fake.refuse["chat.postMessage"] = "not_in_channel"
    assert app.command("a 6-second video about our picnic").text == ""
    told = app.fake.wait_for("respond")
    assert told.args["response_type"] == "ephemeral"
    assert "not_in_channel" in told.args["text"] and "/invite" in told.args["text"]
    assert jobs(app) == 0


def test_a_full_queue_is_told_privately_and_posts_nothing(slack_app: Callable[..., SlackApp]) -> None:
    app = slack_app(max_queued_per_tenant=1, slack_tenant="acme")  # Slack's jobs count with the API's
    rendering = app.server.client().post("/v1/jobs", json={"text": "a 6-second video about tea", "auto_approve": True})
    assert rendering.status_code == 202
    busy = app.command("a 6-second video about our bake sale")
    assert "1 jobs queued or running" in busy.json()["text"] and busy.json()["response_type"] == "ephemeral"
    assert jobs(app) == 1 and not app.fake.of("chat.postMessage")
