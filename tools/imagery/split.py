"""Split screen: a picture whose shape is far from the video's (a portrait photo in a landscape video, a landscape one
in a vertical video) fills one half instead of being cropped to a sliver, and the headline is set in the other half
on the brand backdrop, inside the text zone."""

from __future__ import annotations

from PIL import Image, ImageDraw

from aios.tools.imagery import designs, focus
from aios.tools.imagery.designs import Box, Drawn
from aios.tools.imagery.layout import fit, line_height
from aios.tools.imagery.palettes import Palette

GAIN = 0.2  # split only when a half keeps at least this much more of the picture than the whole frame would
STACKED = 0.45  # the picture's share of the height when stacked (the captions' band takes the bottom)


def kept(picture: tuple[int, int], frame: tuple[int, int]) -> float:
    """The share of a picture a crop to the frame's shape keeps (1: same shape)."""
    a, b = picture[0] / picture[1], frame[0] / frame[1]
    return min(a, b) / max(a, b)


def halves(size: tuple[int, int], side: bool) -> tuple[Box, Box]:
    """The picture's half and the text's part of the frame: side by side (picture left), or stacked (picture on
    top, text below it down to the caption band)."""
    width, height = size
    left, top, right, bottom = designs.inner(size)
    pad = max(4, min(size) // 40)
    if side:
        middle = width // 2
        return (0, 0, middle, height), (middle + pad, top, right, bottom)
    middle = int(height * STACKED)
    return (0, 0, width, middle), (left, middle + pad, right, bottom)


def arrangement(picture: tuple[int, int], size: tuple[int, int]) -> bool | None:
    """Side by side (True), stacked (False), or no split (None) for a picture in a frame of `size`."""
    whole = kept(picture, size)
    options = {side: kept(picture, (b[2] - b[0], b[3] - b[1])) for side in (True, False)
               for b in [halves(size, side)[0]]}
    side = max(options, key=lambda s: options[s])
    if options[side] < whole + GAIN:
        return None
    text = halves(size, side)[1]
    if text[2] - text[0] < min(size) // 4 or text[3] - text[1] < min(size) // 8:  # no room for a headline
        return None
    return side


def draw_split(picture: Image.Image, size: tuple[int, int], side: bool, headline: str, palette: Palette,
               index: int, seed: int, glyphs: bool = True) -> tuple[Image.Image, Drawn]:
    """The frame: the picture fitted to its half around its subject, an accent rule along the seam, the headline
    in the text part on the backdrop (legible at 4.5:1, as every layout)."""
    canvas = designs.background(size, palette, index, seed)
    (px0, py0, px1, py1), (left, top, right, bottom) = halves(size, side)
    canvas.paste(focus.fit(picture, (px1 - px0, py1 - py0)), (px0, py0))
    rule = max(3, min(size) // 120)
    seam = (px1, 0, px1 + rule, size[1]) if side else (0, py1, size[0], py1 + rule)
    ImageDraw.Draw(canvas).rectangle(seam, fill=palette.accent)
    short = min(size)
    size_max = short // 11
    while True:  # the largest size whose lines fit the text part's height too
        face, lines = fit(ImageDraw.Draw(canvas), headline, right - left, 4, size_max, max(14, short // 28))
        height = line_height(face) * len(lines)
        if height <= bottom - top or size_max <= 14:
            break
        size_max = max(14, int(size_max * 0.9))
    y = top + max(0, (bottom - top - height) // 2)
    box = designs.text_block(canvas, lines, face, left, y, palette, glyphs=glyphs)
    return canvas, Drawn([box], [(px0, py0, px1, py1)])
