"""The asset library the settings choose: embedder plus LanceDB (embedded) or Weaviate, files under AIOS_HOME."""

from __future__ import annotations

from aios.kernel.catalogs import INDEXES
from aios.kernel.errors import ConfigurationError
from aios.kernel.settings import Settings
from aios.tools.cache import BuiltOnce
from aios.tools.library.embeddings import get_embedder
from aios.tools.library.index import AssetIndex
from aios.tools.library.library import Library
from aios.tools.storage import share

_open: BuiltOnce[Library] = BuiltOnce()


def get_library(settings: Settings) -> Library:
    """One Library per (data dir, index, embedder) in this process (API threads share it)."""
    return _open.get((str(settings.data_dir), settings.index, settings.embeddings), lambda: _build(settings))


def _build(settings: Settings) -> Library:
    """Connect the embedder and the index the settings name (the EMBEDDINGS and INDEXES catalogs)."""
    embedder = get_embedder(settings)
    index: AssetIndex = INDEXES.load(settings.index, ConfigurationError)(settings, embedder)
    return Library(index, embedder, settings.data_dir / "library", on_stored=lambda path: share(settings, [path]))


def library_for(settings: Settings, tenant: str) -> Library | None:
    """The library when the tenant has anything in it; None otherwise (and nothing heavy is loaded)."""
    if settings.index == "lancedb" and not (settings.data_dir / "library" / "lancedb").is_dir():
        return None
    library = get_library(settings)
    return library if library.index.count(tenant) else None
