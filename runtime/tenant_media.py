"""A tenant's media by id: its uploaded images and its library assets, resolved to files on the server."""

from __future__ import annotations

import re
from collections.abc import Iterable
from pathlib import Path

from aios.agent.library import library_for
from aios.kernel.decision import Decision, EditedScene
from aios.kernel.errors import InvalidInput
from aios.kernel.settings import Settings
from aios.tools.library.records import Kind

# How a tenant names an image over the network: its upload (POST /v1/assets) or its library asset (GET /v1/library).
REFERENCE = re.compile(r"(upload|library):([A-Za-z0-9_-]{1,64})")
NAMING = "name an image as upload:ID (from POST /v1/assets) or library:ID (from GET /v1/library)"


def uploads(data_dir: Path, tenant: str) -> Path:
    """Where a tenant's uploads live."""
    return data_dir / "uploads" / tenant


def upload_path(data_dir: Path, tenant: str, asset_id: str) -> str:
    """The file of an uploaded asset id (InvalidInput when this tenant has none)."""
    found = sorted(uploads(data_dir, tenant).glob(f"{asset_id}.*")) if asset_id.isalnum() else []
    found = [f for f in found if f.suffix != ".part"]
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


def resolve(settings: Settings, tenant: str, reference: str) -> str:
    """The file an `upload:ID` or `library:ID` reference names for this tenant; InvalidInput for anything else."""
    match = REFERENCE.fullmatch(reference)
    if match is None:
        raise InvalidInput(f"unknown image reference: {NAMING}")
    scheme, asset_id = match.groups()
    if scheme == "upload":
        return upload_path(settings.data_dir, tenant, asset_id)
    return library_path(settings, tenant, asset_id)


def tenant_decision(settings: Settings, tenant: str, decision: Decision, known: Iterable[str]) -> Decision:
    """The decision with each edited scene's image resolved for this tenant.

    A scene may keep an image the job already has (`known`: its current storyboard's), name one of the tenant's
    own uploads or library images by reference, or a stock picture the job was offered (resolved by
    aios.agent.stock.swapped). Anything else, a server path above all, is refused without saying whether such a
    file exists.
    """
    if not decision.scenes:
        return decision
    kept = set(known)
    scenes: list[EditedScene] = []
    for number, scene in enumerate(decision.scenes, start=1):
        if scene.asset is None or scene.asset in kept or scene.asset.startswith("stock:"):  # stock: the job's offers
            scenes.append(scene)
            continue
        try:
            path = resolve(settings, tenant, scene.asset)
        except InvalidInput as exc:
            raise InvalidInput(f"scene {number}: {exc}") from None
        scenes.append(scene.model_copy(update={"asset": path}))
    return decision.model_copy(update={"scenes": scenes})
