"""The asset library the settings choose: embedder plus LanceDB (embedded) or Weaviate, files under AIOS_HOME."""

from __future__ import annotations

from agent.errors import ConfigurationError
from agent.settings import Settings
from tools.cache import BuiltOnce
from tools.library.embeddings import get_embedder
from tools.library.index import AssetIndex
from tools.library.library import Library
from tools.storage import share

_open: BuiltOnce[Library] = BuiltOnce()


def get_library(settings: Settings) -> Library:
    """One Library per (data dir, index, embedder) in this process (API threads share it)."""
    return _open.get((str(settings.data_dir), settings.index, settings.embeddings), lambda: _build(settings))


def _build(settings: Settings) -> Library:
    """Connect the embedder and the index the settings name."""
    embedder = get_embedder(settings)
    index: AssetIndex
    if settings.index == "weaviate":
        if not settings.weaviate_url:
            raise ConfigurationError("AIOS_INDEX=weaviate needs WEAVIATE_URL")
        from tools.library.weaviate_index import WeaviateIndex

        key = settings.weaviate_api_key.get_secret_value() if settings.weaviate_api_key else None
        index = WeaviateIndex.connect(settings.weaviate_url, key)
    else:
        from tools.library.lance import LanceIndex

        index = LanceIndex(settings.data_dir / "library" / "lancedb", embedder.name, embedder.dim)
    return Library(index, embedder, settings.data_dir / "library", on_stored=lambda path: share(settings, [path]))


def library_for(settings: Settings, tenant: str) -> Library | None:
    """The library when the tenant has anything in it; None otherwise (and nothing heavy is loaded)."""
    if settings.index == "lancedb" and not (settings.data_dir / "library" / "lancedb").is_dir():
        return None
    library = get_library(settings)
    return library if library.index.count(tenant) else None
