"""The tenant's asset library over HTTP: search or list it, fetch thumbnails (filling it is `aios assets add`)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import FileResponse
from pydantic import BaseModel
from starlette.concurrency import run_in_threadpool

from aios.agent.library import library_for
from aios.api.deps import PrincipalDep, ServicesDep
from aios.kernel.settings import Settings
from aios.tools.library.records import AssetRecord, Kind

router = APIRouter(prefix="/v1/library", tags=["library"])


class LibraryItem(BaseModel):
    """One library asset (a guideline shows as its passages)."""

    id: str
    kind: str
    name: str
    tags: list[str]
    description: str
    width: int | None = None
    height: int | None = None
    duration_s: float | None = None
    similarity: float | None = None
    thumbnail: str | None = None


def _item(record: AssetRecord, similarity: float | None = None) -> LibraryItem:
    return LibraryItem(id=record.id, kind=record.kind, name=record.name, tags=record.tags,
                       description=record.description, width=record.width, height=record.height,
                       duration_s=record.duration_s, similarity=similarity,
                       thumbnail=f"/v1/library/{record.id}/thumbnail" if record.thumbnail else None)


def _find(settings: Settings, tenant: str, query: str | None, kind: Kind | None, k: int) -> list[LibraryItem]:
    library = library_for(settings, tenant)
    if library is None:
        return []
    if query:
        return [_item(h.record, round(h.similarity, 4)) for h in library.search(query, tenant, kind, k)]
    return [_item(r) for r in library.index.records(tenant, kind, limit=k)]


@router.get("", response_model=list[LibraryItem])
async def search_library(svc: ServicesDep, who: PrincipalDep,
                         query: Annotated[str | None, Query(max_length=500)] = None,
                         kind: Annotated[Kind | None, Query()] = None,
                         k: Annotated[int, Query(ge=1, le=100)] = 24) -> list[LibraryItem]:
    """Search your library (hybrid) when `query` is given; otherwise its newest assets."""
    return await run_in_threadpool(_find, svc.settings, who.tenant, query, kind, k)


@router.get("/{asset_id}/thumbnail", response_class=FileResponse, responses={200: {"content": {"image/jpeg": {}}}})
async def library_thumbnail(asset_id: str, svc: ServicesDep, who: PrincipalDep) -> FileResponse:
    """The asset's thumbnail (JPEG, at most 256 px)."""
    library = await run_in_threadpool(library_for, svc.settings, who.tenant)
    found = await run_in_threadpool(library.index.get, who.tenant, asset_id) if library else None
    if found is None or found.thumbnail is None:
        raise HTTPException(404, f"no thumbnail for {asset_id!r}")
    return FileResponse(found.thumbnail, media_type="image/jpeg")
