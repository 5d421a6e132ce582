"""Headless Chromium (Debian's, driven by Playwright) for the page tests, and the CSP violations a page reports."""

from __future__ import annotations

import os
import shutil
import time
from collections.abc import Iterator

import pytest
from playwright.sync_api import Browser, Page, sync_playwright

CHROMIUM = os.environ.get("AIOS_TEST_CHROMIUM") or shutil.which("chromium") or "/usr/bin/chromium"


@pytest.fixture(scope="module")
def browser() -> Iterator[Browser]:
    with sync_playwright() as playwright:
        found = playwright.chromium.launch(executable_path=CHROMIUM, headless=True, args=["--no-sandbox"])
        yield found
        found.close()


@pytest.fixture
def page(browser: Browser) -> Iterator[Page]:
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True)
    found = context.new_page()
    found.csp_violations = []  # type: ignore[attr-defined]
    found.on("console", lambda message: found.csp_violations.append(message.text)  # type: ignore[attr-defined]
             if "Content Security Policy" in message.text else None)
    yield found
    context.close()


def csp_violations(page: Page) -> list[str]:
    """What the page's Content-Security-Policy refused so far (Chromium reports each on the console)."""
    found: list[str] = page.csp_violations  # type: ignore[attr-defined]
    return found


def until(page: Page, expression: str, timeout: float = 30) -> None:
    """Wait until a JavaScript expression is true on the page (Playwright's wait_for_function evaluates it with eval,
    which the page's CSP rightly refuses; a DevTools evaluation is not the page's own script)."""
    deadline = time.monotonic() + timeout
    while not page.evaluate(expression):
        assert time.monotonic() < deadline, f"not true within {timeout} s: {expression}"
        page.wait_for_timeout(100)
