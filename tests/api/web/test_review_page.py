"""The review page in headless Chromium (Debian's, driven by Playwright): sign in, create, watch, edit, approve, play,
download. Screenshots of the main screens are written to docs/screenshots/ for the README."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest
from playwright.sync_api import Browser, Page, expect

from aios.runtime.jobs import JobService
from tests.support.browser import browser, csp_violations, page, until
from tests.support.media_files import photo
from tests.support.server import Server

pytestmark = pytest.mark.slow  # renders media or runs aios processes (seconds each)
__all__ = ["browser", "page"]  # the fixtures

SHOTS = Path(__file__).resolve().parents[3] / "docs" / "screenshots"


def sign_in(page: Page, server: Server) -> None:
    page.goto(server.url + "/")
    expect(page).to_have_url(server.url + "/login?next=/")
    page.get_by_label("API key").fill("aios_wrong_key")
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("alert")).to_have_text("That API key is not valid.")
    page.get_by_label("API key").fill(server.key)
    page.get_by_role("button", name="Sign in").click()
    expect(page.get_by_role("heading", name="Jobs")).to_be_visible()


def test_review_a_job_end_to_end_in_the_browser(make_server: Callable[..., Server], page: Page,
                                                tmp_path: Path) -> None:
    server = make_server()
    from aios.agent.library import get_library

    photo(tmp_path / "lib" / "pink-tulips-bouquet.jpg", (230, 120, 160), 1)
    get_library(server.settings).add([tmp_path / "lib"], "acme", description="pink tulips in a paper wrap")
    sign_in(page, server)

    page.get_by_role("link", name="New job").first.click()
    page.get_by_label("Brief").fill("A 10-second video announcing our tulip week. Everything is 20% off.")
    page.get_by_label("Duration (seconds)").fill("10")
    page.get_by_label("Aspect ratio").select_option("16:9")
    page.get_by_label("Search the library").fill("tulips")
    page.get_by_role("checkbox", name="pink-tulips-bouquet.jpg").check()
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / "new-job.png"), full_page=True)
    page.get_by_role("button", name="Create job").click()

    expect(page.get_by_role("heading", name="Storyboard")).to_be_visible()
    expect(page.locator("#stage")).to_have_text("Waiting for your review", timeout=60_000)
    expect(page.locator("#status")).to_have_text("awaiting review")
    scenes = page.locator("#scenes > li")
    expect(page.get_by_role("button", name="Approve", exact=True)).to_be_visible()
    expect(scenes.first).to_be_visible()
    count = scenes.count()
    assert count >= 2
    expect(page.locator("#scenes img").first).to_have_js_property("complete", True)
    page.screenshot(path=str(SHOTS / "storyboard-review.png"), full_page=True)

    page.get_by_label("Narration (scene 1)").fill("Tulip week starts today, with fresh bunches every morning.")
    page.get_by_label("On-screen text (scene 1)").fill("Tulip week")
    page.get_by_role("button", name="Delete scene 2").click()
    expect(scenes).to_have_count(count - 1)
    page.get_by_label("Animate the picture (scene 1").check()
    page.get_by_role("button", name="Approve with edits").click()

    expect(page.get_by_text("Approve the preview render")).to_be_visible(timeout=120_000)
    edited = server.client().get(f"/v1/jobs/{page.url.rsplit('/', 1)[-1]}/storyboard").json()["storyboard"]
    assert [s["motion"] for s in edited["scenes"]] == [True] + [False] * (count - 2)
    expect(page.locator("#stage")).to_have_text("Waiting for your review")
    player = page.locator("#player")
    expect(player).to_be_visible()
    until(page, "document.getElementById('player').readyState >= 1")
    duration = player.evaluate("v => v.duration")
    assert 2 < duration < 20  # one scene was deleted, so shorter than the 10 s asked for
    player.evaluate("v => v.play()")
    until(page, "document.getElementById('player').currentTime > 0.2")
    expect(page.get_by_role("button", name="Render final quality")).to_be_hidden()
    page.screenshot(path=str(SHOTS / "final-review.png"), full_page=True)
    page.get_by_role("button", name="Approve", exact=True).click()

    expect(page.locator("#status")).to_have_text("published", timeout=60_000)
    with page.expect_download() as download:
        page.get_by_role("link", name="Video (MP4").click()
    saved = tmp_path / "download.mp4"
    download.value.save_as(saved)
    assert saved.stat().st_size > 10_000 and saved.read_bytes()[4:8] == b"ftyp"
    expect(page.get_by_role("button", name="Render final quality")).to_be_visible()
    audit = page.locator("#audit")
    expect(audit).to_contain_text("review.edit")
    expect(audit).to_contain_text("web:")
    page.goto(server.url + "/")
    expect(page.locator("#jobs tr")).to_have_count(1)
    expect(page.locator("#jobs")).to_contain_text("published")
    until(page, "[...document.querySelectorAll('#jobs img')].every(i => i.complete && i.naturalWidth > 0)")
    page.screenshot(path=str(SHOTS / "jobs.png"), full_page=True)
    assert csp_violations(page) == [], "the whole review works under the Content-Security-Policy"


def test_list_updates_live_and_phone_width_works(make_server: Callable[..., Server], browser: Browser) -> None:
    server = make_server()
    context = browser.new_context(viewport={"width": 390, "height": 844})
    phone = context.new_page()
    sign_in(phone, server)
    expect(phone.locator("#live")).to_have_text("Live: updates appear as they happen.")
    job = server.client().post("/v1/jobs", json={"text": "A 10-second video about our bakery", "duration_s": 10}).json()
    expect(phone.locator(f"#job-{job['id']}")).to_contain_text("awaiting review", timeout=60_000)
    # One brief in two languages from the form: one job each, back on the list.
    phone.goto(server.url + "/new")
    phone.get_by_label("Brief").fill("A 10-second video about our bread")
    phone.get_by_label("Duration (seconds)").fill("10")
    phone.get_by_role("checkbox", name="German").check()
    phone.get_by_role("button", name="Create job").click()
    expect(phone.locator("#jobs tr")).to_have_count(3, timeout=30_000)
    service = JobService(server.settings)
    newest = server.client().get("/v1/jobs").json()["items"][:2]
    assert sorted(service.record(j["id"]).request["language"] for j in newest) == ["de", "en"]
    service.close()
    width = phone.evaluate("document.documentElement.scrollWidth")
    assert width <= 390, "no sideways scrolling at phone width"
    phone.goto(f"{server.url}/jobs/{job['id']}")
    expect(phone.get_by_label("Narration (scene 1)")).to_be_enabled()
    phone.screenshot(path=str(SHOTS / "phone-review.png"), full_page=True)
    context.close()


def test_keyboard_only_review_and_csrf(make_server: Callable[..., Server], page: Page) -> None:
    server = make_server()
    sign_in(page, server)
    job = server.client().post("/v1/jobs", json={"text": "A 10-second video about our bakery", "duration_s": 10}).json()
    page.goto(f"{server.url}/jobs/{job['id']}")
    expect(page.locator("#stage")).to_have_text("Waiting for your review", timeout=60_000)
    expect(page.get_by_role("button", name="Approve", exact=True)).to_be_visible()
    expect(page.get_by_role("button", name="Move scene 1 down")).to_be_enabled()
    page.get_by_role("button", name="Move scene 1 down").press("Enter")
    expect(page.get_by_role("button", name="Approve with edits")).to_be_visible()
    # A cookie-authenticated request without the page's CSRF token is refused.
    status = page.evaluate("""async id => (await fetch(`/v1/jobs/${id}/cancel`, {method: 'POST'})).status""", job["id"])
    assert status == 403
    page.get_by_role("button", name="Request changes").press("Enter")
    page.get_by_label("What should change?").fill("shorter please")
    page.get_by_role("button", name="Send for replanning").press("Enter")
    expect(page.locator("#audit")).to_contain_text("review.reject", timeout=30_000)
