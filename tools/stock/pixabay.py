"""Pixabay photo search (key as a query parameter; answers cached 24 h and files downloaded, never hotlinked)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aios.tools.stock.base import Orientation, StockItem
from aios.tools.stock.client import HttpProvider, StockClient, client_for, key_of
from aios.tools.stock.licences import URLS

if TYPE_CHECKING:
    from aios.kernel.settings import Settings

READS = ("pixabay_api_key", "pixabay_url", "home", "stock_cache_hours")
ORIENTATIONS = {"portrait": "vertical", "landscape": "horizontal"}


class Pixabay(HttpProvider):
    """GET /api/?key=&q=&image_type=photo&per_page=&safesearch=true -> {"totalHits": n, "hits": [...]}."""

    name = "pixabay"

    def __init__(self, client: StockClient, key: str) -> None:
        self.client, self.key = client, key

    def search(self, query: str, count: int, orientation: Orientation) -> list[StockItem]:
        """Photos for the query (at most 100 characters, as Pixabay requires), in Pixabay's order."""
        params = {"key": self.key, "q": query[:100], "image_type": "photo", "per_page": max(3, min(count, 200)),
                  "safesearch": "true", **({"orientation": ORIENTATIONS[orientation]}
                                           if orientation in ORIENTATIONS else {})}
        return [item(h) for h in self.client.get_json("/api/", params).get("hits", [])]


def item(hit: dict[str, Any]) -> StockItem:
    """A Pixabay hit as a StockItem (largeImageURL: 1280 px on the long side)."""
    user, user_id = str(hit.get("user", "")), str(hit.get("user_id", ""))
    return StockItem(provider="pixabay", id=str(hit["id"]), text=str(hit.get("tags", "")),
                     url=str(hit.get("largeImageURL") or hit.get("webformatURL")), page_url=str(hit.get("pageURL", "")),
                     author=user, author_url=f"https://pixabay.com/users/{user}-{user_id}/" if user else "",
                     licence="pixabay", licence_url=URLS["pixabay"], width=int(hit.get("imageWidth", 0)),
                     height=int(hit.get("imageHeight", 0)))


def build(settings: Settings) -> Pixabay:
    """The catalog's factory: needs AIOS_PIXABAY_API_KEY."""
    key = key_of(settings.pixabay_api_key, "pixabay", "AIOS_PIXABAY_API_KEY")
    return Pixabay(client_for(settings, "pixabay", settings.pixabay_url), key)
