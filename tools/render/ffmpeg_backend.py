"""The fast backend: each segment is one ffmpeg filtergraph, run concurrently, then joined without re-encoding."""

from __future__ import annotations

import os
from collections.abc import Callable
from concurrent.futures import FIRST_COMPLETED, ThreadPoolExecutor, wait
from pathlib import Path

from aios.tools import ffmpeg
from aios.tools.cache import ContentCache
from aios.tools.render.encoders import arguments
from aios.tools.render.overlays import Overlay
from aios.tools.render.spec import XFADE_NAMES, Layer, RenderSpec, Segment, segments


def motion_filter(spec: RenderSpec, layer: Layer) -> str:
    """Ken Burns for one layer: per-frame scale by the zoom curve, then crop toward the anchor."""
    width, height = spec.size
    scene = spec.scenes[layer.scene]
    m = scene.motion
    progress = f"clip((t+{layer.offset / spec.fps:.6f})/{m.seconds:.6f},0,1)"
    zoom = f"max(1,{m.zoom_from}+{m.zoom_to - m.zoom_from:.6f}*{progress})"
    scaled_w, scaled_h = f"2*trunc({width}*{zoom}/2)", f"2*trunc({height}*{zoom}/2)"
    # crop evaluates x and y per frame but keeps the input size it was configured with, so the
    # offsets are computed from the zoom curve rather than from iw/ih.
    return (f"scale=w='{scaled_w}':h='{scaled_h}':eval=frame:flags=bicubic,"
            f"crop={width}:{height}:x='trunc(({scaled_w}-{width})*{m.anchor_x})':"
            f"y='trunc(({scaled_h}-{height})*{m.anchor_y})':exact=1,setsar=1")


def clip_filter(spec: RenderSpec, layer: Layer) -> str:
    """An animated scene: its looping clip at the output's frame rate, filling the frame, from the layer's offset."""
    width, height = spec.size
    return (f"fps={spec.fps},scale={width}:{height}:force_original_aspect_ratio=increase:flags=bicubic,"
            f"crop={width}:{height},setsar=1,trim=start_frame={layer.offset},setpts=PTS-STARTPTS")


def segment_graph(spec: RenderSpec, segment: Segment, overlays: list[Overlay], first_overlay: int) -> str:
    """The filtergraph of one segment: layers with motion, the transition, caption and label overlays."""
    fps = spec.fps
    parts = [f"[{i}:v]{clip_filter(spec, layer) if spec.scenes[layer.scene].clip else motion_filter(spec, layer)},"
             f"trim=end_frame={segment.frames},setpts=PTS-STARTPTS[l{i}]" for i, layer in enumerate(segment.layers)]
    current = "l0"
    if len(segment.layers) == 2 and segment.transition.kind == "fade":  # a dip: out to black, then in from it
        half = segment.frames / fps / 2
        parts.append(f"[l0]format=gbrp,fade=t=out:st=0:d={half:.6f}[a];"
                     f"[l1]format=gbrp,fade=t=in:st={half:.6f}:d={half:.6f}[b];"
                     f"[a][b]blend=all_mode=addition[x]")  # in RGB; one of the two is black at every instant
        current = "x"
    elif len(segment.layers) == 2:
        name = XFADE_NAMES[segment.transition.kind]
        parts.append(f"[l0][l1]xfade=transition={name}:duration={segment.frames / fps:.6f}:offset=0[x]")
        current = "x"
    for n, item in enumerate(overlays):
        parts.append(f"[{current}][{first_overlay + n}:v]overlay=x={item.x}:y={item.y}:"
                     f"enable='between(t,{item.start:.4f},{item.end - 0.0001:.4f})'[o{n}]")
        current = f"o{n}"
    parts.append(f"[{current}]format=yuv420p[v]")
    return ";".join(parts)


def local_overlays(spec: RenderSpec, segment: Segment, overlays: list[Overlay]) -> list[Overlay]:
    """The overlays visible in a segment, with times relative to its first frame."""
    begin = segment.start / spec.fps
    end = (segment.start + segment.frames) / spec.fps
    return [Overlay(o.path, max(0.0, o.start - begin), min(end, o.end) - begin, o.x, o.y)
            for o in overlays if o.end > begin and o.start < end]


def render_segment(spec: RenderSpec, segment: Segment, overlays: list[Overlay], out: Path, encoder: str,
                   binary: str | None, threads: int, on_frames: Callable[[float], None] | None = None) -> None:
    """Encode one segment to `out` (video only, exactly `segment.frames` frames)."""
    fps = spec.fps
    args: list[str] = []
    for layer in segment.layers:
        scene = spec.scenes[layer.scene]
        if scene.clip:
            args += ["-stream_loop", "-1", "-i", scene.clip]
        else:
            args += ["-loop", "1", "-framerate", str(fps), "-t", f"{(segment.frames + 1) / fps:.6f}",
                     "-i", scene.image]
    shown = local_overlays(spec, segment, overlays)
    for item in shown:
        args += ["-i", str(item.path)]
    graph = segment_graph(spec, segment, shown, len(segment.layers))
    args += ["-filter_complex", graph, "-filter_complex_threads", "1", "-map", "[v]",
             "-frames:v", str(segment.frames), "-r", str(fps), *arguments(encoder, spec.profile),
             "-threads", str(threads), "-an", str(out)]
    ffmpeg.run(args, binary=binary, total_s=segment.frames / fps, on_progress=on_frames)


def render_video(spec: RenderSpec, overlays: list[Overlay], audio: Path, out: Path, workdir: Path, *,
                 encoder: str, cache: ContentCache | None = None, workers: int | None = None,
                 binary: str | None = None,
                 on_progress: Callable[[float], None] | None = None) -> tuple[int, int]:
    """Render every segment (cached ones are reused), concatenate them and mux the sound track.

    Returns (segments rendered, segments reused).
    """
    parts = segments(spec)
    workers = workers or max(1, min(4, os.cpu_count() or 1))
    threads = max(1, (os.cpu_count() or 1) // workers + 1)
    done = [0.0] * len(parts)  # frames encoded per segment, written by workers, read here
    files: list[Path] = []
    todo: list[tuple[int, str]] = []
    build = f"{encoder} ffmpeg {ffmpeg.version(binary)}"  # a new ffmpeg build re-renders, never mixes
    for index, segment in enumerate(parts):
        key = segment.key(spec, build)
        cached = cache.get("segments", key, ".mp4") if cache else None
        files.append(cached or workdir / f"segment{index:03d}.mp4")
        if cached:
            done[index] = segment.frames
        else:
            todo.append((index, key))
    todo.sort(key=lambda job: -parts[job[0]].frames)

    def work(index: int, key: str) -> Path:
        def track(fraction: float) -> None:
            done[index] = fraction * parts[index].frames

        target = cache.staging("segments", key, ".mp4") if cache else files[index]
        render_segment(spec, parts[index], overlays, target, encoder, binary, threads, track)
        return cache.commit(target, "segments", key, ".mp4") if cache else target

    # Progress is reported from this thread only: callers' callbacks need not be thread-safe.
    with ThreadPoolExecutor(max_workers=workers) as pool:
        pending = {pool.submit(work, index, key): index for index, key in todo}
        while pending:
            finished, _ = wait(pending, timeout=0.25, return_when=FIRST_COMPLETED)
            for future in finished:
                files[pending.pop(future)] = future.result()
            if on_progress:
                on_progress(0.97 * sum(done) / spec.frames)
    listing = workdir / "segments.ffconcat"
    listing.write_text("ffconcat version 1.0\n" + "".join(f"file '{f.resolve()}'\n" for f in files))
    mux(spec, listing, audio, out, binary)
    if on_progress:
        on_progress(1.0)
    return len(todo), len(parts) - len(todo)


def mux(spec: RenderSpec, listing: Path, audio: Path, out: Path, binary: str | None) -> None:
    """Join the segments (stream copy), add the AAC sound track, tags and +faststart."""
    ffmpeg.run(["-f", "concat", "-safe", "0", "-i", str(listing), "-i", str(audio),
                "-map", "0:v", "-map", "1:a", "-c:v", "copy", "-c:a", "aac",
                "-b:a", spec.profile.audio_bitrate, "-ar", "48000", "-ac", "2",
                "-t", f"{spec.duration_s:.6f}", *metadata_args(spec),
                "-movflags", "+faststart+use_metadata_tags", str(out)],
               binary=binary)


def metadata_args(spec: RenderSpec) -> list[str]:
    """MP4 tags marking the file as synthetic media."""
    tags = {"title": spec.title, "comment": f"{spec.label}: synthetic media made with AIOS Media",
            "description": "AI-generated video (synthetic narration and visuals)", **spec.metadata}
    return [arg for key, value in tags.items() for arg in ("-metadata", f"{key}={value}")]
