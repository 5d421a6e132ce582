"""The planner interface and the pacing both planners share."""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Protocol

from aios.kernel.schemas import Brief, Storyboard
from aios.tools.assets import AssetInfo
from aios.tools.render.timeline import FIRST_LEAD_S, GAP_S
from aios.tools.text import spoken_count

SCENE_OVERHEAD_S = FIRST_LEAD_S + GAP_S
MIN_SCENE_S = 2.0


@dataclass(frozen=True)
class PlanRequest:
    """What a planner gets: the brief, retrieved assets, and reviewer feedback when replanning."""

    brief: Brief
    assets: list[AssetInfo]
    feedback: str | None = None
    revision: int = 0
    guidelines: list[str] = field(default_factory=list)


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


def word_budget(duration_s: float, scenes: int, words_per_second: float) -> int:
    """How many narration words fit the target once per-scene pauses are taken out."""
    speaking = max(1.0, duration_s - scenes * SCENE_OVERHEAD_S)
    return max(3, int(speaking * words_per_second))


def pace(narrations: list[str], duration_s: float, words_per_second: float) -> list[float]:
    """Scene durations that add up to the target, each in proportion to its speaking time."""
    needs = [max(MIN_SCENE_S, spoken_count(n) / words_per_second + SCENE_OVERHEAD_S)
             for n in narrations]
    scale = duration_s / sum(needs)
    durations = [round(need * scale, 3) for need in needs]
    durations[-1] = round(duration_s - sum(durations[:-1]), 3)
    return durations
