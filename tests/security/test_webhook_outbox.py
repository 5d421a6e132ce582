"""Issue 19, item 5: webhook deliveries live in an outbox table (a restart goes on from the last attempt) and a
tenant's slow receivers hold at most its own share of the deliveries in flight, never another tenant's."""

from __future__ import annotations

import signal
import threading
import time
from collections.abc import Callable, Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest

from tests.support.server import Server, read_events
from tests.support.workers import BROKER, Workers

pytestmark = pytest.mark.slow  # runs jobs and waits on retries (seconds)

BRIEF = {"text": "a 6-second square video about our tea shop"}


class Receiver:
    """Answers /fail-N with 500 to the first N deliveries, /slow after `delay_s`, anything else at once."""

    def __init__(self, delay_s: float = 3.0) -> None:
        self.delay_s, self.lock = delay_s, threading.Lock()
        self.received: list[tuple[str, float]] = []
        self.in_flight: dict[str, int] = {}
        self.most: dict[str, int] = {}
        receiver = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                self.rfile.read(int(self.headers["Content-Length"]))
                path = self.path
                with receiver.lock:
                    receiver.in_flight[path] = receiver.in_flight.get(path, 0) + 1
                    receiver.most[path] = max(receiver.most.get(path, 0), receiver.in_flight[path])
                    failures = sum(1 for p, _ in receiver.received if p == path)
                if path == "/slow":
                    time.sleep(receiver.delay_s)
                code = 500 if path.startswith("/fail-") and failures < int(path.split("-")[1]) else 204
                with receiver.lock:
                    receiver.in_flight[path] -= 1
                    receiver.received.append((path, time.time()))
                self.send_response(code)
                self.end_headers()

            def log_message(self, *args: Any) -> None:
                pass

        self.http = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.base = f"http://127.0.0.1:{self.http.server_address[1]}"
        threading.Thread(target=self.http.serve_forever, daemon=True).start()

    def count(self, path: str) -> int:
        with self.lock:
            return sum(1 for p, _ in self.received if p == path)


@pytest.fixture
def receiver() -> Iterator[Receiver]:
    made = Receiver()
    yield made
    made.http.shutdown()


def _wait(condition: Callable[[], bool], timeout: float = 60) -> None:
    deadline = time.monotonic() + timeout
    while not condition():
        assert time.monotonic() < deadline, "timed out"
        time.sleep(0.05)


def test_a_delivery_survives_a_restart_between_attempts(make_server: Callable[..., Server],
                                                        receiver: Receiver) -> None:
    settings = {"webhook_allowed_networks": ["127.0.0.0/8"], "webhook_backoff_s": 2.0, "webhook_attempts": 5}
    first = make_server(**settings)
    client = first.client()
    job = client.post("/v1/jobs", json=BRIEF | {"webhook_url": f"{receiver.base}/fail-2"}).json()["id"]
    read_events(client, job, {"review.requested"})
    _wait(lambda: len(client.get(f"/v1/jobs/{job}").json()["webhook_deliveries"]) == 2)  # 1 and 2 failed, on record
    first.stop()  # the process goes away between attempts (the 3rd is due 4 s after the 2nd)
    assert receiver.count("/fail-2") == 2

    second = make_server(**settings)  # the same data directory
    _wait(lambda: receiver.count("/fail-2") == 3)
    deliveries = second.client().get(f"/v1/jobs/{job}").json()["webhook_deliveries"]
    assert [(d["attempt"], d["delivered"]) for d in deliveries] == [(1, False), (2, False), (3, True)]


def test_one_tenants_slow_receivers_do_not_delay_another_tenant(make_server: Callable[..., Server],
                                                                receiver: Receiver) -> None:
    server = make_server(webhook_allowed_networks=["127.0.0.0/8"], api_workers=4, webhook_tenant_concurrency=2)
    acme, globex = server.client(), server.client(server.other_key)
    slow = [acme.post("/v1/jobs", json=BRIEF | {"webhook_url": f"{receiver.base}/slow"}).json()["id"]
            for _ in range(8)]
    for job in slow:
        read_events(acme, job, {"review.requested"})
    other = globex.post("/v1/jobs", json=BRIEF | {"webhook_url": f"{receiver.base}/fast"}).json()["id"]
    read_events(globex, other, {"review.requested"})
    requested_at = time.time()
    _wait(lambda: receiver.count("/fast") == 1, timeout=30)
    delay = dict(receiver.received)["/fast"] - requested_at
    assert receiver.count("/slow") < 8, "the other tenant's delivery did not wait for the slow ones"
    assert delay < 2, delay
    _wait(lambda: receiver.count("/slow") == 8, timeout=60)
    assert receiver.most["/slow"] == 2, "a tenant has at most its share in flight"


def test_workers_deliver_from_the_outbox_and_a_killed_workers_delivery_is_finished_by_another(
        make_server: Callable[..., Server], receiver: Receiver, postgres_url: str, broker: str, aios_home: Path,
        tmp_path: Path) -> None:
    server = make_server(database_url=postgres_url, broker_url=BROKER, queue=broker)  # the API only enqueues
    workers = Workers(aios_home, postgres_url, broker, tmp_path)
    workers.env |= {"AIOS_WEBHOOK_ALLOWED_NETWORKS": '["127.0.0.0/8"]', "AIOS_WEBHOOK_BACKOFF_S": "3"}
    first = workers.start()
    try:
        client = server.client()
        refused = client.post("/v1/jobs", json=BRIEF | {"webhook_url": f"{receiver.base}/fail-1"})
        assert refused.status_code == 422, "the API applies its own setting: private receivers are not allowed"
        workers_only = make_server(database_url=postgres_url, broker_url=BROKER, queue=broker,
                                   webhook_allowed_networks=["127.0.0.0/8"])
        job = workers_only.client().post("/v1/jobs", json=BRIEF | {"webhook_url": f"{receiver.base}/fail-1"})
        assert job.status_code == 202, job.text
        job_id = job.json()["id"]

        def recorded() -> list[tuple[str, int, bool]]:
            found = client.get(f"/v1/jobs/{job_id}").json()["webhook_deliveries"]
            return [(d["event_type"], d["attempt"], d["delivered"]) for d in found]

        _wait(lambda: recorded() == [("review.requested", 1, False)], timeout=120)  # attempt 1 failed, on record
        first.send_signal(signal.SIGKILL)  # the next attempt is due in 3 s: this worker will not make it
        first.wait(10)
        workers.start()  # another worker takes the outbox over
        _wait(lambda: receiver.count("/fail-1") == 2, timeout=60)
        _wait(lambda: len(recorded()) == 2, timeout=30)
        assert recorded() == [("review.requested", 1, False), ("review.requested", 2, True)]
    finally:
        workers.stop()
