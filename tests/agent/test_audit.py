"""The audit trail: append-only, ordered per job, and decisions stored with who made them."""

from __future__ import annotations

import sqlite3

import pytest

from agent.audit import decision_entry
from agent.jobs import JobService
from agent.settings import Settings


def test_entries_are_append_only_and_per_job(settings: Settings) -> None:
    service = JobService(settings)
    first = service.audit.record("job-a", "slack:U1", "review.approve", {"checkpoint": "storyboard"})
    service.audit.record("job-b", "api:k1", "job.create")
    service.audit.record("job-a", "cli:ann", "job.cancel")
    assert [(e.actor, e.action) for e in service.audit.entries("job-a")] == [
        ("slack:U1", "review.approve"), ("cli:ann", "job.cancel")]
    assert first.public()["detail"] == {"checkpoint": "storyboard"}
    db, _ = service.database
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("UPDATE audit SET actor = 'someone-else'")
    with pytest.raises(sqlite3.IntegrityError, match="append-only"):
        db.execute("DELETE FROM audit")
    service.close()


def test_decision_entries_say_what_was_decided() -> None:
    assert decision_entry({"decisions": [{"type": "approve"}]}, "final") == ("review.approve", {"checkpoint": "final"})
    assert decision_entry({"decisions": [{"type": "reject", "message": "shorter"}]}, "storyboard") == (
        "review.reject", {"checkpoint": "storyboard", "message": "shorter"})
    edit = {"decisions": [{"type": "edit", "edited_action": {"args": {"scenes": [{}, {}, {}]}}}]}
    assert decision_entry(edit, "storyboard") == ("review.edit", {"checkpoint": "storyboard", "scenes": 3})
