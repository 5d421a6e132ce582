"""visualize: the still for one scene (a Send task), cached by content, at output size."""

from __future__ import annotations

from dataclasses import asdict
from functools import partial
from typing import Any

from langgraph.runtime import Runtime

from agent.context import Context
from agent.nodes import timed
from agent.schemas import Scene, Visual
from agent.settings import get_settings
from agent.state import SceneTask, scene_key
from tools.cache import ContentCache, content_key
from tools.imagery import VisualRequest, get_image_engine
from tools.imagery.palettes import palette_for
from tools.render.profiles import frame_size


def scene_request(scene: Scene, title: str, size: tuple[int, int], palette: str) -> VisualRequest:
    """What an image engine is asked to draw for a scene (also used for storyboard thumbnails)."""
    return VisualRequest(headline=scene.on_screen_text, description=scene.visual, keywords=tuple(scene.keywords),
                         size=size, palette=palette, seed=int(scene_key(scene)[:8], 16), label=title,
                         asset=scene.asset)


@timed
def visualize(task: SceneTask, runtime: Runtime[Context]) -> dict[str, Any]:
    """Draw a card (or fit the supplied image) for the scene."""
    settings = get_settings()
    context = runtime.context or Context()
    scene, brief = task["scene"], task["brief"]
    engine = get_image_engine(settings.image_engine)
    request = scene_request(scene, task["storyboard_title"], frame_size(brief.aspect, context.profile),
                            palette_for(context.palette, brief.tone))
    cache = ContentCache(settings.data_dir / "cache")
    key = content_key(engine=engine.name, version=engine.version, request=asdict(request))
    path, cached = cache.fetch("image", key, ".png", partial(engine.render, request))
    result = Visual(scene_index=scene.index, key=key, path=str(path),
                    engine=f"{engine.name} {engine.version}", source=scene.asset, cached=cached)
    return {"visuals": {scene_key(scene): result}}
