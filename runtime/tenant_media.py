"""A tenant's media by id: its uploaded images and its library assets, resolved to files on the server."""

from __future__ import annotations

from pathlib import Path

from aios.agent.library import library_for
from aios.kernel.errors import InvalidInput
from aios.kernel.settings import Settings
from aios.tools.library.records import Kind


def uploads(data_dir: Path, tenant: str) -> Path:
    """Where a tenant's uploads live."""
    return data_dir / "uploads" / tenant


def upload_path(data_dir: Path, tenant: str, asset_id: str) -> str:
    """The file of an uploaded asset id (InvalidInput when this tenant has none)."""
    found = sorted(uploads(data_dir, tenant).glob(f"{asset_id}.*")) if asset_id.isalnum() else []
    if not found:
        raise InvalidInput(f"unknown asset id {asset_id!r}: upload it with POST /v1/assets first")
    return str(found[0])


def library_path(settings: Settings, tenant: str, asset_id: str, kind: Kind = "image") -> str:
    """The stored file of a library asset of this tenant (InvalidInput when there is none)."""
    library = library_for(settings, tenant)
    found = library.index.get(tenant, asset_id) if library else None
    if found is None or found.kind != kind:
        raise InvalidInput(f"unknown library {kind} {asset_id!r}")
    return found.path
