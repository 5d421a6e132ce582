"""match_assets: give each scene without an image the library image that matches it best, when strong enough."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from aios.agent.picks import scene_matches
from aios.agent.state import ProductionState
from aios.agent.steps import metered, run_context, timed
from aios.kernel.context import Context


@timed
@metered
def match_assets(state: ProductionState, runtime: Runtime[Context]) -> dict[str, Any]:
    """Best unused library image per scene (cosine >= AIOS_ASSET_MIN_SCORE); supplied images are kept."""
    storyboard = state["storyboard"]
    chosen = scene_matches(storyboard, run_context(runtime))
    if not chosen:
        return {"matches": []}
    scenes = [s.model_copy(update={"asset": chosen[s.index].path,
                                   "visual": f"Library image {chosen[s.index].name} "
                                             f"(match {chosen[s.index].similarity:.2f}) with the headline"})
              if s.index in chosen else s for s in storyboard.scenes]
    return {"storyboard": storyboard.model_copy(update={"scenes": scenes}),
            "matches": [chosen[i] for i in sorted(chosen)]}
