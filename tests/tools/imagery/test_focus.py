"""Cropping around the subject: a salient object off-centre stays in frame, above the caption band."""

from __future__ import annotations

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from aios.tools.imagery.focus import fit, focus


def photo_with_subject(size: tuple[int, int], centre: tuple[int, int], radius: int) -> Image.Image:
    rng = np.random.default_rng(4)
    base = (rng.normal(120, 6, (size[1], size[0], 3))).clip(0, 255).astype(np.uint8)  # a plain, slightly noisy wall
    image = Image.fromarray(base).filter(ImageFilter.GaussianBlur(2))
    draw = ImageDraw.Draw(image)
    x, y = centre
    draw.ellipse((x - radius, y - radius, x + radius, y + radius), fill=(230, 40, 40))
    draw.rectangle((x - radius // 3, y - radius // 3, x + radius // 3, y + radius // 3), fill=(20, 20, 160))
    return image


def subject_at(image: Image.Image) -> tuple[float, float]:
    pixels = np.asarray(image, dtype=np.int32)
    red = (pixels[..., 0] > 180) & (pixels[..., 1] < 100)
    rows, columns = np.nonzero(red)
    return columns.mean() / image.width, rows.mean() / image.height


def test_the_subject_is_found_where_it_is() -> None:
    x, y = focus(photo_with_subject((1200, 800), (960, 300), 90))
    assert abs(x - 0.8) < 0.08 and abs(y - 0.375) < 0.1


def test_an_off_centre_subject_survives_an_upright_crop_and_sits_above_the_captions() -> None:
    picture = photo_with_subject((1600, 900), (1350, 700), 110)
    cropped = fit(picture, (360, 640))
    assert cropped.size == (360, 640)
    x, y = subject_at(cropped)
    assert 0.3 < x < 0.7 and y < 0.8  # a centre crop would have cut it out entirely
    centre = picture.crop((800 - 253, 0, 800 + 253, 900)).resize((360, 640))
    assert not ((np.asarray(centre)[..., 0] > 180) & (np.asarray(centre)[..., 1] < 100)).any()


def test_a_picture_with_no_subject_is_cropped_about_its_centre() -> None:
    flat = Image.new("RGB", (1000, 500), (90, 90, 90))
    assert fit(flat, (500, 500)).size == (500, 500)
    x, y = focus(flat)
    assert (x, y) == (0.5, 0.5) or (abs(x - 0.5) < 0.2 and abs(y - 0.5) < 0.2)
