"""Issue 19, item 4: admission is atomic: a burst of 30 concurrent submits from one tenant against a limit of 20
gets exactly 20 jobs, on the embedded deployment and on PostgreSQL with Celery."""

from __future__ import annotations

import threading
from collections import Counter
from collections.abc import Callable
from concurrent.futures import ThreadPoolExecutor

import pytest

from tests.support.server import Server
from tests.support.workers import BROKER

pytestmark = pytest.mark.slow  # a burst of real jobs

BRIEF = {"text": "a 20-second video about our tea shop", "auto_approve": True}  # runs for a while once started


def burst(server: Server, count: int = 30) -> Counter[int]:
    """`count` POSTs of one tenant, released at the same moment; the status codes they got."""
    clients = [server.client() for _ in range(count)]
    start = threading.Barrier(count)

    def submit(index: int) -> int:
        start.wait()
        return clients[index].post("/v1/jobs", json=BRIEF).status_code

    with ThreadPoolExecutor(count) as pool:
        codes = Counter(pool.map(submit, range(count)))
    for client in clients:
        client.close()
    return codes


def test_a_burst_gets_exactly_the_limit_in_process(make_server: Callable[..., Server]) -> None:
    server = make_server(max_queued_per_tenant=20)
    assert burst(server) == Counter({202: 20, 429: 10})
    jobs = server.client().get("/v1/jobs", params={"limit": 100}).json()["items"]
    assert len(jobs) == 20, "a refused submit stores nothing"
    assert server.client(server.other_key).post("/v1/jobs", json=BRIEF).status_code == 202, "tenants are apart"
    for job in jobs:  # stop them: the test is about admission
        server.client().post(f"/v1/jobs/{job['id']}/cancel")


def test_a_burst_gets_exactly_the_limit_on_postgres_and_celery(make_server: Callable[..., Server],
                                                                postgres_url: str, broker: str) -> None:
    server = make_server(max_queued_per_tenant=20, database_url=postgres_url, broker_url=BROKER, queue=broker)
    assert burst(server) == Counter({202: 20, 429: 10})  # no worker runs: all 20 stay queued
    assert len(server.client().get("/v1/jobs", params={"limit": 100}).json()["items"]) == 20
