"""Pillow-drawn visuals: typographic cards in a brand palette, or a supplied image, with a headline."""

from __future__ import annotations

import random
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PIL import Image, ImageDraw, ImageFilter, ImageOps

from aios.tools.imagery.base import VisualRequest
from aios.tools.imagery.fonts import font
from aios.tools.imagery.layout import fit, line_height
from aios.tools.imagery.palettes import PALETTES, Palette

if TYPE_CHECKING:
    from aios.kernel.settings import Settings


def _gradient(size: tuple[int, int], top: tuple[int, ...], bottom: tuple[int, ...]) -> Image.Image:
    width, height = size
    ramp = np.linspace(0.0, 1.0, height, dtype=np.float32)[:, None, None]
    colours = (1 - ramp) * np.array(top, np.float32) + ramp * np.array(bottom, np.float32)
    return Image.fromarray(np.repeat(colours, width, axis=1).astype(np.uint8))


def _shade(image: Image.Image, strength: float = 0.55) -> Image.Image:
    """Darken the top and bottom so text stays legible over a photo."""
    width, height = image.size
    y = np.linspace(-1.0, 1.0, height, dtype=np.float32)
    alpha = (np.clip(np.abs(y) - 0.2, 0, 1) / 0.8 * strength * 255).astype(np.uint8)
    mask = Image.fromarray(np.repeat(alpha[:, None], width, axis=1))
    return Image.composite(Image.new("RGB", image.size, (0, 0, 0)), image, mask)


class CardEngine:
    """Draws keyword-led typographic cards; shows a supplied image when the scene has one."""

    name = "cards"
    version = "1"

    def render(self, request: VisualRequest, out: Path) -> Path:
        """Write the scene still as PNG at exactly request.size."""
        palette = PALETTES.get(request.palette, PALETTES["aurora"])
        if request.asset:
            with Image.open(request.asset) as source:
                fitted = ImageOps.fit(source.convert("RGB"), request.size, Image.Resampling.LANCZOS)
            if request.extras.get("plain"):  # the picture alone, to be animated and captioned frame by frame
                fitted.save(out, format="PNG", optimize=False)
                return out
            canvas = _shade(fitted)
            text_colour: tuple[int, int, int] = (255, 255, 255)
        else:
            canvas = self._background(request, palette)
            text_colour = palette.text
            if request.extras.get("plain"):
                canvas.save(out, format="PNG", optimize=False)
                return out
        self._headline(canvas, request, palette, text_colour)
        canvas.save(out, format="PNG", optimize=False)
        return out

    def _background(self, request: VisualRequest, palette: Palette) -> Image.Image:
        width, height = request.size
        canvas = _gradient(request.size, palette.top, palette.bottom)
        rng = random.Random(request.seed)
        glow = Image.new("RGBA", request.size, (0, 0, 0, 0))
        draw = ImageDraw.Draw(glow)
        short = min(width, height)
        for _ in range(4):
            radius = rng.uniform(0.18, 0.42) * short
            cx, cy = rng.uniform(0, width), rng.uniform(0, height)
            colour = (*palette.accent, rng.randint(28, 60))
            draw.ellipse((cx - radius, cy - radius, cx + radius, cy + radius), fill=colour)
        glow = glow.filter(ImageFilter.GaussianBlur(short * 0.06))
        canvas = Image.alpha_composite(canvas.convert("RGBA"), glow).convert("RGB")
        stripe = ImageDraw.Draw(canvas)
        stripe.rectangle((0, 0, width, max(4, height // 120)), fill=palette.accent)
        return canvas

    def _headline(
        self,
        canvas: Image.Image,
        request: VisualRequest,
        palette: Palette,
        colour: tuple[int, int, int],
    ) -> None:
        width, height = canvas.size
        draw = ImageDraw.Draw(canvas)
        short = min(width, height)
        margin = int(width * 0.08)
        headline = request.headline or " ".join(request.keywords[:3]).title()
        if request.label:
            draw.text(
                (margin, int(height * 0.06)), request.label.upper(), font=font(max(12, short // 34)),
                fill=(*colour, 255),
            )
        if not headline:
            return
        face, lines = fit(draw, headline, width - 2 * margin, 4, short // 8, max(14, short // 26))
        advance = line_height(face)
        block = advance * len(lines)
        top = int(height * 0.40) - block // 2
        for row, line in enumerate(lines):
            y = top + row * advance
            draw.text((margin + 3, y + 3), line, font=face, fill=(0, 0, 0))
            draw.text((margin, y), line, font=face, fill=colour)
        bar_y = top + block + advance // 4
        draw.rectangle((margin, bar_y, margin + width // 5, bar_y + max(4, short // 90)),
                       fill=palette.accent)
        chips = [k for k in request.keywords if k.lower() not in headline.lower()][:3]
        self._chips(draw, chips, margin, bar_y + short // 30, width - 2 * margin, short, palette)

    def _chips(
        self,
        draw: ImageDraw.ImageDraw,
        words: list[str],
        x: int,
        y: int,
        room: int,
        short: int,
        palette: Palette,
    ) -> None:
        face = font(max(12, short // 30))
        pad = short // 60
        for word in words:
            label = f"#{word}"
            w = int(draw.textlength(label, font=face)) + 2 * pad
            if x + w > room + short:
                break
            h = int(getattr(face, "size", 12) * 1.5)
            draw.rounded_rectangle((x, y, x + w, y + h), radius=h // 2, fill=palette.accent)
            draw.text((x + pad, y + h // 6), label, font=face, fill=palette.top)
            x += w + pad


READS: tuple[str, ...] = ()  # the settings an engine is built from (one engine per distinct values)


def build(settings: Settings) -> CardEngine:
    """The catalog's factory: drawn cards, offline."""
    return CardEngine()
