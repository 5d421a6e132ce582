"""Progress: events move one line and bar forward; reviews wait, endings say how it ended."""

from __future__ import annotations

from typing import Any

from aios.runtime.events import Event
from aios.slack.progress import Progress, advance, failure_reason


def event(kind: str, **data: Any) -> Event:
    return Event(1, "job-1", kind, data, "2026-11-25T00:00:00")


def test_a_job_moves_forward_and_never_back() -> None:
    state = Progress()
    assert state.bar().endswith("0%") and state.line().startswith("⏳ *Queued*")
    state = advance(state, event("node.started", node="plan_storyboard"))
    assert state.stage == "Planning the storyboard" and state.fraction == 0.08
    review = {"checkpoint": "storyboard", "action_requests": [{"args": {"storyboard": {"scenes": [{}, {}]}}}]}
    state = advance(state, event("review.requested", **review))
    assert state.state == "waiting" and state.scenes == 2 and state.line().startswith("👀 *Storyboard review*")
    state = advance(state, event("scene.progress", stage="narrate", done=2))
    state = advance(state, event("scene.progress", stage="visualize", done=1))
    assert state.detail == "2/2 scenes narrated, 1/2 drawn"
    assert state.fraction == 0.2 + 0.3 * 0.75
    state = advance(state, event("scene.progress", stage="render", fraction=0.5))
    assert state.stage == "Rendering" and state.fraction == 0.7 and state.detail == "50% of frames"
    earlier = advance(state, event("node.started", node="retrieve"))
    assert earlier.fraction == 0.7  # a stage seen again (a replan) never moves the bar back
    state = advance(state, event("job.completed"))
    assert (state.state, state.fraction, state.bar()) == ("done", 1.0, "▰" * 12 + "  100%")


def test_failures_say_why() -> None:
    assert failure_reason({"status": "blocked", "reasons": ["blocked term 'x'", "blocked term 'y'"]}) == \
        "blocked term 'x'; blocked term 'y'"
    assert failure_reason({"reason": "ffmpeg failed: no space", "error": "RenderError"}) == "ffmpeg failed: no space"
    failed = advance(Progress(), event("job.failed", reason="no voice"))
    assert failed.line() == "❌ *Failed* — no voice"
    assert advance(Progress(), event("job.cancelled")).state == "cancelled"
