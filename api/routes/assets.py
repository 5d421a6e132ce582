"""Image uploads for briefs: POST the bytes, get an id to list in a job's `assets`."""

from __future__ import annotations

import hashlib
from io import BytesIO
from pathlib import Path

from fastapi import APIRouter, HTTPException, Request
from PIL import Image
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from aios.api.deps import PrincipalDep, ServicesDep
from aios.kernel.errors import InvalidInput
from aios.runtime.tenant_media import uploads
from aios.tools.assets import checked_size
from aios.tools.files import private_dir, write_private
from aios.tools.storage import share

router = APIRouter(prefix="/v1/assets", tags=["assets"])
SUFFIXES = {"image/png": ".png", "image/jpeg": ".jpg", "image/webp": ".webp"}
SNIFFED = "application/octet-stream"  # bytes of one of those, told apart by their own header
_FORMATS = {"PNG": "image/png", "JPEG": "image/jpeg", "WEBP": "image/webp"}


class AssetPublic(BaseModel):
    """An uploaded image."""

    id: str
    width: int
    height: int
    bytes: int


@router.post("", status_code=201, response_model=AssetPublic,
             openapi_extra={"requestBody": {"required": True, "content": {
                 kind: {"schema": {"type": "string", "format": "binary"}} for kind in (*SUFFIXES, SNIFFED)}}})
async def upload(request: Request, svc: ServicesDep, who: PrincipalDep) -> AssetPublic:
    """Store a PNG, JPEG or WebP image (the raw bytes as the body) for use in this tenant's jobs; sent as
    application/octet-stream, its format is read from the bytes."""
    kind = request.headers.get("content-type", "").split(";")[0].strip().lower()
    if kind not in (*SUFFIXES, SNIFFED):
        raise HTTPException(415, f"send the image bytes with Content-Type one of {', '.join((*SUFFIXES, SNIFFED))}")
    data = await request.body()
    if not data:
        raise InvalidInput("the image is empty")
    width, height = await run_in_threadpool(checked_size, BytesIO(data), "the image")  # nothing stored before
    if kind == SNIFFED:
        kind = _sniff(data)
    asset_id = hashlib.sha256(data).hexdigest()[:32]
    path = await run_in_threadpool(_store, uploads(svc.settings.data_dir, who.tenant), asset_id + SUFFIXES[kind], data)
    share(svc.settings, [path])  # workers on other machines pull it from object storage
    return AssetPublic(id=asset_id, width=width, height=height, bytes=len(data))


def _sniff(data: bytes) -> str:
    """The media type of image bytes sent without one (415 when they are none of PNG, JPEG, WebP)."""
    with Image.open(BytesIO(data)) as image:  # checked_size has read it whole already
        found = _FORMATS.get(image.format or "")
    if found is None:
        raise HTTPException(415, f"the bytes are not a PNG, JPEG or WebP image; send one of {', '.join(SUFFIXES)}")
    return found


def _store(folder: Path, name: str, data: bytes) -> Path:
    """Write an upload atomically, readable by this user only."""
    private_dir(folder)
    path = folder / name
    staged = path.with_suffix(".part")
    write_private(staged, data)
    staged.replace(path)
    return path
