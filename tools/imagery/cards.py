"""Pillow-drawn visuals: designed cards in a brand palette (tools/imagery/designs.py), or a supplied image, with
a headline."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np
from PIL import Image

from aios.tools.imagery import designs, focus, points, split
from aios.tools.imagery.base import VisualRequest
from aios.tools.imagery.palettes import PALETTES

if TYPE_CHECKING:
    from aios.kernel.settings import Settings


def _shade(image: Image.Image, strength: float = 0.55) -> Image.Image:
    """Darken the top and bottom so text stays legible over a photo."""
    width, height = image.size
    y = np.linspace(-1.0, 1.0, height, dtype=np.float32)
    alpha = (np.clip(np.abs(y) - 0.2, 0, 1) / 0.8 * strength * 255).astype(np.uint8)
    mask = Image.fromarray(np.repeat(alpha[:, None], width, axis=1))
    return Image.composite(Image.new("RGB", image.size, (0, 0, 0)), image, mask)


class CardEngine:
    """Draws designed cards (a layout per scene over a backdrop that changes per scene); shows a supplied image,
    shaded, with its headline in the text zone when the scene has one, or beside it (split screen) when its shape
    is far from the frame's."""

    name = "cards"
    version = "6"  # 6: a picture far from the frame's shape gets a split screen, others a lower third

    def render(self, request: VisualRequest, out: Path) -> Path:
        """Write the scene still as PNG at exactly request.size."""
        palette = PALETTES.get(request.palette, PALETTES["aurora"])
        layout = request.extras.get("layout", "statement")
        headline = request.headline or " ".join(request.keywords[:3]).title()
        # Another take of a scene's picture draws the backdrop of a later scene's style (with its own seed).
        index = int(request.extras.get("index", "0")) + int(request.extras.get("take", "1")) - 1
        if request.asset:
            with Image.open(request.asset) as source:
                side = None if request.extras.get("plain") or not headline else split.arrangement(
                    source.size, request.size)
                if side is not None:  # a picture far from the frame's shape: half the frame, the headline beside
                    canvas, _ = split.draw_split(source, request.size, side, headline, palette, index, request.seed)
                    canvas.save(out, format="PNG", optimize=False)
                    return out
                canvas = focus.fit(source, request.size)
            if request.extras.get("plain"):  # the picture alone, to be animated and captioned frame by frame
                canvas.save(out, format="PNG", optimize=False)
                return out
            canvas = _shade(canvas)
            layout = "lower"  # the picture's subject stays clear: its headline is a lower third
        else:
            canvas = designs.background(request.size, palette, index, request.seed)
            if request.extras.get("plain"):
                canvas.save(out, format="PNG", optimize=False)
                return out
        items, icons = request.extras.get("items", ""), request.extras.get("icons", "")
        if layout == "list" and items and not request.asset:
            points.draw_list(canvas, headline, items.split("\n"), icons.split("\n"), palette)
        elif layout == "quote" and request.extras.get("quote") and not request.asset:
            points.draw_quote(canvas, request.extras["quote"], request.extras.get("by", ""), palette)
        elif headline:
            designs.draw(canvas, "statement" if layout in ("list", "quote") else layout, headline, palette,
                         request.extras.get("url"))
        canvas.save(out, format="PNG", optimize=False)
        return out


READS: tuple[str, ...] = ()  # the settings an engine is built from (one engine per distinct values)


def build(settings: Settings) -> CardEngine:
    """The catalog's factory: drawn cards, offline."""
    return CardEngine()
