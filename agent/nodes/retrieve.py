"""retrieve: inspect the supplied assets and rank them by relevance to the brief."""

from __future__ import annotations

from typing import Any

from agent.nodes import timed
from agent.state import ProductionState
from tools.assets import inspect_image, relevance


@timed
def retrieve(state: ProductionState) -> dict[str, Any]:
    """Every supplied image with its relevance to the brief, most relevant first."""
    brief = state["brief"]
    assets = []
    for path in brief.assets:
        info = inspect_image(path)
        assets.append(info.model_copy(update={"relevance": relevance(info, brief.text)}))
    assets.sort(key=lambda a: -a.relevance)
    return {"assets": assets}
