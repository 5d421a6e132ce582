"""Scenes: each one's sketch and narration for reviewers, its takes, and the commands that change one scene
(regenerate its voice or picture, pick a take, swap its picture, re-time it, change its transition)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Response
from fastapi.responses import FileResponse
from starlette.concurrency import run_in_threadpool

from aios.api.deps import PrincipalDep, ServicesDep
from aios.api.editing import (
    Regeneration,
    SceneChange,
    SceneTakes,
    TakeChoice,
    TakePublic,
    VersionPublic,
    expected_version,
    tagged,
)

router = APIRouter(prefix="/v1/jobs", tags=["scenes"])
Index = Annotated[int, Path(ge=0, le=200)]
Take = Annotated[int, Path(ge=1, le=99)]
IfMatch = Annotated[int | None, Depends(expected_version)]


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


@router.get("/{job_id}/scenes/{index}/takes", response_model=SceneTakes)
def scene_takes(job_id: str, index: Index, svc: ServicesDep, who: PrincipalDep) -> SceneTakes:
    """The scene's takes, oldest first, which one is used, and where to see and hear each."""
    takes, used = svc.edits.takes(job_id, index, who.tenant)
    base = f"/v1/jobs/{job_id}/scenes/{index}/takes"
    return SceneTakes(job_id=job_id, scene=index, items=[TakePublic(
        take=n, used=n == used, voice_take=t.voice_take, picture_take=t.picture_take, voice_note=t.voice_note,
        picture_note=t.picture_note, duration_s=t.duration_s, thumbnail=f"{base}/{n}/thumbnail",
        narration=f"{base}/{n}/narration") for n, t in enumerate(takes, start=1)])


@router.get("/{job_id}/scenes/{index}/takes/{take}/thumbnail", response_class=FileResponse,
            responses={200: {"content": {"image/png": {}}}})
async def take_thumbnail(job_id: str, index: Index, take: Take, svc: ServicesDep, who: PrincipalDep) -> FileResponse:
    """A sketch of one take's picture."""
    path = await run_in_threadpool(svc.scenes.thumbnail, job_id, who.tenant, index, take)
    return FileResponse(path, media_type="image/png", headers={"Cache-Control": "private, max-age=300"})


@router.get("/{job_id}/scenes/{index}/takes/{take}/narration", response_class=FileResponse,
            responses={200: {"content": {"audio/wav": {}}}})
async def take_narration(job_id: str, index: Index, take: Take, svc: ServicesDep, who: PrincipalDep) -> FileResponse:
    """One take's narration, as its take says it."""
    path = await run_in_threadpool(svc.scenes.narration, job_id, who.tenant, index, take)
    return FileResponse(path, media_type="audio/wav", headers={"Cache-Control": "private, max-age=300"})


@router.post("/{job_id}/scenes/{index}/regenerate", status_code=202, response_model=VersionPublic)
def regenerate_scene(job_id: str, index: Index, body: Regeneration, svc: ServicesDep, who: PrincipalDep,
                     expected: IfMatch, response: Response) -> VersionPublic:
    """A new take of the scene's voice, picture or both (with an optional note) while a review waits; only that
    scene's speech or picture and the segments showing it are made again. Returns the new version."""
    found = svc.edits.regenerate(job_id, index, body.part, body.note, actor=who.actor, tenant=who.tenant,
                                 expected=expected)
    tagged(response, found.number)
    return VersionPublic(**found.public())


@router.post("/{job_id}/scenes/{index}/take", status_code=202, response_model=VersionPublic)
def pick_take(job_id: str, index: Index, body: TakeChoice, svc: ServicesDep, who: PrincipalDep, expected: IfMatch,
              response: Response) -> VersionPublic:
    """Use one of the scene's takes again (its files are cached: nothing is synthesized)."""
    found = svc.edits.pick(job_id, index, body.take, actor=who.actor, tenant=who.tenant, expected=expected)
    tagged(response, found.number)
    return VersionPublic(**found.public())


@router.patch("/{job_id}/scenes/{index}", status_code=202, response_model=VersionPublic)
def change_scene(job_id: str, index: Index, body: SceneChange, svc: ServicesDep, who: PrincipalDep,
                 expected: IfMatch, response: Response) -> VersionPublic:
    """Swap the scene's picture, re-time it or change its transition, each a new take of the scene."""
    found = svc.edits.change(job_id, index, asset=body.asset, duration_s=body.duration_s,
                             transition=body.transition, actor=who.actor, tenant=who.tenant, expected=expected)
    tagged(response, found.number)
    return VersionPublic(**found.public())
