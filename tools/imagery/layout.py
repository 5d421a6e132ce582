"""Text layout: wrap and size text to fit a box (shared by cards and captions)."""

from __future__ import annotations

from PIL import ImageDraw

from aios.tools.imagery.fonts import Font, font

# Caption size presets as a share of the default caption font (cards keep clear of the largest).
CAPTION_SCALE = {"small": 0.8, "medium": 1.0, "large": 1.25}


def text_width(draw: ImageDraw.ImageDraw, text: str, face: Font) -> float:
    """Rendered width of one line in pixels."""
    return draw.textlength(text, font=face)


def wrap(draw: ImageDraw.ImageDraw, text: str, face: Font, width: float) -> list[str]:
    """Greedy word wrap into lines no wider than width (a long word stands alone)."""
    lines: list[str] = []
    current = ""
    for word in text.split():
        trial = f"{current} {word}".strip()
        if current and text_width(draw, trial, face) > width:
            lines.append(current)
            current = word
        else:
            current = trial
    if current:
        lines.append(current)
    return lines


def fit(
    draw: ImageDraw.ImageDraw,
    text: str,
    width: float,
    max_lines: int,
    max_size: int,
    min_size: int,
    bold: bool = True,
) -> tuple[Font, list[str]]:
    """The largest font size whose wrapped text fits in width and max_lines."""
    size = max_size
    while True:
        face = font(size, bold)
        lines = wrap(draw, text, face, width)
        widest = max((text_width(draw, ln, face) for ln in lines), default=0)
        if (len(lines) <= max_lines and widest <= width) or size <= min_size:
            return face, lines[:max_lines] if size > min_size else lines
        size = max(min_size, int(size * 0.9))


def line_height(face: Font) -> int:
    """Line advance for a font: its size with a little leading."""
    return int(getattr(face, "size", 12) * 1.18)


def safe_area(frame: tuple[int, int]) -> tuple[int, int, int, int]:
    """Margins (left, top, right, bottom) in pixels that captions and labels stay inside.

    Vertical video keeps clear of the platform's own buttons and captions (bottom fifth, top tenth);
    landscape uses the broadcast title-safe 5%; square and 4:5 sit in between.
    """
    width, height = frame
    if height > width * 1.5:
        fractions = (0.06, 0.10, 0.06, 0.20)
    elif width > height * 1.5:
        fractions = (0.05, 0.05, 0.05, 0.08)
    else:
        fractions = (0.06, 0.06, 0.06, 0.12)
    return (int(width * fractions[0]), int(height * fractions[1]),
            int(width * fractions[2]), int(height * fractions[3]))
