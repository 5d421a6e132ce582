"""Render benchmark: one fixed 60 s, 8-scene 1080x1920 timeline rendered three ways in one run.

(a) the moviepy 2 backend (one straightforward composition), (b) our engine (ffmpeg segments in
parallel, joined without re-encoding), (c) the lower bound: one hand-written ffmpeg command with the same
filters, overlays and encode settings. Also (b) at the preview profile. Every render starts cold (no segment
cache). The cases are interleaved, round after round (each round in a different order), so a change in the
machine's load falls on every case alike; each case reports its median wall time, its median CPU seconds (this
process and every ffmpeg it ran) and its peak memory (the whole process tree, sampled). Ends with one RESULT line.

    python benchmarks/render.py [--rounds N] [--skip-moviepy] [--out DIR]
"""

from __future__ import annotations

import argparse
import functools
import os
import resource
import statistics
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


def cpu_seconds() -> float:
    """CPU seconds used so far by this process and its waited-for children (the ffmpeg runs)."""
    own, children = resource.getrusage(resource.RUSAGE_SELF), resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + children.ru_utime + children.ru_stime


def measure(name: str, work: Callable[[], Any]) -> tuple[float, float, float]:
    """Run work(); return (wall seconds, CPU seconds, peak tree RSS MiB) while printing them."""
    peak, stop = [0.0], threading.Event()

    def sample() -> None:
        while not stop.is_set():
            peak[0] = max(peak[0], tree_rss_mb(os.getpid()))
            stop.wait(0.05)

    sampler = threading.Thread(target=sample, daemon=True)
    sampler.start()
    began, cpu = time.perf_counter(), cpu_seconds()
    work()
    wall, used = time.perf_counter() - began, cpu_seconds() - cpu
    stop.set()
    sampler.join()
    print(f"{name:<34} {wall:8.1f} s   {used:8.1f} CPU-s   peak {peak[0]:7.0f} MiB", flush=True)
    return wall, used, peak[0]


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
    """Run the renders, interleaved over rounds, and print the medians and the RESULT line."""
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3, help="renders of each case, interleaved (default 3)")
    parser.add_argument("--skip-moviepy", action="store_true", help="leave out (a); its ratio is then omitted")
    parser.add_argument("--out", type=Path, default=None, help="keep the renders here")
    options = parser.parse_args()
    work = options.out or Path(tempfile.mkdtemp(prefix="aios-bench-"))
    work.mkdir(parents=True, exist_ok=True)
    final, preview = timeline(work, "final"), timeline(work, "preview")
    print(f"timeline: {final.duration_s:.1f} s, {len(final.scenes)} scenes, {final.size[0]}x{final.size[1]} "
          f"@ {final.fps} fps, {len(final.cues)} caption cues; cpus={os.cpu_count()}", flush=True)
    cases: dict[str, Callable[[Path], Any]] = {
        "(c) one ffmpeg command": lambda d: one_command(final, d, d / "c.mp4"),
        "(b) engine, final": lambda d: render(final, d, "b"),
        "(b) engine, preview": lambda d: render(preview, d, "p"),
    }
    if not options.skip_moviepy:
        cases["(a) moviepy 2"] = lambda d: render(final, d, "a", backend="moviepy")
    found: dict[str, list[tuple[float, float, float]]] = {name: [] for name in cases}
    names = list(cases)
    for round_ in range(options.rounds):
        shift = round_ % len(names)  # a different case goes first each round
        for index, name in enumerate(names[shift:] + names[:shift]):
            folder = work / f"r{round_}-{index}"  # cold: a fresh folder, so no segment is cached
            found[name].append(measure(name, functools.partial(cases[name], folder)))
    wall = {name: statistics.median(r[0] for r in runs) for name, runs in found.items()}
    cpu = {name: statistics.median(r[1] for r in runs) for name, runs in found.items()}
    print("medians over", options.rounds, "rounds:")
    for name in names:
        print(f"  {name:<32} {wall[name]:8.1f} s   {cpu[name]:8.1f} CPU-s")
    engine, ffmpeg_one, preview_case = "(b) engine, final", "(c) one ffmpeg command", "(b) engine, preview"
    fields = [f"engine_over_ffmpeg={wall[engine] / wall[ffmpeg_one]:.2f}",
              f"engine_over_ffmpeg_cpu={cpu[engine] / cpu[ffmpeg_one]:.2f}"]
    if not options.skip_moviepy:
        fields.append(f"moviepy_over_engine={wall['(a) moviepy 2'] / wall[engine]:.2f}")
    fields += [f"preview_speedup={wall[engine] / wall[preview_case]:.2f}",
               f"final_cpu_s={cpu[engine]:.1f}", f"preview_cpu_s={cpu[preview_case]:.1f}",
               f"peak_rss_mb={max(r[2] for r in found[engine]):.0f}", f"rounds={options.rounds}"]
    print("RESULT " + " ".join(fields))


if __name__ == "__main__":
    main()
