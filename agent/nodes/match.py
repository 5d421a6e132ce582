"""match_assets: give each scene without an image the library image that matches it best, when strong enough."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from agent.context import Context
from agent.library import library_for
from agent.nodes import metered, timed
from agent.nodes.retrieve import pick
from agent.schemas import LibraryPick, Scene
from agent.settings import get_settings
from agent.state import ProductionState

CANDIDATES = 5


def scene_query(scene: Scene) -> str:
    """What a scene is about, for matching: its visual, headline, keywords and narration."""
    return ". ".join(p for p in (scene.visual, scene.on_screen_text, " ".join(scene.keywords), scene.narration) if p)


@timed
@metered
def match_assets(state: ProductionState, runtime: Runtime[Context]) -> dict[str, Any]:
    """Best unused library image per scene (cosine >= AIOS_ASSET_MIN_SCORE); supplied images are kept."""
    settings, context = get_settings(), runtime.context or Context()
    storyboard = state["storyboard"]
    library = library_for(settings, context.tenant)
    open_scenes = [s for s in storyboard.scenes if not s.asset]
    if library is None or not open_scenes or not library.index.count(context.tenant, "image"):
        return {"matches": []}
    ranked = library.nearest([scene_query(s) for s in open_scenes], context.tenant, "image", CANDIDATES)
    pairs = sorted(((h.similarity, s.index, h) for s, hits in zip(open_scenes, ranked, strict=True) for h in hits
                    if h.similarity >= settings.asset_min_score), key=lambda p: (-p[0], p[1]))
    chosen: dict[int, LibraryPick] = {}
    used: set[str] = set()
    for _similarity, index, hit in pairs:
        if index not in chosen and hit.record.id not in used:
            chosen[index] = pick(hit, index)
            used.add(hit.record.id)
    if not chosen:
        return {"matches": []}
    scenes = [s.model_copy(update={"asset": chosen[s.index].path,
                                   "visual": f"Library image {chosen[s.index].name} "
                                             f"(match {chosen[s.index].similarity:.2f}) with the headline"})
              if s.index in chosen else s for s in storyboard.scenes]
    return {"storyboard": storyboard.model_copy(update={"scenes": scenes}),
            "matches": [chosen[i] for i in sorted(chosen)]}
