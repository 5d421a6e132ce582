"""Scene layouts for drawn cards: a title, a big figure callout, a statement, an end card with the web address and
its QR code; a background that changes from scene to scene. Text is placed only inside the text zone: below the
synthetic-media label's band, above the caption band, inside the safe area, so it never sits on other text."""

from __future__ import annotations

import io
import math
import random
import re
from dataclasses import dataclass, field

import numpy as np
from PIL import Image, ImageDraw, ImageFilter

from aios.tools.imagery.fonts import font
from aios.tools.imagery.layout import CAPTION_SCALE, fit, line_height, safe_area
from aios.tools.imagery.palettes import RGB, Palette
from aios.tools.text import enumeration, quotation

Box = tuple[int, int, int, int]
LAYOUTS = ("title", "callout", "statement", "end", "lower")
_FIGURE = re.compile(r"^(?:[$€£]\s?\d[\d,.]*\s?\w*|\d[\d,.]*\s?(?:%|\w+)?(?:\s+off)?|"
                     r"(?:January|February|March|April|May|June|July|August|September|October|November|"
                     r"December)\s+\d{1,2})", re.IGNORECASE)
_URL = re.compile(r"\b(?:https?://)?(?:[\w-]+\.)+(?:com|org|net|io|co|gov|edu|example|app|dev)(?:/[\w/.-]*[\w/])?",
                  re.IGNORECASE)


def zone(size: tuple[int, int]) -> Box:
    """Where a card's text may go: the safe area less the label's band at the top and the largest caption's at the
    bottom."""
    width, height = size
    short = min(size)
    left, top, right, bottom = safe_area(size)
    label = int(short / 40 * 1.2) + short // 80 + short // 40  # the label pill and a gap under it
    largest = max(CAPTION_SCALE.values())  # whichever caption size the job asks for
    caption = int(2 * line_height(font(max(16, int(short / 17 * largest)))) + 2 * (short // 60)) + short // 30
    return left, top + label, width - right, height - bottom - caption


def inner(size: tuple[int, int]) -> Box:
    """The text zone less room for a plate around text at its edges: where every layout draws."""
    pad = max(4, min(size) // 80)
    left, top, right, bottom = zone(size)
    return left + pad, top + pad, right - pad, bottom - pad


def figure(headline: str) -> tuple[str, str] | None:
    """A headline that leads with a figure, split into the figure and the rest ("20% off" -> ("20% off", ""))."""
    found = _FIGURE.match(headline.strip())
    if not found or not re.search(r"\d", found.group(0)):
        return None
    return found.group(0).strip(), headline.strip()[found.end():].strip(" ,:-")


def choose(headline: str, index: int, last: bool, narration: str = "") -> str:
    """The layout for a scene: the first is a title, the last an end card, a quote gets a quote card, a short list
    of things a list with icons, a figure a callout."""
    if index == 0:
        return "title"
    if last:
        return "end"
    if quotation(narration):
        return "quote"
    if enumeration(narration):
        return "list"
    return "callout" if figure(headline) else "statement"


def url_in(text: str) -> str | None:
    """The first web address a line names."""
    found = _URL.search(text)
    return found.group(0) if found else None


def luminance(rgb: tuple[float, ...]) -> float:
    """WCAG relative luminance of an sRGB colour (0-255 channels)."""
    def linear(c: float) -> float:
        c = c / 255
        return c / 12.92 if c <= 0.04045 else ((c + 0.055) / 1.055) ** 2.4
    r, g, b = (linear(c) for c in rgb[:3])
    return 0.2126 * r + 0.7152 * g + 0.0722 * b


def contrast(a: tuple[float, ...], b: tuple[float, ...]) -> float:
    """WCAG contrast ratio of two colours (1 to 21)."""
    la, lb = sorted((luminance(a), luminance(b)), reverse=True)
    return (la + 0.05) / (lb + 0.05)


def extremes(canvas: Image.Image, box: Box) -> list[tuple[float, ...]]:
    """The darkest and lightest colours behind a box (1st and 99th luminance percentiles)."""
    crop = np.asarray(canvas.crop(box).convert("RGB"), dtype=np.float32).reshape(-1, 3)
    if crop.size == 0:
        return [(0.0, 0.0, 0.0)]
    lum = crop @ np.array([0.2126, 0.7152, 0.0722], np.float32)
    order = np.argsort(lum)
    return [tuple(crop[order[len(order) // 100]]), tuple(crop[order[-1 - len(order) // 100]])]


def ink(canvas: Image.Image, box: Box, preferred: RGB) -> tuple[RGB, float]:
    """The text colour for a box and its worst contrast there: the palette's own when it reads at 4.5:1 against
    the darkest and lightest pixels behind the text, else white or near-black, whichever reads better."""
    behind = extremes(canvas, box)
    options = [(c, min(contrast(c, e) for e in behind)) for c in (preferred, (255, 255, 255), (20, 20, 28))]
    return next(((c, worst) for c, worst in options if worst >= 4.5), max(options, key=lambda o: o[1]))


def background(size: tuple[int, int], palette: Palette, index: int, seed: int) -> Image.Image:
    """A backdrop in the palette that changes with the scene: four styles in turn, their details seeded."""
    width, height = size
    rng = random.Random(seed)
    style = index % 4
    y, x = np.mgrid[0:height, 0:width].astype(np.float32)
    if style == 1:  # diagonal
        ramp = (x / width + y / height) / 2
    elif style == 3:  # radial, from an off-centre point
        cx, cy = rng.uniform(0.2, 0.8) * width, rng.uniform(0.2, 0.5) * height
        ramp = np.clip(np.hypot(x - cx, y - cy) / math.hypot(width, height), 0, 1) * 1.6
    else:
        ramp = y / height
    ramp = np.clip(ramp, 0, 1)[..., None]
    pixels = (1 - ramp) * np.array(palette.top, np.float32) + ramp * np.array(palette.bottom, np.float32)
    canvas = Image.fromarray(pixels.astype(np.uint8)).convert("RGBA")
    overlay = Image.new("RGBA", size, (0, 0, 0, 0))
    draw = ImageDraw.Draw(overlay)
    short = min(size)
    if style == 0:  # soft light spots
        for _ in range(4):
            r = rng.uniform(0.18, 0.42) * short
            px, py = rng.uniform(0, width), rng.uniform(0, height)
            draw.ellipse((px - r, py - r, px + r, py + r), fill=(*palette.accent, rng.randint(28, 60)))
        overlay = overlay.filter(ImageFilter.GaussianBlur(short * 0.06))
    elif style == 1:  # a broad accent band across a corner
        w = short * rng.uniform(0.25, 0.4)
        draw.polygon([(width - w * 2.2, 0), (width, 0), (width, w * 2.2)], fill=(*palette.accent, 70))
    elif style == 2:  # a block of accent along one side
        draw.rectangle((0, 0, int(width * 0.022), height), fill=(*palette.accent, 255))
        draw.rectangle((int(width * 0.022), 0, int(width * 0.032), height), fill=(*palette.accent, 90))
    else:  # a large ring
        r = short * rng.uniform(0.35, 0.5)
        px, py = rng.choice((0.15, 0.85)) * width, height * rng.uniform(0.6, 0.9)
        draw.ellipse((px - r, py - r, px + r, py + r), outline=(*palette.accent, 80), width=max(3, short // 60))
    return Image.alpha_composite(canvas, overlay).convert("RGB")


@dataclass
class Drawn:
    """What a layout put where: each text block's box (for checks of overlap and contrast) and its colour."""

    boxes: list[tuple[Box, RGB]]
    pictures: list[Box] = field(default_factory=list)  # a QR code's box


def text_block(canvas: Image.Image, lines: list[str], face: object, x: int, top: int, palette: Palette,
          centre: bool = False, right: int = 0, glyphs: bool = True) -> tuple[Box, RGB]:
    """Draw lines from (x, top), or centred between x and right; on a dark plate when no colour reads at 4.5:1 on
    the backdrop alone. The box it took (the plate's when there is one) and the text colour."""
    draw = ImageDraw.Draw(canvas, "RGBA")
    advance = line_height(face)  # type: ignore[arg-type]
    widths = [int(draw.textlength(line, font=face)) for line in lines]  # type: ignore[arg-type]
    left = x if not centre else (x + right - max(widths)) // 2
    box = (left, top, left + max(widths), top + advance * len(lines))
    colour, worst = ink(canvas, box, palette.text)
    if worst < 4.5:  # a busy or mid-tone backdrop: a plate under the text
        pad = max(4, min(canvas.size) // 80)
        box = (box[0] - pad, box[1] - pad, box[2] + pad, box[3] + pad)
        draw.rounded_rectangle(box, radius=pad * 2, fill=(0, 0, 0, 190))
        colour = (255, 255, 255)
    if glyphs:
        for row, (line, w) in enumerate(zip(lines, widths, strict=True)):
            lx = left if not centre else (x + right - w) // 2
            draw.text((lx, top + row * advance), line, font=face, fill=colour)  # type: ignore[arg-type]
    return box, colour


def draw(canvas: Image.Image, layout: str, headline: str, palette: Palette, url: str | None = None,
         glyphs: bool = True) -> Drawn:
    """Draw the layout on the canvas inside the text zone (without the letters themselves when `glyphs` is False,
    to see what is behind them); the boxes its text took."""
    left, top, right, bottom = inner(canvas.size)
    width, short = right - left, min(canvas.size)
    probe = ImageDraw.Draw(canvas)
    boxes: list[tuple[Box, RGB]] = []
    if layout == "callout" and (split := figure(headline)):
        big, rest = split
        face, lines = fit(probe, big, width, 1, short // 4, short // 10)
        height = line_height(face) + (line_height(font(short // 14)) * 2 if rest else 0)
        y = top + max(0, (bottom - top - height) // 2)
        boxes.append(text_block(canvas, lines, face, left, y, palette, glyphs=glyphs))
        bar_y = boxes[-1][0][3] + short // 60
        ImageDraw.Draw(canvas).rectangle((left, bar_y, left + width // 4, bar_y + max(4, short // 90)),
                                         fill=palette.accent)
        if rest:
            face2, lines2 = fit(probe, rest, width, 2, short // 14, max(14, short // 28))
            boxes.append(text_block(canvas, lines2, face2, left, bar_y + short // 30, palette, glyphs=glyphs))
        return Drawn(boxes)
    if layout == "end" and url:
        qr = _qr(url, int(min(width, bottom - top) * 0.38))
        face, lines = fit(probe, headline, width, 2, short // 10, max(14, short // 26))
        face_url = font(max(14, short // 26), bold=False)
        said = url.lower() in headline.lower()  # the headline already shows the address
        block = line_height(face) * len(lines) + short // 30 + qr.height + (
            0 if said else line_height(face_url) + short // 30)
        y = top + max(0, (bottom - top - block) // 2)
        boxes.append(text_block(canvas, lines, face, left, y, palette, centre=True, right=right, glyphs=glyphs))
        y = boxes[-1][0][3] + short // 30
        if not said:
            boxes.append(text_block(canvas, [url], face_url, left, y, palette, centre=True, right=right, glyphs=glyphs))
            y = boxes[-1][0][3] + short // 30
        x = left + (width - qr.width) // 2
        canvas.paste(qr, (x, y))
        return Drawn(boxes, [(x, y, x + qr.width, y + qr.height)])
    if layout == "lower":  # a lower third over a picture: two lines at most, just above the captions
        face, lines = fit(probe, headline, width, 2, short // 13, max(14, short // 28))
        y = bottom - line_height(face) * len(lines)
        boxes.append(text_block(canvas, lines, face, left, y, palette, glyphs=glyphs))
        rule = y - short // 40
        ImageDraw.Draw(canvas).rectangle((left, rule - max(4, short // 90), left + width // 6, rule),
                                         fill=palette.accent)
        return Drawn(boxes)
    centre = layout in ("title", "end")
    face, lines = fit(probe, headline, width, 3 if centre else 4, short // (7 if centre else 8), max(14, short // 26))
    height = line_height(face) * len(lines)
    y = top + max(0, (bottom - top - height) // 2) if centre else top + max(0, int((bottom - top) * 0.45) - height // 2)
    boxes.append(text_block(canvas, lines, face, left, y, palette, centre=centre, right=right, glyphs=glyphs))
    bar_y = boxes[-1][0][3] + short // 40
    bar_x = left if not centre else left + (width - width // 5) // 2
    if bar_y + max(4, short // 90) < bottom:
        ImageDraw.Draw(canvas).rectangle((bar_x, bar_y, bar_x + width // 5, bar_y + max(4, short // 90)),
                                         fill=palette.accent)
    return Drawn(boxes)


def _qr(url: str, size: int) -> Image.Image:
    """A QR code of the address, dark on white with its quiet zone, `size` pixels square."""
    import segno

    buffer = io.BytesIO()
    segno.make(url if "://" in url else f"https://{url}", error="m").save(buffer, kind="png", scale=10, border=2)
    buffer.seek(0)
    return Image.open(buffer).convert("RGB").resize((size, size), Image.Resampling.NEAREST)
