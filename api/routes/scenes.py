"""Scene media for reviewers: a thumbnail of each storyboard scene and its narration, before anything renders."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Path
from fastapi.responses import FileResponse
from starlette.concurrency import run_in_threadpool

from aios.api.deps import PrincipalDep, ServicesDep

router = APIRouter(prefix="/v1/jobs", tags=["scenes"])
Index = Annotated[int, Path(ge=0, le=200)]


@router.get("/{job_id}/scenes/{index}/thumbnail", response_class=FileResponse,
            responses={200: {"content": {"image/png": {}}}})
async def scene_thumbnail(job_id: str, index: Index, svc: ServicesDep, who: PrincipalDep) -> FileResponse:
    """A drawn sketch of the scene (its card, or its image), cached by content."""
    path = await run_in_threadpool(svc.scenes.thumbnail, job_id, who.tenant, index)
    return FileResponse(path, media_type="image/png", headers={"Cache-Control": "private, max-age=300"})


@router.get("/{job_id}/contact-sheet", response_class=FileResponse, responses={200: {"content": {"image/png": {}}}})
async def contact_sheet(job_id: str, svc: ServicesDep, who: PrincipalDep) -> FileResponse:
    """Every scene's sketch in one image, each with its number, length and line (cached by what it shows)."""
    path = await run_in_threadpool(svc.scenes.contact_sheet, job_id, who.tenant)
    return FileResponse(path, media_type="image/png", headers={"Cache-Control": "private, max-age=300"})


@router.get("/{job_id}/scenes/{index}/narration", response_class=FileResponse,
            responses={200: {"content": {"audio/wav": {}}}})
async def scene_narration(job_id: str, index: Index, svc: ServicesDep, who: PrincipalDep) -> FileResponse:
    """The scene's narration spoken by the job's voice at natural speed (synthesized once, then cached)."""
    path = await run_in_threadpool(svc.scenes.narration, job_id, who.tenant, index)
    return FileResponse(path, media_type="audio/wav", headers={"Cache-Control": "private, max-age=300"})
