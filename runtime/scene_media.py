"""Scene media for reviewers, before anything renders: a thumbnail of each storyboard scene and its narration."""

from __future__ import annotations

from pathlib import Path

from aios.agent.engines import run_speech
from aios.agent.previews import scene_thumbnails, storyboard_sheet
from aios.agent.speech import speech
from aios.kernel.errors import NotFound
from aios.kernel.schemas import Scene
from aios.runtime.jobs import JobService, JobStatus
from aios.tools.storage import cache_for


class SceneNotFound(NotFound):
    """The job has no storyboard yet, or no scene at that index."""


class SceneMedia:
    """What the review page and Slack show of a scene: its sketch and its narration (cached by content)."""

    def __init__(self, service: JobService) -> None:
        self.service = service

    def _scene(self, job_id: str, tenant: str | None, index: int) -> tuple[JobStatus, Scene]:
        current = self.service.status(job_id, tenant)
        storyboard = current.values.get("storyboard")
        if storyboard is None or not 0 <= index < len(storyboard.scenes):
            raise SceneNotFound(f"job {job_id} has no scene {index}")
        return current, storyboard.scenes[index]

    def thumbnail(self, job_id: str, tenant: str | None, index: int) -> Path:
        """A drawn sketch of the scene (its card, or its image)."""
        current, _ = self._scene(job_id, tenant, index)
        brief, storyboard = current.values["brief"], current.values["storyboard"]
        return scene_thumbnails(self.service.settings, storyboard, brief.aspect, brief.tone)[index]

    def contact_sheet(self, job_id: str, tenant: str | None) -> Path:
        """Every scene's sketch in one image, numbered, with its length and line."""
        current, _ = self._scene(job_id, tenant, 0)
        brief, storyboard = current.values["brief"], current.values["storyboard"]
        return storyboard_sheet(self.service.settings, storyboard, brief.aspect, brief.tone)

    def narration(self, job_id: str, tenant: str | None, index: int) -> Path:
        """The scene's narration spoken by the job's voice at natural speed (the render reuses it)."""
        current, scene = self._scene(job_id, tenant, index)
        brief, settings = current.values["brief"], self.service.settings
        cache = cache_for(settings)
        outcome = run_speech(scene, brief.language, self.service.record(job_id).context, settings,
                             lambda engine: speech(engine, scene.narration, brief.language, 1.0, cache))
        return outcome.result[1]
