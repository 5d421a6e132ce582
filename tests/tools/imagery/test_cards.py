"""Card engine: stills at the exact output size, palette-coloured, supplied images fitted."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from aios.kernel.settings import Settings
from aios.tools.imagery import VisualRequest, get_image_engine
from aios.tools.imagery.palettes import PALETTES

pytestmark = pytest.mark.slow  # renders or synthesizes real media


def request(**overrides: object) -> VisualRequest:
    fields: dict[str, object] = {"headline": "Spring Sale", "description": "",
                                 "keywords": ("flowers", "garden"), "size": (540, 960),
                                 "palette": "sunrise", "seed": 3, "label": "Brand"}
    return VisualRequest(**{**fields, **overrides})  # type: ignore[arg-type]


def test_card_has_output_size_palette_and_drawn_text(tmp_path: Path) -> None:
    out = get_image_engine("cards", Settings()).render(request(), tmp_path / "card.png")
    pixels = np.asarray(Image.open(out).convert("RGB")).astype(int)
    assert pixels.shape == (960, 540, 3)
    top = PALETTES["sunrise"].top
    assert np.abs(pixels[40, 270] - np.array(top)).sum() < 120
    text_band = pixels[int(960 * 0.3): int(960 * 0.5)]
    assert (np.abs(text_band - np.array(PALETTES["sunrise"].text)).sum(axis=2) < 60).sum() > 2000


def test_supplied_image_fills_the_frame(tmp_path: Path, photo: Path) -> None:
    out = get_image_engine("cards", Settings()).render(request(asset=str(photo), size=(960, 540)),
                                           tmp_path / "photo.png")
    pixels = np.asarray(Image.open(out).convert("RGB")).astype(int)
    assert pixels.shape == (540, 960, 3)
    middle = pixels[270, :, :]
    assert (middle[:, 1] > middle[:, 0]).any() and (middle[:, 0] > middle[:, 1]).any()
