"""Wikimedia Commons file search (MediaWiki API, no key, a User-Agent required; a licence per file)."""

from __future__ import annotations

import html
import re
from typing import TYPE_CHECKING, Any

from aios.tools.stock.base import Orientation, StockItem
from aios.tools.stock.client import HttpProvider, StockClient, client_for

if TYPE_CHECKING:
    from aios.kernel.settings import Settings

READS = ("wikimedia_url", "home", "stock_cache_hours")
TAG = re.compile(r"<[^>]+>")


class Wikimedia(HttpProvider):
    """GET /w/api.php?action=query&generator=search&gsrnamespace=6&prop=imageinfo&iiprop=url|size|mime|extmetadata."""

    name = "wikimedia"

    def __init__(self, client: StockClient, width: int = 1920) -> None:
        self.client, self.width = client, width

    def search(self, query: str, count: int, orientation: Orientation) -> list[StockItem]:
        """Bitmap files for the query, in the search's order (Commons has no orientation filter)."""
        params = {"action": "query", "format": "json", "formatversion": "2", "generator": "search",
                  "gsrsearch": f"{query} filetype:bitmap", "gsrnamespace": "6", "gsrlimit": max(1, min(count, 50)),
                  "prop": "imageinfo", "iiprop": "url|size|mime|extmetadata", "iiurlwidth": self.width}
        pages = (self.client.get_json("/w/api.php", params).get("query") or {}).get("pages") or []
        if isinstance(pages, dict):  # formatversion=1 answers a map by page id
            pages = list(pages.values())
        found = [item(p) for p in sorted(pages, key=lambda p: p.get("index", 0)) if p.get("imageinfo")]
        return [f for f in found if f is not None]


def plain(value: str) -> str:
    """Commons metadata is HTML: tags dropped, entities decoded, spaces collapsed."""
    return " ".join(html.unescape(TAG.sub(" ", value)).split())


def item(page: dict[str, Any]) -> StockItem | None:
    """A Commons file page as a StockItem (None for files that are not JPEG/PNG/WebP pictures)."""
    info = page["imageinfo"][0]
    if info.get("mime") not in ("image/jpeg", "image/png", "image/webp"):
        return None
    meta = {k: plain(str(v.get("value", ""))) for k, v in (info.get("extmetadata") or {}).items()}
    title = str(page.get("title", "")).removeprefix("File:").rsplit(".", 1)[0]
    return StockItem(provider="wikimedia", id=str(page.get("pageid", title)),
                     text=". ".join(p for p in (title, meta.get("ImageDescription", "")) if p)[:300],
                     url=str(info.get("thumburl") or info["url"]), page_url=str(info.get("descriptionurl", "")),
                     author=meta.get("Artist", ""), licence=meta.get("LicenseShortName", "unknown"),
                     licence_url=meta.get("LicenseUrl", ""), width=int(info.get("width", 0)),
                     height=int(info.get("height", 0)))


def build(settings: Settings) -> Wikimedia:
    """The catalog's factory."""
    return Wikimedia(client_for(settings, "wikimedia", settings.wikimedia_url))
