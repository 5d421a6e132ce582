"""render: compose the scenes' stills and speech into the MP4 with captions and sidecars."""

from __future__ import annotations

from typing import Any

from langgraph.config import get_config, get_stream_writer
from langgraph.runtime import Runtime

from agent.context import Context
from agent.errors import RenderError
from agent.nodes import timed
from agent.schemas import RenderResult
from agent.settings import get_settings
from agent.state import ProductionState, scene_key
from tools.render.compose import RenderSpec
from tools.render.compose import render as compose
from tools.render.profiles import frame_size, get_profile
from tools.render.timeline import SceneInput
from tools.text import slugify


def thread_id() -> str:
    """The running job's thread id (or 'adhoc' when the graph runs without a checkpointer)."""
    return str((get_config().get("configurable") or {}).get("thread_id") or "adhoc")


@timed
def render(state: ProductionState, runtime: Runtime[Context]) -> dict[str, Any]:
    """Render the storyboard at the run's profile into the job's work directory."""
    settings = get_settings()
    context = runtime.context or Context()
    storyboard, brief = state["storyboard"], state["brief"]
    narrations, visuals = state.get("narrations", {}), state.get("visuals", {})
    scenes = []
    for scene in storyboard.scenes:
        key = scene_key(scene)
        if key not in narrations or key not in visuals:
            raise RenderError(f"scene {scene.index} has no synthesized speech or visual")
        speech = narrations[key]
        scenes.append(SceneInput(image=visuals[key].path, audio=speech.path,
                                 audio_s=speech.duration_s, planned_s=scene.duration_s,
                                 narration=scene.narration))
    profile = get_profile(context.profile)
    size = frame_size(brief.aspect, context.profile)
    workdir = settings.data_dir / "jobs" / thread_id() / "render" / profile.name
    writer = get_stream_writer()
    spec = RenderSpec(scenes=scenes, size=size, profile=profile, title=storyboard.title)
    output = compose(spec, workdir, slugify(storyboard.title),
                     on_progress=lambda done: writer({"render": round(done, 3)}),
                     binary=settings.ffmpeg_path)
    result = RenderResult(video=str(output.video), srt=str(output.srt), vtt=str(output.vtt),
                          duration_s=output.duration_s, width=size[0], height=size[1],
                          profile=profile.name)
    return {"render": result, "status": "checking"}
