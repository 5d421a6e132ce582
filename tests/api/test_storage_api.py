"""With AIOS_STORAGE_URL, artifacts are listed with presigned object-storage URLs (a local S3 server here)."""

from __future__ import annotations

from collections.abc import Callable

import httpx
import pytest

from tests.support.server import Server, read_events

pytestmark = pytest.mark.slow  # renders media or runs aios processes (seconds each)


def test_previews_and_deliverables_download_from_presigned_urls(s3_storage: dict[str, str], s3_server: str,
                                                               make_server: Callable[..., Server]) -> None:
    server = make_server()
    client = server.client()
    job = client.post("/v1/jobs", json={"text": "a 6-second square video about our tea shop"}).json()
    first = read_events(client, job["id"], {"review.requested"})
    client.post(f"/v1/jobs/{job['id']}/review", json={"decisions": [{"type": "approve"}]})
    events = read_events(client, job["id"], {"review.requested"}, headers={"Last-Event-ID": str(first[-1]["id"])})
    assert events[-1]["data"]["data"]["checkpoint"] == "final"
    previews = {a["name"]: a for a in client.get(f"/v1/jobs/{job['id']}/artifacts").json()}
    assert {"preview-video", "preview-srt", "preview-vtt"} <= set(previews)
    preview = previews["preview-video"]
    assert preview["url"].startswith(s3_server) and "Signature" in preview["url"]
    assert httpx.get(preview["url"]).content[4:8] == b"ftyp"

    client.post(f"/v1/jobs/{job['id']}/review", json={"decisions": [{"type": "approve"}]})
    assert read_events(client, job["id"], {"job.completed"})[-1]["event"] == "job.completed"
    files = {a["name"]: a for a in client.get(f"/v1/jobs/{job['id']}/artifacts").json()}
    video = files["video"]
    assert "/deliverables/" in video["url"] and "Signature" in video["url"]
    body = httpx.get(video["url"]).content
    published = next((server.settings.data_dir / "out" / job["id"]).glob("*.mp4"))
    assert body == published.read_bytes() and video["bytes"] == len(body)
    part = httpx.get(video["url"], headers={"Range": "bytes=0-99"})
    assert part.status_code == 206 and len(part.content) == 100
