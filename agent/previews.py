"""Storyboard thumbnails and contact sheets: drawn sketches of the scenes for reviewers, before synthesis runs."""

from __future__ import annotations

from dataclasses import asdict
from functools import partial
from pathlib import Path

from aios.agent.visuals import scene_request
from aios.kernel.schemas import Storyboard
from aios.kernel.settings import Settings
from aios.kernel.vocab import Aspect
from aios.tools.cache import content_key
from aios.tools.imagery.cards import CardEngine
from aios.tools.imagery.palettes import palette_for
from aios.tools.imagery.sheet import Tile, contact_sheet
from aios.tools.render.profiles import frame_size
from aios.tools.storage import cache_for

SHEET_VERSION = 1


def thumbnail_size(aspect: Aspect, width: int) -> tuple[int, int]:
    """An even-sized frame of the given aspect ratio, `width` pixels across."""
    across, down = frame_size(aspect, "preview")
    return width, max(2, int(round(width * down / across / 2)) * 2)


def scene_thumbnails(settings: Settings, storyboard: Storyboard, aspect: Aspect, tone: str,
                     width: int = 360, palette: str = "auto") -> list[Path]:
    """One PNG per scene, cached by content: drawn cards (or the scene's own image), whatever engine renders."""
    engine = CardEngine()
    cache = cache_for(settings)
    size, colors = thumbnail_size(aspect, width), palette_for(palette, tone)
    paths = []
    for scene in storyboard.scenes:
        request = scene_request(scene, storyboard.title, size, colors, settings,
                                last=scene.index == len(storyboard.scenes) - 1)
        key = content_key(engine=engine.name, version=engine.version, request=asdict(request))
        paths.append(cache.fetch("thumb", key, ".png", partial(engine.render, request))[0])
    return paths


def storyboard_sheet(settings: Settings, storyboard: Storyboard, aspect: Aspect, tone: str) -> Path:
    """One PNG of every scene's sketch with its number, length and line (cached by what it shows)."""
    frames = scene_thumbnails(settings, storyboard, aspect, tone)
    tiles = [Tile(frame, scene.index + 1, scene.narration, scene.duration_s)
             for frame, scene in zip(frames, storyboard.scenes, strict=True)]
    key = content_key(sheet=SHEET_VERSION, title=storyboard.title, tiles=[(t.frame.name, t.line, t.seconds)
                                                                          for t in tiles])
    return cache_for(settings).fetch("sheet", key, ".png", partial(contact_sheet, tiles, title=storyboard.title))[0]
