"""Timeline: where each scene, its narration and its captions fall, from real audio lengths."""

from __future__ import annotations

from dataclasses import dataclass

CROSSFADE_S = 0.5
FIRST_LEAD_S = 0.3
GAP_S = 0.35


@dataclass(frozen=True)
class SceneInput:
    """One scene as the renderer receives it."""

    image: str
    audio: str
    audio_s: float
    planned_s: float
    narration: str


@dataclass(frozen=True)
class Placement:
    """A scene placed on the timeline (seconds from the start of the video)."""

    start: float
    length: float
    speech_start: float
    speech_s: float


def lead(index: int, crossfade: float) -> float:
    """How long after its start a scene's narration begins."""
    return FIRST_LEAD_S if index == 0 else max(FIRST_LEAD_S, crossfade * 0.6)


def place(scenes: list[SceneInput], crossfade: float = CROSSFADE_S) -> list[Placement]:
    """Lay scenes end to end; each lasts its planned time or as long as its speech needs."""
    placements: list[Placement] = []
    cursor = 0.0
    for index, scene in enumerate(scenes):
        start_speech = lead(index, crossfade)
        needed = start_speech + scene.audio_s + GAP_S
        length = round(max(scene.planned_s, needed, crossfade * 2 + 0.1), 3)
        placements.append(Placement(round(cursor, 3), length, round(cursor + start_speech, 3),
                                    scene.audio_s))
        cursor += length
    return placements


def total_length(placements: list[Placement]) -> float:
    """The video's duration."""
    return round(sum(p.length for p in placements), 3)
