"""visualize: the still for one scene (a Send task), cached by content, at output size."""

from __future__ import annotations

from dataclasses import asdict
from typing import Any

from langgraph.runtime import Runtime

from agent.context import Context
from agent.nodes import timed
from agent.schemas import Visual
from agent.settings import get_settings
from agent.state import SceneTask, scene_key
from tools.cache import ContentCache, content_key
from tools.imagery import VisualRequest, get_image_engine
from tools.imagery.palettes import palette_for
from tools.render.profiles import frame_size


@timed
def visualize(task: SceneTask, runtime: Runtime[Context]) -> dict[str, Any]:
    """Draw a card (or fit the supplied image) for the scene."""
    settings = get_settings()
    context = runtime.context or Context()
    scene, brief = task["scene"], task["brief"]
    engine = get_image_engine(settings.image_engine)
    key_of_scene = scene_key(scene)
    request = VisualRequest(
        headline=scene.on_screen_text, description=scene.visual, keywords=tuple(scene.keywords),
        size=frame_size(brief.aspect, context.profile),
        palette=palette_for(context.palette, brief.tone), seed=int(key_of_scene[:8], 16),
        label=task["storyboard_title"], asset=scene.asset)
    cache = ContentCache(settings.data_dir / "cache")
    key = content_key(engine=engine.name, version=engine.version, request=asdict(request))
    path = cache.get("image", key, ".png")
    cached = path is not None
    if path is None:
        staged = cache.staging("image", key, ".png")
        engine.render(request, staged)
        path = cache.commit(staged, "image", key, ".png")
    result = Visual(scene_index=scene.index, key=key, path=str(path),
                    engine=f"{engine.name} {engine.version}", source=scene.asset, cached=cached)
    return {"visuals": {key_of_scene: result}}
