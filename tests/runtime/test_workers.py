"""Celery workers as real processes on the machine's PostgreSQL and Redis: one is killed mid-job, nothing is lost."""

from __future__ import annotations

import json
import shutil
import signal
from pathlib import Path

import httpx
import pytest

from aios.kernel.context import Context
from aios.kernel.settings import Settings
from aios.runtime.commands import JobCommands
from aios.runtime.jobs import JobService
from aios.runtime.metrics import Metrics
from aios.runtime.queue_runner import CeleryRunner
from aios.runtime.webhooks import Webhooks
from aios.tools.storage import deliverable_key, storage_for
from tests.support.server import free_port
from tests.support.waiting import ended, wait_for
from tests.support.workers import BROKER, Workers

pytestmark = pytest.mark.slow  # renders media or runs aios processes (seconds each)


def test_two_workers_finish_twenty_jobs_though_one_is_killed_mid_job(
        postgres_url: str, broker: str, aios_home: Path, tmp_path: Path) -> None:
    port = free_port()
    service, commands = _api_side(postgres_url, broker)
    workers = Workers(aios_home, postgres_url, broker, tmp_path)
    doomed, survivor = workers.start(), workers.start(metrics_port=port)
    try:
        jobs = [commands.start({"text": f"a 5-second square video about tea blend number {n}"},
                               Context(auto_approve=True, out_dir=str(tmp_path / f"out{n}")), actor="test",
                               tenant="acme")[0] for n in range(20)]
        victim = _wait_for_mid_job(service, doomed.pid)
        doomed.send_signal(signal.SIGKILL)
        doomed.wait(10)

        # Each job's closing event, however long a loaded machine takes (a minute a job is far more than enough).
        wait_for(lambda: all(ended(service, job) for job in jobs), 60 * len(jobs), "every job ended")
        for job in jobs:
            kinds = [e.type for e in service.events.after(job)]
            assert kinds.count("job.completed") == 1 and "job.failed" not in kinds, (job, kinds)
            assert service.status(job).status == "published"
            out = tmp_path / f"out{jobs.index(job)}"
            assert sorted(p.suffix for p in out.iterdir()) == [".json", ".mp4", ".otio", ".srt", ".vtt"], job
            manifest = json.loads((out / "manifest.json").read_text())
            assert manifest["qc"]["passed"] and manifest["thread_id"] == job
        assert service.events.after(victim)[-1].type == "job.completed"
        # The killed job resumed from its checkpoint: scenes it had finished were not synthesized again.
        scenes = len(service.status(victim).values["storyboard"].scenes)
        progress = [e.data["stage"] for e in service.events.after(victim) if e.type == "scene.progress"]
        assert progress.count("narrate") <= scenes and progress.count("visualize") <= scenes
        with service.database.read() as db:
            assert db.execute("SELECT COUNT(*) FROM jobs WHERE pending_run IS NOT NULL OR owner IS NOT NULL"
                              ).fetchone()[0] == 0
        scraped = httpx.get(f"http://127.0.0.1:{port}/metrics", timeout=5).text
        assert 'aios_node_seconds_count{node="render"}' in scraped and "aios_jobs" in scraped

        survivor.send_signal(signal.SIGTERM)  # warm shutdown: nothing runs now, so it exits at once
        assert survivor.wait(60) == 0
    finally:
        workers.stop()
        service.close()


def _api_side(postgres_url: str, queue: str) -> tuple[JobService, JobCommands]:
    """What the API holds in broker mode: the job service and commands that queue runs for the workers."""
    service = JobService(Settings(database_url=postgres_url, broker_url=BROKER, queue=queue, job_lease_s=4))
    metrics = Metrics()
    return service, JobCommands(service, CeleryRunner(service, Webhooks(service.database, "s", metrics), metrics))


def _wait_for_mid_job(service: JobService, pid: int, stage: str | None = None) -> str:
    """A job the worker with this pid owns and has started synthesizing (so killing it interrupts real work);
    with `stage`, one that has finished a scene of that stage (narrate, visualize)."""
    found: list[str] = []

    def mid_job() -> bool:
        with service.database.read() as db:
            owned = [row[0] for row in db.execute("SELECT thread_id FROM jobs WHERE owner LIKE ?",
                                                  (f"%-{pid}-%",)).fetchall()]
        found[:] = [job for job in owned if any(e.type == "scene.progress" and stage in (None, e.data.get("stage"))
                                                for e in service.events.after(job))]
        return bool(found)

    wait_for(mid_job, 300, "the worker got a job mid-way")
    return found[0]


def test_sigterm_hands_a_running_job_back_and_the_next_worker_finishes_it(
        postgres_url: str, broker: str, aios_home: Path, tmp_path: Path) -> None:
    service, commands = _api_side(postgres_url, broker)
    workers = Workers(aios_home, postgres_url, broker, tmp_path)
    first = workers.start()
    try:
        job, _ = commands.start({"text": "a 30-second vertical video announcing our spring sale"},
                                Context(auto_approve=True, out_dir=str(tmp_path / "out")), actor="test",
                                tenant="acme")
        _wait_for_mid_job(service, first.pid)
        first.send_signal(signal.SIGTERM)
        assert first.wait(120) == 0, "a warm shutdown finishes the current step and exits cleanly"
        assert not ended(service, job), service.events.after(job)[-1].data
        assert service.status(job).status == "running"
        with service.database.read() as db:
            assert db.execute("SELECT owner FROM jobs WHERE thread_id = ?", (job,)).fetchone()[0] is None

        workers.start()
        wait_for(lambda: ended(service, job), 600, "the job ended")
        kinds = [e.type for e in service.events.after(job)]
        assert kinds.count("job.completed") == 1 and service.status(job).status == "published", kinds
        assert sorted(p.suffix for p in (tmp_path / "out").iterdir()) == [".json", ".mp4", ".otio", ".srt", ".vtt"]
    finally:
        workers.stop()
        service.close()


def test_a_job_moves_between_machines_through_object_storage(
        postgres_url: str, broker: str, s3_storage: dict[str, str], aios_home: Path, tmp_path: Path) -> None:
    service, commands = _api_side(postgres_url, broker)
    workers = Workers(aios_home, postgres_url, broker, tmp_path)
    first = workers.start(home=tmp_path / "machine-a")
    try:
        job, _ = commands.start({"text": "a 30-second vertical video announcing our spring sale"},
                                Context(auto_approve=True), actor="test", tenant="acme")
        _wait_for_mid_job(service, first.pid, stage="narrate")
        first.send_signal(signal.SIGKILL)
        first.wait(10)
        storage = storage_for(service.settings)
        assert storage is not None
        # What machine A had made and pushed when it died (a file it wrote but had not pushed is made again).
        spoken_by_a = {Path(p).name for p in storage.fs.find(storage.remote("cache/speech"))}
        shutil.rmtree(tmp_path / "machine-a")  # that machine is gone, files and all: only the bucket remains
        workers.start(home=tmp_path / "machine-b")
        wait_for(lambda: ended(service, job), 600, "the job ended")
        assert [e.type for e in service.events.after(job)].count("job.completed") == 1
        for name, path in service.status(job).values["deliverables"].items():
            assert str(path).startswith(str(tmp_path / "machine-b")), name  # published by machine B
            assert (storage.size(deliverable_key(job, path)) or 0) > 0, name
        narrations = service.status(job).values["narrations"].values()
        by_a = [n for n in narrations if Path(n.path).name in spoken_by_a]
        assert by_a, "machine A had narrated scenes of the final cut before it was killed"
        for narration in by_a:  # machine B used them, pulled from the bucket, rather than speaking them again:
            # they came from A's checkpointed results, or B's narrate found them in the (shared) cache
            path = Path(narration.path)
            assert path.is_relative_to(tmp_path / "machine-a") or narration.cached, narration
            assert next((tmp_path / "machine-b" / "cache" / "speech").rglob(path.name), None) is not None, path
    finally:
        workers.stop()
        service.close()
