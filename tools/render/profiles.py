"""Render profiles (preview, final) and frame sizes per aspect ratio."""

from __future__ import annotations

from dataclasses import dataclass

from aios.kernel.errors import ConfigurationError
from aios.kernel.vocab import ASPECTS, aspect_ratio, one_of


@dataclass(frozen=True)
class RenderProfile:
    """Encode settings for one quality level."""

    name: str
    short_side: int
    fps: int
    preset: str
    crf: int
    audio_bitrate: str


PROFILES: dict[str, RenderProfile] = {
    "preview": RenderProfile("preview", 540, 24, "veryfast", 26, "128k"),
    "final": RenderProfile("final", 1080, 30, "medium", 20, "192k"),
}

RATIOS: dict[str, tuple[int, int]] = {aspect: aspect_ratio(aspect) for aspect in ASPECTS}


def get_profile(name: str) -> RenderProfile:
    """The profile called `name`."""
    try:
        return PROFILES[name]
    except KeyError:
        raise ConfigurationError(f"unknown profile {name!r}; choose one of {sorted(PROFILES)}") from None


def frame_size(aspect: str, profile: str) -> tuple[int, int]:
    """Width and height (even numbers) for an aspect ratio at a profile's short side."""
    try:
        across, down = RATIOS[aspect]
    except KeyError:
        raise ConfigurationError(f"unknown aspect {aspect!r}; choose one of {one_of(ASPECTS)}") from None
    short = get_profile(profile).short_side
    if across >= down:
        return (int(round(short * across / down / 2)) * 2, short)
    return (short, int(round(short * down / across / 2)) * 2)


def safe_area(frame: tuple[int, int]) -> tuple[int, int, int, int]:
    """Margins (left, top, right, bottom) in pixels that captions and labels stay inside.

    Vertical video keeps clear of the platform's own buttons and captions (bottom fifth, top tenth);
    landscape uses the broadcast title-safe 5%; square and 4:5 sit in between.
    """
    width, height = frame
    if height > width * 1.5:
        fractions = (0.06, 0.10, 0.06, 0.20)
    elif width > height * 1.5:
        fractions = (0.05, 0.05, 0.05, 0.08)
    else:
        fractions = (0.06, 0.06, 0.06, 0.12)
    return (int(width * fractions[0]), int(height * fractions[1]),
            int(width * fractions[2]), int(height * fractions[3]))
