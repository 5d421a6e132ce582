"""A cut review in Slack: a scene's Regenerate menu makes a new take and cut; export buttons upload bundles."""

from __future__ import annotations

import io
import json
import zipfile
from collections.abc import Callable

import pytest

from aios.runtime.jobs import JobService
from aios.slack.blocks import digest, scene_block_id
from tests.support.slack import SlackApp, in_thread, is_review, job_of

BRIEF = "a 6-second vertical video announcing our bake sale this Friday, upbeat"


@pytest.mark.slow
def test_a_scene_menu_regenerates_one_scene_and_the_export_buttons_upload_bundles(
        slack_app: Callable[..., SlackApp]) -> None:
    app = slack_app()
    fake = app.fake
    app.command(BRIEF)
    root = fake.wait_for("chat.postMessage", lambda c: "asked for a video" in c.args.get("text", ""))
    job_id = job_of(fake.wait_for("chat.postMessage", in_thread(root.result["ts"])))
    app.click(fake.wait_for("chat.postMessage", is_review("storyboard")).message(), "aios_approve")
    review = fake.wait_for("chat.postMessage", is_review("final"))
    service = JobService(app.server.settings)
    storyboard = service.status(job_id).values["storyboard"]
    menus = [b for b in review.args["blocks"] if b.get("block_id", "").startswith("scene:")]
    assert len(menus) == len(storyboard.scenes)
    assert [o["value"].split("|")[0] for o in menus[0]["accessory"]["options"]] == ["voice", "picture", "all",
                                                                                      "take1"]
    versions = service.versions.number(job_id)

    mark = fake.mark()
    block = scene_block_id(job_id, 0)
    assert app.choose(review.message(), block, f"voice|{digest(storyboard)}").status_code == 200
    marked = fake.wait_for("chat.update", lambda c: c.args["ts"] == review.result["ts"], after=mark)
    assert "scene 1: new take of the voice" in marked.args["text"]
    again = fake.wait_for("chat.postMessage", is_review("final"), after=mark)
    menu = next(b for b in again.args["blocks"] if b.get("block_id") == block)["accessory"]
    assert [o["value"].split("|")[0] for o in menu["options"]][-2:] == ["take1", "take2"]
    status = service.status(job_id)
    assert status.values["storyboard"].scenes[0].voice_take == 2
    assert [v.kind for v in service.versions.all(job_id)[versions:]] == ["regenerate", "render"]
    assert service.versions.all(job_id)[versions].actor == "slack:U1"

    # The stale review's menu is refused privately; the export buttons upload the bundle to the thread.
    mark = fake.mark()
    app.choose(review.message(), block, f"picture|{digest(storyboard)}")
    refused = fake.wait_for("chat.postEphemeral", lambda c: True, after=mark)
    assert "out of date" in refused.args["text"]
    exports = next(b for b in again.args["blocks"] if b.get("block_id") == "exports")
    formats = [json.loads(e["value"])["format"] for e in exports["elements"]]
    mark = fake.mark()
    assert app.press(again.message(), "exports", formats.index("capcut")).status_code == 200
    upload = fake.wait_for("files.completeUploadExternal", lambda c: c.args.get("channel_id") == "C1", after=mark)
    assert upload.args["thread_ts"] == root.result["ts"]
    bundle = fake.uploads[json.loads(upload.args["files"])[0]["id"]]
    with zipfile.ZipFile(io.BytesIO(bundle)) as archive:
        assert any(name.endswith("/draft_content.json") for name in archive.namelist())
