"""The API with AIOS_BROKER_URL: it only enqueues and streams; an `aios worker` process runs the job."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.server import Server, read_events
from tests.support.workers import BROKER, Workers

pytestmark = pytest.mark.slow  # renders media or runs aios processes (seconds each)


def test_the_api_enqueues_streams_and_serves_what_a_worker_made(
        postgres_url: str, broker: str, aios_home: Path, tmp_path: Path, make_server: Callable[..., Server]) -> None:
    server = make_server(database_url=postgres_url, broker_url=BROKER, queue=broker)
    workers = Workers(aios_home, postgres_url, broker, tmp_path)
    try:
        client = server.client()
        job = client.post("/v1/jobs", json={"text": "a 6-second square video about our tea shop"}).json()
        assert client.get(f"/v1/jobs/{job['id']}").json()["status"] == "running"  # queued: no worker yet
        workers.start()
        first = read_events(client, job["id"], {"review.requested"})
        assert first[-1]["event"] == "review.requested"
        assert client.post(f"/v1/jobs/{job['id']}/review", json={"decisions": [{"type": "approve"}]}).status_code == 202
        final = read_events(client, job["id"], {"review.requested"}, headers={"Last-Event-ID": str(first[-1]["id"])})
        assert final[-1]["data"]["data"].get("checkpoint") == "final", final[-3:]
        assert client.post(f"/v1/jobs/{job['id']}/review", json={"decisions": [{"type": "approve"}]}).status_code == 202
        done = read_events(client, job["id"], {"job.completed", "job.failed"})
        assert done[-1]["event"] == "job.completed"
        ids = [e["id"] for e in done]
        assert ids == sorted(set(ids)), "one ordered stream, no repeats"
        video = next(a for a in client.get(f"/v1/jobs/{job['id']}/artifacts").json() if a["name"] == "video")
        body = server.client(key="none").get(video["url"]).content
        assert body[4:8] == b"ftyp" and len(body) == video["bytes"]
        audit = client.get(f"/v1/jobs/{job['id']}/audit").json()
        assert [e["action"] for e in audit if e["action"].startswith("review.")] == ["review.approve"] * 2
    finally:
        workers.stop()
