"""Stock photo providers behind one protocol (the STOCK catalog): Pexels, Pixabay, Openverse, Wikimedia Commons."""

from __future__ import annotations

from functools import partial
from typing import TYPE_CHECKING

from aios.kernel.catalogs import STOCK
from aios.kernel.errors import ConfigurationError
from aios.tools.cache import BuiltOnce, settings_key
from aios.tools.stock.base import RateLimited, StockError, StockItem, StockProvider

if TYPE_CHECKING:
    from aios.kernel.settings import Settings

_built: BuiltOnce[StockProvider] = BuiltOnce()


def get_stock_providers(settings: Settings) -> list[StockProvider]:
    """The providers AIOS_STOCK_PROVIDERS names, in that order, each built once per configuration."""
    found: list[StockProvider] = []
    for name in settings.stock_providers:
        module = STOCK.load(name, ConfigurationError)
        found.append(_built.get((name, settings_key(settings, module.READS)), partial(module.build, settings)))
    return found


__all__ = ["RateLimited", "StockError", "StockItem", "StockProvider", "get_stock_providers"]
