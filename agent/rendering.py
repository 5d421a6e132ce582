"""Rendering helpers: the job's id, each scene's inputs, hand-overs, the music bed and C2PA signing."""

from __future__ import annotations

import mimetypes
from collections.abc import Sequence
from pathlib import Path
from typing import cast

from langgraph.config import get_config

from aios.agent.state import ProductionState, scene_key
from aios.kernel.context import MUSIC_CHOICES, Context
from aios.kernel.errors import RenderError
from aios.kernel.schemas import Brief, StockPick, Storyboard
from aios.kernel.settings import Settings
from aios.kernel.vocab import LIVELY_TONES
from aios.tools.audio import write_wav
from aios.tools.cache import ContentCache, content_key
from aios.tools.music import RATE, bed
from aios.tools.music_library import track_for
from aios.tools.provenance.c2pa import Ingredient, definition, sign, signer_config
from aios.tools.render.spec import TransitionKind
from aios.tools.render.timeline import SceneInput
from aios.tools.storage import asset


def thread_id() -> str:
    """The running job's thread id (or 'adhoc' when the graph runs without a checkpointer)."""
    return str((get_config().get("configurable") or {}).get("thread_id") or "adhoc")


def transition_for(index: int, choice: str, tone: str) -> TransitionKind:
    """The hand-over style: the run's choice, or slides alternating with fades for lively tones."""
    if choice in ("cut", "fade", "slide"):
        return cast(TransitionKind, choice)
    return "slide" if tone in LIVELY_TONES and index % 2 == 1 else "fade"


def music_for(context: Context, brief: Brief, seconds: float, cache: ContentCache,
              library: str | None = None) -> str | None:
    """The music bed file: none, the given file, the asset library's match, a packaged track for the tone's mood
    when asked for (`library`), else the bed synthesized for the tone.

    Packaged tracks are not the `auto` default yet: under real music the eval's caption-sync measure (Whisper
    words snapped to voice-activity onsets found in the mix) loses the pauses and reads 0.42 s at p95 instead of
    0.18 s, though the captions' own timing is unchanged; the default waits for a voice-stem measurement."""
    if context.music == "none":
        return None
    if context.music not in MUSIC_CHOICES:  # a file
        return context.music
    if library:
        return library
    packaged = track_for(brief.tone, brief.text) if context.music == "library" else None
    if packaged is not None:
        return str(packaged)
    key = content_key(kind="music-bed", tone=brief.tone, seconds=round(seconds))
    path, _ = cache.fetch("music", key, ".wav", lambda out: write_wav(out, bed(round(seconds) + 1.0, brief.tone), RATE))
    return str(path)


def scene_inputs(state: ProductionState, context: Context, brief: Brief, storyboard: Storyboard) -> list[SceneInput]:
    """Each scene's still, speech and word timings as the spec builder takes them."""
    narrations, visuals = state.get("narrations", {}), state.get("visuals", {})
    inputs = []
    for scene in storyboard.scenes:
        key = scene_key(scene)
        if key not in narrations or key not in visuals:
            raise RenderError(f"scene {scene.index} has no synthesized speech or visual")
        speech = narrations[key]
        inputs.append(SceneInput(
            image=visuals[key].path, audio=speech.path, audio_s=speech.duration_s,
            planned_s=scene.duration_s, narration=scene.narration,
            words=tuple(speech.words),
            transition=scene.transition or transition_for(scene.index, context.transitions, brief.tone),
            motion=scene.index, clip=visuals[key].clip))
    return inputs


def generative_engines(state: ProductionState) -> dict[str, list[str]]:
    """The engines (with versions) that generated the job's media, by role."""
    visuals = state.get("visuals", {}).values()
    motion = sorted({str(v.model["motion"]) for v in visuals if v.model.get("motion")})
    return {"planner": [state["storyboard"].planner],
            "speech": sorted({n.engine for n in state.get("narrations", {}).values()}),
            "imagery": sorted({v.engine for v in visuals}), **({"motion": motion} if motion else {})}


def provenance(video: Path, title: str, engines: dict[str, list[str]], settings: Settings,
               stock: Sequence[StockPick] = ()) -> dict[str, str] | None:
    """Sign a C2PA manifest into the video when a signer is configured, the stock pictures it shows named as
    ingredients; who signed, or None."""
    signer = signer_config(settings)
    if signer is None:
        return None
    ingredients = [Ingredient(Path(asset(settings, p.path)), f"{p.provider} {p.id}: {p.title[:80]}",
                              mimetypes.guess_type(p.path)[0] or "image/jpeg", p.credit()) for p in stock if p.path]
    return sign(video, definition(title, engines, thread_id()), signer, ingredients)
