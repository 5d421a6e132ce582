"""The routes behind the review page: tenant event feed, scene sketches and narration, the library, sessions."""

from __future__ import annotations

import json
import threading
from pathlib import Path
from typing import Any

import httpx
import pytest

from aios.agent.library import get_library
from aios.api import session
from aios.api.session import Sessions
from aios.runtime.jobs import JobService
from tests.support.media_files import photo
from tests.support.server import Server, read_events

BRIEF = {"text": "A 10-second video about our bakery", "duration_s": 10}


def feed(server: Server, key: str, found: list[dict[str, Any]], stop: threading.Event) -> None:
    with httpx.Client(base_url=server.url, headers={"Authorization": f"Bearer {key}"}, timeout=60) as client, \
            client.stream("GET", "/v1/events") as response:
        for line in response.iter_lines():
            if line.startswith("data:") and (event := json.loads(line[5:]))["type"] != "ping":  # keep-alives: skipped
                found.append(event)
            if stop.is_set() or any(e["type"] == "review.requested" for e in found):
                return


def test_tenant_feed_scene_media_and_errors(server: Server) -> None:
    ours: list[dict[str, Any]] = []
    theirs: list[dict[str, Any]] = []
    stop = threading.Event()
    readers = [threading.Thread(target=feed, args=(server, server.key, ours, stop), daemon=True),
               threading.Thread(target=feed, args=(server, server.other_key, theirs, stop), daemon=True)]
    for reader in readers:
        reader.start()
    client = server.client()
    job = client.post("/v1/jobs", json=BRIEF).json()
    read_events(client, job["id"], {"review.requested"}, timeout=60)
    readers[0].join(30)
    stop.set()
    assert {e["job_id"] for e in ours} == {job["id"]} and "review.requested" in {e["type"] for e in ours}
    assert theirs == []
    assert client.get(f"/v1/jobs/{job['id']}").json()["created_by"] == f"api:{server.key.split('_')[1]}"

    sketch = client.get(f"/v1/jobs/{job['id']}/scenes/0/thumbnail")
    assert sketch.status_code == 200 and sketch.headers["content-type"] == "image/png"
    voice = client.get(f"/v1/jobs/{job['id']}/scenes/0/narration")
    assert voice.status_code == 200 and voice.content[:4] == b"RIFF"
    missing = client.get(f"/v1/jobs/{job['id']}/scenes/99/thumbnail")
    assert missing.status_code == 404 and missing.headers["content-type"] == "application/problem+json"
    assert server.client(server.other_key).get(f"/v1/jobs/{job['id']}/scenes/0/narration").status_code == 404


@pytest.mark.slow
def test_library_routes_and_library_assets_on_jobs(server: Server, tmp_path: Path) -> None:
    client = server.client()
    assert client.get("/v1/library").json() == []
    photo(tmp_path / "lib" / "pink-tulips-bouquet.jpg", (230, 120, 160), 1)
    record = get_library(server.settings).add([tmp_path / "lib"], "acme").added[0]
    found = client.get("/v1/library", params={"query": "flowers", "kind": "image"}).json()
    assert found[0]["id"] == record.id and found[0]["similarity"] > 0.2
    thumb = client.get(found[0]["thumbnail"])
    assert thumb.status_code == 200 and thumb.headers["content-type"] == "image/jpeg"
    assert server.client(server.other_key).get("/v1/library").json() == []
    assert server.client(server.other_key).get(found[0]["thumbnail"]).status_code == 404
    bad = client.post("/v1/jobs", json={**BRIEF, "library_assets": ["0" * 16]})
    assert bad.status_code == 422 and "unknown library image" in bad.json()["detail"]
    job = client.post("/v1/jobs", json={**BRIEF, "library_assets": [record.id]})
    assert job.status_code == 202
    read_events(client, job.json()["id"], {"review.requested"}, timeout=60)
    board = client.get(f"/v1/jobs/{job.json()['id']}/storyboard").json()["storyboard"]
    assert record.path in {s["asset"] for s in board["scenes"]}


def test_sessions_are_signed_expire_and_need_csrf_for_changes(server: Server) -> None:
    with httpx.Client(base_url=server.url, timeout=30, follow_redirects=False) as browser:
        assert browser.get("/").headers["location"] == "/login?next=/"
        assert browser.post("/login", data={"api_key": "nope"}).status_code == 401
        signed = browser.post("/login", data={"api_key": server.key, "next": "//evil.example"})
        assert signed.status_code == 303 and signed.headers["location"] == "/"
        cookie = browser.cookies[session.COOKIE]
        assert "httponly" in signed.headers["set-cookie"].lower()
        assert browser.get("/v1/jobs").status_code == 200
        assert browser.post("/v1/jobs", json=BRIEF).status_code == 403
        token = session.csrf(_secret(server), cookie)
        made = browser.post("/v1/jobs", json=BRIEF, headers={session.CSRF_HEADER: token})
        assert made.status_code == 202
        trail = server.client().get(f"/v1/jobs/{made.json()['id']}/audit").json()
        assert trail[0]["actor"].startswith("web:")
    tampered = cookie[:-1] + ("1" if cookie[-1] == "0" else "0")
    forged = httpx.get(f"{server.url}/v1/jobs", cookies={session.COOKIE: tampered})
    assert forged.status_code == 401
    service = JobService(server.settings)
    sessions = Sessions(service.database, "secret")
    key_id = server.key.split("_")[1]
    assert sessions.key_id(sessions.issue(key_id, now=0), now=10**10) is None  # expired
    service.close()


def _secret(server: Server) -> str:
    from aios.tools.signing import server_secret

    return server_secret(server.settings.data_dir, "url", server.settings.url_secret)
