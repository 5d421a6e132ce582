"""Real `aios worker` processes for tests, on the machine's Redis (a queue per test) and PostgreSQL."""

from __future__ import annotations

import os
import subprocess
import sys
import uuid
from collections.abc import Iterator
from pathlib import Path

import pytest
import redis

AIOS = str(Path(sys.executable).parent / "aios")
BROKER = os.environ.get("AIOS_TEST_REDIS", "redis://127.0.0.1:6379/0")


def queue_of_its_own() -> Iterator[str]:
    """A Celery queue name no other test uses (skips without Redis, unless CI requires it)."""
    client = redis.Redis.from_url(BROKER)
    try:
        client.ping()
    except redis.ConnectionError as exc:
        if os.environ.get("AIOS_REQUIRE_REDIS"):
            raise
        pytest.skip(f"no Redis at {BROKER} ({exc}); README 'Set up' says how")
    queue = f"aios-test-{uuid.uuid4().hex[:8]}"
    yield queue
    client.delete(queue)


class Workers:
    """`aios worker` processes sharing a test's database, queue and data directory."""

    def __init__(self, home: Path, database_url: str, queue: str, logs: Path, lease_s: float = 4) -> None:
        self.env = {**os.environ, "AIOS_HOME": str(home), "AIOS_DATABASE_URL": database_url,
                    "AIOS_BROKER_URL": BROKER, "AIOS_QUEUE": queue, "AIOS_JOB_LEASE_S": str(lease_s)}
        self.logs = logs
        self.processes: list[subprocess.Popen[bytes]] = []

    def start(self, metrics_port: int = 0, home: Path | None = None) -> subprocess.Popen[bytes]:
        """One more worker (2 jobs at once; `home`: its own data directory, as on another machine)."""
        log = (self.logs / f"worker{len(self.processes)}.log").open("wb")
        env = self.env | ({"AIOS_HOME": str(home)} if home else {})
        process = subprocess.Popen([AIOS, "worker", "--concurrency", "2", "--metrics-port", str(metrics_port)],
                                   env=env, stdout=log, stderr=subprocess.STDOUT)
        self.processes.append(process)
        return process

    def stop(self) -> None:
        """Kill whatever still runs."""
        for process in self.processes:
            if process.poll() is None:
                process.kill()
                process.wait(10)
