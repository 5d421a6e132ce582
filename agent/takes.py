"""Scene takes: how a take and an editor's note change a scene's voice and picture, and the scene a regenerate makes."""

from __future__ import annotations

import re
from collections.abc import Mapping
from typing import Any

from aios.kernel.schemas import Scene
from aios.kernel.vocab import Regenerate

# A new take of the voice is said at another pace (and, where the engine has one, with another seed): take 1 as
# planned, then a little faster, a little slower, and so on. Faster first: a take never needs more time than its
# slot had, so regenerating one scene's voice does not re-time the others.
TAKE_PACES = (1.0, 1.05, 0.95, 1.1, 0.9)
_SLOWER = re.compile(r"\b(?:calm(?:er)?|slow(?:er|ly)?|gentl[ey]r?|soft(?:er)?|relax(?:ed)?|warm(?:er)?|quiet(?:er)?|"
                     r"soothing|measured)\b", re.I)
_FASTER = re.compile(r"\b(?:fast(?:er)?|quick(?:er|ly)?|energetic|upbeat|excit(?:ed|ing)|livel(?:y|ier)|punch(?:y|ier)|"
                     r"brisk(?:er)?|snapp(?:y|ier)|hurr(?:y|ied))\b", re.I)
NOTE_PACE = 0.12  # how much a note's "calmer" or "faster" moves the pace


def voice_pace(scene: Scene) -> float:
    """The pace the scene's voice is asked for: its take's, moved by its note ('calmer' slower, 'faster' faster)."""
    pace = TAKE_PACES[(scene.voice_take - 1) % len(TAKE_PACES)]
    slower, faster = bool(_SLOWER.search(scene.voice_note)), bool(_FASTER.search(scene.voice_note))
    if slower != faster:
        pace *= 1 - NOTE_PACE if slower else 1 + NOTE_PACE
    return round(pace, 3)


def picture_description(scene: Scene) -> str:
    """What the picture should show: the scene's description, then what the editor asked of it."""
    return " ".join(part for part in (scene.visual, scene.picture_note) if part)


def takes_of(values: Mapping[str, Any], index: int) -> list[Scene]:
    """A scene's takes in the job's state, take 1 first: those scene commands kept, else the scene as it is."""
    kept = (values.get("takes") or {}).get(str(index))
    return list(kept) if kept else [values["storyboard"].scenes[index]]


def regenerated(scene: Scene, part: Regenerate, note: str | None, takes: list[Scene]) -> Scene:
    """The scene with a new take of its voice, its picture or both (numbered past every take it had), and the
    note, when given, as what the editor asked of them."""
    update: dict[str, object] = {}
    if part in ("voice", "all"):
        update["voice_take"] = max(t.voice_take for t in [scene, *takes]) + 1
        if note is not None:
            update["voice_note"] = note
    if part in ("picture", "all"):
        update["picture_take"] = max(t.picture_take for t in [scene, *takes]) + 1
        if note is not None:
            update["picture_note"] = note
    return scene.model_copy(update=update)
