"""Quality checks on a rendered file: streams, durations, loudness, black and frozen stretches."""

from __future__ import annotations

import re
import subprocess
from dataclasses import dataclass, field
from pathlib import Path

from aios.kernel.errors import RenderError
from aios.tools import ffmpeg

BLACK_MIN_S = 0.5
FREEZE_MIN_S = 2.0
FREEZE_NOISE_DB = -60
AAC_FRAME_S = 1024 / 48000


@dataclass(frozen=True)
class Analysis:
    """What one decoding pass over a file found."""

    video_codec: str | None
    audio_codec: str | None
    width: int
    height: int
    video_s: float
    audio_s: float
    loudness_lufs: float | None
    black: list[tuple[float, float]] = field(default_factory=list)
    frozen: list[tuple[float, float]] = field(default_factory=list)


def _stream_seconds(path: Path, stream: str, binary: str | None, fps: float) -> float:
    """A stream's length read without decoding: video by its frame count, audio by its last packet."""
    result = subprocess.run([ffmpeg.ffmpeg_exe(binary), "-hide_banner", "-nostdin", "-i", str(path),
                             "-map", f"0:{stream}", "-c", "copy", "-f", "null", "-"],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        return 0.0
    if stream == "v":
        frames = re.findall(r"frame=\s*(\d+)", result.stderr)
        return round(int(frames[-1]) / fps, 3) if frames else 0.0
    times = re.findall(r"time=(\d+):(\d+):([\d.]+)", result.stderr)
    if not times:
        return 0.0
    hours, minutes, seconds = times[-1]
    return round(int(hours) * 3600 + int(minutes) * 60 + float(seconds) + AAC_FRAME_S, 3)


def analyze(path: str | Path, binary: str | None = None) -> Analysis:
    """Decode the file once with blackdetect, freezedetect and the EBU R128 meter."""
    path = Path(path)
    if not path.is_file():
        raise RenderError(f"no rendered file at {path}")
    info = ffmpeg.probe(path)
    vcodec, acodec = ffmpeg.video_codec(path, binary)
    graph = [f"[0:v]blackdetect=d={BLACK_MIN_S}:pix_th=0.10,"
             f"freezedetect=n={FREEZE_NOISE_DB}dB:d={FREEZE_MIN_S}[v]"]
    maps = ["-map", "[v]"]
    if info.get("audio_found"):
        graph.append("[0:a]ebur128=framelog=quiet[a]")
        maps += ["-map", "[a]"]
    result = subprocess.run([ffmpeg.ffmpeg_exe(binary), "-hide_banner", "-nostdin", "-i", str(path),
                             "-filter_complex", ";".join(graph), *maps, "-f", "null", "-"],
                            capture_output=True, text=True, check=False)
    if result.returncode != 0:
        raise RenderError(f"cannot analyze {path}: {result.stderr.strip()[-300:]}")
    log = result.stderr
    black = [(float(a), float(b)) for a, b in re.findall(r"black_start:([\d.]+) black_end:([\d.]+)", log)]
    starts = [float(s) for s in re.findall(r"freeze_start: ([\d.]+)", log)]
    ends = [float(s) for s in re.findall(r"freeze_end: ([\d.]+)", log)]
    video_s = _stream_seconds(path, "v", binary, float(info.get("video_fps") or 30))
    frozen = [(s, ends[i] if i < len(ends) else video_s) for i, s in enumerate(starts)]
    loud = re.findall(r"I:\s+(-?[\d.]+|-inf) LUFS", log)
    width, height = info.get("video_size") or (0, 0)
    return Analysis(vcodec, acodec, int(width), int(height), video_s,
                    _stream_seconds(path, "a", binary, 0) if info.get("audio_found") else 0.0,
                    float(loud[-1]) if loud else None, black, frozen)
