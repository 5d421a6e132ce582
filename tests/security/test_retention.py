"""Issue 19, item 8: working files go after publishing, a retention policy (per kind, per tenant) is applied by the
server's periodic sweep and by `aios gc [--dry-run]`, and DELETE /v1/jobs/{id} removes a job's files, rows and
checkpoints, audited."""

from __future__ import annotations

import io
import json
import os
import sqlite3
import time
from collections.abc import Callable
from datetime import UTC, datetime, timedelta
from pathlib import Path

import httpx
import pytest
from PIL import Image

from tests.support.cli import aios
from tests.support.server import Server, read_events

pytestmark = pytest.mark.slow  # renders jobs, runs aios processes

BRIEF = {"text": "a 6-second square video about our tea shop", "auto_approve": True}
DAYS_AGO = 3


def upload(client: httpx.Client, color: tuple[int, int, int]) -> str:
    picture = io.BytesIO()
    Image.new("RGB", (48, 48), color).save(picture, "PNG")
    answer = client.post("/v1/assets", content=picture.getvalue(), headers={"Content-Type": "image/png"})
    assert answer.status_code == 201
    return str(answer.json()["id"])


def finished(server: Server, client: httpx.Client) -> str:
    job = client.post("/v1/jobs", json=BRIEF).json()["id"]
    assert read_events(client, job, {"job.completed", "job.failed"})[-1]["event"] == "job.completed"
    return str(job)


def age(home: Path, days: float = DAYS_AGO) -> None:
    """Make everything under AIOS_HOME, and every job's activity, `days` old."""
    then = time.time() - days * 86_400
    for path in home.rglob("*"):
        os.utime(path, (then, then), follow_symlinks=False)
    stamp = (datetime.now(UTC) - timedelta(days=days)).isoformat(timespec="milliseconds")
    with sqlite3.connect(home / "jobs.sqlite") as db:
        db.execute("UPDATE jobs SET updated_at = ?", (stamp,))
        db.execute("UPDATE events SET created_at = ?", (stamp,))


def checkpoints(home: Path, job: str) -> int:
    with sqlite3.connect(home / "checkpoints.sqlite") as db:
        return int(db.execute("SELECT COUNT(*) FROM checkpoints WHERE thread_id = ?", (job,)).fetchone()[0])


def test_publishing_drops_working_files_and_delete_removes_the_job(server: Server) -> None:
    home, client = server.settings.data_dir, server.client()
    job = finished(server, client)
    assert not (home / "jobs" / job).exists(), "WAVs, segments and the review cut go once published"
    assert {a["name"] for a in client.get(f"/v1/jobs/{job}/artifacts").json()} >= {"video", "srt", "vtt"}
    assert (home / "out" / job).is_dir() and checkpoints(home, job) > 0

    assert server.client(server.other_key).delete(f"/v1/jobs/{job}").status_code == 404, "tenants are apart"
    gone = client.delete(f"/v1/jobs/{job}")
    assert gone.status_code == 204
    assert client.get(f"/v1/jobs/{job}").status_code == 404
    assert not (home / "out" / job).exists() and checkpoints(home, job) == 0
    with sqlite3.connect(home / "jobs.sqlite") as db:
        assert db.execute("SELECT COUNT(*) FROM events WHERE thread_id = ?", (job,)).fetchone()[0] == 0
    trail = aios("audit", job, "--json", home=home)
    assert trail.returncode == 0, trail.stderr
    actions = [json.loads(line)["action"] for line in trail.stdout.splitlines()]
    assert actions[0] == "job.create" and actions[-1] == "job.delete"
    assert client.delete(f"/v1/jobs/{job}").status_code == 404

    running = client.post("/v1/jobs", json=BRIEF | {"text": "a 30-second video about our tea shop"}).json()["id"]
    refused = client.delete(f"/v1/jobs/{running}")
    assert refused.status_code == 409 and "cancel it first" in refused.json()["detail"]


def test_gc_applies_the_policy_per_kind_and_tenant_and_dry_run_deletes_nothing(server: Server) -> None:
    home, acme, globex = server.settings.data_dir, server.client(), server.client(server.other_key)
    job = finished(server, acme)
    mine, theirs = upload(acme, (10, 20, 30)), upload(globex, (30, 20, 10))
    waiting = acme.post("/v1/jobs", json={"text": "a 6-second video about tea"}).json()["id"]
    storyboard = read_events(acme, waiting, {"review.requested"})[-1]
    assert acme.post(f"/v1/jobs/{waiting}/review", json={"decisions": [{"type": "approve"}]}).status_code == 202
    read_events(acme, waiting, {"review.requested"}, headers={"Last-Event-ID": str(storyboard["id"])})  # the cut
    assert (home / "jobs" / waiting).is_dir()
    server.stop()
    age(home)
    env = {"AIOS_RETENTION_DAYS": json.dumps({"uploads": 1, "cache": 1, "deliverables": 1, "jobs": 0}),
           "AIOS_RETENTION_TENANTS": json.dumps({"globex": {"uploads": 0}})}
    before = sorted(p for p in home.rglob("*") if p.is_file())

    dry = aios("gc", "--dry-run", home=home, env=env)
    assert dry.returncode == 0, dry.stderr
    assert f"uploads/acme/{mine}.png" in dry.stdout and f"out/{job}" in dry.stdout and "cache/" in dry.stdout
    assert "would free" in dry.stdout and theirs not in dry.stdout
    assert sorted(p for p in home.rglob("*") if p.is_file()) == before, "a dry run deletes nothing"

    done = aios("gc", home=home, env=env)
    assert done.returncode == 0 and "freed" in done.stdout, done.stderr
    assert not (home / "uploads" / "acme" / f"{mine}.png").exists()
    assert (home / "uploads" / "globex" / f"{theirs}.png").exists(), "the tenant's own policy keeps it"
    assert not (home / "out" / job).exists() and not list((home / "cache").rglob("*.*"))
    assert (home / "jobs" / waiting).is_dir(), "a job waiting for review keeps its working files"

    again = aios("gc", "--dry-run", home=home, env=env | {"AIOS_RETENTION_DAYS": json.dumps({"jobs": 1})})
    assert f"{job}" in again.stdout and waiting not in again.stdout, "only ended jobs expire"
    aios("gc", home=home, env=env | {"AIOS_RETENTION_DAYS": json.dumps({"jobs": 1})})
    assert aios("show", job, home=home).returncode != 0 and checkpoints(home, job) == 0


def test_the_server_sweeps_periodically(make_server: Callable[..., Server]) -> None:
    server = make_server(retention_days={"uploads": 1}, retention_sweep_s=0.5)
    old = upload(server.client(), (200, 10, 10))
    path = server.settings.data_dir / "uploads" / "acme" / f"{old}.png"
    then = time.time() - DAYS_AGO * 86_400
    os.utime(path, (then, then))
    fresh = upload(server.client(), (10, 200, 10))
    deadline = time.monotonic() + 20
    while path.exists():
        assert time.monotonic() < deadline, "the sweep did not run"
        time.sleep(0.2)
    assert (server.settings.data_dir / "uploads" / "acme" / f"{fresh}.png").exists()
