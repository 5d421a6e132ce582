"""Artifacts: list a job's files with expiring signed URLs; serve them (with byte ranges) by signature."""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

from fastapi import APIRouter, HTTPException, Query
from fastapi.responses import FileResponse

from aios.api.deps import PrincipalDep, ServicesDep
from aios.api.models import Artifact
from aios.kernel.outputs import DELIVERED, OPTIONAL, content_type
from aios.runtime.jobs import JobStatus
from aios.tools import signing
from aios.tools.signing import stored_key
from aios.tools.storage import Storage, storage_for

router = APIRouter(tags=["artifacts"])


def files(status: JobStatus, storage: Storage | None = None) -> dict[str, tuple[Path, str, int]]:
    """name -> (path, kind, bytes): published deliverables, or the rendered preview awaiting approval.

    With object storage, a file counts when it is stored (the machine that made it pushed it).
    """
    rendered = status.values.get("render")
    found = signing.named(rendered.files if rendered is not None else {}, status.values.get("deliverables") or {})
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
    for name, (path, kind, size) in sorted(files(status, storage_for(svc.settings)).items()):
        url, expires = signing.link(svc.settings, svc.url_secret, who.tenant, job_id, name, path, kind)
        out.append(Artifact(name=name, kind=kind, bytes=size,  # type: ignore[arg-type]
                            content_type=content_type(path.name),
                            url=url, expires_at=expires))
    return out


@router.get("/v1/files/{job_id}/{name}", response_class=FileResponse,
            responses={200: {"content": {kind.content_type: {} for kind in (*DELIVERED, *OPTIONAL)}},
                       206: {"description": "Partial content (Range request)."}})
def download(job_id: str, name: str, svc: ServicesDep, tenant: Annotated[str, Query(max_length=64)],
             expires: Annotated[int, Query(ge=0, le=2**40)], sig: Annotated[str, Query(max_length=128)]
             ) -> FileResponse:
    """A file by its signed URL; byte ranges are served for seeking in video players."""
    if not signing.valid(svc.url_secret, tenant, job_id, name, expires, sig):
        raise HTTPException(403, "this link is invalid or has expired; list the artifacts again for a fresh one")
    status = svc.jobs.status(job_id, tenant)
    found = files(status).get(name)
    if found is None:
        raise HTTPException(404, f"job {job_id} has no artifact {name!r}")
    path = found[0]
    return FileResponse(path, filename=path.name, media_type=content_type(path.name))
