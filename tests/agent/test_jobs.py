"""The job service: validation before storing, state checks, statuses."""

from __future__ import annotations

import pytest

from agent.context import Context
from agent.errors import InvalidInput, JobNotFound, JobStateError, ReviewDecisionError
from agent.jobs import JobService
from agent.settings import Settings


def test_bad_input_stores_no_job(settings: Settings) -> None:
    service = JobService(settings)
    with pytest.raises(InvalidInput):
        service.create({"text": ""}, Context())
    assert service.list() == []


def test_lifecycle_and_state_errors(settings: Settings, tmp_path: object) -> None:
    service = JobService(settings)
    thread, _ = service.create({"text": "A 6-second video about tea", "duration_s": 6},
                            Context(out_dir=str(tmp_path)))
    assert service.status(thread).status == "created"
    with pytest.raises(JobStateError, match="not waiting for a review"):
        service.run(thread, {"decisions": [{"type": "approve"}]})
    paused = service.run(thread)
    assert (paused.status, paused.checkpoint) == ("awaiting_review", "storyboard")
    with pytest.raises(JobStateError, match="waits for a storyboard review"):
        service.run(thread)
    with pytest.raises(ReviewDecisionError):
        service.run(thread, {"decisions": [{"type": "edit", "edited_action": {"args": {}}}]})
    assert service.status(thread).status == "awaiting_review"
    with pytest.raises(JobNotFound):
        service.status("job-missing")
    assert service.list()[0][:2] == (thread, "awaiting_review")
