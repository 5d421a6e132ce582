"""Scene media for reviewers, before anything renders: a thumbnail of each storyboard scene and its narration."""

from __future__ import annotations

from pathlib import Path

from aios.agent.engines import run_speech
from aios.agent.previews import scene_thumbnails, storyboard_sheet
from aios.agent.speech import speech
from aios.agent.takes import takes_of, voice_pace
from aios.kernel.errors import NotFound
from aios.kernel.schemas import Scene
from aios.runtime.jobs import JobService, JobStatus
from aios.tools.storage import cache_for


class SceneNotFound(NotFound):
    """The job has no storyboard yet, no scene at that index, or the scene no take with that number."""


class SceneMedia:
    """What the review page and Slack show of a scene: its sketch and its narration (cached by content)."""

    def __init__(self, service: JobService) -> None:
        self.service = service

    def _scene(self, job_id: str, tenant: str | None, index: int,
               take: int | None = None) -> tuple[JobStatus, Scene]:
        current = self.service.status(job_id, tenant)
        storyboard = current.values.get("storyboard")
        if storyboard is None or not 0 <= index < len(storyboard.scenes):
            raise SceneNotFound(f"job {job_id} has no scene {index}")
        if take is None:
            return current, storyboard.scenes[index]
        takes = takes_of(current.values, index)
        if not 1 <= take <= len(takes):
            raise SceneNotFound(f"scene {index + 1} of job {job_id} has no take {take}")
        return current, takes[take - 1].model_copy(update={"index": index})

    def thumbnail(self, job_id: str, tenant: str | None, index: int, take: int | None = None) -> Path:
        """A drawn sketch of the scene (its card, or its image); of one of its takes when `take` is given."""
        current, scene = self._scene(job_id, tenant, index, take)
        brief, storyboard = current.values["brief"], current.values["storyboard"]
        shown = storyboard.model_copy(update={"scenes": [scene if s.index == index else s
                                                          for s in storyboard.scenes]})
        return scene_thumbnails(self.service.settings, shown, brief.aspect, brief.tone)[index]

    def contact_sheet(self, job_id: str, tenant: str | None) -> Path:
        """Every scene's sketch in one image, numbered, with its length and line."""
        current, _ = self._scene(job_id, tenant, 0)
        brief, storyboard = current.values["brief"], current.values["storyboard"]
        return storyboard_sheet(self.service.settings, storyboard, brief.aspect, brief.tone)

    def narration(self, job_id: str, tenant: str | None, index: int, take: int | None = None) -> Path:
        """The scene's narration spoken by the job's voice at its take's pace (the render reuses it); of one of its
        takes when `take` is given."""
        current, scene = self._scene(job_id, tenant, index, take)
        brief, settings = current.values["brief"], self.service.settings
        cache = cache_for(settings)
        outcome = run_speech(scene, brief.language, self.service.record(job_id).context, settings,
                             lambda engine: speech(engine, scene.narration, brief.language, voice_pace(scene), cache,
                                                   scene.voice_take))
        return outcome.result[1]
