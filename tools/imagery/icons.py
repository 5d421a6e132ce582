"""Icons for list layouts: Tabler's outline set (MIT, packaged by pytablericons), the one nearest a phrase chosen
by embedding the icons' names once (kept on disk), drawn in any colour and size."""

from __future__ import annotations

import hashlib
import os
import re
from collections.abc import Callable, Sequence
from functools import lru_cache
from pathlib import Path

import numpy as np
from PIL import Image

FALLBACK = "CIRCLE_CHECK"  # for a phrase no icon is near
NEAR = 0.3  # least cosine between a phrase and an icon's name
Embed = Callable[[Sequence[str]], np.ndarray]


@lru_cache(maxsize=1)
def names() -> tuple[str, ...]:
    """The outline icons' names, without the crossed-out ('_OFF') and numbered variants."""
    from pytablericons import OutlineIcon

    return tuple(i.name for i in OutlineIcon if not re.search(r"_(?:OFF|\d+)$", i.name))


def spoken(name: str) -> str:
    """An icon name as words ('CALENDAR_EVENT' -> 'calendar event')."""
    return name.lower().replace("_", " ")


class IconPicker:
    """Chooses icons for phrases by cosine between the phrase and each icon's name (names embedded once, cached)."""

    def __init__(self, embed: Embed, embedder: str, cache: Path) -> None:
        self.embed, self.embedder, self.cache = embed, embedder, cache
        self._vectors: np.ndarray | None = None

    def vectors(self) -> np.ndarray:
        """The names' embeddings: read from the cache, else computed and written there."""
        if self._vectors is None:
            from importlib.metadata import version

            key = hashlib.sha256(f"{self.embedder} {version('pytablericons')} {len(names())}".encode()).hexdigest()
            path = self.cache / f"icons-{key[:16]}.npy"
            if path.is_file():
                self._vectors = np.load(path)
            else:
                self._vectors = np.asarray(self.embed([spoken(n) for n in names()]), dtype=np.float32)
                try:
                    path.parent.mkdir(parents=True, exist_ok=True)
                    staged = path.with_suffix(f".{os.getpid()}.tmp.npy")
                    np.save(staged, self._vectors)
                    staged.replace(path)
                except OSError:  # a read-only cache: keep them for this process only
                    pass
        return self._vectors

    def pick(self, phrases: Sequence[str]) -> list[str]:
        """One icon per phrase, each different, FALLBACK where none is near."""
        if not phrases:
            return []
        scores = self.vectors() @ np.asarray(self.embed(list(phrases)), dtype=np.float32).T
        chosen: list[str] = []
        for column in range(len(phrases)):
            order = np.argsort(-scores[:, column])
            best = next((names()[i] for i in order[:20] if names()[i] not in chosen), names()[order[0]])
            chosen.append(best if scores[names().index(best), column] >= NEAR else FALLBACK)
        return chosen


def icon(name: str, size: int, colour: tuple[int, int, int]) -> Image.Image:
    """An RGBA picture of the icon, `size` pixels square, stroked in `colour`: the package's SVG sized through its
    viewBox and rasterized by pygame (pytablericons' own loader also scales by a transform, which pygame applies
    twice, cropping the icon)."""
    import contextlib
    import io
    from xml.etree import ElementTree

    import pytablericons
    from pytablericons import OutlineIcon

    with contextlib.redirect_stdout(None):  # pygame greets on import
        import pygame

    found = OutlineIcon[name] if name in OutlineIcon.__members__ else OutlineIcon[FALLBACK]
    svg = Path(pytablericons.__file__).parent / "icons" / "outline" / found.value
    ElementTree.register_namespace("", "http://www.w3.org/2000/svg")
    root = ElementTree.fromstring(svg.read_text(encoding="utf-8"))
    root.set("width", str(size))
    root.set("height", str(size))
    root.set("stroke", "#{:02x}{:02x}{:02x}".format(*colour))
    root.set("stroke-width", "2")
    surface = pygame.image.load(io.BytesIO(ElementTree.tostring(root, encoding="unicode").encode()), "icon.svg")
    return Image.frombytes("RGBA", surface.get_size(), pygame.image.tobytes(surface, "RGBA"))
