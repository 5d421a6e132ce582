"""Versions of a job's storyboard and cut: list, read, compare scene by scene, restore (audited)."""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Path, Query, Response

from aios.api.deps import PrincipalDep, ServicesDep
from aios.api.editing import VersionDiff, VersionList, VersionPublic, expected_version, tagged
from aios.runtime.versions import diff

router = APIRouter(prefix="/v1/jobs", tags=["versions"])
Number = Annotated[int, Path(ge=1, le=1_000_000)]
IfMatch = Annotated[int | None, Depends(expected_version)]


@router.get("/{job_id}/versions", response_model=VersionList)
def list_versions(job_id: str, svc: ServicesDep, who: PrincipalDep, response: Response) -> VersionList:
    """Every version, oldest first: each plan, edit, scene command, restore and render, who made it, when, what
    changed and the version it came from. The ETag is the newest version (send it back as If-Match)."""
    svc.jobs.record(job_id, who.tenant)
    found = svc.jobs.versions.all(job_id)
    current = found[-1].number if found else 0
    tagged(response, current)
    return VersionList(job_id=job_id, current=current, items=[VersionPublic(**v.public()) for v in found])


@router.get("/{job_id}/versions/{number}", response_model=VersionPublic)
def get_version(job_id: str, number: Number, svc: ServicesDep, who: PrincipalDep) -> VersionPublic:
    """One version, with its whole storyboard."""
    svc.jobs.record(job_id, who.tenant)
    return VersionPublic(**svc.jobs.versions.get(job_id, number).public(full=True))


@router.get("/{job_id}/versions/{number}/diff", response_model=VersionDiff, response_model_by_alias=True)
def diff_version(job_id: str, number: Number, svc: ServicesDep, who: PrincipalDep,
                 against: Annotated[int | None, Query(ge=1, le=1_000_000, description=(
                     "The version to compare with; default: the one it came from."))] = None) -> VersionDiff:
    """What changed between two versions, scene by scene (each field's old and new value), and whether their cuts
    are the same file."""
    svc.jobs.record(job_id, who.tenant)
    newer = svc.jobs.versions.get(job_id, number)
    older = svc.jobs.versions.get(job_id, against if against is not None else newer.parent or number)
    return VersionDiff.model_validate(diff(older, newer))


@router.get("/{job_id}/versions/{number}/timeline", responses={200: {"content": {"application/json": {}}}})
def version_timeline(job_id: str, number: Number, svc: ServicesDep, who: PrincipalDep) -> Response:
    """A rendered version's OpenTimelineIO timeline (otio_json), as it was when that version rendered; 404 for a
    version that rendered nothing."""
    svc.jobs.record(job_id, who.tenant)
    return Response(svc.jobs.versions.timeline(job_id, number), media_type="application/json",
                    headers={"Content-Disposition": f'attachment; filename="{job_id}-v{number}.otio"'})


@router.post("/{job_id}/versions/{number}/restore", status_code=202, response_model=VersionPublic)
def restore_version(job_id: str, number: Number, svc: ServicesDep, who: PrincipalDep, expected: IfMatch,
                    response: Response) -> VersionPublic:
    """Make an earlier version current again while a review waits: its storyboard and takes come back, and its cut
    renders again from the caches (the same file when nothing else changed). The new version is returned; 409 with
    `current_version` when If-Match names an older one."""
    found = svc.edits.restore(job_id, number, actor=who.actor, tenant=who.tenant, expected=expected)
    tagged(response, found.number)
    return VersionPublic(**found.public())
