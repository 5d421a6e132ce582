"""Versions and scene commands over HTTP: list, diff, restore; regenerate, takes, re-time; If-Match and 409s."""

from __future__ import annotations

import time
from typing import Any

import httpx
import opentimelineio as otio
import pytest

from tests.support.server import Server, read_events

pytestmark = pytest.mark.slow  # renders media (seconds each)

BRIEF = {"text": "a 12-second video about our tea shop's new green tea and its honey cake"}
PROBLEM = "application/problem+json"


def settled(client: httpx.Client, job_id: str, after: int, timeout: float = 180) -> dict[str, Any]:
    """The job once a review waits again at a version past `after`."""
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        job = client.get(f"/v1/jobs/{job_id}").json()
        if job["status"] == "awaiting_review" and job["version"] > after:
            return dict(job)
        if job["status"] in ("failed", "blocked", "cancelled"):
            raise AssertionError(job)
        time.sleep(0.2)
    raise AssertionError(f"job {job_id} did not come back for review")


def test_versions_scene_commands_and_conflicts(server: Server) -> None:
    client = server.client()
    job = client.post("/v1/jobs", json=BRIEF).json()
    read_events(client, job["id"], {"review.requested"})
    base = f"/v1/jobs/{job['id']}"
    planned = client.get(base)
    assert planned.headers["ETag"] == '"v1"' and planned.json()["version"] == 1
    assert client.post(f"{base}/review", json={"decisions": [{"type": "approve"}]},
                       headers={"If-Match": '"v1"'}).status_code == 202
    cut = settled(client, job["id"], 1)
    assert cut["checkpoint"] == "final" and cut["version"] == 2

    # Regenerate scene 1's picture, on the version seen: a new version, applied by the run it starts.
    made = client.post(f"{base}/scenes/0/regenerate", json={"part": "picture", "note": "warmer colours"},
                       headers={"If-Match": '"v2"'})
    assert made.status_code == 202, made.text
    assert made.headers["ETag"] == '"v3"'
    assert {k: made.json()[k] for k in ("number", "parent", "kind", "applied")} == {
        "number": 3, "parent": 2, "kind": "regenerate", "applied": False}
    assert made.json()["actor"].startswith("api:")
    # A second editor on the same version: 409 problem, naming where the job is now.
    late = client.post(f"{base}/scenes/0/take", json={"take": 1}, headers={"If-Match": '"v2"'})
    assert late.status_code == 409 and late.headers["content-type"] == PROBLEM
    assert late.json()["current_version"] >= 3 and late.headers["ETag"] == f'"v{late.json()["current_version"]}"'
    again = settled(client, job["id"], 3)

    listed = client.get(f"{base}/versions")
    assert listed.status_code == 200 and listed.headers["ETag"] == f'"v{again["version"]}"'
    kinds = [(v["number"], v["kind"]) for v in listed.json()["items"]]
    assert kinds == [(1, "plan"), (2, "render"), (3, "regenerate"), (4, "render")]
    first, second = listed.json()["items"][1]["cut"], listed.json()["items"][3]["cut"]
    assert first["sha256"] != second["sha256"]
    changed = client.get(f"{base}/versions/3/diff", params={"against": 2}).json()
    rows = [r for r in changed["scenes"] if r["change"] != "same"]
    assert [r["scene"] for r in rows] == [1] and rows[0]["fields"]["picture_take"] == [1, 2]
    assert rows[0]["fields"]["picture_note"] == ["", "warmer colours"]
    assert client.get(f"{base}/versions/4/diff", params={"against": 2}).json()["cut"]["same"] is False
    detail = client.get(f"{base}/versions/3").json()
    assert detail["storyboard"]["scenes"][0]["picture_take"] == 2
    # Each rendered version keeps its own timeline: the first cut's picture 1 is not the second's.
    cuts = [otio.adapters.read_from_string(client.get(f"{base}/versions/{n}/timeline").text, "otio_json")
            for n in (2, 4)]
    first_pictures = [c.media_reference.target_url for c in cuts[0].tracks[0].find_clips()]
    second_pictures = [c.media_reference.target_url for c in cuts[1].tracks[0].find_clips()]
    assert first_pictures[0] != second_pictures[0] and first_pictures[1:] == second_pictures[1:]
    assert client.get(f"{base}/versions/3/timeline").status_code == 404  # an edit renders nothing

    takes = client.get(f"{base}/scenes/0/takes").json()["items"]
    assert [(t["take"], t["used"], t["picture_take"]) for t in takes] == [(1, False, 1), (2, True, 2)]
    for take in takes:
        picture = client.get(take["thumbnail"])
        assert picture.status_code == 200 and picture.content[:4] == b"\x89PNG"
        said = client.get(take["narration"])
        assert said.status_code == 200 and said.content[:4] == b"RIFF"
    assert client.get(takes[0]["thumbnail"]).content != client.get(takes[1]["thumbnail"]).content

    # Restore the first cut's version: the same file again (the caches hold every part of it).
    restored = client.post(f"{base}/versions/2/restore", headers={"If-Match": f'"v{again["version"]}"'})
    assert restored.status_code == 202 and restored.json()["kind"] == "restore"
    back = settled(client, job["id"], restored.json()["number"])
    head = client.get(f"{base}/versions").json()["items"][-1]
    assert head["kind"] == "render" and head["cut"]["sha256"] == first["sha256"] and back["version"] == head["number"]
    audit = [e["action"] for e in client.get(f"{base}/audit").json()]
    assert "review.edit.regenerate" in audit and "review.edit.restore" in audit

    # Re-time and a new transition, then bad input: problems, never a 500.
    retimed = client.patch(f"{base}/scenes/0", json={"duration_s": 7.5, "transition": "slide"})
    assert retimed.status_code == 202 and retimed.json()["kind"] == "retime"
    settled(client, job["id"], retimed.json()["number"])
    scene = client.get(f"{base}/storyboard").json()["storyboard"]["scenes"][0]
    assert (scene["duration_s"], scene["transition"]) == (7.5, "slide")
    for method, path, body, headers, status in [
        ("post", f"{base}/scenes/0/regenerate", {"part": "music"}, {}, 422),
        ("post", f"{base}/scenes/0/regenerate", {}, {"If-Match": "yesterday"}, 422),
        ("post", f"{base}/scenes/9/regenerate", {}, {}, 404),
        ("post", f"{base}/scenes/0/take", {"take": 7}, {}, 404),
        ("patch", f"{base}/scenes/0", {}, {}, 422),
        ("patch", f"{base}/scenes/0", {"asset": "/etc/passwd"}, {}, 422),
        ("post", f"{base}/versions/99/restore", None, {}, 404),
        ("get", f"{base}/versions/99/diff", None, {}, 404),
    ]:
        answer = client.request(method.upper(), path, json=body, headers=headers)
        assert answer.status_code == status and answer.headers["content-type"] == PROBLEM, (path, answer.text)
    other = server.client(server.other_key)
    assert other.get(f"{base}/versions").status_code == 404
    assert other.post(f"{base}/scenes/0/regenerate", json={}).status_code == 404
    assert client.post(f"{base}/review", json={"decisions": [{"type": "approve"}]}).status_code == 202
    read_events(client, job["id"], {"job.completed", "job.failed"})
    published = client.post(f"{base}/scenes/0/regenerate", json={})
    assert published.status_code == 409 and "waits for review" in published.json()["detail"]
