"""Job progress as one line and a bar, advanced by job events (the Slack progress message shows it)."""

from __future__ import annotations

from dataclasses import dataclass, replace
from typing import Any, Literal

from aios.kernel.stages import BY_NODE, SCENES_LABEL
from aios.runtime.events import Event
from aios.slack.mrkdwn import escape

State = Literal["working", "waiting", "done", "failed", "cancelled"]
WIDTH = 12


@dataclass(frozen=True)
class Progress:
    """Where a job stands, as the Slack progress message shows it."""

    stage: str = "Queued"
    fraction: float = 0.0
    state: State = "working"
    detail: str = ""
    scenes: int = 0
    narrated: int = 0
    drawn: int = 0

    def bar(self) -> str:
        """A text progress bar with the percentage."""
        filled = round(self.fraction * WIDTH)
        return "▰" * filled + "▱" * (WIDTH - filled) + f"  {round(self.fraction * 100)}%"

    def line(self) -> str:
        """One line of status: icon, stage and detail."""
        icon = {"working": "⏳", "waiting": "👀", "done": "✅", "failed": "❌", "cancelled": "⏹️"}[self.state]
        return f"{icon} *{escape(self.stage)}*" + (f" — {escape(self.detail)}" if self.detail else "")


def advance(progress: Progress, event: Event) -> Progress:
    """The progress after one more event of the job."""
    data = event.data
    if event.type == "node.started" and data.get("node") in BY_NODE:
        found = BY_NODE[data["node"]]
        return replace(progress, stage=found.label, fraction=max(progress.fraction, found.share), state="working",
                       detail="")
    if event.type == "scene.progress":
        return _scenes(progress, data)
    if event.type == "review.requested":
        checkpoint = data.get("checkpoint", "storyboard")
        scenes = len(((data.get("action_requests") or [{}])[0].get("args") or {}).get("storyboard", {})
                     .get("scenes", [])) or progress.scenes
        review = BY_NODE["approve_final" if checkpoint == "final" else "review_storyboard"]
        return replace(progress, stage=review.label, fraction=max(progress.fraction, review.share), state="waiting",
                       detail="waiting for an approver in this thread", scenes=scenes)
    if event.type == "job.completed":
        return replace(progress, stage="Published", fraction=1.0, state="done", detail="")
    if event.type == "job.failed":
        return replace(progress, stage="Failed", state="failed", detail=failure_reason(data))
    if event.type == "job.cancelled":
        return replace(progress, stage="Cancelled", state="cancelled", detail="")
    return progress


def _scenes(progress: Progress, data: dict[str, Any]) -> Progress:
    if data.get("stage") == "render":
        fraction = float(data.get("fraction", 0.0))
        start, end = BY_NODE["render"].share, BY_NODE["quality_check"].share
        return replace(progress, stage="Rendering", fraction=max(progress.fraction, start + (end - start) * fraction),
                       state="working", detail=f"{round(fraction * 100)}% of frames")
    done = int(data.get("done", 0))
    narrated = done if data.get("stage") == "narrate" else progress.narrated
    drawn = done if data.get("stage") == "visualize" else progress.drawn
    total = progress.scenes
    of = f"/{total}" if total else ""
    share = (min(narrated, total) + min(drawn, total)) / (2 * total) if total else 0.0
    start, end = BY_NODE["narrate"].share, BY_NODE["render"].share
    return replace(progress, stage=SCENES_LABEL, state="working", narrated=narrated, drawn=drawn,
                   detail=f"{narrated}{of} scenes narrated, {drawn}{of} drawn",
                   fraction=max(progress.fraction, start + (end - start) * share))


def failure_reason(data: dict[str, Any]) -> str:
    """Why a job failed, from its job.failed event, in one line."""
    reasons = data.get("reasons")
    if isinstance(reasons, list) and reasons:
        return "; ".join(str(r) for r in reasons)
    return str(data.get("reason") or data.get("status") or "unknown error")
