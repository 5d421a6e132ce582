"""Finish a generated picture as a scene still: fitted to the output size, with the scene's headline drawn on."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from PIL import Image

from aios.tools.imagery import focus
from aios.tools.imagery.base import VisualRequest
from aios.tools.imagery.cards import CardEngine


def prompt(request: VisualRequest, style: str, *more: str) -> str:
    """A generator's prompt: the scene's visual description (else its headline), keywords, brand style, and more."""
    parts = [request.description or request.headline, ", ".join(request.keywords), style, *more]
    return ". ".join(p.strip().rstrip(".") for p in parts if p and p.strip())


def finish(picture: Image.Image, request: VisualRequest, out: Path) -> Path:
    """Crop to the output's aspect, resize (Lanczos) to request.size, then draw the headline as on any photo."""
    staged = out.with_name(out.stem + "-picture.png")
    focus.fit(picture, request.size).save(staged)
    try:
        return CardEngine().render(replace(request, asset=str(staged)), out)
    finally:
        staged.unlink(missing_ok=True)


def aspect_closest(sizes: list[str], size: tuple[int, int]) -> str:
    """Of sizes like '1024x1536', the one whose aspect is nearest the output's."""
    def distance(choice: str) -> float:
        width, height = (int(v) for v in choice.lower().split("x"))
        return abs(width / height - size[0] / size[1])

    return min(sizes, key=distance)


def caption(picture: Path, request: VisualRequest, out: Path) -> Path:
    """Draw the scene's headline (and the shade under it) on a plain picture at output size."""
    extras = {k: v for k, v in request.extras.items() if k != "plain"}
    return CardEngine().render(replace(request, asset=str(picture), extras=extras), out)


def plain(request: VisualRequest) -> VisualRequest:
    """The same request without the headline drawn: the picture alone."""
    return replace(request, extras={**request.extras, "plain": "1"})
