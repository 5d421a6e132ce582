"""Pexels photo search (API v1; key in the Authorization header; the Pexels licence, credit asked)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aios.tools.stock.base import Orientation, StockItem
from aios.tools.stock.client import HttpProvider, client_for, key_of
from aios.tools.stock.licences import URLS

if TYPE_CHECKING:
    from aios.kernel.settings import Settings

READS = ("pexels_api_key", "pexels_url", "home", "stock_cache_hours")


class Pexels(HttpProvider):
    """GET /v1/search?query=&per_page=&orientation= -> {"photos": [...]}."""

    name = "pexels"

    def search(self, query: str, count: int, orientation: Orientation) -> list[StockItem]:
        """Photos for the query, in Pexels' order."""
        body = self.client.get_json("/v1/search", {"query": query, "per_page": max(1, min(count, 80)),
                                                   "orientation": orientation})
        return [item(p) for p in body.get("photos", []) if p.get("src")]


def item(photo: dict[str, Any]) -> StockItem:
    """A Pexels photo object as a StockItem (the large2x rendition: about 1880 px on the long side)."""
    src = photo["src"]
    return StockItem(provider="pexels", id=str(photo["id"]), text=str(photo.get("alt") or ""),
                     url=str(src.get("large2x") or src.get("original")), page_url=str(photo.get("url", "")),
                     author=str(photo.get("photographer", "")), author_url=str(photo.get("photographer_url", "")),
                     licence="pexels", licence_url=URLS["pexels"], width=int(photo.get("width", 0)),
                     height=int(photo.get("height", 0)))


def build(settings: Settings) -> Pexels:
    """The catalog's factory: needs AIOS_PEXELS_API_KEY."""
    key = key_of(settings.pexels_api_key, "pexels", "AIOS_PEXELS_API_KEY")
    return Pexels(client_for(settings, "pexels", settings.pexels_url, {"Authorization": key}))
