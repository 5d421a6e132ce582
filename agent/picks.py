"""Library picks: guideline passages and a music bed for a brief, and the best library image for each scene."""

from __future__ import annotations

from aios.agent.library import library_for
from aios.kernel.context import Context
from aios.kernel.schemas import Brief, LibraryPick, Scene, Storyboard
from aios.tools.library.records import Hit

GUIDELINES = 3
CANDIDATES = 5


def pick(hit: Hit, scene_index: int | None = None) -> LibraryPick:
    """What the job keeps of a library hit."""
    record = hit.record
    return LibraryPick(id=record.id, name=record.name, kind=record.kind, path=record.path,
                       similarity=round(hit.similarity, 4), scene_index=scene_index,
                       text=record.text if record.kind == "guideline" else "")


def library_picks(brief: Brief, context: Context) -> list[LibraryPick]:
    """Guideline passages about the brief, and a music bed for its tone when one matches well enough."""
    settings = context.config
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


def scene_query(scene: Scene) -> str:
    """What a scene is about, for matching: its visual, headline, keywords and narration."""
    return ". ".join(p for p in (scene.visual, scene.on_screen_text, " ".join(scene.keywords), scene.narration) if p)


def scene_matches(storyboard: Storyboard, context: Context) -> dict[int, LibraryPick]:
    """Best unused library image per scene without one (cosine >= AIOS_ASSET_MIN_SCORE), by scene index."""
    settings = context.config
    library = library_for(settings, context.tenant)
    open_scenes = [s for s in storyboard.scenes if not s.asset]
    if library is None or not open_scenes or not library.index.count(context.tenant, "image"):
        return {}
    ranked = library.nearest([scene_query(s) for s in open_scenes], context.tenant, "image", CANDIDATES)
    pairs = sorted(((h.similarity, s.index, h) for s, hits in zip(open_scenes, ranked, strict=True) for h in hits
                    if h.similarity >= settings.asset_min_score), key=lambda p: (-p[0], p[1]))
    chosen: dict[int, LibraryPick] = {}
    used: set[str] = set()
    for _similarity, index, hit in pairs:
        if index not in chosen and hit.record.id not in used:
            chosen[index] = pick(hit, index)
            used.add(hit.record.id)
    return chosen
