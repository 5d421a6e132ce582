"""Two more card layouts: a list of up to three points, each beside an icon, under a small headline; and a quote,
with who said it. Both keep inside the text zone, pick a text colour that reads (or a plate), as designs.py does."""

from __future__ import annotations

from PIL import Image, ImageDraw

from aios.tools.imagery.designs import Box, Drawn, contrast, extremes, inner, text_block
from aios.tools.imagery.fonts import font
from aios.tools.imagery.icons import icon
from aios.tools.imagery.layout import fit, line_height
from aios.tools.imagery.palettes import RGB, Palette


def icon_colour(canvas: Image.Image, box: Box, accent: RGB) -> RGB:
    """The accent where it stands out (3:1, WCAG's bar for graphics) against what is behind the icon, else white
    or near-black."""
    behind = extremes(canvas, box)
    for colour in (accent, (255, 255, 255), (20, 20, 28)):
        if min(contrast(colour, b) for b in behind) >= 3.0:
            return colour
    return (255, 255, 255)


def draw_list(canvas: Image.Image, headline: str, items: list[str], icons: list[str], palette: Palette,
              glyphs: bool = True) -> Drawn:
    """A small headline, then one row per item: its icon, then its words (one or two lines)."""
    left, top, right, bottom = inner(canvas.size)
    width, short = right - left, min(canvas.size)
    probe = ImageDraw.Draw(canvas)
    boxes: list[tuple[Box, RGB]] = []
    rows = items[:3]
    if any(headline.lower() in item.lower() for item in rows):  # the headline only repeats an item
        headline = ""
    head_face, head_lines = fit(probe, headline, width, 2, short // 14, max(14, short // 28))
    head_h = line_height(head_face) * len(head_lines) if headline else 0
    gap = short // 30
    row_h = min(short // 5, (bottom - top - head_h - gap * (len(rows) + 1)) // max(1, len(rows)))
    side = int(row_h * 0.7)
    biggest = max(12, int(row_h / 2 / 1.18))  # two lines of an item fit its row
    face, _ = fit(probe, max(rows, key=len), width - side - gap, 2, biggest, min(biggest, max(12, short // 34)))
    block = head_h + gap + len(rows) * row_h + (len(rows) - 1) * gap // 2
    y = top + max(0, (bottom - top - block) // 2)
    if headline:
        boxes.append(text_block(canvas, head_lines, head_face, left, y, palette, glyphs=glyphs))
        y = boxes[-1][0][3] + gap
    for item, name in zip(rows, icons, strict=False):
        spot = (left, y + (row_h - side) // 2, left + side, y + (row_h - side) // 2 + side)
        picture = icon(name, side, icon_colour(canvas, spot, palette.accent))
        canvas.paste(picture, spot[:2], picture)
        lines = fit(probe, item, width - side - gap, 2, int(getattr(face, "size", 20)), max(12, short // 34))[1]
        text_top = y + max(0, (row_h - line_height(face) * len(lines)) // 2)
        boxes.append(text_block(canvas, lines, face, left + side + gap, text_top, palette, glyphs=glyphs))
        y += row_h + gap // 2
    return Drawn(boxes, [])


def draw_quote(canvas: Image.Image, quote: str, speaker: str, palette: Palette, glyphs: bool = True) -> Drawn:
    """A large opening quotation mark in the accent, the words said, then '— who said them'."""
    left, top, right, bottom = inner(canvas.size)
    width, short = right - left, min(canvas.size)
    probe = ImageDraw.Draw(canvas)
    mark = font(short // 5)
    by_face = font(max(14, short // 28), bold=False)
    mark_h = line_height(mark) // 2
    room = bottom - top - mark_h - (short // 30 + line_height(by_face) if speaker else 0)
    size = short // 12
    while True:  # the largest size whose lines (at most five) fit the zone's height as well as its width
        face, lines = fit(probe, quote, width, 5, size, max(14, short // 30))
        if line_height(face) * len(lines) <= room or size <= max(14, short // 30):
            break
        size = max(14, int(size * 0.9))
    block = mark_h + line_height(face) * len(lines) + (short // 30 + line_height(by_face) if speaker else 0)
    y = top + max(0, (bottom - top - block) // 2)
    spot = (left, y, left + short // 6, y + mark_h)
    if glyphs:
        ImageDraw.Draw(canvas).text((left, y - line_height(mark) // 4), "“", font=mark,
                                    fill=icon_colour(canvas, spot, palette.accent))
    boxes = [text_block(canvas, lines, face, left, y + mark_h, palette, glyphs=glyphs)]
    if speaker:
        boxes.append(text_block(canvas, [f"— {speaker}"], by_face, left, boxes[-1][0][3] + short // 30, palette,
                                glyphs=glyphs))
    return Drawn(boxes, [])
