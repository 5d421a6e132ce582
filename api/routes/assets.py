"""Image uploads for briefs: POST the bytes, get an id to list in a job's `assets`."""

from __future__ import annotations

import hashlib
from typing import Annotated

from fastapi import APIRouter, Header, HTTPException, Request
from pydantic import BaseModel

from aios.api.deps import PrincipalDep, ServicesDep
from aios.kernel.errors import InvalidInput
from aios.runtime.tenant_media import uploads
from aios.tools.assets import inspect_image
from aios.tools.storage import share

router = APIRouter(prefix="/v1/assets", tags=["assets"])
SUFFIXES = {"image/png": ".png", "image/jpeg": ".jpg", "image/webp": ".webp"}


class AssetPublic(BaseModel):
    """An uploaded image."""

    id: str
    width: int
    height: int
    bytes: int


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
    target = uploads(svc.settings.data_dir, who.tenant)
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
