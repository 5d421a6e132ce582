"""Jobs on PostgreSQL (AIOS_DATABASE_URL): checkpoints, jobs, events and audit shared by separate services."""

from __future__ import annotations

import json
from pathlib import Path

import psycopg
import pytest

from aios.kernel.context import Context
from aios.kernel.settings import Settings
from aios.runtime.jobs import JobService
from tests.support.cli import aios, job_id

APPROVE = {"decisions": [{"type": "approve"}]}


@pytest.mark.slow
def test_a_job_started_by_one_service_is_resumed_by_another(postgres_url: str, aios_home: Path,
                                                             tmp_path: Path) -> None:
    settings = Settings(database_url=postgres_url)
    first = JobService(settings)
    assert first.database.dialect == "postgres"
    thread, _ = first.create({"text": "a 6-second square video about our tea shop"},
                             Context(out_dir=str(tmp_path / "out")))
    first.audit.record(thread, "cli:ann", "job.create")
    assert first.run(thread).status == "awaiting_review"
    first.close()

    second = JobService(settings)  # another process would see the same: nothing is kept in memory
    pending = second.status(thread)
    assert pending.status == "awaiting_review" and pending.checkpoint == "storyboard"
    assert second.run(thread, APPROVE).checkpoint == "final"
    assert second.run(thread, APPROVE).status == "published"
    assert [e.type for e in second.events.after(thread)] == ["job.created"]  # the runner adds the rest
    assert second.audit.first_actor(thread, "job.create") == "cli:ann"
    second.close()

    assert not (aios_home / "jobs.sqlite").exists() and not (aios_home / "checkpoints.sqlite").exists()
    with psycopg.connect(postgres_url) as db:
        stored = db.execute("SELECT COUNT(*) FROM checkpoints WHERE thread_id = %s", (thread,)).fetchone()
        assert stored is not None and stored[0] > 5
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert manifest["qc"]["passed"]


@pytest.mark.slow
def test_the_cli_runs_on_postgres(postgres_url: str, aios_home: Path, tmp_path: Path) -> None:
    env = {"AIOS_DATABASE_URL": postgres_url}
    made = aios("make", "a 6-second square video about our tea shop", "--yes", "--out", str(tmp_path),
                home=aios_home, env=env)
    assert made.returncode == 0, made.stderr
    thread = job_id(made.stdout)
    listed = aios("jobs", home=aios_home, env=env)
    assert thread in listed.stdout and "published" in listed.stdout
    assert "cli:" in aios("audit", thread, home=aios_home, env=env).stdout


@pytest.mark.slow
def test_a_bad_database_url_is_one_line(aios_home: Path) -> None:
    result = aios("jobs", home=aios_home, env={"AIOS_DATABASE_URL": "postgresql://nobody@127.0.0.1:1/none"})
    assert result.returncode != 0 and "Traceback" not in result.stderr
    assert result.stderr.strip().count("\n") == 0 and "database" in result.stderr.lower()


@pytest.mark.parametrize("statement", ["UPDATE audit SET actor = 'x'", "DELETE FROM audit", "TRUNCATE audit"])
def test_the_audit_trail_is_append_only_on_postgres(postgres_url: str, statement: str) -> None:
    service = JobService(Settings(database_url=postgres_url))
    service.audit.record("job-a", "cli:ann", "job.create")
    service.close()
    with psycopg.connect(postgres_url) as db, pytest.raises(psycopg.errors.RaiseException, match="append-only"):
        db.execute(statement)
