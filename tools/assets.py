"""Supplied assets: inspect image files and rank them against text (token overlap)."""

from __future__ import annotations

import warnings
from pathlib import Path
from typing import BinaryIO

from PIL import Image, UnidentifiedImageError
from pydantic import BaseModel

from aios.kernel.errors import InvalidInput, TooLarge
from aios.tools.text import content_words

IMAGE_SUFFIXES = frozenset({".png", ".jpg", ".jpeg", ".webp", ".bmp", ".gif", ".tif", ".tiff"})


class AssetInfo(BaseModel):
    """A supplied image with what retrieval knows about it."""

    path: str
    width: int
    height: int
    terms: list[str]
    relevance: float = 0.0


def limit_pixels(max_pixels: int) -> None:
    """Set the process's one pixel limit: Pillow refuses to open anything larger (a decompression bomb), wherever
    it is opened (its warning for images between the limit and twice it becomes the error)."""
    Image.MAX_IMAGE_PIXELS = max_pixels
    warnings.simplefilter("error", Image.DecompressionBombWarning)


def checked_size(source: str | Path | BinaryIO, name: str) -> tuple[int, int]:
    """Width and height of an image that is within the pixel limit and decodes completely.

    The header's size is checked before a pixel is decoded (TooLarge); a truncated or corrupt file is InvalidInput.
    """
    limit = Image.MAX_IMAGE_PIXELS
    try:
        with Image.open(source) as image:
            width, height = image.size
            if limit is not None and width * height > limit:
                raise TooLarge(f"{name} is larger than the {limit:,}-pixel limit here ({width}x{height})")
            image.load()
    except (Image.DecompressionBombError, Image.DecompressionBombWarning) as exc:
        raise TooLarge(f"{name} is larger than the {limit:,}-pixel limit here") from exc
    except (UnidentifiedImageError, OSError, SyntaxError, ValueError) as exc:
        raise InvalidInput(f"{name} is not a readable image (corrupt, truncated or of an unknown format)") from exc
    if width < 16 or height < 16:
        raise InvalidInput(f"{name} is too small to use ({width}x{height})")
    return width, height


def inspect_image(path: str) -> AssetInfo:
    """Open and fully decode an image; InvalidInput if it is missing, not an image, or too large (TooLarge)."""
    file = Path(path).expanduser()
    if not file.is_file():
        raise InvalidInput(f"asset not found: {file.name}")
    if file.suffix.lower() not in IMAGE_SUFFIXES:
        raise InvalidInput(f"asset {file.name} is not a supported image type ({file.suffix or 'no suffix'})")
    width, height = checked_size(file, f"asset {file.name}")
    terms = content_words(file.stem.replace("_", " ").replace("-", " "))
    return AssetInfo(path=str(file.resolve()), width=width, height=height, terms=terms)


def relevance(asset: AssetInfo, text: str) -> float:
    """Share of the asset's terms that occur in the text (0 when it has no terms)."""
    if not asset.terms:
        return 0.0
    vocabulary = set(content_words(text))
    stems = {w[:5] for w in vocabulary}
    hits = sum(1 for t in asset.terms if t in vocabulary or t[:5] in stems)
    return round(hits / len(asset.terms), 4)


def assign(assets: list[AssetInfo], texts: list[str]) -> list[str | None]:
    """Pick an asset per text: best relevance first, then unused assets in order.

    Every supplied asset is shown at least once when there are enough scenes; a scene with
    no relevant asset left gets None (a drawn card).
    """
    if not assets:
        return [None] * len(texts)
    chosen: list[str | None] = [None] * len(texts)
    unused = list(range(len(assets)))
    pairs = sorted(
        ((relevance(a, t), ti, ai) for ti, t in enumerate(texts) for ai, a in enumerate(assets)),
        key=lambda p: (-p[0], p[1], p[2]),
    )
    for score, ti, ai in pairs:
        if score > 0 and chosen[ti] is None and ai in unused:
            chosen[ti] = assets[ai].path
            unused.remove(ai)
    for ti in range(len(texts)):
        if chosen[ti] is None and unused:
            chosen[ti] = assets[unused.pop(0)].path
    return chosen
