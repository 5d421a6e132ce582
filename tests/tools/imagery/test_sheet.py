"""Contact sheets: a grid in reading order, as many columns as the frames' shape suits."""

from __future__ import annotations

from pathlib import Path

import pytest
from PIL import Image

from aios.tools.imagery.sheet import Tile, columns_for, contact_sheet


def frame(path: Path, size: tuple[int, int], color: tuple[int, int, int]) -> Path:
    Image.new("RGB", size, color).save(path)
    return path


def test_frames_land_in_reading_order_at_the_cell_size(tmp_path: Path) -> None:
    colors = [(200, 30, 30), (30, 200, 30), (30, 30, 200)]
    tiles = [Tile(frame(tmp_path / f"{i}.png", (640, 360), c), i + 1, "A line " * 40, 2.5)
             for i, c in enumerate(colors)]
    out = contact_sheet(tiles, tmp_path / "sheet.png", title="Wide", cell_width=200)
    with Image.open(out) as image:
        assert columns_for(3, upright=False) == 2
        assert image.width == 16 + 2 * (200 + 16)
        rgb = image.convert("RGB")
        assert rgb.getpixel((16 + 150, 56 + 80)) == colors[0]  # right of the number badge
        assert rgb.getpixel((16 + 216 + 150, 56 + 80)) == colors[1]
        assert rgb.getpixel((16 + 150, 56 + 112 + 60 + 16 + 80)) == colors[2]


def test_an_empty_storyboard_has_no_sheet(tmp_path: Path) -> None:
    with pytest.raises(ValueError, match="at least one scene"):
        contact_sheet([], tmp_path / "sheet.png")


def test_upright_frames_sit_more_to_a_row() -> None:
    assert columns_for(6, upright=True) > columns_for(6, upright=False)
    assert columns_for(1, upright=True) == 1
