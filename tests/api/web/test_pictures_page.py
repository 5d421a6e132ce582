"""The review page with stock pictures (stand-in providers): each scene's credit, the contact sheet, and a swap."""

from __future__ import annotations

from collections.abc import Callable

import pytest
from playwright.sync_api import Page, expect

from aios.evals.stock_standin import serve, settings_for
from tests.api.web.test_review_page import SHOTS, sign_in
from tests.support.browser import browser, csp_violations, page, until
from tests.support.server import Server

pytestmark = pytest.mark.slow  # renders media in a browser session
__all__ = ["browser", "page"]  # the fixtures


def test_swap_a_scene_picture_and_see_the_contact_sheet(make_server: Callable[..., Server], page: Page) -> None:
    with serve() as (url, _):
        server = make_server(**settings_for(url))
        client = server.client()
        job = client.post("/v1/jobs", json={"text": "A 15-second vertical video on our new employee benefits. Dental "
                                                    "now covers orthodontics for children."}).json()["id"]
        sign_in(page, server)
        page.goto(f"{server.url}/jobs/{job}")
        expect(page.locator("#stage")).to_have_text("Waiting for your review", timeout=60_000)
        board = client.get(f"/v1/jobs/{job}/storyboard").json()
        index, offer = next((p["scene"], p) for p in board["pictures"] if p["alternatives"])
        expect(page.locator("#scenes")).to_contain_text("Picture:")
        page.locator("#sheet-box summary").click()
        until(page, "document.getElementById('sheet').complete && document.getElementById('sheet').naturalWidth > 0")
        SHOTS.mkdir(parents=True, exist_ok=True)
        page.screenshot(path=str(SHOTS / "storyboard-pictures.png"), full_page=True)
        choice = offer["alternatives"][0]
        page.get_by_label(f"Picture (scene {index + 1})").select_option(choice["ref"])
        page.get_by_role("button", name="Approve with edits").click()
        expect(page.get_by_text("Approve the preview render")).to_be_visible(timeout=120_000)
        after = {p["scene"]: p for p in client.get(f"/v1/jobs/{job}/storyboard").json()["pictures"]}
        assert after[index]["shown"]["ref"] == choice["ref"]
        assert csp_violations(page) == []
