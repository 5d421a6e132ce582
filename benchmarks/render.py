"""Render benchmark: one fixed 60 s, 8-scene 1080x1920 timeline rendered three ways in one run.

(a) the moviepy 2 backend (one straightforward composition), (b) our engine (ffmpeg segments in
parallel, joined without re-encoding), (c) the lower bound: one hand-written ffmpeg command with the same
filters, overlays and encode settings. Also (b) at the preview profile. Each run starts cold (no segment
cache). Prints wall time and peak memory (the whole process tree, sampled) and ends with one RESULT line.

    python benchmarks/render.py [--skip-moviepy] [--out DIR]
"""

from __future__ import annotations

import argparse
import os
import tempfile
import threading
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from aios.agent.speech import word_times
from aios.kernel.settings import get_settings
from aios.tools import ffmpeg
from aios.tools.audio import read_wav, write_wav
from aios.tools.imagery import VisualRequest, get_image_engine
from aios.tools.music import RATE, bed
from aios.tools.render.build import build_spec
from aios.tools.render.encoders import arguments
from aios.tools.render.engine import render
from aios.tools.render.ffmpeg_backend import metadata_args, motion_filter
from aios.tools.render.mix import mixdown
from aios.tools.render.overlays import captions, label
from aios.tools.render.profiles import frame_size, get_profile
from aios.tools.render.spec import XFADE_NAMES, Layer, RenderSpec
from aios.tools.render.timeline import SceneInput
from aios.tools.tts import get_speech_engine

LINES = [
    "Spring is here, and our biggest sale of the season starts today.",
    "Fresh linen shirts, light jackets and easy dresses are all thirty percent off.",
    "Every piece is made to last, from organic cotton and recycled wool.",
    "Our stylists picked new looks for work, weekends and everything between.",
    "Members get free delivery on every order, with returns for sixty days.",
    "Visit any of our twelve stores, or shop online whenever you like.",
    "The sale runs until Sunday at midnight, so do not wait too long.",
    "Find something you love this spring. Shop the sale now.",
]
HEADLINES = ["Spring sale", "30% off", "Made to last", "New looks", "Free delivery", "12 stores",
             "Until Sunday", "Shop now"]


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and all its descendants, in MiB (from /proc)."""
    children: dict[int, list[int]] = {}
    for entry in os.listdir("/proc"):
        if entry.isdigit():
            try:
                parent = int(Path(f"/proc/{entry}/stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(parent, []).append(int(entry))
    total, todo = 0, [pid]
    while todo:
        current = todo.pop()
        todo += children.get(current, [])
        try:
            for line in Path(f"/proc/{current}/status").read_text().splitlines():
                if line.startswith("VmRSS:"):
                    total += int(line.split()[1])
        except OSError:
            continue
    return total / 1024


def measure(name: str, work: Callable[[], Any]) -> tuple[float, float]:
    """Run work(); return (wall seconds, peak tree RSS MiB) while printing them."""
    peak, stop = [0.0], threading.Event()

    def sample() -> None:
        while not stop.is_set():
            peak[0] = max(peak[0], tree_rss_mb(os.getpid()))
            stop.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    began = time.perf_counter()
    work()
    wall = time.perf_counter() - began
    stop.set()
    sampler.join()
    print(f"{name:<34} {wall:8.1f} s   peak {peak[0]:7.0f} MiB", flush=True)
    return wall, peak[0]


def timeline(work: Path, profile: str) -> RenderSpec:
    """The fixed 60 s, 8-scene vertical timeline at a profile: drawn stills, real speech, music."""
    size = frame_size("9:16", profile)
    settings = get_settings()
    engine, voice = get_image_engine("cards", settings), get_speech_engine("hibari", "heart", settings)
    scenes = []
    for i, (line, headline) in enumerate(zip(LINES, HEADLINES, strict=True)):
        image = work / f"{profile}-still{i}.png"
        engine.render(VisualRequest(headline=headline, description=line, keywords=(), size=size,
                                    palette=["sunrise", "aurora"][i % 2], seed=i, label="Spring sale"), image)
        audio = work / f"speech{i}.wav"
        if not audio.exists():
            voice.synthesize(line, audio, language="en")
        samples, rate = read_wav(audio)
        words = tuple(word_times(voice, line, "en", 1.0, audio))
        scenes.append(SceneInput(str(image), str(audio), samples.size / rate, 7.5, line, words,
                                 "slide" if i % 2 else "fade", i))
    music = work / "music.wav"
    if not music.exists():
        write_wav(music, bed(62, "upbeat"), RATE)
    return build_spec(scenes, size=size, profile=get_profile(profile), title="Spring sale", music=str(music))


def one_command(spec: RenderSpec, work: Path, out: Path) -> None:
    """The lower bound: the same filters as our segments, as one hand-written ffmpeg command."""
    work.mkdir(parents=True, exist_ok=True)
    audio = mixdown(spec.audio, spec.duration_s, work)
    overlays = [*captions(spec, work), label(spec, work)]
    fps, args, parts = spec.fps, [], []
    for i, scene in enumerate(spec.scenes):
        args += ["-loop", "1", "-framerate", str(fps), "-t", f"{(scene.frames + 1) / fps:.6f}", "-i", scene.image]
        parts.append(f"[{i}:v]{motion_filter(spec, Layer(i, 0))},trim=end_frame={scene.frames},"
                     f"setpts=PTS-STARTPTS[s{i}]")
    current = "s0"
    for i in range(1, len(spec.scenes)):
        before = spec.scenes[i - 1]
        kind, frames = before.transition_out.kind, before.transition_out.frames
        if kind == "cut":
            parts.append(f"[{current}][s{i}]concat=n=2:v=1:a=0[x{i}]")
        else:
            parts.append(f"[{current}][s{i}]xfade=transition={XFADE_NAMES[kind]}:duration={frames / fps:.6f}:"
                         f"offset={spec.scenes[i].start / fps:.6f}[x{i}]")
        current = f"x{i}"
    first = len(spec.scenes)
    for n, item in enumerate(overlays):
        args += ["-i", str(item.path)]
        parts.append(f"[{current}][{first + n}:v]overlay=x={item.x}:y={item.y}:"
                     f"enable='between(t,{item.start:.4f},{item.end - 0.0001:.4f})'[o{n}]")
        current = f"o{n}"
    parts.append(f"[{current}]format=yuv420p[v]")
    args += ["-i", str(audio), "-filter_complex", ";".join(parts), "-map", "[v]", "-map", f"{first + len(overlays)}:a",
             "-frames:v", str(spec.frames), "-r", str(fps), *arguments("libx264", spec.profile),
             "-c:a", "aac", "-b:a", spec.profile.audio_bitrate, "-ar", "48000", "-ac", "2",
             *metadata_args(spec), "-movflags", "+faststart+use_metadata_tags", str(out)]
    ffmpeg.run(args)


def main() -> None:
    """Run the three renders (and the preview) and print the RESULT line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--skip-moviepy", action="store_true", help="leave out (a); its ratio is then omitted")
    parser.add_argument("--out", type=Path, default=None, help="keep the renders here")
    options = parser.parse_args()
    work = options.out or Path(tempfile.mkdtemp(prefix="aios-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    final, preview = timeline(work, "final"), timeline(work, "preview")
    print(f"timeline: {final.duration_s:.1f} s, {len(final.scenes)} scenes, {final.size[0]}x{final.size[1]} "
          f"@ {final.fps} fps, {len(final.cues)} caption cues; cpus={os.cpu_count()}", flush=True)
    ffmpeg_s, _ = measure("(c) one ffmpeg command", lambda: one_command(final, work / "c", work / "c.mp4"))
    engine_s, engine_mb = measure("(b) engine, final", lambda: render(final, work / "b", "b"))
    preview_s, _ = measure("(b) engine, preview", lambda: render(preview, work / "p", "p"))
    fields = [f"engine_over_ffmpeg={engine_s / ffmpeg_s:.2f}"]
    if not options.skip_moviepy:
        moviepy_s, _ = measure("(a) moviepy 2", lambda: render(final, work / "a", "a", backend="moviepy"))
        fields.append(f"moviepy_over_engine={moviepy_s / engine_s:.2f}")
    fields += [f"preview_speedup={engine_s / preview_s:.2f}", f"peak_rss_mb={engine_mb:.0f}"]
    print("RESULT " + " ".join(fields))


if __name__ == "__main__":
    main()
