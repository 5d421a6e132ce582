"""A job's cut for editing programs: its rendered timeline bundled as OTIO, FCP7 XML or FCPXML with its media (the
CLI's `aios export` and the API's export route use this one service)."""

from __future__ import annotations

from pathlib import Path

import opentimelineio as otio

from aios.kernel.errors import JobStateError
from aios.kernel.settings import Settings
from aios.runtime.jobs import JobService
from aios.tools.export import bundle
from aios.tools.storage import CACHE_DEPTH, RENDER_DEPTH, deliverable_key, local, storage_for
from aios.tools.text import slugify

FORMATS = tuple(bundle.FORMATS)


class NothingToExport(JobStateError):
    """The job has no rendered cut yet (or was rendered before cuts kept their timeline)."""


def local_deliverable(settings: Settings, job_id: str, path: str) -> Path:
    """A published file here: where it was published, else pulled from storage (where publish pushed it)."""
    found = Path(path)
    storage = storage_for(settings)
    if found.is_file() or storage is None:
        return found
    here = settings.data_dir / "out" / job_id / found.name
    if not storage.pull(here, deliverable_key(job_id, found)):
        raise NothingToExport(f"job {job_id}'s {found.name} is neither here nor in {storage.url}")
    return here


class Exports:
    """Export bundles of jobs' cuts, kept beside each job (jobs/<job>/exports/<title>-<format>.zip)."""

    def __init__(self, service: JobService) -> None:
        self.service = service

    def folder(self, job_id: str) -> Path:
        """Where a job's bundles are written."""
        return self.service.settings.data_dir / "jobs" / job_id / "exports"

    def make(self, job_id: str, tenant: str | None, fmt: str, out_dir: Path | None = None) -> Path:
        """Write the job's cut as a `fmt` bundle (into out_dir, else beside the job) and return its path: the
        published video's cut when published, else the cut waiting for review."""
        settings = self.service.settings
        status = self.service.status(job_id, tenant)
        rendered, storyboard = status.values.get("render"), status.values.get("storyboard")
        if rendered is None or storyboard is None or not rendered.timeline:
            raise NothingToExport(f"job {job_id} has no rendered cut to export yet (status {status.status})")
        delivered = status.values.get("deliverables") or {}
        if "timeline" in delivered:  # published: the render folder is gone, the published timeline stays
            saved = local_deliverable(settings, job_id, delivered["timeline"])
        else:
            saved = local(settings, rendered.timeline, RENDER_DEPTH)
        cut = otio.adapters.read_from_file(str(saved), adapter_name="otio_json")
        for clip in cut.find_clips():  # media another machine made come from storage (no-op without it)
            reference = clip.media_reference
            if isinstance(reference, otio.schema.ExternalReference) and reference.target_url:
                found = Path(reference.target_url)
                if settings.data_dir / "cache" in found.parents:
                    reference.target_url = str(local(settings, found, CACHE_DEPTH))
                if not Path(reference.target_url).is_file():
                    raise NothingToExport(f"job {job_id}'s cut uses {found.name}, which is no longer kept "
                                          "(the cache's retention removed it): render the job again to export it")
        video = local_deliverable(settings, job_id, delivered["video"]) if "video" in delivered else \
            local(settings, rendered.files["video"], RENDER_DEPTH)
        made = bundle.export(cut, fmt, out_dir or self.folder(job_id), slugify(storyboard.title), video=video)
        storage = storage_for(settings)
        if storage is not None and out_dir is None:  # its signed link is the bucket's
            storage.push(made, deliverable_key(job_id, made))
        return made

    def made(self, job_id: str) -> dict[str, Path]:
        """The bundles made for a job so far, by artifact name (export-<format>)."""
        found: dict[str, Path] = {}
        for fmt in FORMATS:
            for path in sorted(self.folder(job_id).glob(f"*-{fmt}.zip")):
                found[f"export-{fmt}"] = path
        return found
