"""The image engine protocol and its request."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol, runtime_checkable


@dataclass(frozen=True)
class VisualRequest:
    """Everything an engine needs to make one scene's still."""

    headline: str
    description: str
    keywords: tuple[str, ...]
    size: tuple[int, int]
    palette: str
    seed: int = 0
    label: str = ""
    asset: str | None = None
    extras: dict[str, str] = field(default_factory=dict)


@runtime_checkable
class ImageEngine(Protocol):
    """Writes a PNG still at exactly request.size."""

    name: str
    version: str

    def render(self, request: VisualRequest, out: Path) -> Path:
        """Draw or generate the still into out and return it."""
        ...
