"""Jobs over HTTP: idempotency, tenant isolation, listing, cancel, and problem+json for bad input."""

from __future__ import annotations

import time
from collections.abc import Callable
from pathlib import Path

import pytest

from aios.kernel.context import Context
from aios.kernel.settings import Settings
from aios.runtime.jobs import JobService
from tests.support.server import Server, read_events

BRIEF = {"text": "a 10-second video about our tea shop"}


def test_same_idempotency_key_and_body_return_the_same_job(server: Server) -> None:
    client = server.client()
    headers = {"Idempotency-Key": "order-42"}
    first = client.post("/v1/jobs", json=BRIEF, headers=headers)
    again = client.post("/v1/jobs", json=BRIEF, headers=headers)
    assert first.status_code == again.status_code == 202
    assert first.json()["id"] == again.json()["id"]
    assert len(client.get("/v1/jobs").json()["items"]) == 1
    conflict = client.post("/v1/jobs", json={"text": "a different brief"}, headers=headers)
    assert conflict.status_code == 409
    assert conflict.headers["content-type"] == "application/problem+json"
    assert conflict.json()["type"].endswith("/idempotency-conflict")
    other_tenant = server.client(server.other_key).post("/v1/jobs", json=BRIEF, headers=headers)
    assert other_tenant.status_code == 202 and other_tenant.json()["id"] != first.json()["id"], "keys are per tenant"


def test_another_tenant_sees_nothing(server: Server) -> None:
    mine = server.client().post("/v1/jobs", json=BRIEF).json()
    theirs = server.client(server.other_key)
    for method, path in [("GET", ""), ("GET", "/storyboard"), ("GET", "/artifacts"), ("GET", "/events"),
                         ("POST", "/cancel")]:
        response = theirs.request(method, f"/v1/jobs/{mine['id']}{path}")
        assert response.status_code == 404, (path, response.text)
        assert response.headers["content-type"] == "application/problem+json"
    review = theirs.post(f"/v1/jobs/{mine['id']}/review", json={"decisions": [{"type": "approve"}]})
    assert review.status_code == 404
    assert theirs.get("/v1/jobs").json()["items"] == []


def test_listing_filters_by_status_and_pages_with_a_cursor(server: Server) -> None:
    client = server.client()
    ids = [client.post("/v1/jobs", json={"text": f"a 10-second video about tea number {n}"}).json()["id"]
           for n in range(3)]
    for job_id in ids:
        read_events(client, job_id, {"review.requested"})
    page = client.get("/v1/jobs", params={"limit": 2}).json()
    assert [j["id"] for j in page["items"]] == ids[::-1][:2] and page["next_cursor"]
    rest = client.get("/v1/jobs", params={"limit": 2, "cursor": page["next_cursor"]}).json()
    assert [j["id"] for j in rest["items"]] == [ids[0]] and rest["next_cursor"] is None
    waiting = client.get("/v1/jobs", params={"status": "awaiting_review"}).json()["items"]
    assert {j["id"] for j in waiting} == set(ids)
    assert client.get("/v1/jobs", params={"status": "published"}).json()["items"] == []
    assert client.get("/v1/jobs", params={"status": "bogus"}).status_code == 422
    assert client.get("/v1/jobs", params={"cursor": "not-ours"}).status_code == 422


def test_cancel_stops_a_job_and_says_so(server: Server) -> None:
    client = server.client()
    job = client.post("/v1/jobs", json={**BRIEF, "auto_approve": True}).json()
    cancelled = client.post(f"/v1/jobs/{job['id']}/cancel")
    assert cancelled.status_code == 202
    events = read_events(client, job["id"], {"job.cancelled"}, timeout=60)
    assert events[-1]["event"] == "job.cancelled"
    deadline = time.monotonic() + 30
    while client.get(f"/v1/jobs/{job['id']}").json()["status"] != "cancelled":
        assert time.monotonic() < deadline
        time.sleep(0.1)
    assert client.post(f"/v1/jobs/{job['id']}/review", json={"decisions": [{"type": "approve"}]}).status_code == 409


@pytest.mark.parametrize(("body", "where"), [
    ({}, "body.text"),
    ({"text": "tea", "aspect": "4:3"}, "body.aspect"),
    ({"text": "tea", "duration_s": 1}, "body.duration_s"),
    ({"text": "tea", "webhook_url": "not a url"}, "body.webhook_url"),
    ({"text": "tea", "surprise": 1}, "body.surprise"),
    ({"text": "tea", "captions": "karaoke"}, "body.captions"),
])
def test_invalid_bodies_are_422_with_field_paths(server: Server, body: dict[str, object], where: str) -> None:
    response = server.client().post("/v1/jobs", json=body)
    assert response.status_code == 422
    problem = response.json()
    assert response.headers["content-type"] == "application/problem+json"
    assert problem["status"] == 422 and where in [".".join(e["loc"]) for e in problem["errors"]]


def test_bad_input_never_gets_a_server_error(server: Server) -> None:
    client = server.client()
    assert client.post("/v1/jobs", content=b"{not json", headers={"Content-Type": "application/json"}
                       ).status_code == 422
    assert client.post("/v1/jobs", json={"text": "x" * 2_000_000}).status_code == 413
    assert client.post("/v1/jobs", json={"text": "   "}).status_code == 422, "an empty brief"
    assert client.get("/v1/jobs/job-nope").status_code == 404
    job = client.post("/v1/jobs", json=BRIEF).json()
    read_events(client, job["id"], {"review.requested"})
    bad_edit = client.post(f"/v1/jobs/{job['id']}/review",
                           json={"decisions": [{"type": "edit", "edited_action": {"args": {"scenes": []}}}]})
    # The decision's shape is in the OpenAPI schema: an edit without scenes fails request validation.
    assert bad_edit.status_code == 422 and bad_edit.json()["type"].endswith("/validation")
    assert "edited_action.args.scenes" in bad_edit.json()["detail"]
    no_message = client.post(f"/v1/jobs/{job['id']}/review", json={"decisions": [{"type": "reject"}]})
    assert no_message.status_code == 422 and no_message.json()["type"].endswith("/validation")  # in the schema too
    assert "reject.message" in no_message.json()["detail"]
    blank = client.post(f"/v1/jobs/{job['id']}/review", json={"decisions": [{"type": "reject", "message": " "}]})
    assert blank.status_code == 422 and "needs a message" in blank.json()["detail"]
    assert client.post(f"/v1/jobs/{job['id']}/render", json={"profile": "final"}).status_code == 409
    unauthenticated = server.client(key="aios_nope_nope").get("/v1/jobs")
    assert unauthenticated.status_code == 401 and unauthenticated.headers["www-authenticate"] == "Bearer"


def test_health_readiness_and_metrics(server: Server) -> None:
    client = server.client()
    job = client.post("/v1/jobs", json=BRIEF).json()
    read_events(client, job["id"], {"review.requested"})
    assert client.get("/healthz").json() == {"status": "ok"}
    ready = client.get("/readyz").json()
    assert ready["status"] == "ready" and ready["checks"] == {"database": "ok", "ffmpeg": "ok"}
    text = client.get("/metrics").text
    assert 'aios_jobs{status="awaiting_review"} 1.0' in text
    assert 'aios_node_seconds_count{node="plan_storyboard"}' in text
    assert "aios_queue_depth 0.0" in text and "aios_webhook_failures_total 0.0" in text


def test_uploaded_images_become_assets_of_that_tenants_jobs(server: Server, photo: Path) -> None:
    client = server.client()
    uploaded = client.post("/v1/assets", content=photo.read_bytes(), headers={"Content-Type": "image/jpeg"})
    assert uploaded.status_code == 201, uploaded.text
    asset = uploaded.json()
    assert (asset["width"], asset["height"]) == (320, 240) and len(asset["id"]) == 32
    job = client.post("/v1/jobs", json={**BRIEF, "assets": [asset["id"]]}).json()
    read_events(client, job["id"], {"review.requested"})
    scenes = client.get(f"/v1/jobs/{job['id']}/storyboard").json()["storyboard"]["scenes"]
    assert any(s["asset"] and s["asset"].endswith(f"{asset['id']}.jpg") for s in scenes)
    other = server.client(server.other_key).post("/v1/jobs", json={**BRIEF, "assets": [asset["id"]]})
    assert other.status_code == 422 and "unknown asset id" in other.json()["detail"]
    assert client.post("/v1/assets", content=b"not an image", headers={"Content-Type": "image/png"}).status_code == 422
    assert client.post("/v1/assets", content=b"GIF89a", headers={"Content-Type": "image/gif"}).status_code == 415
    assert client.post("/v1/jobs", json={**BRIEF, "assets": ["../../etc/passwd"]}).status_code == 422


def test_jobs_a_stopped_server_was_running_resume_at_start(make_server: Callable[..., Server],
                                                           settings: Settings) -> None:
    service = JobService(settings)
    job_id, _ = service.create(BRIEF | {"duration_s": 10}, Context(), tenant="acme")
    service.set_running(job_id, True)  # what a killed server leaves behind
    service.close()
    server = make_server()
    events = read_events(server.client(), job_id, {"review.requested"}, timeout=60)
    assert events[-1]["event"] == "review.requested"
    assert server.client().get(f"/v1/jobs/{job_id}").json()["status"] == "awaiting_review"


@pytest.mark.slow
def test_a_job_cancelled_while_queued_never_runs(server: Server) -> None:
    client = server.client()
    busy = client.post("/v1/jobs", json={**BRIEF, "auto_approve": True}).json()  # holds the only worker
    queued = client.post("/v1/jobs", json={"text": "a 10-second video about green tea"}).json()
    assert client.post(f"/v1/jobs/{queued['id']}/cancel").status_code == 202
    events = read_events(client, queued["id"], {"job.cancelled", "job.failed"}, timeout=120)
    assert [e["event"] for e in events] == ["job.created", "job.cancelled"]
    assert client.get(f"/v1/jobs/{queued['id']}").json()["status"] == "cancelled"
    client.post(f"/v1/jobs/{busy['id']}/cancel")


def test_the_audit_trail_names_the_api_key_behind_each_decision(server: Server) -> None:
    client = server.client()
    key_id = server.key.split("_")[1]
    job = client.post("/v1/jobs", json=BRIEF).json()
    read_events(client, job["id"], {"review.requested"}, timeout=60)
    message = {"decisions": [{"type": "reject", "message": "shorter please"}]}
    assert client.post(f"/v1/jobs/{job['id']}/review", json=message).status_code == 202
    assert client.post(f"/v1/jobs/{job['id']}/cancel").status_code == 202
    trail = client.get(job["links"]["audit"]).json()
    assert [(e["actor"], e["action"]) for e in trail if e["actor"].startswith("api:")] == [
        (f"api:{key_id}", "job.create"), (f"api:{key_id}", "review.reject"), (f"api:{key_id}", "job.cancel")]
    assert [e["action"] for e in trail][:4] == ["job.create", "policy.brief", "storyboard.plan", "policy.storyboard"]
    reject = next(e for e in trail if e["action"] == "review.reject")
    assert reject["detail"] == {"checkpoint": "storyboard", "message": "shorter please", "policy_outcome": "pass",
                                "policy_version": trail[1]["detail"]["policy_version"]}
    assert server.client(server.other_key).get(job["links"]["audit"]).status_code == 404
