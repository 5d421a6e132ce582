"""Split screen: a picture far from the frame's shape gets half the frame (the half that keeps most of it), its
headline the other half inside the text zone, legible; a picture near the frame's shape stays full-bleed."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image, ImageDraw

from aios.tools.imagery import designs, split
from aios.tools.imagery.base import VisualRequest
from aios.tools.imagery.cards import CardEngine
from aios.tools.imagery.palettes import PALETTES

HEADLINE = "Test rides are free every Saturday in our Berlin store"


def photo(size: tuple[int, int]) -> Image.Image:
    """A warm picture with a bright subject in its middle."""
    image = Image.new("RGB", size, (150, 90, 40))
    w, h = size
    ImageDraw.Draw(image).ellipse((w * 0.35, h * 0.35, w * 0.65, h * 0.65), fill=(250, 240, 200))
    return image


@pytest.mark.parametrize(("picture", "frame", "side"), [
    ((400, 600), (960, 540), True),    # portrait photo, landscape video: side by side
    ((800, 450), (540, 960), False),   # landscape photo, vertical video: stacked
    ((800, 450), (540, 676), False),   # landscape photo, 4:5 video
    ((800, 450), (960, 540), None),    # same shape: full-bleed
    ((400, 600), (540, 960), None),    # 2:3 in 9:16 keeps 84%: full-bleed
])
def test_the_arrangement_keeps_most_of_the_picture(picture: tuple[int, int], frame: tuple[int, int],
                                                    side: bool | None) -> None:
    assert split.arrangement(picture, frame) is side
    if side is not None:
        half = split.halves(frame, side)[0]
        assert split.kept(picture, (half[2] - half[0], half[3] - half[1])) >= split.kept(picture, frame) + split.GAIN


@pytest.mark.parametrize(("picture", "frame"), [((400, 600), (960, 540)), ((800, 450), (540, 960)),
                                                ((800, 450), (540, 676))])
@pytest.mark.parametrize("palette", ["aurora", "sunrise", "mono"])
def test_the_headline_sits_beside_the_picture_in_the_zone_and_reads(picture: tuple[int, int],
                                                                    frame: tuple[int, int], palette: str) -> None:
    side = split.arrangement(picture, frame)
    assert side is not None
    canvas, drawn = split.draw_split(photo(picture), frame, side, HEADLINE, PALETTES[palette], 2, seed=5)
    assert canvas.size == frame
    (box, colour), = drawn.boxes
    left, top, right, bottom = designs.zone(frame)
    assert left <= box[0] and top <= box[1] and box[2] <= right and box[3] <= bottom
    shown = drawn.pictures[0]
    assert not (box[0] < shown[2] and shown[0] < box[2] and box[1] < shown[3] and shown[1] < box[3])
    middle = canvas.crop(shown).getpixel(((shown[2] - shown[0]) // 2, (shown[3] - shown[1]) // 2))
    assert min(middle) > 190, "the picture's subject is in its half"  # type: ignore[arg-type]
    under, _ = split.draw_split(photo(picture), frame, side, HEADLINE, PALETTES[palette], 2, seed=5, glyphs=False)
    behind = np.asarray(under.crop(box), dtype=np.float32).reshape(-1, 3)
    assert min(designs.contrast(colour, tuple(px)) for px in behind[:: max(1, len(behind) // 4000)]) >= 4.5


def test_the_card_engine_splits_a_portrait_photo_in_a_landscape_video(tmp_path: Path) -> None:
    source = tmp_path / "portrait.png"
    photo((400, 600)).save(source)
    request = VisualRequest(headline=HEADLINE, description="", keywords=("bike",), size=(960, 540),
                            palette="aurora", seed=1, asset=str(source))
    with Image.open(CardEngine().render(request, tmp_path / "split.png")) as still:
        assert still.size == (960, 540)
        left_half = np.asarray(still.crop((0, 0, 480, 540)), dtype=np.float32)
        assert abs(left_half[..., 0].mean() - left_half[..., 2].mean()) > 60, "the warm photo fills the left half"
    full = VisualRequest(headline=HEADLINE, description="", keywords=("bike",), size=(600, 900), palette="aurora",
                         seed=1, asset=str(source))
    with Image.open(CardEngine().render(full, tmp_path / "full.png")) as still:
        right = np.asarray(still.crop((300, 0, 600, 900)), dtype=np.float32)
        assert right[..., 0].mean() > right[..., 2].mean() + 30, "near its own shape the photo stays full-bleed"
