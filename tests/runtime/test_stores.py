"""Event log, API keys and webhook signatures, on their own."""

from __future__ import annotations

import os
import time
from collections.abc import Iterator
from pathlib import Path

import pytest

from aios.kernel.errors import InvalidInput
from aios.runtime.db import Database
from aios.runtime.events import TERMINAL, EventLog
from aios.runtime.keys import ApiKeys
from aios.runtime.migrations import upgrade
from aios.runtime.webhooks import signature, verify


@pytest.fixture
def stores(dialect: str, tmp_path: Path) -> Iterator[tuple[EventLog, ApiKeys]]:
    db = Database(os.environ.get("AIOS_DATABASE_URL"), tmp_path)
    assert db.dialect == dialect
    upgrade(db)
    yield EventLog(db), ApiKeys(db)
    db.close()


def test_events_are_numbered_replayable_and_end_with_a_terminal_event(stores: tuple[EventLog, ApiKeys]) -> None:
    log, _ = stores
    first = log.append("job-a", "job.created", {"n": 1})
    log.append("job-b", "job.created")
    second = log.append("job-a", "node.started", {"node": "intake"})
    assert [e.id for e in log.after("job-a")] == [first.id, second.id]
    assert [e.type for e in log.after("job-a", first.id)] == ["node.started"]
    latest = log.latest("job-a")
    assert latest is not None and latest.id == second.id and latest.type not in TERMINAL
    done = log.append("job-a", "job.completed")
    latest = log.latest("job-a")
    assert latest is not None and latest.id == done.id and latest.type in TERMINAL and log.latest("none") is None
    assert log.after("job-a")[0].public()["data"] == {"n": 1}


def test_keys_are_stored_hashed_verified_and_revocable(stores: tuple[EventLog, ApiKeys]) -> None:
    _, keys = stores
    key_id, key = keys.create("acme")
    assert key.startswith(f"aios_{key_id}_") and keys.verify(key) == (key_id, "acme")
    with keys._db.read() as db:
        stored = db.execute("SELECT hash FROM api_keys").fetchone()[0]
    assert key.split("_", 2)[2] not in stored and len(stored) == 64
    assert keys.verify(key[:-1] + ("A" if key[-1] != "A" else "B")) is None
    assert keys.verify("nonsense") is None and keys.verify("aios_x_y") is None
    assert keys.revoke(key_id) and keys.verify(key) is None and not keys.revoke(key_id)
    with pytest.raises(InvalidInput):
        keys.create("Not A Tenant")


def test_webhook_signatures_bind_body_and_time() -> None:
    now = int(time.time())
    header = signature("s3cret", now, b'{"a":1}')
    assert header.startswith("v1=") and verify("s3cret", str(now), b'{"a":1}', header)
    assert not verify("other", str(now), b'{"a":1}', header)
    assert not verify("s3cret", str(now), b'{"a":2}', header)
    assert not verify("s3cret", str(now - 600), b'{"a":1}', signature("s3cret", now - 600, b'{"a":1}'))
    assert not verify("s3cret", "soon", b"", header) and not verify("s3cret", str(now), b'{"a":1}', "v1=é")
