"""Openverse image search (no key; a licence per item, commercial-use licences asked for)."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from aios.tools.stock.base import Orientation, StockItem
from aios.tools.stock.client import HttpProvider, client_for

if TYPE_CHECKING:
    from aios.kernel.settings import Settings

READS = ("openverse_url", "home", "stock_cache_hours")
ASPECTS = {"portrait": "tall", "landscape": "wide", "square": "square"}


class Openverse(HttpProvider):
    """GET /v1/images/?q=&page_size=&license_type=commercial&mature=false -> {"results": [...]}."""

    name = "openverse"

    def search(self, query: str, count: int, orientation: Orientation) -> list[StockItem]:
        """Images for the query under licences that allow commercial use, in Openverse's order."""
        params = {"q": query, "page_size": max(1, min(count, 20)), "license_type": "commercial", "mature": "false",
                  **({"aspect_ratio": ASPECTS[orientation]} if orientation in ASPECTS else {})}
        body = self.client.get_json("/v1/images/", params)
        return [item(r) for r in body.get("results", []) if r.get("url") and not r.get("mature")]


def item(result: dict[str, Any]) -> StockItem:
    """An Openverse result as a StockItem (its title and tags describe it)."""
    tags = ", ".join(str(t.get("name", "")) for t in result.get("tags") or [] if t.get("name"))
    licence = str(result.get("license", ""))
    return StockItem(provider="openverse", id=str(result["id"]),
                     text=". ".join(p for p in (str(result.get("title") or ""), tags) if p), url=str(result["url"]),
                     page_url=str(result.get("foreign_landing_url") or ""), author=str(result.get("creator") or ""),
                     author_url=str(result.get("creator_url") or ""), licence=licence,
                     licence_url=str(result.get("license_url") or ""), width=int(result.get("width") or 0),
                     height=int(result.get("height") or 0),
                     extras={"source": str(result.get("source") or result.get("provider") or "")})


def build(settings: Settings) -> Openverse:
    """The catalog's factory (anonymous: about 200 requests a day)."""
    return Openverse(client_for(settings, "openverse", settings.openverse_url))
