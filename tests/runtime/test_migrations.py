"""Schema migrations: a database made by release 0.1 (before migrations) is adopted, and its paused job finishes."""

from __future__ import annotations

import shutil
import sqlite3
from pathlib import Path

import pytest

from aios.kernel.settings import Settings
from aios.runtime.db import Database, open_database
from aios.runtime.jobs import JobService
from aios.runtime.migrations import revisions, upgrade
from tests.support.cli import aios

RELEASE = Path(__file__).parent / "fixtures" / "release-0.1"  # made by `aios make` at commit 6700f3a
PAUSED = "job-921bd773c792"  # "a 10-second square video announcing our autumn market, calm", awaiting review
KEY = "aios_3096808a788f_W4e0dvxyZ1jFFQPfxB5rXmFBZI8J_vScxXIpLoE9xrk"  # `aios keys create --tenant acme` then
TABLES = {"jobs", "events", "audit", "api_keys", "webhook_deliveries", "webhook_outbox", "slack_jobs",
          "alembic_version"}
HEAD = "0003"


def sqlite_tables(path: Path) -> set[str]:
    with sqlite3.connect(path) as db:
        return {row[0] for row in db.execute("SELECT name FROM sqlite_master WHERE type = 'table'")}


@pytest.mark.slow
def test_release_0_1_data_is_upgraded_and_its_paused_job_publishes(aios_home: Path) -> None:
    shutil.copytree(RELEASE, aios_home)
    assert "alembic_version" not in sqlite_tables(aios_home / "jobs.sqlite")
    before = aios("db", "current", home=aios_home)
    assert before.returncode == 0 and "none (not migrated yet)" in before.stdout, before.stderr

    shown = aios("show", PAUSED, "--json", home=aios_home)  # the first start migrates
    assert shown.returncode == 0, shown.stderr
    assert '"status": "awaiting_review"' in shown.stdout and '"checkpoint": "storyboard"' in shown.stdout
    assert sqlite_tables(aios_home / "jobs.sqlite") >= TABLES
    assert f"database at revision {HEAD} (newest {HEAD})" in aios("db", "current", home=aios_home).stdout

    # The checkpoint names its state types by their old modules: they are still read as the typed objects.
    storyboard = aios("resume", PAUSED, "--approve", home=aios_home)
    assert storyboard.returncode == 0 and "Approve the preview render" in storyboard.stdout, storyboard.stderr
    final = aios("resume", PAUSED, "--approve", home=aios_home)
    assert final.returncode == 0, final.stderr
    out = aios_home / "out" / PAUSED
    assert sorted(p.name for p in out.iterdir()) == ["manifest.json", "our-autumn-market.mp4", "our-autumn-market.otio",
                                                     "our-autumn-market.srt", "our-autumn-market.vtt"]
    service = JobService(Settings(home=aios_home))
    assert service.keys.verify(KEY) is not None  # keys made before the upgrade still sign in
    assert [e.action for e in service.audit.entries(PAUSED)][:1] == ["job.create"]
    service.close()


def test_upgrading_twice_changes_nothing(aios_home: Path) -> None:
    database = open_database(Settings(home=aios_home))
    upgrade(database)
    upgrade(database)
    assert revisions(database) == (HEAD, HEAD)
    assert sqlite_tables(aios_home / "jobs.sqlite") >= TABLES
    with pytest.raises(sqlite3.IntegrityError, match="append-only"), database.write() as db:
        db.execute("INSERT INTO audit (thread_id, at, actor, action, detail) VALUES ('j', 'now', 'a', 'b', '{}')")
        db.execute("DELETE FROM audit")
    database.close()


def test_a_database_on_postgres_is_migrated_once_under_its_lock(postgres_url: str, aios_home: Path) -> None:
    database = Database(postgres_url, aios_home)
    assert revisions(database) == (None, HEAD)
    upgrade(database)
    upgrade(database)  # a second process starting later finds nothing to do
    assert revisions(database) == (HEAD, HEAD)
    with database.read() as db:
        names = {row[0] for row in db.execute(
            "SELECT table_name FROM information_schema.tables WHERE table_schema = current_schema()").fetchall()}
    assert names >= TABLES
    database.close()
