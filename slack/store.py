"""Where each Slack-started job lives in Slack (channel, thread, its messages) and which events it has seen."""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Any

from aios.runtime.db import Database
from aios.runtime.events import Event
from aios.runtime.job_records import now

FIELDS = ("thread_id", "team", "channel", "thread_ts", "user", "progress_ts", "review_ts", "review_blocks",
          "last_event_id", "open")
COLUMNS = ", ".join(f'"{name}"' for name in FIELDS)  # quoted: "user" is a reserved word in PostgreSQL


@dataclass(frozen=True)
class SlackJob:
    """A job started from Slack and where its thread is."""

    thread_id: str
    team: str
    channel: str
    thread_ts: str
    user: str
    progress_ts: str | None = None
    review_ts: str | None = None
    review_blocks: str | None = None
    last_event_id: int = 0
    open: bool = True


class SlackStore:
    """Slack bookkeeping in the jobs database."""

    def __init__(self, db: Database) -> None:
        self._db = db

    def add(self, job: SlackJob) -> None:
        """Record a job's thread (once; a repeat keeps the first)."""
        with self._db.write() as db:
            db.execute('INSERT INTO slack_jobs (thread_id, team, channel, thread_ts, "user", progress_ts, created_at) '
                       "VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT (thread_id) DO NOTHING",
                       (job.thread_id, job.team, job.channel, job.thread_ts, job.user, job.progress_ts, now()))

    def get(self, thread_id: str) -> SlackJob | None:
        """The job's Slack record, if it was started from Slack."""
        with self._db.read() as db:
            row = db.execute(f"SELECT {COLUMNS} FROM slack_jobs WHERE thread_id = ?", (thread_id,)).fetchone()
        return _job(row) if row else None

    def update(self, thread_id: str, **fields: Any) -> None:
        """Set some of progress_ts, review_ts, review_blocks, open."""
        assert set(fields) <= {"progress_ts", "review_ts", "review_blocks", "open"}, fields
        assignments = ", ".join(f'"{name}" = ?' for name in fields)
        with self._db.write() as db:
            db.execute(f"UPDATE slack_jobs SET {assignments} WHERE thread_id = ?", (*fields.values(), thread_id))

    def pending(self, limit: int = 200) -> list[tuple[SlackJob, Event]]:
        """Events of open Slack jobs that the notifier has not handled yet, oldest first."""
        columns = ", ".join(f's."{name}"' for name in FIELDS)
        with self._db.read() as db:
            rows = db.execute(
                f"SELECT {columns}, e.id, e.thread_id, e.type, e.data, e.created_at FROM slack_jobs s "
                "JOIN events e ON e.thread_id = s.thread_id AND e.id > s.last_event_id "
                "WHERE s.open = 1 ORDER BY e.id LIMIT ?", (limit,)).fetchall()
        width = len(FIELDS)
        return [(_job(r[:width]), Event(r[width], r[width + 1], r[width + 2], json.loads(r[width + 3]), r[width + 4]))
                for r in rows]

    def handled(self, thread_id: str, event_id: int) -> None:
        """Remember that the notifier has handled the job's events up to event_id."""
        with self._db.write() as db:
            db.execute("UPDATE slack_jobs SET last_event_id = ? WHERE thread_id = ? AND last_event_id < ?",
                       (event_id, thread_id, event_id))


def _job(row: Any) -> SlackJob:
    return SlackJob(row[0], row[1], row[2], row[3], row[4], row[5], row[6], row[7], int(row[8]), bool(row[9]))
