"""visualize: the still (and, for motion scenes, the animated clip) of one scene (a Send task), cached by content."""

from __future__ import annotations

from dataclasses import asdict
from functools import partial
from pathlib import Path
from typing import Any

from langgraph.runtime import Runtime

from agent.context import Context
from agent.engines import describe, notify, run_image
from agent.nodes import timed
from agent.schemas import Scene, Visual
from agent.settings import Settings, get_settings
from agent.state import SceneTask, scene_key
from tools.cache import ContentCache, cache_for, content_key
from tools.imagery import ImageEngine, VisualRequest, get_motion_engine
from tools.imagery.compose import caption, plain
from tools.imagery.palettes import palette_for
from tools.managed import metering
from tools.render.profiles import frame_size
from tools.storage import asset


def scene_request(scene: Scene, title: str, size: tuple[int, int], palette: str) -> VisualRequest:
    """What an image engine is asked to draw for a scene (also used for storyboard thumbnails)."""
    return VisualRequest(headline=scene.on_screen_text, description=scene.visual, keywords=tuple(scene.keywords),
                         size=size, palette=palette, seed=int(scene_key(scene)[:8], 16), label=title,
                         asset=asset(get_settings(), scene.asset) if scene.asset else None)


def draw(engine: ImageEngine, request: VisualRequest, cache: ContentCache) -> tuple[str, Path, bool, dict[str, Any]]:
    """(cache key, PNG, was cached, what the manifest records): the engine's still, made only when not cached."""
    record = describe(engine) | (engine.record(request) if hasattr(engine, "record") else {})
    key = content_key(engine=engine.name, version=engine.version, request=asdict(request), record=record)
    path, cached = cache.fetch("image", key, ".png", partial(engine.render, request))
    return key, path, cached, record


def animate(picture: Path, picture_key: str, request: VisualRequest, cache: ContentCache,
            settings: Settings) -> tuple[Path, str]:
    """The plain picture animated by the image-to-video model, captioned frame by frame (cached by content)."""
    motion = get_motion_engine(settings)
    key = content_key(engine=motion.name, version=motion.version, record=motion.record(), picture=picture_key,
                      request=asdict(request))
    path, _ = cache.fetch("clip", key, ".mp4", lambda out: motion.animate(
        picture, out, seed=request.seed, finish=lambda raw, framed: caption(raw, request, framed)))
    return path, f"{motion.name} {motion.version}"


@timed
def visualize(task: SceneTask, runtime: Runtime[Context]) -> dict[str, Any]:
    """Draw or generate the scene's still with the first image engine that works; animate it if asked."""
    settings = get_settings()
    context = runtime.context or Context()
    scene, brief = task["scene"], task["brief"]
    request = scene_request(scene, task["storyboard_title"], frame_size(brief.aspect, context.profile),
                            palette_for(context.palette, brief.tone))
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
