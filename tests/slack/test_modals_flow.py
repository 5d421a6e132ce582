"""Reviews through modals over HTTP: an @mention, Reject with feedback (replanned), Edit scenes, bad input."""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

import pytest

from aios.runtime.jobs import JobService
from tests.support.slack import SlackApp, in_thread, is_review, job_of


def values(view: dict[str, Any], changes: dict[str, str | None]) -> dict[str, Any]:
    """State values as Slack sends them: each input's initial value unless changed."""
    found: dict[str, Any] = {}
    for block in view["blocks"]:
        if block["type"] != "input":
            continue
        element = block["element"]
        value = changes.get(block["block_id"], element.get("initial_value"))
        found[block["block_id"]] = {element["action_id"]: {"type": element["type"], "value": value}}
    return found


@pytest.mark.slow
def test_mention_reject_then_edit(slack_app: Callable[..., SlackApp]) -> None:
    app = slack_app()
    fake = app.fake
    mention = {"type": "app_mention", "user": "U1", "channel": "C1", "ts": "1699999999.000200",
               "text": "<@UBOT> a 12-second square video about our new oat latte, calm"}
    assert app.event(mention, "Ev0001").status_code == 200
    progress = fake.wait_for("chat.postMessage", in_thread("1699999999.000200"))
    job_id = job_of(progress)
    first = fake.wait_for("chat.postMessage", is_review("storyboard"))
    assert first.args["thread_ts"] == "1699999999.000200"  # answered in the mention's thread

    # Reject: a modal asks for feedback; blank feedback is refused in the modal itself.
    mark = fake.mark()
    app.click(first.message(), "aios_reject")
    opened = fake.wait_for("views.open", after=mark)
    modal = opened.args["view"]
    assert modal["callback_id"] == "aios_reject" and opened.args["trigger_id"].startswith("trig-")
    refused = app.submit(modal, values(modal, {"feedback": "  "}))
    assert refused.status_code == 200 and refused.json()["response_action"] == "errors"
    assert "feedback" in refused.json()["errors"]
    mark = fake.mark()
    assert app.submit(modal, values(modal, {"feedback": "Mention that it is made with local oats"})).text == ""
    marked = fake.wait_for("chat.update", lambda c: c.args["ts"] == first.result["ts"], after=mark)
    assert "Changes requested by <@U1>" in marked.args["text"]
    second = fake.wait_for("chat.postMessage", is_review("storyboard"), after=mark)  # replanned
    mark = fake.mark()
    app.click(first.message(), "aios_approve")  # a stale button cannot answer the newer review
    assert "out of date" in fake.wait_for("chat.postEphemeral", after=mark).args["text"]

    # Edit: one modal with every scene; rewrite the first, delete the last.
    mark = fake.mark()
    app.click(second.message(), "aios_edit")
    modal = fake.wait_for("views.open", after=mark).args["view"]
    assert modal["callback_id"] == "aios_edit"
    scenes = [b["block_id"] for b in modal["blocks"] if b.get("block_id", "").endswith("_narration")]
    assert len(scenes) >= 2
    last = scenes[-1].split("_")[0]
    bad = app.submit(modal, values(modal, {f"{s.split('_')[0]}_narration": "" for s in scenes}))
    assert bad.json() == {"response_action": "errors",
                          "errors": {"s0_narration": "Keep at least one scene: a video needs narration."}}
    too_long = app.submit(modal, values(modal, {"s0_duration": "500"}))
    assert too_long.json()["errors"] == {"s0_duration": "Between 0.5 and 120 seconds."}
    mark = fake.mark()
    edited = values(modal, {"s0_narration": "Fresh oat lattes, made with oats from down the road.",
                            "s0_text": "Local oats", f"{last}_narration": ""})
    assert app.submit(modal, edited).text == ""
    fake.wait_for("chat.postMessage", is_review("final"), after=mark)

    service = JobService(app.server.settings)
    storyboard = service.status(job_id).values["storyboard"]
    assert storyboard.scenes[0].narration == "Fresh oat lattes, made with oats from down the road."
    assert storyboard.scenes[0].on_screen_text == "Local oats"
    assert len(storyboard.scenes) == len(scenes) - 1
    entries = service.audit.entries(job_id)
    people = [(e.action, e.detail.get("message")) for e in entries if e.actor == "slack:U1"]
    assert people == [("job.create", None), ("review.reject", "Mention that it is made with local oats"),
                      ("review.edit", None)]
    # The reject replanned (a second plan) and the edit was checked again before rendering.
    actions = [e.action for e in entries]
    assert actions.count("storyboard.plan") == 2 and actions.count("policy.storyboard") == 3
    service.close()
