"""Render profiles (preview, final) and frame sizes per aspect ratio."""

from __future__ import annotations

from dataclasses import dataclass

from aios.kernel.errors import ConfigurationError
from aios.kernel.vocab import ASPECTS, aspect_ratio, one_of
from aios.tools.imagery.layout import safe_area as safe_area  # text safe areas live with layout


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

