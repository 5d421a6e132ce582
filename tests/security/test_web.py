"""Issue 19, item 9: the review page and API docs carry security headers and a strict CSP they work under (no inline
script, no framing), load nothing from a CDN, set Secure cookies behind an https proxy the operator names, and
signing out ends the session on the server."""

from __future__ import annotations

import re
from collections.abc import Callable

import httpx
from playwright.sync_api import Page, expect

from aios.api import session
from tests.support.browser import browser, csp_violations, page
from tests.support.server import Server

__all__ = ["browser", "page"]  # the fixtures


def signed_in(server: Server, **headers: str) -> httpx.Client:
    browser_like = httpx.Client(base_url=server.url, timeout=30, follow_redirects=False, headers=headers)
    assert browser_like.post("/login", data={"api_key": server.key}).status_code == 303
    return browser_like


def test_every_page_carries_the_security_headers(server: Server) -> None:
    client = signed_in(server)
    for path in ("/", "/login", "/new", "/v1/jobs", "/docs", "/openapi.json", "/static/app.js", "/nope"):
        headers = client.get(path).headers
        csp = headers["content-security-policy"]
        script = re.search(r"script-src ([^;]*)", csp)
        assert script and script.group(1) == "'self'", (path, csp)
        assert "frame-ancestors 'none'" in csp and "object-src 'none'" in csp and "base-uri 'none'" in csp
        assert headers["x-content-type-options"] == "nosniff" and headers["x-frame-options"] == "DENY"
        assert headers["referrer-policy"] == "no-referrer"
        assert "strict-transport-security" not in headers, "only over https"


def test_pages_hold_no_inline_script_and_the_docs_load_nothing_from_elsewhere(server: Server) -> None:
    client = signed_in(server)
    for path in ("/", "/login", "/new", "/jobs/job-000000000000", "/docs"):
        html = client.get(path).text
        for tag in re.findall(r"<script\b[^>]*>", html):
            assert "src=" in tag, (path, tag)
        assert not re.search(r"\son[a-z]+=", html), path
        assert "cdn." not in html and "https://" not in html, path
        for asset in re.findall(r'(?:src|href)="(/[^"]+)"', html):
            assert client.get(asset).status_code == 200, asset


def test_the_docs_work_in_a_browser_under_the_policy(server: Server, page: Page) -> None:
    page.goto(server.url + "/docs")
    expect(page.locator(".opblock").first).to_be_visible(timeout=30_000)
    assert page.locator(".opblock").count() > 10
    assert csp_violations(page) == []


def test_cookies_are_secure_behind_a_trusted_https_proxy_only(make_server: Callable[..., Server]) -> None:
    forwarded = {"X-Forwarded-Proto": "https", "X-Forwarded-For": "203.0.113.9"}
    direct = make_server()
    login = httpx.post(f"{direct.url}/login", data={"api_key": direct.key}, headers=forwarded)
    assert "secure" not in login.headers["set-cookie"].lower(), "an untrusted client cannot claim https"
    assert "strict-transport-security" not in login.headers

    proxied = make_server(trusted_proxies=["127.0.0.1"])
    login = httpx.post(f"{proxied.url}/login", data={"api_key": proxied.key}, headers=forwarded)
    cookie = login.headers["set-cookie"].lower()
    assert "; secure" in cookie and "httponly" in cookie and "samesite=strict" in cookie
    assert login.headers["strict-transport-security"].startswith("max-age=")


def test_signing_out_ends_the_session_on_the_server(server: Server) -> None:
    client = signed_in(server)
    cookie = client.cookies[session.COOKIE]
    assert client.get("/v1/jobs").status_code == 200
    assert client.post("/logout").status_code == 303
    stolen = httpx.get(f"{server.url}/v1/jobs", cookies={session.COOKIE: cookie})
    assert stolen.status_code == 401, "a copy of the cookie opens nothing after sign-out"
    assert httpx.get(f"{server.url}/", cookies={session.COOKIE: cookie}).status_code == 303
