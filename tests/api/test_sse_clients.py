"""The event stream read by a real SSE client library (httpx-sse): every event it yields parses as JSON (keep-alives
are named `ping` events), job events carry ids, and a reconnect with Last-Event-ID resumes after one."""

from __future__ import annotations

import json
import time
from collections.abc import Callable

import httpx
import pytest
from httpx_sse import connect_sse

from tests.support.server import Server

pytestmark = pytest.mark.slow  # runs a server and a job


def test_httpx_sse_sees_only_json_events_across_pings_and_resumes(make_server: Callable[..., Server]) -> None:
    server = make_server(sse_ping_s=0.2)
    headers = {"Authorization": f"Bearer {server.key}"}
    with httpx.Client(base_url=server.url, headers=headers, timeout=120) as client:
        job = client.post("/v1/jobs", json={"text": "a 6-second video about our tea shop"}).json()["id"]
        seen, pings = [], 0
        began = time.monotonic()
        with connect_sse(client, "GET", f"/v1/jobs/{job}/events") as source:
            for event in source.iter_sse():
                assert json.loads(event.data)["type"] == event.event  # a ping too: nothing that breaks json.loads
                if event.event == "ping":
                    pings += 1
                    continue
                seen.append(event)
                assert event.id
                if seen[-1].event == "review.requested" and pings:
                    break
                assert time.monotonic() - began < 90
        assert seen[0].event == "job.created" and seen[-1].event == "review.requested"
        with connect_sse(client, "GET", f"/v1/jobs/{job}/events", headers={"Last-Event-ID": seen[0].id}) as again:
            first = next(again.iter_sse())
        assert int(first.id) == int(seen[0].id) + 1
