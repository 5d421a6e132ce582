"""Storyboard thumbnails: one small image per scene in the video's shape, cached, the scene's own image used."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageOps, ImageStat

from aios.agent.previews import scene_thumbnails
from aios.kernel.schemas import Scene, Storyboard
from aios.kernel.settings import Settings

pytestmark = pytest.mark.slow  # renders or synthesizes real media


def test_thumbnails_match_the_aspect_and_use_supplied_images(settings: Settings, photo: Path) -> None:
    board = Storyboard(title="Spring sale", planner="rules", scenes=[
        Scene(index=0, narration="Flowers are in.", on_screen_text="Spring is here", duration_s=3),
        Scene(index=1, narration="Our bouquet.", duration_s=3, asset=str(photo))])
    tall = scene_thumbnails(settings, board, "9:16", "upbeat")
    wide = scene_thumbnails(settings, board, "16:9", "upbeat", width=320)
    assert [Image.open(p).size for p in tall] == [(360, 640), (360, 640)]
    assert [Image.open(p).size for p in wide] == [(320, 180), (320, 180)]
    reference = ImageOps.fit(Image.open(photo).convert("RGB"), (320, 180))
    drawn, supplied = (ImageStat.Stat(ImageChops.difference(Image.open(p).convert("RGB"), reference)).mean
                       for p in wide)
    assert max(supplied) < 40 < max(drawn)  # the scene with an image shows it; the other is a drawn card
    before = tall[0].stat().st_mtime_ns
    assert scene_thumbnails(settings, board, "9:16", "upbeat") == tall  # cached by content
    assert tall[0].stat().st_mtime_ns == before
