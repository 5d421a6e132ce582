"""Per-tenant backpressure: new jobs beyond the tenant's queue limit get 429 with Retry-After, and nothing is lost."""

from __future__ import annotations

from collections.abc import Callable

import pytest

from tests.support.server import Server, read_events

pytestmark = pytest.mark.slow  # renders media or runs aios processes (seconds each)

BRIEF = {"text": "a 6-second square video about our tea shop", "auto_approve": True}


def test_a_full_tenant_queue_answers_429_and_admits_again_when_a_job_ends(make_server: Callable[..., Server]) -> None:
    server = make_server(max_queued_per_tenant=2, queue_retry_after_s=7)
    client = server.client()
    first = client.post("/v1/jobs", json=BRIEF, headers={"Idempotency-Key": "first"})
    second = client.post("/v1/jobs", json=BRIEF)
    assert first.status_code == second.status_code == 202
    refused = client.post("/v1/jobs", json=BRIEF)
    assert refused.status_code == 429 and refused.headers["retry-after"] == "7"
    assert refused.headers["content-type"] == "application/problem+json"
    assert refused.json()["retry_after_s"] == 7 and "2 jobs queued or running" in refused.json()["detail"]
    assert len(client.get("/v1/jobs").json()["items"]) == 2, "a refused submit stores no job"

    again = client.post("/v1/jobs", json=BRIEF, headers={"Idempotency-Key": "first"})
    assert again.status_code == 202 and again.json()["id"] == first.json()["id"], "a retry is not a new job"
    assert server.client(server.other_key).post("/v1/jobs", json=BRIEF).status_code == 202, "tenants are apart"

    assert read_events(client, first.json()["id"], {"job.completed"})[-1]["event"] == "job.completed"
    admitted = client.post("/v1/jobs", json=BRIEF)
    assert admitted.status_code == 202
    for job in (second.json()["id"], admitted.json()["id"]):
        assert read_events(client, job, {"job.completed"})[-1]["event"] == "job.completed"
