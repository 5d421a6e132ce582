"""render: build the render spec from the synthesized scenes and render it at the run's profile."""

from __future__ import annotations

from dataclasses import replace
from typing import Any

import opentimelineio as otio
from langgraph.config import get_stream_writer
from langgraph.runtime import Runtime

from aios.agent.links import links
from aios.agent.rendering import generative_engines, music_for, provenance, scene_inputs, thread_id
from aios.agent.state import ProductionState
from aios.agent.steps import run_context, timed
from aios.agent.stock_picks import shown
from aios.kernel.context import Context
from aios.kernel.schemas import RenderResult
from aios.tools.cache import file_sha256
from aios.tools.export import timeline
from aios.tools.render.build import build_spec
from aios.tools.render.engine import render as render_spec
from aios.tools.render.profiles import frame_size, get_profile
from aios.tools.storage import CACHE_DEPTH, cache_for, local, share
from aios.tools.text import slugify


@timed
def render(state: ProductionState, runtime: Runtime[Context]) -> dict[str, Any]:
    """Render the storyboard at the run's profile; segments already rendered are reused."""
    context = run_context(runtime)
    settings = context.config
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
                      label_position=settings.label_position, metadata=tags, caption_style=context.captions,
                      caption_size=context.caption_size)
    bed_pick = next((p.path for p in state.get("library", []) if p.kind == "music"), None)
    music = music_for(context, brief, spec.duration_s, cache, bed_pick)
    spec = replace(spec, audio=replace(spec.audio, music=music))
    workdir = settings.data_dir / "jobs" / thread_id() / "render" / profile.name
    slug = slugify(storyboard.title)
    writer = get_stream_writer()
    output = render_spec(spec, workdir, slug, backend=settings.renderer,
                         encoder=settings.video_encoder, cache=cache, workers=settings.render_workers,
                         binary=settings.ffmpeg_path,
                         on_progress=lambda done: writer({"render": round(done, 3)}))
    cut = workdir / f"{slug}.otio"  # the timeline editing programs get (aios export)
    otio.adapters.write_to_file(timeline.build(spec, output.video), str(cut), adapter_name="otio_json")
    share(settings, [*output.files.values(), cut])  # the preview, for reviewers and other machines
    result = RenderResult(files={kind: str(path) for kind, path in output.files.items()},
                          duration_s=output.duration_s, width=size[0], height=size[1], profile=profile.name,
                          backend=output.backend, encoder=output.encoder,
                          segments_rendered=output.segments_rendered, segments_reused=output.segments_reused,
                          music=music, c2pa=provenance(output.video, storyboard.title, engines, settings,
                                                       shown(storyboard, state.get("stock", []))),
                          timeline=str(cut), scene_s=[(scene.frames - scene.transition_out.frames) / spec.fps
                                                      for scene in spec.scenes])
    record = {"profile": profile.name, "engines": engines, "output_sha256": file_sha256(output.video),
              "c2pa": result.c2pa}
    return {"render": result, "status": "checking", "provenance": {"render": record},
            "links": links(context, rendered=result.files)}
