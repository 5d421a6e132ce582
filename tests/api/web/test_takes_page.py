"""The review page's editing tools in Chromium: regenerate a scene with a note, its take strip, pick a take, the
versions with their changes, restore, a change made first by someone else, and an export for an editor."""

from __future__ import annotations

import time
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from tests.api.web.test_review_page import SHOTS, sign_in
from tests.support.browser import browser, csp_violations, page, until
from tests.support.server import Server

pytestmark = pytest.mark.slow  # renders media in a browser session
__all__ = ["browser", "page"]  # the fixtures


def reviewing(server: Server, job: str, after: int) -> int:
    """Wait until the cut waits for review at a version past `after`; that version."""
    client = server.client()
    deadline = time.monotonic() + 120
    while time.monotonic() < deadline:
        found = client.get(f"/v1/jobs/{job}").json()
        if found["status"] == "awaiting_review" and found["version"] > after:
            return int(found["version"])
        time.sleep(0.2)
    raise AssertionError("the cut did not come back for review")


def test_regenerate_pick_a_take_restore_and_export_on_the_page(make_server: Callable[..., Server], page: Page,
                                                               tmp_path: Path) -> None:
    server = make_server()
    client = server.client()
    job = client.post("/v1/jobs", json={"text": "a 12-second video about our tea shop's new green tea and its honey "
                                                "cake"}).json()["id"]
    version = reviewing(server, job, 0)
    client.post(f"/v1/jobs/{job}/review", json={"decisions": [{"type": "approve"}]})
    version = reviewing(server, job, version)
    sign_in(page, server)
    page.goto(f"{server.url}/jobs/{job}")
    expect(page.get_by_text("Approve the preview render")).to_be_visible(timeout=60_000)

    page.get_by_label("What to regenerate in scene 1").select_option("picture")
    page.get_by_label("Note for the new take of scene 1").fill("warmer colours")
    page.get_by_role("button", name="Regenerate scene 1").click()
    expect(page.get_by_role("group", name="Takes of scene 1").locator("figure")).to_have_count(2, timeout=120_000)
    strip = page.get_by_role("group", name="Takes of scene 1")
    expect(strip).to_contain_text("Take 2 (warmer colours)")
    expect(page.get_by_role("button", name="Use take 2 of scene 1")).to_be_disabled()
    until(page, "[...document.querySelectorAll('.take img')].every(i => i.complete && i.naturalWidth > 0)")
    expect(page.locator("#versions")).to_contain_text("scene 1: new take of the picture (warmer colours)")
    page.screenshot(path=str(SHOTS / "scene-takes.png"), full_page=True)

    page.get_by_role("button", name="What version 3 changed").click()
    expect(page.locator("#diff")).to_contain_text("picture_note: \"\" → \"warmer colours\"")
    page.get_by_label("Compare version").select_option("4")
    page.get_by_label("with version").select_option("2")
    page.get_by_role("button", name="Compare", exact=True).click()
    expect(page.locator("#diff")).to_contain_text("Version 2 → 4")
    expect(page.locator("#diff")).to_contain_text("Cut: a different file")
    now = client.get(f"/v1/jobs/{job}").json()["version"]
    page.get_by_role("button", name="Use take 1 of scene 1").click()
    expect(page.get_by_role("button", name="Use take 1 of scene 1")).to_be_disabled(timeout=120_000)
    now = reviewing(server, job, now)

    # Someone else changes the job first: this page's next change is refused, and it shows the new version.
    client.post(f"/v1/jobs/{job}/scenes/0/regenerate", json={"part": "voice"})
    page.get_by_role("button", name="Restore version 2").click()
    expect(page.locator("#toast")).to_contain_text("Someone changed this job first")
    now = reviewing(server, job, now + 1)
    page.reload()
    expect(page.get_by_text("Approve the preview render")).to_be_visible(timeout=60_000)
    page.get_by_role("button", name="Restore version 2").click()
    expect(page.locator("#versions")).to_contain_text("restored version 2", timeout=60_000)
    now = reviewing(server, job, now)
    listed = client.get(f"/v1/jobs/{job}/versions").json()["items"]
    assert listed[-1]["cut"]["sha256"] == listed[1]["cut"]["sha256"]  # the first cut, the same file

    page.reload()
    expect(page.get_by_text("Approve the preview render")).to_be_visible(timeout=60_000)
    with page.expect_download() as download:
        page.get_by_role("button", name="CapCut / JianYing draft").click()
    saved = tmp_path / download.value.suggested_filename
    download.value.save_as(saved)
    assert saved.name.endswith("-capcut.zip")
    with zipfile.ZipFile(saved) as archive:
        assert any(name.endswith("/draft_content.json") for name in archive.namelist())
    actions = [e["action"] for e in client.get(f"/v1/jobs/{job}/audit").json()]
    assert actions.count("review.edit.regenerate") == 2 and "review.edit.take" in actions
    assert "review.edit.restore" in actions
    assert csp_violations(page) == [], "the editing tools work under the Content-Security-Policy"
