"""retrieve: the supplied images ranked for the brief, and the brand guidelines and music bed the library holds."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from aios.agent.picks import library_picks
from aios.agent.state import ProductionState
from aios.agent.steps import metered, run_context, timed
from aios.kernel.context import Context
from aios.tools.assets import inspect_image, relevance


@timed
@metered
def retrieve(state: ProductionState, runtime: Runtime[Context]) -> dict[str, Any]:
    """Every supplied image with its relevance to the brief (most relevant first), plus the library's picks."""
    brief = state["brief"]
    assets = []
    for path in brief.assets:
        info = inspect_image(path)
        assets.append(info.model_copy(update={"relevance": relevance(info, brief.text)}))
    assets.sort(key=lambda a: -a.relevance)
    return {"assets": assets, "library": library_picks(brief, run_context(runtime))}
