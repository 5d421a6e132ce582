"""The job service: validation before storing, state checks, statuses."""

from __future__ import annotations

import pytest

from aios.kernel.context import Context
from aios.kernel.errors import InvalidInput, JobNotFound, JobStateError, ReviewDecisionError
from aios.kernel.settings import Settings
from aios.runtime.jobs import JobService


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


@pytest.mark.slow
def test_a_run_stopped_as_a_steps_tasks_finish_resumes_instead_of_counting_as_ended(settings: Settings,
                                                                                    tmp_path: object) -> None:
    service = JobService(settings)
    thread, _ = service.create({"text": "a 6-second square video about our tea shop"},
                               Context(auto_approve=True, out_dir=str(tmp_path)))
    narrated: list[str] = []

    def watch(mode: str, chunk: object) -> None:
        if mode == "tasks" and isinstance(chunk, dict) and chunk.get("name") == "narrate" and "result" in chunk:
            narrated.append(chunk["id"])

    stopped = service.run(thread, on_event=watch, should_stop=lambda: bool(narrated))
    assert stopped.status == "interrupted" and set(stopped.next_nodes) <= {"narrate", "visualize"}
    assert service.run(thread).status == "published"
    service.close()
