"""A job driven over real HTTP from submit, through both reviews, to a byte-range download, with SSE."""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from aios.tools.render.qc import analyze
from tests.support.server import Server, read_events

pytestmark = pytest.mark.slow  # renders media or runs aios processes (seconds each)


def test_submit_review_and_download_while_streaming_events(dialect: str, make_server: Callable[..., Server],
                                                           tmp_path: Path) -> None:
    server = make_server()
    client = server.client()
    created = client.post("/v1/jobs", json={"text": "a 10-second vertical video announcing our spring sale, upbeat",
                                            "metadata": {"campaign": "spring"}})
    assert created.status_code == 202, created.text
    job = created.json()
    assert created.headers["location"] == job["links"]["self"] == f"/v1/jobs/{job['id']}"

    seen: list[dict[str, Any]] = []
    reader = threading.Thread(target=lambda: seen.extend(read_events(server.client(), job["id"], {"job.completed"})))
    reader.start()

    first = read_events(client, job["id"], {"review.requested"})
    assert first[0]["event"] == "job.created" and first[-1]["event"] == "review.requested"
    review = first[-1]["data"]["data"]
    assert review["action_requests"][0]["name"] == "review_storyboard"
    assert review["review_configs"][0]["allowed_decisions"] == ["approve", "edit", "reject"]
    storyboard = client.get(f"/v1/jobs/{job['id']}/storyboard").json()
    assert storyboard["status"] == "awaiting_review" and storyboard["storyboard"]["scenes"]

    assert client.post(f"/v1/jobs/{job['id']}/review", json={"decisions": [{"type": "approve"}]}).status_code == 202
    after = first[-1]["id"]
    final = read_events(client, job["id"], {"review.requested"}, headers={"Last-Event-ID": str(after)})
    assert final[0]["id"] == after + 1
    assert {"scene.progress", "artifact.ready"} <= {e["event"] for e in final}
    assert final[-1]["data"]["data"]["checkpoint"] == "final"
    preview = {a["name"]: a for a in client.get(f"/v1/jobs/{job['id']}/artifacts").json()}
    assert {"preview-video", "preview-srt", "preview-vtt"} <= set(preview)

    assert client.post(f"/v1/jobs/{job['id']}/review", json={"decisions": [{"type": "approve"}]}).status_code == 202
    reader.join(180)
    kinds = [e["event"] for e in seen]
    assert kinds[0] == "job.created" and kinds[-1] == "job.completed"
    assert kinds.count("review.requested") == 2 and "node.started" in kinds and "node.completed" in kinds
    assert [e["id"] for e in seen] == sorted(e["id"] for e in seen)

    done = client.get(f"/v1/jobs/{job['id']}").json()
    assert done["status"] == "published" and done["metadata"] == {"campaign": "spring"}
    files = {a["name"]: a for a in client.get(f"/v1/jobs/{job['id']}/artifacts").json()}
    assert {"video", "srt", "vtt", "manifest"} <= set(files)
    video = files["video"]
    anonymous = server.client(key="none")
    part = anonymous.get(video["url"], headers={"Range": "bytes=0-1023"})
    assert part.status_code == 206 and len(part.content) == 1024
    assert part.headers["content-range"] == f"bytes 0-1023/{video['bytes']}"
    whole = anonymous.get(video["url"])
    assert whole.status_code == 200 and whole.content[4:8] == b"ftyp" and len(whole.content) == video["bytes"]
    (tmp_path / "v.mp4").write_bytes(whole.content)
    found = analyze(tmp_path / "v.mp4")
    assert (found.width, found.height) == (540, 960) and found.video_s > 9


def test_final_quality_rerender_without_replanning(server: Server, tmp_path: Path) -> None:
    client = server.client()
    job = client.post("/v1/jobs", json={"text": "a 6-second square video about our tea shop", "auto_approve": True})
    job_id = job.json()["id"]
    first = read_events(client, job_id, {"job.completed"})
    before = client.get(f"/v1/jobs/{job_id}/storyboard").json()["storyboard"]
    assert client.post(f"/v1/jobs/{job_id}/render", json={"profile": "final"}).status_code == 202
    events = read_events(client, job_id, {"job.completed"}, headers={"Last-Event-ID": str(first[-1]["id"])})
    nodes = [e["data"]["data"].get("node") for e in events if e["event"] == "node.started"]
    assert "render" in nodes and "publish" in nodes
    assert not {"intake", "plan_storyboard", "review_storyboard"} & set(nodes), "no re-planning"
    assert client.get(f"/v1/jobs/{job_id}/storyboard").json()["storyboard"] == before
    assert client.get(f"/v1/jobs/{job_id}").json()["profile"] == "final"
    video = next(a for a in client.get(f"/v1/jobs/{job_id}/artifacts").json() if a["name"] == "video")
    (tmp_path / "final.mp4").write_bytes(client.get(video["url"]).content)
    found = analyze(tmp_path / "final.mp4")
    assert (found.width, found.height) == (1080, 1080)
