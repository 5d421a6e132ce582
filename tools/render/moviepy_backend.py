"""The moviepy 2 backend: the same spec as one composition; the reference the fast path is measured against."""

from __future__ import annotations

import os
from collections.abc import Callable
from pathlib import Path
from typing import Any

import numpy as np
import proglog
from PIL import Image

from aios.tools.cache import ContentCache
from aios.tools.render.encoders import NVENC_PRESETS
from aios.tools.render.ffmpeg_backend import metadata_args
from aios.tools.render.overlays import Overlay
from aios.tools.render.spec import Motion, RenderSpec, SceneSpec


class _Progress(proglog.ProgressBarLogger):
    """Forwards moviepy's frame counter as a 0..1 fraction."""

    def __init__(self, total: int, on_progress: Callable[[float], None] | None) -> None:
        super().__init__()
        self.total, self.on_progress = total, on_progress

    def bars_callback(self, bar: str, attr: str, value: int, old_value: int | None = None) -> None:
        if self.on_progress and bar == "frame_index" and attr == "index":
            self.on_progress(min(1.0, value / self.total))


def _ken_burns(size: tuple[int, int], motion: Motion) -> Callable[[Callable[[float], Any], float], Any]:
    """A frame transform: scale the still by the zoom curve (Pillow, bicubic) and crop toward the anchor."""
    width, height = size

    def transform(get_frame: Callable[[float], Any], t: float) -> Any:
        zoom = motion.zoom(t)
        scaled_w, scaled_h = 2 * int(width * zoom / 2), 2 * int(height * zoom / 2)
        image = Image.fromarray(get_frame(t)).resize((scaled_w, scaled_h), Image.Resampling.BICUBIC)
        x, y = int((scaled_w - width) * motion.anchor_x), int((scaled_h - height) * motion.anchor_y)
        return np.asarray(image.crop((x, y, x + width, y + height)))

    return transform


def _scene_clip(spec: RenderSpec, scene: SceneSpec, incoming: SceneSpec | None) -> Any:
    from moviepy import ImageClip, vfx

    duration = scene.frames / spec.fps
    if scene.clip:  # an animated scene: its clip looped, cropped to fill the frame
        from moviepy import VideoFileClip

        moving = VideoFileClip(scene.clip, audio=False)
        scale = max(spec.size[0] / moving.w, spec.size[1] / moving.h)
        moving = moving.resized(scale).cropped(x_center=moving.w * scale / 2, y_center=moving.h * scale / 2,
                                               width=spec.size[0], height=spec.size[1])
        clip = moving.with_effects([vfx.Loop(duration=duration)])
    else:
        still = ImageClip(scene.image).with_duration(duration).resized(spec.size)
        clip = still.transform(_ken_burns(spec.size, scene.motion))
    begin, effects = scene.start / spec.fps, list[Any]()
    if scene.transition_out.kind == "fade":  # a dip: out to black in the first half of the transition
        half = scene.transition_out.frames / spec.fps / 2
        clip = clip.subclipped(0, duration - half)
        effects.append(vfx.FadeOut(half))
    if incoming is not None and incoming.transition_out.kind == "fade":  # and in from black in the second
        half = incoming.transition_out.frames / spec.fps / 2
        clip, begin = clip.subclipped(half), begin + half
        effects.append(vfx.FadeIn(half))
    elif incoming is not None and incoming.transition_out.kind == "slide":
        effects.append(vfx.SlideIn(incoming.transition_out.frames / spec.fps, "right"))
    if scene.transition_out.kind == "slide":
        effects.append(vfx.SlideOut(scene.transition_out.frames / spec.fps, "left"))
    clip = clip.with_start(begin)
    return clip.with_effects(effects) if effects else clip


def render_video(spec: RenderSpec, overlays: list[Overlay], audio: Path, out: Path, workdir: Path, *,
                 encoder: str, cache: ContentCache | None = None, workers: int | None = None,
                 binary: str | None = None,
                 on_progress: Callable[[float], None] | None = None) -> tuple[int, int]:
    """Compose every scene, caption and label with moviepy and write the MP4 in one pass."""
    from moviepy import AudioFileClip, CompositeVideoClip, ImageClip

    layers = [_scene_clip(spec, scene, spec.scenes[i - 1] if i else None) for i, scene in enumerate(spec.scenes)]
    layers += [ImageClip(str(o.path)).with_start(o.start).with_duration(o.end - o.start).with_position((o.x, o.y))
               for o in overlays]
    sound = AudioFileClip(str(audio))
    video = CompositeVideoClip(layers, size=spec.size).with_duration(spec.duration_s).with_audio(sound)
    quality = (["-cq", str(spec.profile.crf), "-b:v", "0"] if encoder == "h264_nvenc"
               else ["-crf", str(spec.profile.crf)])
    try:
        video.write_videofile(
            str(out), fps=spec.fps, codec=encoder, audio_codec="aac", audio_bitrate=spec.profile.audio_bitrate,
            preset=NVENC_PRESETS.get(spec.profile.preset, "p4") if encoder == "h264_nvenc" else spec.profile.preset,
            threads=os.cpu_count(), pixel_format="yuv420p", temp_audiofile_path=str(workdir),
            ffmpeg_params=[*quality, "-ar", "48000", "-ac", "2", *metadata_args(spec),
                           "-movflags", "+faststart+use_metadata_tags"],
            logger=_Progress(spec.frames, on_progress))
    finally:
        video.close()
        sound.close()
    return 1, 0
