"""Scene media for reviewers: a thumbnail of each storyboard scene and its narration, before anything renders."""

from __future__ import annotations

from pathlib import Path as FilePath
from typing import Annotated, Any

from fastapi import APIRouter, HTTPException, Path
from fastapi.responses import FileResponse
from starlette.concurrency import run_in_threadpool

from agent.engines import run_speech
from agent.nodes.narrate import speech
from agent.previews import scene_thumbnails
from agent.schemas import Scene
from api.deps import PrincipalDep, ServicesDep
from tools.cache import cache_for

router = APIRouter(prefix="/v1/jobs", tags=["scenes"])
Index = Annotated[int, Path(ge=0, le=200)]


def _scene(svc: ServicesDep, job_id: str, tenant: str, index: int) -> tuple[Any, Scene]:
    current = svc.jobs.status(job_id, tenant)
    storyboard = current.values.get("storyboard")
    if storyboard is None or index >= len(storyboard.scenes):
        raise HTTPException(404, f"job {job_id} has no scene {index}")
    return current, storyboard.scenes[index]


@router.get("/{job_id}/scenes/{index}/thumbnail", response_class=FileResponse,
            responses={200: {"content": {"image/png": {}}}})
async def scene_thumbnail(job_id: str, index: Index, svc: ServicesDep, who: PrincipalDep) -> FileResponse:
    """A drawn sketch of the scene (its card, or its image), cached by content."""
    current, _scene_found = await run_in_threadpool(_scene, svc, job_id, who.tenant, index)
    brief, storyboard = current.values["brief"], current.values["storyboard"]
    paths = await run_in_threadpool(scene_thumbnails, svc.settings, storyboard, brief.aspect, brief.tone)
    return FileResponse(paths[index], media_type="image/png", headers={"Cache-Control": "private, max-age=300"})


@router.get("/{job_id}/scenes/{index}/narration", response_class=FileResponse,
            responses={200: {"content": {"audio/wav": {}}}})
async def scene_narration(job_id: str, index: Index, svc: ServicesDep, who: PrincipalDep) -> FileResponse:
    """The scene's narration spoken by the job's voice at natural speed (synthesized once, then cached)."""
    path = await run_in_threadpool(_narration, svc, job_id, who.tenant, index)
    return FileResponse(path, media_type="audio/wav", headers={"Cache-Control": "private, max-age=300"})


def _narration(svc: ServicesDep, job_id: str, tenant: str, index: int) -> FilePath:
    current, scene = _scene(svc, job_id, tenant, index)
    brief, settings = current.values["brief"], svc.settings
    cache = cache_for(settings)
    outcome = run_speech(scene, brief.language, svc.jobs.record(job_id).context, settings,
                         lambda engine: speech(engine, scene.narration, brief.language, 1.0, cache))
    return outcome.result[1]
