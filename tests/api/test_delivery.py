"""Signed download URLs, webhooks (signature, retries, records), and SSE replay and keep-alive."""

from __future__ import annotations

import json
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any
from urllib.parse import parse_qs, urlsplit

import pytest

from aios.runtime.webhooks import verify
from aios.tools import signing
from aios.tools.signing import server_secret
from tests.support.server import Server, read_events

pytestmark = pytest.mark.slow  # renders media or runs aios processes (seconds each)

BRIEF = {"text": "a 6-second square video about our tea shop"}


def finished_job(server: Server, **extra: Any) -> tuple[str, list[dict[str, Any]]]:
    client = server.client()
    job = client.post("/v1/jobs", json={**BRIEF, "auto_approve": True, **extra}).json()
    return job["id"], read_events(client, job["id"], {"job.completed", "job.failed"})


def test_signed_urls_expire_and_cannot_be_altered(server: Server) -> None:
    job_id, _ = finished_job(server)
    client = server.client()
    video = next(a for a in client.get(f"/v1/jobs/{job_id}/artifacts").json() if a["name"] == "video")
    assert video["expires_at"] == pytest.approx(time.time() + server.settings.url_ttl_s, abs=5)
    anonymous = server.client(key="none")
    assert anonymous.get(video["url"]).status_code == 200
    secret = server_secret(server.settings.data_dir, "url", None)
    past = int(time.time()) - 1
    stale_sig = signing.sign(secret, "acme", job_id, "video", past)
    expired = f"/v1/files/{job_id}/video?tenant=acme&expires={past}&sig={stale_sig}"
    assert anonymous.get(expired).status_code == 403
    query = parse_qs(urlsplit(video["url"]).query)
    for field, value in [("tenant", "globex"), ("expires", str(int(query["expires"][0]) + 60)), ("sig", "0" * 64)]:
        altered = video["url"].replace(f"{field}={query[field][0]}", f"{field}={value}")
        assert anonymous.get(altered).status_code == 403, field
    other = video["url"].replace("/video?", "/manifest?")
    assert anonymous.get(other).status_code == 403, "a signature is for one artifact"


class Receiver:
    """A local webhook endpoint that fails the first `failures` deliveries of each event."""

    def __init__(self, failures: int) -> None:
        self.failures, self.calls = failures, []  # type: ignore[var-annotated]
        self.seen: dict[str, int] = {}
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                body = self.rfile.read(int(self.headers["Content-Length"]))
                event = self.headers["X-AIOS-Event"]
                receiver.calls.append((dict(self.headers), body))
                receiver.seen[event] = receiver.seen.get(event, 0) + 1
                self.send_response(500 if receiver.seen[event] <= receiver.failures else 204)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        threading.Thread(target=self.http.serve_forever, daemon=True).start()
        self.url = f"http://127.0.0.1:{self.http.server_address[1]}/hooks/aios"


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    made = Receiver(failures=2)
    yield made
    made.http.shutdown()


def test_webhooks_are_signed_retried_and_recorded(make_server: Callable[..., Server], receiver: Receiver) -> None:
    server = make_server(webhook_allowed_networks=["127.0.0.0/8"])  # the receiver is on this machine
    job_id, events = finished_job(server, webhook_url=receiver.url)
    deadline = time.monotonic() + 30
    while receiver.seen.get("job.completed", 0) < 3:
        assert time.monotonic() < deadline, receiver.seen
        time.sleep(0.05)
    headers, body = receiver.calls[-1]
    secret = server_secret(server.settings.data_dir, "webhook", None)
    assert verify(secret, headers["X-AIOS-Timestamp"], body, headers["X-AIOS-Signature"])
    assert not verify(secret, headers["X-AIOS-Timestamp"], body + b" ", headers["X-AIOS-Signature"])
    assert not verify(secret, str(int(headers["X-AIOS-Timestamp"]) - 3600), body, headers["X-AIOS-Signature"])
    payload = json.loads(body)
    assert payload["type"] == "job.completed" and payload["job_id"] == job_id
    assert headers["X-AIOS-Delivery"] == str(events[-1]["id"]) == str(payload["id"])
    deliveries = server.client().get(f"/v1/jobs/{job_id}").json()["webhook_deliveries"]
    completed = [d for d in deliveries if d["event_type"] == "job.completed"]
    assert [(d["attempt"], d["status_code"], d["delivered"]) for d in completed] == [
        (1, 500, False), (2, 500, False), (3, 204, True)]
    assert {d["event_type"] for d in deliveries} == {"job.completed"}, "only the documented events are sent"
    scraped = server.client().get("/metrics").text
    assert 'aios_webhook_deliveries_total{outcome="delivered"} 1.0' in scraped
    assert 'aios_webhook_deliveries_total{outcome="failed"} 2.0' in scraped


def test_reconnecting_with_last_event_id_replays_only_what_was_missed(server: Server) -> None:
    job_id, history = finished_job(server)
    client = server.client()
    middle = history[len(history) // 2]["id"]
    resumed = read_events(client, job_id, {"job.completed"}, headers={"Last-Event-ID": str(middle)})
    assert [e["id"] for e in resumed] == [e["id"] for e in history if e["id"] > middle]
    late = read_events(client, job_id, set())
    assert [e["id"] for e in late] == [e["id"] for e in history], "after the end: the whole history, then close"
    assert late[-1]["event"] == "job.completed"


def test_streams_send_keep_alive_pings_while_a_job_waits(server: Server) -> None:
    client = server.client()
    job = client.post("/v1/jobs", json=BRIEF).json()
    read_events(client, job["id"], {"review.requested"})
    pings = 0
    began = time.monotonic()
    with client.stream("GET", f"/v1/jobs/{job['id']}/events", timeout=10) as response:
        for line in response.iter_lines():
            pings += line == "event: ping"
            if pings >= 2 or time.monotonic() - began > 5:
                break
    assert pings >= 2, "two pings within five seconds at a 0.5 s interval"


def test_absurd_resume_positions_are_handled(server: Server) -> None:
    job_id, _ = finished_job(server)
    client = server.client()
    huge = str(10**30)
    assert client.get(f"/v1/jobs/{job_id}/events", params={"after": huge}).status_code == 422
    with client.stream("GET", f"/v1/jobs/{job_id}/events", headers={"Last-Event-ID": huge}, timeout=10) as response:
        assert response.status_code == 200
        response.read()  # nothing after the end: the stream closes
    replay = read_events(client, job_id, {"job.completed"}, headers={"Last-Event-ID": "not-a-number"})
    assert replay[0]["event"] == "job.created"
