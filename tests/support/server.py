"""A real API server for tests: uvicorn on 127.0.0.1 (a free port) in a thread, and its event stream read back."""

from __future__ import annotations

import json
import socket
import threading
import time
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any

import httpx
import uvicorn

from aios.kernel.settings import Settings


@dataclass
class Server:
    """A running API and keys for two tenants."""

    url: str
    settings: Settings
    key: str
    other_key: str
    stop: Callable[[], None] = lambda: None  # shut it down as a deployment would (its lifespan ends)

    def client(self, key: str | None = None) -> httpx.Client:
        headers = {"Authorization": f"Bearer {key or self.key}"}
        return httpx.Client(base_url=self.url, headers=headers, timeout=30)


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def run_uvicorn(app: Any, lifespan: str = "on") -> tuple[uvicorn.Server, threading.Thread, int]:
    """Serve an ASGI app on a free local port in a thread; returns once it accepts connections."""
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan=lifespan,
                            proxy_headers=False)  # as `aios serve` runs it
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        assert time.monotonic() < deadline and thread.is_alive(), "server did not start"
        time.sleep(0.02)
    return server, thread, port


def read_events(client: httpx.Client, job_id: str, until: set[str], headers: dict[str, str] | None = None,
                timeout: float = 180) -> list[dict[str, Any]]:
    """Read the job's SSE stream until an event of a type in `until` (or the stream ends)."""
    events: list[dict[str, Any]] = []
    current: dict[str, Any] = {}
    with client.stream("GET", f"/v1/jobs/{job_id}/events", headers=headers or {}, timeout=timeout) as response:
        assert response.status_code == 200, response.read()
        assert response.headers["content-type"].startswith("text/event-stream")
        for line in response.iter_lines():
            if line.startswith("id:"):
                current["id"] = int(line[3:].strip())
            elif line.startswith("event:"):
                current["event"] = line[6:].strip()
            elif line.startswith("data:"):
                current["data"] = json.loads(line[5:].strip())
            elif line == "" and current:
                if current.get("event") != "ping":  # keep-alives, skipped as clients do
                    events.append(current)
                if current.get("event") in until:
                    break
                current = {}
    return events
