"""Brand palettes for drawn visuals and captions."""

from __future__ import annotations

from dataclasses import dataclass

RGB = tuple[int, int, int]


@dataclass(frozen=True)
class Palette:
    """Colours of one brand look."""

    top: RGB
    bottom: RGB
    accent: RGB
    text: RGB


PALETTES: dict[str, Palette] = {
    "aurora": Palette((18, 24, 64), (64, 24, 96), (0, 212, 190), (255, 255, 255)),
    "sunrise": Palette((255, 122, 89), (255, 196, 87), (255, 255, 255), (33, 20, 40)),
    "forest": Palette((16, 60, 48), (40, 110, 70), (250, 215, 100), (255, 255, 255)),
    "ocean": Palette((6, 48, 94), (20, 130, 170), (255, 209, 102), (255, 255, 255)),
    "mono": Palette((24, 24, 24), (70, 70, 70), (230, 57, 70), (255, 255, 255)),
}

TONE_PALETTES: dict[str, str] = {
    "upbeat": "sunrise",
    "energetic": "sunrise",
    "playful": "sunrise",
    "festive": "sunrise",
    "calm": "ocean",
    "warm": "forest",
    "friendly": "forest",
    "serious": "mono",
    "urgent": "mono",
    "formal": "mono",
    "professional": "aurora",
    "inspiring": "aurora",
}


def palette_for(name: str, tone: str) -> str:
    """Resolve 'auto' to a palette matching the tone; pass a named palette through."""
    if name != "auto":
        return name
    return TONE_PALETTES.get(tone, "aurora")
