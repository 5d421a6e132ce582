"""A scene's picture: what an image engine is asked for, the still drawn and the clip animated, cached by content."""

from __future__ import annotations

from dataclasses import asdict
from functools import partial
from pathlib import Path
from typing import Any

from aios.agent.engines import describe
from aios.agent.state import picture_key
from aios.agent.takes import picture_description
from aios.kernel.schemas import Scene
from aios.kernel.settings import Settings
from aios.tools.cache import BuiltOnce, ContentCache, content_key, machine_cache, settings_key
from aios.tools.imagery import ImageEngine, VisualRequest, designs, get_motion_engine
from aios.tools.imagery.compose import caption
from aios.tools.imagery.icons import IconPicker
from aios.tools.library.embeddings import get_embedder
from aios.tools.storage import asset
from aios.tools.text import enumeration, quotation


def scene_request(scene: Scene, title: str, size: tuple[int, int], palette: str, settings: Settings,
                  last: bool = False) -> VisualRequest:
    """What an image engine is asked to draw for a scene (also used for storyboard thumbnails): its layout (title,
    figure callout, statement, end card with the web address), place in the video and take come as extras; its
    seed follows what the picture depends on, so a new take of the voice keeps the picture."""
    layout = designs.choose(scene.on_screen_text, scene.index, last, scene.narration)
    url = designs.url_in(f"{scene.on_screen_text} {scene.narration}") if layout == "end" else None
    extras = {"layout": layout, "index": str(scene.index), **({"url": url} if url else {}),
              **({"take": str(scene.picture_take)} if scene.picture_take > 1 else {})}
    if layout == "list" and not scene.asset:
        items = enumeration(scene.narration)
        extras |= {"items": "\n".join(items), "icons": "\n".join(icon_picker(settings).pick(items))}
    if layout == "quote" and (said := quotation(scene.narration)):
        extras |= {"quote": said[0], "by": said[1]}
    return VisualRequest(headline=scene.on_screen_text, description=picture_description(scene),
                         keywords=tuple(scene.keywords), size=size, palette=palette,
                         seed=int(picture_key(scene)[:8], 16), label=title,
                         asset=asset(settings, scene.asset) if scene.asset else None, extras=extras)


_pickers: BuiltOnce[IconPicker] = BuiltOnce()


def icon_picker(settings: Settings) -> IconPicker:
    """The icon picker for the settings' embedder, one per process and configuration (the icons' name vectors are
    computed once a machine, then read from the shared cache)."""
    key = settings_key(settings, ("embeddings", "embedding_base_url", "embedding_api_key"))
    return _pickers.get(key, lambda: IconPicker(get_embedder(settings).embed, settings.embeddings,
                                                machine_cache("icons")))


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
