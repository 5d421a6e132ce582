"""Issue 19, items 2 and 7: webhooks reach public addresses only (every spelling of loopback, private and metadata
addresses is refused at submit, and again at delivery when DNS changes), connect to the address they checked, report
failures without internal detail, and never show a receiver's credentials."""

from __future__ import annotations

import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest

from aios.runtime import webhook_targets
from tests.support.server import Server, read_events

BRIEF = {"text": "a 6-second square video about our tea shop", "auto_approve": True}
INTERNAL = ["http://127.0.0.1/", "http://127.0.0.1:8080/x", "http://0x7f000001/", "http://2130706433/",
            "http://0177.0.0.1/", "http://127.1/", "http://0/", "http://[::1]/", "http://[::ffff:127.0.0.1]/",
            "http://[0:0:0:0:0:ffff:7f00:1]/", "http://localhost:9000/", "http://169.254.169.254/latest/meta-data/",
            "http://[fd00:ec2::254]/", "http://10.0.0.7/", "http://192.168.1.1/", "http://172.16.0.1/",
            "http://100.64.0.1/", "http://0.0.0.0/", "https://[fe80::1]/"]


class Canary:
    """A receiver on this machine that records every request (what an internal service would see)."""

    def __init__(self) -> None:
        self.calls: list[dict[str, str]] = []
        canary = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers["Content-Length"]))
                canary.calls.append(dict(self.headers))
                self.send_response(204)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.port = self.http.server_address[1]
        threading.Thread(target=self.http.serve_forever, daemon=True).start()


@pytest.fixture
def canary() -> Iterator[Canary]:
    made = Canary()
    yield made
    made.http.shutdown()


@pytest.fixture
def dns(monkeypatch: pytest.MonkeyPatch) -> dict[str, list[str]]:
    """Names the test controls, resolved as the server resolves them (everything else: the system resolver)."""
    names: dict[str, list[str]] = {}
    real = webhook_targets.lookup
    monkeypatch.setattr(webhook_targets, "lookup", lambda host, port: names.get(host) or real(host, port))
    return names


@pytest.mark.parametrize("url", INTERNAL)
def test_internal_addresses_in_every_spelling_are_refused_at_submit(server: Server, url: str,
                                                                    canary: Canary) -> None:
    client = server.client()
    response = client.post("/v1/jobs", json=BRIEF | {"webhook_url": url})
    assert response.status_code == 422, (url, response.text)
    assert response.headers["content-type"] == "application/problem+json"
    assert "public address" in response.json()["detail"]
    assert client.get("/v1/jobs").json()["items"] == [], "nothing is created"


def test_a_name_that_resolves_inside_is_refused_and_the_check_happens_again_at_delivery(
        server: Server, canary: Canary, dns: dict[str, list[str]]) -> None:
    client = server.client()
    dns["inside.example"] = ["127.0.0.1"]
    refused = client.post("/v1/jobs", json=BRIEF | {"webhook_url": "http://inside.example/hook"})
    assert refused.status_code == 422
    dns["rebind.example"] = ["93.184.216.34"]  # public when the job is submitted...
    job = client.post("/v1/jobs", json=BRIEF | {"webhook_url": f"http://rebind.example:{canary.port}/hook"})
    assert job.status_code == 202, job.text
    dns["rebind.example"] = ["127.0.0.1"]  # ...and loopback when the event is delivered (DNS rebinding)
    read_events(client, job.json()["id"], {"job.completed"})
    deliveries = _deliveries(server, job.json()["id"])
    assert canary.calls == [], "nothing reached the internal address"
    assert [(d["attempt"], d["status_code"], d["error"]) for d in deliveries] == [
        (1, None, "refused: the receiver's address is not allowed")], "refused once, not retried"


def test_the_connection_goes_to_the_address_that_was_checked(make_server: Callable[..., Server], canary: Canary,
                                                             dns: dict[str, list[str]]) -> None:
    server = make_server(webhook_allowed_networks=["127.0.0.0/8"])  # an operator's opt-in for a private receiver
    dns["receiver.internal"] = ["127.0.0.1"]  # a name only the server's checked resolution knows
    client = server.client()
    job = client.post("/v1/jobs", json=BRIEF | {"webhook_url": f"http://receiver.internal:{canary.port}/hook"})
    assert job.status_code == 202, job.text
    read_events(client, job.json()["id"], {"job.completed"})
    deliveries = _deliveries(server, job.json()["id"])
    assert deliveries[-1]["delivered"], deliveries
    assert canary.calls[-1]["Host"] == f"receiver.internal:{canary.port}"
    assert make_server().client().post(  # without the opt-in the same receiver is refused
        "/v1/jobs", json=BRIEF | {"webhook_url": f"http://127.0.0.1:{canary.port}/hook"}).status_code == 422


def test_failures_are_reported_without_internal_detail_and_credentials_are_redacted(
        make_server: Callable[..., Server], dns: dict[str, list[str]]) -> None:
    server = make_server(webhook_allowed_networks=["127.0.0.0/8"], webhook_attempts=2)
    dns["closed.internal"] = ["127.0.0.1"]
    client = server.client()
    url = "http://hook-user:s3cret-pass@closed.internal:9/hook?token=abc123&team=t1"
    job = client.post("/v1/jobs", json=BRIEF | {"webhook_url": url}).json()
    assert "s3cret" not in str(job) and "abc123" not in str(job)
    assert job["webhook_url"] == "http://***@closed.internal:9/hook?token=***&team=***"
    read_events(client, job["id"], {"job.completed"})
    deliveries = _deliveries(server, job["id"], attempts=2)
    assert [d["error"] for d in deliveries] == ["could not connect", "could not connect"]
    shown = str(client.get(f"/v1/jobs/{job['id']}").json())
    assert "s3cret" not in shown and "abc123" not in shown and "Errno" not in shown and "refused" not in shown


def _deliveries(server: Server, job_id: str, attempts: int = 1) -> list[dict[str, Any]]:
    deadline = time.monotonic() + 30
    while True:
        found: list[dict[str, Any]] = server.client().get(f"/v1/jobs/{job_id}").json()["webhook_deliveries"]
        completed = [d for d in found if d["event_type"] == "job.completed"]
        if len(completed) >= attempts:
            return completed
        assert time.monotonic() < deadline, found
        time.sleep(0.1)
