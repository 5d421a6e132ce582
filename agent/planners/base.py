"""The planner interface and the pacing both planners share."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from aios.kernel.schemas import Brief, Storyboard
from aios.tools.assets import AssetInfo
from aios.tools.render.timeline import FIRST_LEAD_S, GAP_S
from aios.tools.tts.pace import Pace

SCENE_OVERHEAD_S = FIRST_LEAD_S + GAP_S
MIN_SCENE_S = 2.0
FILL = 0.8  # the share of the video a plan's narration aims at: full, with room for the voice to run long


@dataclass(frozen=True)
class PlanRequest:
    """What a planner gets: the brief, retrieved assets, and reviewer feedback when replanning."""

    brief: Brief
    assets: list[AssetInfo]
    feedback: str | None = None
    revision: int = 0
    guidelines: list[str] = field(default_factory=list)
    pace: Pace | None = None  # the job's voice (agent.speaking); None: the planner's own


class Planner(Protocol):
    """Turns a brief into a storyboard."""

    name: str

    def plan(self, request: PlanRequest) -> Storyboard:
        """Write a storyboard for the request."""
        ...


def scene_count(duration_s: float) -> tuple[int, int, int]:
    """Suggested, minimum and maximum scene counts for a target duration (about 6 s a scene)."""
    suggested = max(1, min(12, round(duration_s / 6)))
    return suggested, max(1, min(suggested, 2 if duration_s >= 8 else 1)), min(12, suggested + 2)


def speaking_time(duration_s: float, scenes: int) -> float:
    """Seconds of narration a plan aims for: FILL of the video, less the lead-in and gap of each scene."""
    return max(1.0, min(duration_s * FILL, duration_s - scenes * SCENE_OVERHEAD_S))


def word_budget(duration_s: float, scenes: int, speaking: Pace) -> int:
    """How many narration words fit the time a plan aims to fill, at the voice's pace."""
    return max(3, speaking.words_in(speaking_time(duration_s, scenes)))


def pace(narrations: list[str], duration_s: float, speaking: Pace, language: str = "en") -> list[float]:
    """Scene durations that add up to the target, each in proportion to the time its line takes to say."""
    needs = [max(MIN_SCENE_S, speaking.seconds(n, language) + SCENE_OVERHEAD_S) for n in narrations]
    scale = duration_s / sum(needs)
    durations = [round(need * scale, 3) for need in needs]
    durations[-1] = round(duration_s - sum(durations[:-1]), 3)
    return durations
