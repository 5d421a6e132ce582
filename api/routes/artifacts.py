"""Artifacts: list a job's files with expiring signed URLs; serve them (with byte ranges) by signature."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated, Any, Literal

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import FileResponse
from starlette.concurrency import run_in_threadpool

from aios.api.deps import PrincipalDep, ServicesDep
from aios.api.models import Artifact
from aios.api.services import Services
from aios.kernel.outputs import DELIVERED, ON_REQUEST, OPTIONAL, content_type
from aios.runtime.jobs import JobStatus
from aios.tools import signing
from aios.tools.signing import stored_key
from aios.tools.storage import Storage, storage_for

router = APIRouter(tags=["artifacts"])
ExportFormat = Literal["otio", "fcp7", "fcpxml", "capcut"]  # aios.tools.export.bundle.FORMATS
EXPORT_HELP = "otio (OpenTimelineIO), fcp7 (FCP7 XML: Premiere Pro, DaVinci Resolve) or fcpxml (Final Cut Pro)."


def files(status: JobStatus, storage: Storage | None = None, exported: dict[str, Path] | None = None
          ) -> dict[str, tuple[Path, str, int]]:
    """name -> (path, kind, bytes): published deliverables, or the rendered preview awaiting approval, and the
    export bundles made so far (export-<format>).

    With object storage, a file counts when it is stored (the machine that made it pushed it).
    """
    rendered = status.values.get("render")
    found = signing.named(rendered.files if rendered is not None else {}, status.values.get("deliverables") or {})
    found |= {name: (path, "export") for name, path in (exported or {}).items()}
    present: dict[str, tuple[Path, str, int]] = {}
    for name, (path, kind) in found.items():
        if storage is not None:
            size = storage.size(stored_key(status.thread_id, path, kind))
        else:
            size = path.stat().st_size if path.is_file() else None
        if size is not None:
            present[name] = (path, kind, size)
    return present


@router.get("/v1/jobs/{job_id}/artifacts", response_model=list[Artifact])
def list_artifacts(job_id: str, svc: ServicesDep, who: PrincipalDep) -> list[Artifact]:
    """The job's files, each with a download URL that expires (no API key needed to fetch it)."""
    status = svc.jobs.status(job_id, who.tenant)
    out = []
    made = svc.exports.made(job_id)
    for name, (path, kind, size) in sorted(files(status, storage_for(svc.settings), made).items()):
        out.append(artifact(svc, who.tenant, job_id, name, path, kind, size))
    return out


def artifact(svc: Services, tenant: str, job_id: str, name: str, path: Path, kind: str, size: int) -> Artifact:
    """One file with its signed link."""
    url, expires = signing.link(svc.settings, svc.url_secret, tenant, job_id, name, path, kind)
    return Artifact(name=name, kind=kind, bytes=size, content_type=content_type(path.name),  # type: ignore[arg-type]
                    url=url, expires_at=expires)


@router.get("/v1/jobs/{job_id}/export", response_model=Artifact, responses={409: {}})  # nothing rendered yet
async def export_job(job_id: str, svc: ServicesDep, who: PrincipalDep,
                     format: Annotated[ExportFormat, Query(description=EXPORT_HELP)]) -> Artifact:
    """The job's cut as a bundle for an editing program (its timeline with the media under relative paths, zipped):
    made now, listed among the artifacts after, fetched by its signed URL."""
    path = await run_in_threadpool(svc.exports.make, job_id, who.tenant, format)
    return artifact(svc, who.tenant, job_id, f"export-{format}", path, "export", path.stat().st_size)


# What a signed download answers: a file of any kind we make, whole or a byte range (here and on LangGraph's server).
FILE_RESPONSES: dict[int | str, dict[str, Any]] = {
    200: {"content": {kind.content_type: {} for kind in (*DELIVERED, *OPTIONAL, *ON_REQUEST)}},
    206: {"description": "Partial content (Range request)."}}


@router.get("/v1/files/{job_id}/{name}", response_class=FileResponse, responses=FILE_RESPONSES)
def download(job_id: str, name: str, svc: ServicesDep, tenant: Annotated[str, Query(max_length=64)],
             expires: Annotated[int, Query(ge=0, le=2**40)], sig: Annotated[str, Query(max_length=128)]
             ) -> FileResponse:
    """A file by its signed URL; byte ranges are served for seeking in video players."""
    if not signing.valid(svc.url_secret, tenant, job_id, name, expires, sig):
        raise HTTPException(403, "this link is invalid or has expired; list the artifacts again for a fresh one")
    status = svc.jobs.status(job_id, tenant)
    found = files(status, exported=svc.exports.made(job_id)).get(name)
    if found is None:
        raise HTTPException(404, f"job {job_id} has no artifact {name!r}")
    path = found[0]
    return FileResponse(path, filename=path.name, media_type=content_type(path.name))
