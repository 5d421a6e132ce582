"""match_assets: give each scene without an image the library image that matches it best, when strong enough, and
then, when stock providers are configured, the best stock picture."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from aios.agent.picks import scene_matches
from aios.agent.state import ProductionState
from aios.agent.steps import metered, run_context, timed
from aios.agent.stock import stock_pictures
from aios.kernel.context import Context
from aios.kernel.schemas import Scene, StockPick


@timed
@metered
def match_assets(state: ProductionState, runtime: Runtime[Context]) -> dict[str, Any]:
    """Library images first (cosine >= AIOS_ASSET_MIN_SCORE), then stock pictures; supplied images are kept."""
    context = run_context(runtime)
    storyboard = state["storyboard"]
    chosen = scene_matches(storyboard, context)
    scenes = [s.model_copy(update={"asset": chosen[s.index].path,
                                   "visual": f"Library image {chosen[s.index].name} "
                                             f"(match {chosen[s.index].similarity:.2f}) with the headline"})
              if s.index in chosen else s for s in storyboard.scenes]
    storyboard = storyboard.model_copy(update={"scenes": scenes})
    stock = stock_pictures(storyboard, state["brief"].aspect, context)
    shown = {p.scene_index: p for p in stock if p.path}
    if shown:
        storyboard = storyboard.model_copy(update={"scenes": [photographed(s, shown) for s in storyboard.scenes]})
    update: dict[str, Any] = {"matches": [chosen[i] for i in sorted(chosen)], "stock": stock}
    if chosen or shown:
        update["storyboard"] = storyboard
    return update


def photographed(scene: Scene, shown: dict[int, StockPick]) -> Scene:
    """The scene showing its stock picture, the visual saying whose it is."""
    found = shown.get(scene.index)
    if found is None:
        return scene
    return scene.model_copy(update={"asset": found.path, "visual": f"Stock photo \"{found.title[:80]}\" by "
                                    f"{found.author or 'unknown'} ({found.provider}, match {found.similarity:.2f}) "
                                    "with the headline"})
