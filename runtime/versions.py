"""A job's versions: every plan, edit, scene command and render of its storyboard and cut, numbered, in the jobs
database; compared scene by scene; the next one reserved against the one an editor saw (optimistic concurrency)."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from aios.kernel.decision import Change, Decision
from aios.kernel.errors import NotFound, VersionConflict
from aios.kernel.schemas import RenderResult, Scene, Storyboard
from aios.runtime.db import Database, Handle
from aios.runtime.job_records import now

# The scene fields a diff compares, in the order it lists them.
COMPARED = ("narration", "on_screen_text", "visual", "duration_s", "asset", "transition", "motion", "voice_take",
            "picture_take", "voice_note", "picture_note", "voice_engine", "image_engine")
COLUMNS = "number, parent, kind, actor, at, summary, storyboard, render, applied"


class VersionNotFound(NotFound):
    """The job has no version with that number."""


class Version(BaseModel):
    """One version of a job: its storyboard, and for a render the cut it made."""

    number: int
    parent: int | None
    kind: str  # plan, edit, regenerate, take, picture, retime, transition, restore, render
    actor: str
    at: str
    summary: str
    storyboard: Storyboard
    render: dict[str, Any] | None = None
    applied: bool = True  # False while a command's edit waits to be applied by its run

    def public(self, full: bool = False) -> dict[str, Any]:
        """The JSON form the API and CLI show (the storyboard only when `full`)."""
        found = {"number": self.number, "parent": self.parent, "kind": self.kind, "actor": self.actor,
                 "at": self.at, "summary": self.summary, "applied": self.applied,
                 "scenes": len(self.storyboard.scenes), "duration_s": self.storyboard.duration_s,
                 "cut": {k: v for k, v in (self.render or {}).items() if k in ("profile", "sha256", "duration_s")}
                 or None}
        return found | ({"storyboard": self.storyboard.model_dump(mode="json")} if full else {})


def _version(row: Any) -> Version:
    return Version(number=row[0], parent=row[1], kind=row[2], actor=row[3], at=row[4], summary=row[5],
                   storyboard=Storyboard.model_validate_json(row[6]), render=json.loads(row[7]) if row[7] else None,
                   applied=bool(row[8]))


class Versions:
    """The versions table (shares the job service's database)."""

    def __init__(self, database: Database) -> None:
        self._db = database

    def all(self, thread_id: str) -> list[Version]:
        """The job's versions, oldest first."""
        with self._db.read() as db:
            rows = db.execute(f"SELECT {COLUMNS} FROM versions WHERE thread_id = ? ORDER BY number",
                              (thread_id,)).fetchall()
        return [_version(row) for row in rows]

    def get(self, thread_id: str, number: int) -> Version:
        """One version; VersionNotFound if the job has none with that number."""
        with self._db.read() as db:
            row = db.execute(f"SELECT {COLUMNS} FROM versions WHERE thread_id = ? AND number = ?",
                             (thread_id, number)).fetchone()
        if row is None:
            raise VersionNotFound(f"job {thread_id} has no version {number}")
        return _version(row)

    def head(self, thread_id: str) -> Version | None:
        """The newest version (None before the first plan)."""
        with self._db.read() as db:
            return self._head(db, thread_id)

    def number(self, thread_id: str) -> int:
        """The newest version's number (0 before the first plan): the job's ETag."""
        found = self.head(thread_id)
        return found.number if found else 0

    def _head(self, db: Handle, thread_id: str) -> Version | None:
        row = db.execute(f"SELECT {COLUMNS} FROM versions WHERE thread_id = ? ORDER BY number DESC LIMIT 1",
                         (thread_id,)).fetchone()
        return _version(row) if row else None

    def _insert(self, db: Handle, thread_id: str, kind: str, actor: str, summary: str, storyboard: Storyboard,
                render: dict[str, Any] | None = None, applied: bool = True) -> Version:
        head = self._head(db, thread_id)
        found = Version(number=(head.number if head else 0) + 1, parent=head.number if head else None, kind=kind,
                        actor=actor, at=now(), summary=summary, storyboard=storyboard, render=render,
                        applied=applied)
        db.execute(f"INSERT INTO versions (thread_id, {COLUMNS}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)",
                   (thread_id, found.number, found.parent, kind, actor, found.at, summary,
                    storyboard.model_dump_json(), json.dumps(render) if render else None, int(applied)))
        return found

    def reserve(self, thread_id: str, expected: int | None, change: Change, actor: str,
                storyboard: Storyboard) -> Version:
        """The next version, for a command's edit its run will apply; VersionConflict when `expected` (If-Match)
        is not the newest version. Two commands made on one version: the second gets the conflict."""
        with self._db.write() as db:
            self.lock(db, thread_id)
            head = self._head(db, thread_id)
            current = head.number if head else 0
            if expected is not None and expected != current:
                raise VersionConflict(f"job {thread_id} is at version {current}, not {expected}: "
                                      "reload it and try again", current)
            return self._insert(db, thread_id, change.kind, actor, change.summary, storyboard, applied=False)

    def check(self, thread_id: str, expected: int | None) -> None:
        """VersionConflict unless `expected` (If-Match) is the newest version (None: no condition)."""
        current = self.number(thread_id)
        if expected is not None and expected != current:
            raise VersionConflict(f"job {thread_id} is at version {current}, not {expected}: reload it and try "
                                  "again", current)

    def withdraw(self, thread_id: str, number: int) -> None:
        """Remove a reserved version whose run could not be queued."""
        with self._db.write() as db:
            db.execute("DELETE FROM versions WHERE thread_id = ? AND number = ? AND applied = 0", (thread_id, number))

    def lock(self, db: Handle, thread_id: str) -> None:
        """Writers of one job's versions take turns (PostgreSQL; SQLite has one writer)."""
        if self._db.dialect == "postgres":
            db.execute("SELECT thread_id FROM jobs WHERE thread_id = ? FOR UPDATE", (thread_id,))

    def planned(self, thread_id: str, storyboard: Storyboard, refined: bool = False) -> None:
        """A plan's version (`refined`: the same plan with library pictures matched in, kept in its version)."""
        with self._db.write() as db:
            self.lock(db, thread_id)
            head = self._head(db, thread_id)
            if refined and head is not None and head.kind == "plan":
                self._update(db, thread_id, head.number, storyboard)
                return
            again = head is not None
            self._insert(db, thread_id, "plan", "planner", f"{'re' if again else ''}planned {len(storyboard.scenes)} "
                         f"scenes ({storyboard.duration_s:g} s) with {storyboard.planner}", storyboard)

    def edited(self, thread_id: str, storyboard: Storyboard, actor: str, change: Change | None) -> None:
        """An edit's version: the one its command reserved, now applied, or a new one (a chat edit, a plain edit)."""
        with self._db.write() as db:
            self.lock(db, thread_id)
            head = self._head(db, thread_id)
            if head is not None and not head.applied:
                self._update(db, thread_id, head.number, storyboard)
            elif head is None or head.storyboard != storyboard:
                summary = change.summary if change else edit_summary(head.storyboard if head else None, storyboard)
                self._insert(db, thread_id, change.kind if change else "edit", actor, summary, storyboard)

    def rendered(self, thread_id: str, result: RenderResult, sha256: str) -> Version | None:
        """A render's version: the newest storyboard and the cut it made (its hash, length and profile)."""
        with self._db.write() as db:
            self.lock(db, thread_id)
            head = self._head(db, thread_id)
            if head is None:
                return None
            cut = {"profile": result.profile, "duration_s": result.duration_s, "video": result.files.get("video"),
                   "sha256": sha256, "segments_rendered": result.segments_rendered,
                   "segments_reused": result.segments_reused}
            found = self._insert(db, thread_id, "render", "renderer",
                                 f"rendered the {result.profile} cut ({result.duration_s:g} s; "
                                 f"{result.segments_rendered} segments rendered, {result.segments_reused} reused)",
                                 head.storyboard, cut)
            if result.timeline and Path(result.timeline).is_file():  # kept here: the render folder is reused
                db.execute("UPDATE versions SET timeline = ? WHERE thread_id = ? AND number = ?",
                           (Path(result.timeline).read_text(encoding="utf-8"), thread_id, found.number))
            return found

    def timeline(self, thread_id: str, number: int) -> str:
        """A rendered version's OpenTimelineIO timeline (JSON); VersionNotFound when that version rendered none."""
        with self._db.read() as db:
            row = db.execute("SELECT timeline FROM versions WHERE thread_id = ? AND number = ?",
                             (thread_id, number)).fetchone()
        if row is None or not row[0]:
            raise VersionNotFound(f"version {number} of job {thread_id} has no rendered timeline")
        return str(row[0])

    def _update(self, db: Handle, thread_id: str, number: int, storyboard: Storyboard) -> None:
        db.execute("UPDATE versions SET storyboard = ?, applied = 1 WHERE thread_id = ? AND number = ?",
                   (storyboard.model_dump_json(), thread_id, number))


def edit_summary(before: Storyboard | None, after: Storyboard) -> str:
    """What an edit changed, in words: the scenes it changed, added or removed."""
    if before is None:
        return f"edited: {len(after.scenes)} scenes"
    rows = [row for row in diff_scenes(before, after) if row["change"] != "same"]
    if not rows:
        return "edited: nothing changed"
    return "edited " + ", ".join(f"scene {row['scene']} ({row['change']})" for row in rows[:6]) + (
        f" and {len(rows) - 6} more" if len(rows) > 6 else "")


def diff_scenes(before: Storyboard, after: Storyboard) -> list[dict[str, Any]]:
    """Scene by scene (numbered from 1): same, changed (each field's old and new value), added or removed."""
    rows: list[dict[str, Any]] = []
    for index in range(max(len(before.scenes), len(after.scenes))):
        old = before.scenes[index] if index < len(before.scenes) else None
        new = after.scenes[index] if index < len(after.scenes) else None
        if old is None or new is None:
            either = new or old
            rows.append({"scene": index + 1, "change": "added" if old is None else "removed",
                         "narration": either.narration if either else ""})
            continue
        fields = {name: [getattr(old, name), getattr(new, name)] for name in COMPARED
                  if getattr(old, name) != getattr(new, name)}
        rows.append({"scene": index + 1, "change": "changed" if fields else "same", "fields": fields})
    return rows


def diff(older: Version, newer: Version) -> dict[str, Any]:
    """Two versions compared: their scenes, title and cuts (the same cut when their videos hash the same)."""
    cuts = [v.render.get("sha256") if v.render else None for v in (older, newer)]
    return {"from": older.number, "to": newer.number,
            "title": [older.storyboard.title, newer.storyboard.title]
            if older.storyboard.title != newer.storyboard.title else None,
            "scenes": diff_scenes(older.storyboard, newer.storyboard),
            "cut": {"from": cuts[0], "to": cuts[1], "same": cuts[0] == cuts[1]} if all(cuts) else None}


def proposed(before: Storyboard, decision: Decision) -> Storyboard:
    """The storyboard an edit asks for, as its version is reserved (its run applies the edit, pacing the lengths it
    left out, and the version then holds what the run made)."""
    scenes = [Scene(index=i, **(edited.model_dump() | {"duration_s": edited.duration_s or (
        before.scenes[i].duration_s if i < len(before.scenes) else 1.0)})) for i, edited in
        enumerate(decision.scenes or [])]
    return before.model_copy(update={"scenes": scenes, "revision": before.revision + 1})
