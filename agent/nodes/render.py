"""render: build the render spec from the synthesized scenes and render it at the run's profile."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path
from typing import Any, cast

from langgraph.config import get_config, get_stream_writer
from langgraph.runtime import Runtime

from agent.context import Context
from agent.errors import RenderError
from agent.nodes import timed
from agent.schemas import Brief, RenderResult, Storyboard
from agent.settings import Settings, get_settings
from agent.state import ProductionState, scene_key
from tools.audio import write_wav
from tools.cache import ContentCache, cache_for, content_key, file_sha256
from tools.music import RATE, bed
from tools.provenance.c2pa import definition, sign, signer_config
from tools.render.build import build_spec
from tools.render.engine import render as render_spec
from tools.render.profiles import frame_size, get_profile
from tools.render.spec import TransitionKind
from tools.render.timeline import SceneInput
from tools.storage import CACHE_DEPTH, local, share
from tools.text import slugify

LIVELY = {"upbeat", "energetic", "playful", "festive", "urgent"}


def thread_id() -> str:
    """The running job's thread id (or 'adhoc' when the graph runs without a checkpointer)."""
    return str((get_config().get("configurable") or {}).get("thread_id") or "adhoc")


def transition_for(index: int, choice: str, tone: str) -> TransitionKind:
    """The hand-over style: the run's choice, or slides alternating with fades for lively tones."""
    if choice in ("cut", "fade", "slide"):
        return cast(TransitionKind, choice)
    return "slide" if tone in LIVELY and index % 2 == 1 else "fade"


def music_for(context: Context, brief: Brief, seconds: float, cache: ContentCache,
              library: str | None = None) -> str | None:
    """The music bed file: none, the given file, the library's match, or the synthesized bed for the tone."""
    if context.music == "none":
        return None
    if context.music != "auto":
        return context.music
    if library:
        return library
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
            words=tuple((w.text, w.start, w.end) for w in speech.words),
            transition=scene.transition or transition_for(scene.index, context.transitions, brief.tone),
            motion=scene.index, clip=visuals[key].clip))
    return inputs


@timed
def render(state: ProductionState, runtime: Runtime[Context]) -> dict[str, Any]:
    """Render the storyboard at the run's profile; segments already rendered are reused."""
    settings = get_settings()
    context = runtime.context or Context()
    storyboard, brief = state["storyboard"], state["brief"]
    profile = get_profile(context.profile)
    size = frame_size(brief.aspect, context.profile)
    cache = cache_for(settings)
    scenes = scene_inputs(state, context, brief, storyboard)
    # After a takeover the scenes another machine made are pulled here (a no-op without object storage).
    scenes = [replace(s, image=str(local(settings, s.image, CACHE_DEPTH)), clip=s.clip and str(
        local(settings, s.clip, CACHE_DEPTH)), audio=str(local(settings, s.audio, CACHE_DEPTH))) for s in scenes]
    engines = generative_engines(state)
    tags = {"synthetic_media": "true", "generator": "AIOS Media",
            "ai_engines": "; ".join(f"{k}: {', '.join(v)}" for k, v in engines.items())}
    spec = build_spec(scenes, size=size, profile=profile, title=storyboard.title, label=settings.label_text,
                      label_position=settings.label_position, metadata=tags)
    bed_pick = next((p.path for p in state.get("library", []) if p.kind == "music"), None)
    music = music_for(context, brief, spec.duration_s, cache, bed_pick)
    spec = replace(spec, audio=replace(spec.audio, music=music))
    workdir = settings.data_dir / "jobs" / thread_id() / "render" / profile.name
    writer = get_stream_writer()
    output = render_spec(spec, workdir, slugify(storyboard.title), backend=settings.renderer,
                         encoder=settings.video_encoder, cache=cache, workers=settings.render_workers,
                         binary=settings.ffmpeg_path,
                         on_progress=lambda done: writer({"render": round(done, 3)}))
    share(settings, [output.video, output.srt, output.vtt])  # the preview, for reviewers and other machines
    result = RenderResult(video=str(output.video), srt=str(output.srt), vtt=str(output.vtt),
                          duration_s=output.duration_s, width=size[0], height=size[1], profile=profile.name,
                          backend=output.backend, encoder=output.encoder,
                          segments_rendered=output.segments_rendered, segments_reused=output.segments_reused,
                          music=music, c2pa=provenance(output.video, storyboard.title, engines, settings))
    record = {"profile": profile.name, "engines": engines, "output_sha256": file_sha256(output.video),
              "c2pa": result.c2pa}
    return {"render": result, "status": "checking", "provenance": {"render": record}}


def generative_engines(state: ProductionState) -> dict[str, list[str]]:
    """The engines (with versions) that generated the job's media, by role."""
    visuals = state.get("visuals", {}).values()
    motion = sorted({str(v.model["motion"]) for v in visuals if v.model.get("motion")})
    return {"planner": [state["storyboard"].planner],
            "speech": sorted({n.engine for n in state.get("narrations", {}).values()}),
            "imagery": sorted({v.engine for v in visuals}), **({"motion": motion} if motion else {})}


def provenance(video: Path, title: str, engines: dict[str, list[str]], settings: Settings) -> dict[str, str] | None:
    """Sign a C2PA manifest into the video when a signer is configured; who signed, or None."""
    signer = signer_config(settings)
    if signer is None:
        return None
    return sign(video, definition(title, engines, thread_id()), signer)
