"""Image uploads for briefs: POST the bytes, get an id to list in a job's `assets`."""

from __future__ import annotations

import hashlib
from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, Header, HTTPException, Request
from pydantic import BaseModel

from agent.errors import InvalidInput
from api.deps import PrincipalDep, ServicesDep
from tools.assets import inspect_image
from tools.storage import share

router = APIRouter(prefix="/v1/assets", tags=["assets"])
SUFFIXES = {"image/png": ".png", "image/jpeg": ".jpg", "image/webp": ".webp"}


class AssetPublic(BaseModel):
    """An uploaded image."""

    id: str
    width: int
    height: int
    bytes: int


def folder(data_dir: Path, tenant: str) -> Path:
    """Where a tenant's uploads live."""
    return data_dir / "uploads" / tenant


def resolve(data_dir: Path, tenant: str, asset_id: str) -> str:
    """The file of an uploaded asset id (InvalidInput when this tenant has none)."""
    found = sorted(folder(data_dir, tenant).glob(f"{asset_id}.*")) if asset_id.isalnum() else []
    if not found:
        raise InvalidInput(f"unknown asset id {asset_id!r}: upload it with POST /v1/assets first")
    return str(found[0])


@router.post("", status_code=201, response_model=AssetPublic,
             openapi_extra={"requestBody": {"required": True, "content": {
                 kind: {"schema": {"type": "string", "format": "binary"}} for kind in SUFFIXES}}})
async def upload(request: Request, svc: ServicesDep, who: PrincipalDep,
                 content_type: Annotated[str, Header()] = "") -> AssetPublic:
    """Store a PNG, JPEG or WebP image (the raw bytes as the body) for use in this tenant's jobs."""
    kind = content_type.split(";")[0].strip().lower()
    if kind not in SUFFIXES:
        raise HTTPException(415, f"send the image bytes with Content-Type one of {', '.join(SUFFIXES)}")
    data = await request.body()
    if not data:
        raise InvalidInput("the image is empty")
    asset_id = hashlib.sha256(data).hexdigest()[:32]
    target = folder(svc.settings.data_dir, who.tenant)
    target.mkdir(parents=True, exist_ok=True)
    path = target / f"{asset_id}{SUFFIXES[kind]}"
    staged = path.with_suffix(".part")
    staged.write_bytes(data)
    try:
        info = inspect_image(str(staged.rename(path)))
    except InvalidInput:
        path.unlink(missing_ok=True)
        raise
    share(svc.settings, [path])  # workers on other machines pull it from object storage
    return AssetPublic(id=asset_id, width=info.width, height=info.height, bytes=len(data))
