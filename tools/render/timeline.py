"""Timeline: where each scene, its narration and its words fall, in whole frames, from real audio lengths."""

from __future__ import annotations

import math
from dataclasses import dataclass

from aios.kernel.schemas import WordTiming
from aios.tools.render.spec import TransitionKind

TRANSITION_S = 0.5
FIRST_LEAD_S = 0.3
GAP_S = 0.35


@dataclass(frozen=True)
class SceneInput:
    """One scene as the renderer receives it: picture, speech (with word timings) and hand-over."""

    image: str
    audio: str
    audio_s: float
    planned_s: float
    narration: str
    words: tuple[WordTiming, ...] = ()
    transition: TransitionKind = "fade"
    motion: int = 0
    clip: str | None = None


@dataclass(frozen=True)
class Placement:
    """A scene placed on the timeline: its own frames (`start`, `length`) and its speech in seconds."""

    start: int
    length: int
    speech_start: float
    speech_s: float


def lead(index: int, transition_s: float) -> float:
    """How long after its start a scene's narration begins."""
    return FIRST_LEAD_S if index == 0 else max(FIRST_LEAD_S, transition_s * 0.6)


def frames_for(seconds: float, fps: int) -> int:
    """Whole frames for a length in seconds (rounded up; a float's last digits never add a frame)."""
    return math.ceil(round(seconds * fps, 6))


def planned_frames(planned_s: float, fps: int, transition_s: float = TRANSITION_S) -> int:
    """The frames a scene planned to last gets when no scene needs more time than it planned."""
    return frames_for(max(planned_s, transition_s * 2 + 0.1), fps)


def place(scenes: list[SceneInput], fps: int, transition_s: float = TRANSITION_S) -> list[Placement]:
    """Lay scenes end to end, each its planned length; a scene whose speech needs longer gets it, taken from the
    scenes with time to spare (never below what their own speech needs), so the video keeps its planned length
    whenever the speech fits in it."""
    floor = transition_s * 2 + 0.1
    needed = [max(lead(i, transition_s) + s.audio_s + GAP_S, floor) for i, s in enumerate(scenes)]
    planned = [max(s.planned_s, floor) for s in scenes]
    short = sum(max(0.0, n - p) for n, p in zip(needed, planned, strict=True))
    spare = sum(max(0.0, p - n) for n, p in zip(needed, planned, strict=True))
    give = min(1.0, short / spare) if spare > 0 else 0.0
    placements: list[Placement] = []
    cursor = 0
    for index, (scene, need, plan) in enumerate(zip(scenes, needed, planned, strict=True)):
        seconds = need if need >= plan else plan - (plan - need) * give
        length = frames_for(seconds, fps)
        placements.append(Placement(cursor, length, round(cursor / fps + lead(index, transition_s), 4), scene.audio_s))
        cursor += length
    return placements


def total_frames(placements: list[Placement]) -> int:
    """The video's length in frames."""
    return sum(p.length for p in placements)
