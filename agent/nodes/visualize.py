"""visualize: the still (and, for motion scenes, the animated clip) of one scene (a Send task), cached by content."""

from __future__ import annotations

from functools import partial
from typing import Any

from langgraph.runtime import Runtime

from aios.agent.engines import notify, run_image
from aios.agent.state import SceneTask, scene_key
from aios.agent.steps import run_context, timed
from aios.agent.visuals import animate, draw, scene_request
from aios.kernel.context import Context
from aios.kernel.schemas import Visual
from aios.tools.cache import content_key
from aios.tools.imagery.compose import caption, plain
from aios.tools.imagery.palettes import palette_for
from aios.tools.managed import metering
from aios.tools.render.profiles import frame_size
from aios.tools.storage import cache_for


@timed
def visualize(task: SceneTask, runtime: Runtime[Context]) -> dict[str, Any]:
    """Draw or generate the scene's still with the first image engine that works; animate it if asked."""
    context = run_context(runtime)
    settings = context.config
    scene, brief = task["scene"], task["brief"]
    request = scene_request(scene, task["storyboard_title"], frame_size(brief.aspect, context.profile),
                            palette_for(context.palette, brief.tone), settings, last=task.get("last", False))
    cache = cache_for(settings)
    moving = scene.motion and settings.motion_model is not None
    with metering() as costs:
        outcome = run_image(scene, context, settings, partial(draw, request=plain(request) if moving else request,
                                                              cache=cache))
    key, path, cached, record = outcome.result
    clip, notes = None, [outcome.degraded] if outcome.degraded else []
    if moving:
        picture = path
        path = cache.fetch("image", content_key(captioned=key), ".png", partial(caption, picture, request))[0]
        try:
            clip_path, motion = animate(picture, key, request, cache, settings)
            clip, record = str(clip_path), record | {"motion": motion}
        except Exception as exc:  # the scene keeps its still and Ken Burns
            notes.append(f"motion failed ({exc}); used Ken Burns")
    elif scene.motion:
        notes.append("motion asked for but no image-to-video model is configured (AIOS_MOTION_MODEL); used Ken Burns")
    fallback = "; ".join(notes) or None
    if fallback:
        notify(scene.index, "image", fallback)
    result = Visual(scene_index=scene.index, key=key, path=str(path), engine=f"{outcome.used} {outcome.engine.version}",
                    source=scene.asset, cached=cached, clip=clip, fallback=fallback,
                    cost_usd=round(sum(c.usd for c in costs), 6), model=record)
    return {"visuals": {scene_key(scene): result},
            "costs": [c.public() | {"scene": scene.index, "node": "visualize"} for c in costs]}
