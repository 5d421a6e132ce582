"""What a stock photo provider returns and the protocol every provider adapter follows."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Protocol

from aios.kernel.errors import EngineError

Orientation = str  # "portrait", "landscape" or "square"


class StockError(EngineError):
    """A provider could not be searched or an item could not be fetched (the scene keeps its drawn card)."""


class RateLimited(StockError):
    """The provider answered 429 and asked to wait longer than we will (its quota is spent for now)."""


@dataclass(frozen=True)
class StockItem:
    """One picture a provider offers, with everything its licence asks us to credit."""

    provider: str
    id: str
    text: str  # what the provider says the picture shows (alt text, tags, title): used for ranking
    url: str  # the file to download
    page_url: str  # the item's page on the provider (credit link)
    author: str
    licence: str  # normalized: pexels, pixabay, cc0, pdm, by, by-sa, by-nc, ... (see tools/stock/licences.py)
    licence_url: str = ""
    author_url: str = ""
    width: int = 0
    height: int = 0
    extras: dict[str, str] = field(default_factory=dict)

    @property
    def ref(self) -> str:
        """provider:id, unique across providers."""
        return f"{self.provider}:{self.id}"

    def credit(self) -> str:
        """One credit line: what, by whom, where, under which licence."""
        licence = f"{self.licence_url or self.licence}"
        return f"{self.text[:80] or self.id} by {self.author or 'unknown'} ({self.provider}, {self.page_url}); " \
               f"licence: {licence}"


class StockProvider(Protocol):
    """Searches one stock library for photos."""

    name: str

    def search(self, query: str, count: int, orientation: Orientation) -> list[StockItem]:
        """Up to `count` photos for a keyword query, best first by the provider's own ranking."""
        ...

    def download(self, item: StockItem, out: Path) -> None:
        """Write the item's file to `out`."""
        ...
