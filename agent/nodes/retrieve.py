"""retrieve: the supplied images ranked for the brief, and the brand guidelines and music bed the library holds."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from agent.context import Context
from agent.library import library_for
from agent.nodes import metered, timed
from agent.schemas import Brief, LibraryPick
from agent.settings import get_settings
from agent.state import ProductionState
from tools.assets import inspect_image, relevance
from tools.library.records import Hit

GUIDELINES = 3


def pick(hit: Hit, scene_index: int | None = None) -> LibraryPick:
    """What the job keeps of a library hit."""
    record = hit.record
    return LibraryPick(id=record.id, name=record.name, kind=record.kind, path=record.path,
                       similarity=round(hit.similarity, 4), scene_index=scene_index,
                       text=record.text if record.kind == "guideline" else "")


def library_picks(brief: Brief, context: Context) -> list[LibraryPick]:
    """Guideline passages about the brief, and a music bed for its tone when one matches well enough."""
    settings = get_settings()
    library = library_for(settings, context.tenant)
    if library is None:
        return []
    query = f"{brief.subject}. {brief.text}"
    found = [pick(h) for h in library.nearest([query], context.tenant, "guideline", GUIDELINES)[0]
             if h.similarity >= settings.guideline_min_score]
    if context.music == "auto" and library.index.count(context.tenant, "music"):
        beds = library.nearest([f"{brief.tone} background music for {brief.subject}"], context.tenant, "music", 1)[0]
        found += [pick(h) for h in beds if h.similarity >= settings.asset_min_score]
    return found


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
    return {"assets": assets, "library": library_picks(brief, runtime.context or Context())}
