"""Retention: how long each kind of file and each job is kept, and the sweep that deletes what has expired.

Kinds (days in AIOS_RETENTION_DAYS, per tenant in AIOS_RETENTION_TENANTS; 0 keeps forever):
working (an ended job's render folder: WAVs, segments, review cuts; a published job's go at once), deliverables (the
published files under AIOS_HOME/out), uploads (images sent to POST /v1/assets), cache (speech, images, segments,
thumbnails shared by all jobs) and jobs (a finished job entirely: files, rows, checkpoints; its audit trail stays).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterator
from dataclasses import dataclass, field
from datetime import datetime
from pathlib import Path

from aios.kernel.settings import RetentionKind
from aios.runtime.jobs import FINISHED, JobService
from aios.tools.storage import discard

log = logging.getLogger(__name__)
DAY_S = 86_400.0
ENDED = FINISHED | {"cancelled"}


@dataclass(frozen=True)
class Doomed:
    """Something the sweep deletes: a file or folder under AIOS_HOME, or a whole job."""

    kind: RetentionKind
    what: str  # a path relative to AIOS_HOME, or a job id for kind "jobs"
    tenant: str | None
    bytes: int
    age_days: float


@dataclass
class Sweep:
    """What one sweep found (and, unless it was a dry run, deleted)."""

    doomed: list[Doomed] = field(default_factory=list)
    dry_run: bool = False

    @property
    def bytes(self) -> int:
        """Bytes freed (or that would be)."""
        return sum(d.bytes for d in self.doomed)


def size_of(path: Path) -> int:
    """Bytes of a file, or of everything in a folder."""
    if path.is_file():
        return path.stat().st_size
    return sum(p.stat().st_size for p in path.rglob("*") if p.is_file()) if path.is_dir() else 0


class Retention:
    """The retention policy of a data directory, applied by `sweep` (server, workers, `aios gc`) and `delete_job`."""

    def __init__(self, service: JobService) -> None:
        self.service, self.settings = service, service.settings
        self.home = self.settings.data_dir

    def days(self, kind: RetentionKind, tenant: str | None = None) -> float:
        """How many days this kind is kept (for this tenant); 0: forever."""
        override = self.settings.retention_tenants.get(tenant or "", {})
        return float(override.get(kind, self.settings.retention_days.get(kind, 0)))

    def sweep(self, dry_run: bool = False, now: float | None = None) -> Sweep:
        """Find what has expired and, unless `dry_run`, delete it."""
        moment = now or time.time()
        found = Sweep(dry_run=dry_run)
        activity = list(self._activity())  # one read of the jobs table serves every kind
        tenants = {job: tenant for job, tenant, _ in activity}
        jobs = list(self._jobs(moment, activity))
        expired = {d.what for d in jobs}
        for item in [*jobs, *self._working(moment, expired, tenants), *self._deliverables(moment, expired, tenants),
                     *self._uploads(moment), *self._cache(moment)]:
            found.doomed.append(item)
            if not dry_run:
                self._delete(item)
        return found

    def delete_job(self, thread_id: str) -> int:
        """Delete a job's files (here and in object storage), rows and checkpoints; the bytes freed."""
        freed = 0
        for folder in (self.home / "jobs" / thread_id, self.home / "out" / thread_id):
            freed += size_of(folder)
            discard(self.settings, folder)
        self.service.forget(thread_id)
        return freed

    def _activity(self) -> Iterator[tuple[str, str, float]]:
        """(job id, tenant, unix time of its last event or update) of every job."""
        with self.service.database.read() as db:
            rows = db.execute("SELECT j.thread_id, j.tenant, j.updated_at, MAX(e.created_at) FROM jobs j LEFT JOIN "
                              "events e ON e.thread_id = j.thread_id GROUP BY j.thread_id, j.tenant, j.updated_at"
                              ).fetchall()
        for thread_id, tenant, updated, last_event in rows:
            stamps = [datetime.fromisoformat(str(s)).timestamp() for s in (updated, last_event) if s]
            yield str(thread_id), str(tenant), max(stamps)

    def _jobs(self, moment: float, activity: list[tuple[str, str, float]]) -> Iterator[Doomed]:
        for thread_id, tenant, active in activity:
            days = self.days("jobs", tenant)
            age = (moment - active) / DAY_S
            if days and age >= days and self.service.status(thread_id).status in ENDED:
                folders = (self.home / "jobs" / thread_id, self.home / "out" / thread_id)
                yield Doomed("jobs", thread_id, tenant, sum(size_of(f) for f in folders), round(age, 2))

    def _working(self, moment: float, expired: set[str], tenants: dict[str, str]) -> Iterator[Doomed]:
        for folder in sorted((self.home / "jobs").glob("job-*")):
            job, age = folder.name, (moment - folder.stat().st_mtime) / DAY_S
            if job in expired:
                continue
            days = self.days("working", tenants.get(job))
            status = self.service.status(job).status if job in tenants else None
            # Kept while the job may still need them (a review pending, a run to resume). A published job's go when
            # it publishes; here only leftovers an hour old (a crash right then), so a re-render keeps its own.
            leftover = (status is None or status == "published") and age > 1 / 24
            if leftover or (status in ENDED and days and age >= days):
                yield Doomed("working", folder.relative_to(self.home).as_posix(), tenants.get(job), size_of(folder),
                             round(age, 2))

    def _deliverables(self, moment: float, expired: set[str], tenants: dict[str, str]) -> Iterator[Doomed]:
        for folder in sorted((self.home / "out").glob("job-*")):
            age = (moment - folder.stat().st_mtime) / DAY_S
            days = self.days("deliverables", tenants.get(folder.name))
            if folder.name not in expired and days and age >= days:
                yield Doomed("deliverables", folder.relative_to(self.home).as_posix(), tenants.get(folder.name),
                             size_of(folder), round(age, 2))

    def _uploads(self, moment: float) -> Iterator[Doomed]:
        for folder in sorted((self.home / "uploads").glob("*")):
            days = self.days("uploads", folder.name)
            for file in sorted(folder.glob("*")) if days and folder.is_dir() else []:
                age = (moment - file.stat().st_mtime) / DAY_S
                if age >= days:
                    yield Doomed("uploads", file.relative_to(self.home).as_posix(), folder.name, size_of(file),
                                 round(age, 2))

    def _cache(self, moment: float) -> Iterator[Doomed]:
        days = self.days("cache")
        for file in sorted((self.home / "cache").rglob("*")) if days else []:
            age = (moment - file.stat().st_mtime) / DAY_S if file.is_file() else 0
            if file.is_file() and age >= days:
                yield Doomed("cache", file.relative_to(self.home).as_posix(), None, size_of(file), round(age, 2))

    def _delete(self, item: Doomed) -> None:
        if item.kind == "jobs":
            self.delete_job(item.what)
        else:
            discard(self.settings, self.home / item.what)


class Sweeper:
    """The periodic sweep of a process (the API's, a worker's): every `retention_sweep_s`, in a daemon thread."""

    def __init__(self, service: JobService) -> None:
        self.retention = Retention(service)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="aios-retention", daemon=True)

    def start(self) -> None:
        """Sweep now and then periodically (not at all when the setting is 0)."""
        if self.retention.settings.retention_sweep_s > 0:
            self._thread.start()

    def stop(self) -> None:
        """Stop after the current sweep."""
        self._stop.set()

    def _loop(self) -> None:
        while not self._stop.is_set():
            try:
                swept = self.retention.sweep()
                if swept.doomed:
                    log.info("retention: deleted %d items, %d bytes", len(swept.doomed), swept.bytes)
            except Exception:  # the database may be restarting: try again next round
                log.exception("retention sweep failed")
            self._stop.wait(self.retention.settings.retention_sweep_s)
