"""`langgraph dev` serves the graph as LangGraph's own server: the SDK example makes a video through both reviews
(reject without a message, an edit in agent-chat-ui's shape, a chat turn, approve) and downloads it by the signed
link in the thread's state, with strict checkpoint deserialization on."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import time
import uuid
from collections.abc import Iterator
from pathlib import Path

import httpx
import pytest

from aios.kernel.settings import Settings
from aios.tools import signing
from tests.support.server import free_port

ROOT = Path(__file__).resolve().parents[2]
EXAMPLE = ROOT / "examples" / "sdk_production.py"


@pytest.fixture
def langgraph_dev(tmp_path: Path) -> Iterator[tuple[str, Path, Path]]:
    """A `langgraph dev` process on a free port: (its URL, its AIOS_HOME, its log)."""
    home, log = tmp_path / "home", tmp_path / "server.log"
    port = free_port()
    env = {**os.environ, "AIOS_HOME": str(home), "LANGGRAPH_STRICT_MSGPACK": "true", "LANGSMITH_TRACING": "false",
           "LANGCHAIN_TRACING_V2": "false"}
    # The server keeps its threads in .langgraph_api under its working directory: a temporary one, with
    # langgraph.json's paths made absolute (they are relative to the working directory).
    config = tmp_path / "langgraph.json"
    config.write_text((ROOT / "langgraph.json").read_text().replace('"./', f'"{ROOT}/').replace('["."]', f'["{ROOT}"]'))
    command = [str(Path(sys.executable).parent / "langgraph"), "dev", "--config", str(config), "--host", "127.0.0.1",
               "--port", str(port), "--no-browser", "--no-reload"]
    with log.open("w") as out:
        server = subprocess.Popen(command, cwd=tmp_path, env=env, stdout=out, stderr=subprocess.STDOUT,
                                  start_new_session=True)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert server.poll() is None, log.read_text()[-3000:]
            assert time.monotonic() < deadline, "langgraph dev did not start: " + log.read_text()[-3000:]
            try:
                if httpx.get(f"{url}/ok", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.5)
        yield url, home, log
    finally:
        os.killpg(server.pid, signal.SIGINT)
        try:
            server.wait(timeout=30)
        except subprocess.TimeoutExpired:
            os.killpg(server.pid, signal.SIGKILL)
            server.wait()


@pytest.mark.slow
def test_the_sdk_example_makes_a_video_through_langgraph_dev(langgraph_dev: tuple[str, Path, Path]) -> None:
    url, home, log = langgraph_dev
    result = subprocess.run([sys.executable, str(EXAMPLE), "--url", url], capture_output=True, text=True,
                            timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr + log.read_text()[-3000:]
    said = result.stdout
    for step in ("reject without a message: asked again", "edit in agent-chat-ui's shape: rendered",
                 "chat turn 'drop the last scene': 3 -> 2 scenes", "the cut under review, by its signed link",
                 "downloaded by its signed link"):
        assert step in said, said
    server_log = log.read_text()
    # Strict mode read every state type back (a blocked type comes back a dict and the resume fails).
    assert "Traceback" not in server_log and "unregistered type" not in server_log, server_log[-3000:]

    # The mounted route refuses a forged link and answers a signed link to a missing thread with a 404 problem.
    forged = httpx.get(f"{url}/v1/files/{uuid.uuid4()}/video", params={
        "tenant": "local", "expires": int(time.time()) + 60, "sig": "0" * 64})
    assert forged.status_code == 403 and forged.headers["content-type"] == "application/problem+json"
    missing = str(uuid.uuid4())
    link, _ = signing.link(Settings(home=home), signing.server_secret(home, "url", None), "local", missing, "video",
                           Path("video.mp4"), "deliverable")
    gone = httpx.get(url + link)
    assert gone.status_code == 404 and gone.json()["detail"] == f"no thread {missing}"

