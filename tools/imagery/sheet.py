"""Contact sheets: every scene's frame in one image, each with its number, length and line, for reviewers."""

from __future__ import annotations

import math
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path

from PIL import Image, ImageDraw

from aios.tools.imagery.fonts import Font, font
from aios.tools.imagery.layout import line_height, wrap

PAPER, INK, BADGE = (250, 250, 248), (24, 24, 28), (20, 20, 24)


@dataclass(frozen=True)
class Tile:
    """One scene on the sheet."""

    frame: Path
    number: int
    line: str
    seconds: float


def columns_for(count: int, upright: bool) -> int:
    """Columns that keep the sheet about as wide as it is tall: more for upright frames."""
    return max(1, min(count, math.ceil(math.sqrt(count * (2.0 if upright else 1.0)))))


def contact_sheet(tiles: Sequence[Tile], out: Path, title: str = "", cell_width: int = 320,
                  line_count: int = 3) -> Path:
    """Write a PNG: a title, then the frames in reading order, each with its number badge and up to `line_count`
    lines of its narration (cut with an ellipsis)."""
    if not tiles:
        raise ValueError("a contact sheet needs at least one scene")
    with Image.open(tiles[0].frame) as first:
        aspect = first.height / first.width
    cell = (cell_width, int(round(cell_width * aspect)))
    gap, body = 16, font(15, bold=False)
    text_h = line_height(body) * line_count + 8
    columns = columns_for(len(tiles), aspect > 1.2)
    rows = math.ceil(len(tiles) / columns)
    header = 56 if title else gap
    sheet = Image.new("RGB", (gap + columns * (cell[0] + gap), header + rows * (cell[1] + text_h + gap)), PAPER)
    draw = ImageDraw.Draw(sheet)
    if title:
        draw.text((gap, 14), title, font=font(24), fill=INK)
    for n, tile in enumerate(tiles):
        x = gap + (n % columns) * (cell[0] + gap)
        y = header + (n // columns) * (cell[1] + text_h + gap)
        with Image.open(tile.frame) as frame:
            sheet.paste(frame.convert("RGB").resize(cell, Image.Resampling.LANCZOS), (x, y))
        label = f"{tile.number} · {tile.seconds:.1f} s"
        badge = font(16)
        width = int(draw.textlength(label, font=badge)) + 14
        draw.rounded_rectangle((x + 6, y + 6, x + 6 + width, y + 32), radius=6, fill=BADGE)
        draw.text((x + 13, y + 10), label, font=badge, fill=(255, 255, 255))
        lines = wrap(draw, tile.line, body, cell[0])
        if len(lines) > line_count:
            lines = [*lines[:line_count - 1], _ellipsis(draw, lines[line_count - 1], body, cell[0])]
        for k, text in enumerate(lines):
            draw.text((x, y + cell[1] + 6 + k * line_height(body)), text, font=body, fill=INK)
    sheet.save(out, format="PNG", optimize=True)
    return out


def _ellipsis(draw: ImageDraw.ImageDraw, text: str, face: Font, width: int) -> str:
    """The line with '…' added, words dropped until it fits."""
    words = text.split()
    while words and draw.textlength(" ".join(words) + " …", font=face) > width:
        words.pop()
    return " ".join(words) + " …"
