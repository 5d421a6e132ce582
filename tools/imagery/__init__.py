"""Visual engines behind one protocol: drawn cards or a supplied image, at output size."""

from __future__ import annotations

from collections.abc import Callable

from agent.errors import ConfigurationError
from tools.imagery.base import ImageEngine, VisualRequest
from tools.imagery.cards import CardEngine

ENGINES: dict[str, Callable[[], ImageEngine]] = {"cards": CardEngine}


def get_image_engine(name: str) -> ImageEngine:
    """The image engine registered under `name`."""
    try:
        return ENGINES[name]()
    except KeyError:
        raise ConfigurationError(
            f"unknown image engine {name!r}; choose one of {sorted(ENGINES)}"
        ) from None


__all__ = ["ENGINES", "ImageEngine", "VisualRequest", "get_image_engine"]
