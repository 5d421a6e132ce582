"""Compile a render spec into one ffmpeg filtergraph: motion, crossfades, captions, label, loudness."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import numpy as np
from PIL import Image, ImageDraw

from tools.audio import read_wav, resample, write_wav
from tools.imagery.fonts import font
from tools.render import ffmpeg
from tools.render.captions import Cue, caption_bottom_margin, draw_cue, timed, write_sidecars
from tools.render.profiles import RenderProfile
from tools.render.timeline import CROSSFADE_S, Placement, SceneInput, place, total_length

AUDIO_RATE = 24_000
ZOOM = 0.08


@dataclass(frozen=True)
class RenderSpec:
    """Everything the renderer consumes: scenes with their stills and speech, and the look."""

    scenes: list[SceneInput]
    size: tuple[int, int]
    profile: RenderProfile
    title: str
    label: str = "AI-generated"
    crossfade: float = CROSSFADE_S
    loudness_lufs: float = -14.0


@dataclass(frozen=True)
class RenderOutput:
    """What render() wrote."""

    video: Path
    srt: Path
    vtt: Path
    duration_s: float
    placements: list[Placement]
    cues: list[Cue]


def mix_narration(spec: RenderSpec, placements: list[Placement], out: Path) -> Path:
    """Place each scene's speech at its start time in one mono track as long as the video."""
    track = np.zeros(int(round(total_length(placements) * AUDIO_RATE)) + 1, dtype=np.float32)
    for scene, slot in zip(spec.scenes, placements, strict=True):
        samples, rate = read_wav(scene.audio)
        samples = resample(samples, rate, AUDIO_RATE)
        begin = int(round(slot.speech_start * AUDIO_RATE))
        end = min(track.size, begin + samples.size)
        track[begin:end] += samples[: end - begin]
    write_wav(out, track, AUDIO_RATE)
    return out


def draw_label(text: str, frame: tuple[int, int], out: Path) -> Path:
    """The synthetic-media label: a small translucent pill."""
    short = min(frame)
    face = font(max(10, short // 40))
    probe = ImageDraw.Draw(Image.new("RGBA", (1, 1)))
    pad = short // 80
    width = int(probe.textlength(text, font=face)) + 2 * pad
    height = int(getattr(face, "size", 12) * 1.2) + pad
    image = Image.new("RGBA", (width, height), (0, 0, 0, 0))
    draw = ImageDraw.Draw(image)
    draw.rounded_rectangle((0, 0, width - 1, height - 1), radius=height // 2, fill=(0, 0, 0, 140))
    draw.text((pad, pad // 2), text, font=face, fill=(255, 255, 255, 230))
    image.save(out, format="PNG")
    return out


def _motion(index: int, width: int, height: int, length: float) -> str:
    start, delta = (1.0, ZOOM) if index % 2 == 0 else (1.0 + ZOOM, -ZOOM)
    scale = f"trunc({width}*({start}+{delta}*t/{length:.3f})/2)*2"
    return (f"scale=w='{scale}':h=-2:eval=frame:flags=bicubic,"
            f"crop={width}:{height}:(iw-{width})/2:(ih-{height})/2,setsar=1")


def filtergraph(spec: RenderSpec, placements: list[Placement], cues: list[Cue],
                cue_inputs: int, label_input: int, audio_input: int) -> str:
    """The filter_complex text: scenes with motion, crossfades, caption overlays, label, audio."""
    width, height = spec.size
    fps = spec.profile.fps
    parts: list[str] = []
    for i, slot in enumerate(placements):
        clip = slot.length + (spec.crossfade if i < len(placements) - 1 else 0.0)
        parts.append(f"[{i}:v]{_motion(i, width, height, clip)},fps={fps},format=yuv420p[s{i}]")
    current = "s0"
    for i in range(1, len(placements)):
        parts.append(f"[{current}][s{i}]xfade=transition=fade:duration={spec.crossfade}:"
                     f"offset={placements[i].start:.3f}[x{i}]")
        current = f"x{i}"
    bottom = caption_bottom_margin(spec.size)
    for n, cue in enumerate(cues):
        parts.append(f"[{current}][{cue_inputs + n}:v]overlay=x=(W-w)/2:y=H-h-{bottom}:"
                     f"enable='between(t,{cue.start:.3f},{cue.end:.3f})'[c{n}]")
        current = f"c{n}"
    margin = min(spec.size) // 30
    parts.append(f"[{current}][{label_input}:v]overlay=x=W-w-{margin}:y={margin},"
                 f"format=yuv420p[vout]")
    parts.append(f"[{audio_input}:a]loudnorm=I={spec.loudness_lufs}:TP=-1.5:LRA=11,"
                 f"aresample=48000[aout]")
    return ";".join(parts)


def render(spec: RenderSpec, workdir: Path, stem: str,
           on_progress: Callable[[float], None] | None = None,
           binary: str | None = None) -> RenderOutput:
    """Render the spec to workdir/stem.mp4 with .srt and .vtt beside it."""
    workdir.mkdir(parents=True, exist_ok=True)
    placements = place(spec.scenes, spec.crossfade)
    duration = total_length(placements)
    audio = mix_narration(spec, placements, workdir / "narration.wav")
    cues = [cue for scene, slot in zip(spec.scenes, placements, strict=True)
            for cue in timed(scene.narration, slot.speech_start, slot.speech_s)]
    srt, vtt = workdir / f"{stem}.srt", workdir / f"{stem}.vtt"
    write_sidecars(cues, srt, vtt)
    args: list[str] = []
    for i, (scene, slot) in enumerate(zip(spec.scenes, placements, strict=True)):
        clip = slot.length + (spec.crossfade if i < len(placements) - 1 else 0.0)
        args += ["-loop", "1", "-framerate", str(spec.profile.fps), "-t", f"{clip:.3f}",
                 "-i", scene.image]
    audio_input = len(placements)
    args += ["-i", str(audio)]
    cue_inputs = audio_input + 1
    for n, cue in enumerate(cues):
        args += ["-i", str(draw_cue(cue.text, spec.size, workdir / f"cue{n:03d}.png"))]
    label_input = cue_inputs + len(cues)
    args += ["-i", str(draw_label(spec.label, spec.size, workdir / "label.png"))]
    graph = filtergraph(spec, placements, cues, cue_inputs, label_input, audio_input)
    video = workdir / f"{stem}.mp4"
    args += [
        "-filter_complex", graph, "-map", "[vout]", "-map", "[aout]",
        "-c:v", "libx264", "-preset", spec.profile.preset, "-crf", str(spec.profile.crf),
        "-pix_fmt", "yuv420p", "-r", str(spec.profile.fps),
        "-c:a", "aac", "-b:a", spec.profile.audio_bitrate, "-ar", "48000", "-ac", "2",
        "-movflags", "+faststart", "-t", f"{duration:.3f}",
        "-metadata", f"title={spec.title}",
        "-metadata", f"comment={spec.label}: synthetic media made with AIOS Media",
        "-metadata", "description=AI-generated video (synthetic narration and visuals)",
        str(video),
    ]
    ffmpeg.run(args, binary=binary, total_s=duration, on_progress=on_progress)
    return RenderOutput(video, srt, vtt, duration, placements, cues)
