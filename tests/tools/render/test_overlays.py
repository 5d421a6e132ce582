"""The synthetic-media label: configurable text and corner, inside the safe area, part of the segment hash."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

import pytest
from PIL import Image

from aios.kernel.schemas import WordTiming
from aios.tools.render.build import build_spec
from aios.tools.render.overlays import label
from aios.tools.render.profiles import safe_area
from aios.tools.render.spec import segments
from aios.tools.render.timeline import SceneInput
from tests.support.render import TINY, speech, still

pytestmark = pytest.mark.slow  # renders or synthesizes real media

SIZE = (180, 320)


def spec_with(work: Path, position: str, text: str = "AI-generated"):  # type: ignore[no-untyped-def]
    scene = SceneInput(image=still(work / "s.png", SIZE, (128, 128, 128)),
                       audio=speech(work / "a.wav", [(0.1, 0.4)], 0.5), audio_s=0.5, planned_s=1.0,
                       narration="Hello", words=(WordTiming("Hello", 0.1, 0.4),), transition="cut", motion=0)
    return build_spec([scene], size=SIZE, profile=TINY, title="T", label=text, label_position=position)


@pytest.mark.parametrize("position", ["top-right", "top-left", "bottom-right", "bottom-left"])
def test_label_sits_in_its_corner_of_the_safe_area(tmp_path: Path, position: str) -> None:
    overlay = label(spec_with(tmp_path, position), tmp_path)
    with Image.open(overlay.path) as image:
        width, height = image.size
    left, top, right, bottom = safe_area(SIZE)
    vertical, horizontal = position.split("-")
    assert overlay.x == (left if horizontal == "left" else SIZE[0] - right - width)
    assert overlay.y == (top if vertical == "top" else SIZE[1] - bottom - height)
    assert (overlay.start, overlay.end) == (0.0, spec_with(tmp_path, position).duration_s)


def test_label_text_and_position_change_what_is_rendered(tmp_path: Path) -> None:
    base = spec_with(tmp_path, "top-right")
    keys = {segments(spec)[0].key(spec, "libx264") for spec in (
        base, replace(base, label_position="bottom-left"), replace(base, label="Made with AI"))}
    assert len(keys) == 3
    with Image.open(label(replace(base, label="Synthetic media, made with AI"), tmp_path).path) as wide, \
            Image.open(label(base, tmp_path).path) as narrow:
        assert wide.width > narrow.width


@pytest.mark.parametrize(("style", "count"), [("highlight", 1), ("pop", 1), ("boxed", 1), ("outline", 1), ("none", 0)])
def test_each_caption_style_makes_its_overlays_and_its_own_segments(tmp_path: Path, style: str, count: int) -> None:
    from aios.tools.render.overlays import captions

    base = spec_with(tmp_path, "top-right")
    styled = replace(base, caption_style=style)
    assert len(captions(styled, tmp_path / style)) == count * len(base.cues)
    if style != "highlight":
        assert segments(styled)[0].key(styled, "libx264") != segments(base)[0].key(base, "libx264")
