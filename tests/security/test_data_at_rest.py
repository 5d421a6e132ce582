"""Issue 19, item 7: what AIOS writes is readable by its user only, the access log never holds a signed URL's
query, and /metrics can ask for a token. Replayed on a real `aios serve` process (its own umask, its own logs)."""

from __future__ import annotations

import io
import os
import socket
import stat
import subprocess
import time
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest
from PIL import Image

from tests.support.cli import AIOS, aios

pytestmark = pytest.mark.slow  # an `aios serve` process and a rendered job

BRIEF = {"text": "a 6-second square video about our tea shop", "auto_approve": True}


@pytest.fixture
def served(aios_home: Path, tmp_path: Path) -> Iterator[tuple[str, str, Path]]:
    """`aios serve` as an operator starts it (umask 022, a metrics token); yields (url, API key, its log file)."""
    key = aios("keys", "create", "--tenant", "acme", home=aios_home).stdout.strip().splitlines()[-1]
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        port = sock.getsockname()[1]
    log = tmp_path / "serve.log"
    env = {**os.environ, "AIOS_HOME": str(aios_home), "AIOS_METRICS_TOKEN": "scrape-me"}
    with log.open("wb") as out:
        process = subprocess.Popen([AIOS, "serve", "--port", str(port)], env=env, stdout=out, stderr=subprocess.STDOUT,
                                   preexec_fn=lambda: os.umask(0o022))
    url = f"http://127.0.0.1:{port}"
    deadline = time.monotonic() + 60
    while True:
        try:
            if httpx.get(f"{url}/healthz", timeout=2).status_code == 200:
                break
        except httpx.HTTPError:
            pass
        assert time.monotonic() < deadline and process.poll() is None, log.read_text()
        time.sleep(0.2)
    yield url, key, log
    process.terminate()
    process.wait(30)


def test_files_are_private_logs_hold_no_capabilities_and_metrics_need_the_token(
        served: tuple[str, str, Path], aios_home: Path) -> None:
    url, key, log = served
    client = httpx.Client(base_url=url, headers={"Authorization": f"Bearer {key}"}, timeout=30)
    picture = io.BytesIO()
    Image.new("RGB", (64, 64), (20, 120, 90)).save(picture, "PNG")
    asset = client.post("/v1/assets", content=picture.getvalue(), headers={"Content-Type": "image/png"}).json()
    job = client.post("/v1/jobs", json=BRIEF | {"assets": [asset["id"]]}).json()["id"]
    deadline = time.monotonic() + 240
    while client.get(f"/v1/jobs/{job}").json()["status"] != "published":
        assert time.monotonic() < deadline, client.get(f"/v1/jobs/{job}").json()
        time.sleep(0.5)
    video = next(a for a in client.get(f"/v1/jobs/{job}/artifacts").json() if a["name"] == "video")
    assert httpx.get(f"{url}{video['url']}" if video["url"].startswith("/") else video["url"]).status_code == 200

    exposed = [(str(p.relative_to(aios_home)), oct(stat.S_IMODE(p.stat().st_mode))) for p in [aios_home,
               *aios_home.rglob("*")] if not p.is_symlink() and stat.S_IMODE(p.stat().st_mode) & 0o077]
    assert exposed == [], "databases, uploads and renders are for this user only"
    assert any(p.suffix == ".mp4" for p in aios_home.rglob("*")) and (aios_home / "jobs.sqlite").exists()

    assert httpx.get(f"{url}/metrics").status_code == 401
    assert httpx.get(f"{url}/metrics", headers={"Authorization": "Bearer wrong"}).status_code == 401
    scraped = httpx.get(f"{url}/metrics", headers={"Authorization": "Bearer scrape-me"})
    assert scraped.status_code == 200 and "aios_queue_depth" in scraped.text

    logged = log.read_text()
    assert f"/v1/files/{job}/video" in logged, "downloads are logged, by path"
    assert "sig=" not in logged and "expires=" not in logged, "a signed URL's query is never logged"
