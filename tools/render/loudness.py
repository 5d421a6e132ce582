"""Loudness with ffmpeg: EBU R128 measurement and normalization to a LUFS target under a peak ceiling."""

from __future__ import annotations

import re
import subprocess
from pathlib import Path

from aios.kernel.errors import RenderError
from aios.tools.ffmpeg import ffmpeg_exe

MAX_PASSES = 6
TOLERANCE_LU = 0.1


def normalize(source: Path, out: Path, *, target: float = -14.0, true_peak: float = -1.5,
              binary: str | None = None) -> float:
    """Gain to the LUFS target with a peak limiter, re-measured until within 0.2 LU; returns the input LUFS.

    Speech has a high crest factor, so a plain linear gain to -14 LUFS would clip and loudnorm's
    dynamic fallback undershoots; limiting peaks and correcting the gain by measurement lands on target.
    """
    measured = integrated(source, binary)
    if measured == float("-inf"):
        raise RenderError("the audio mix is silent; nothing to normalize")
    ceiling = 10 ** ((true_peak - 0.5) / 20)
    gain = target - measured
    tried: list[tuple[float, float]] = []
    for _ in range(MAX_PASSES):
        graph = (f"volume={gain:.3f}dB,alimiter=limit={ceiling:.4f}:level=disabled:attack=5:release=60,"
                 "aresample=48000")
        result = subprocess.run(
            [ffmpeg_exe(binary), "-hide_banner", "-nostdin", "-y", "-i", str(source), "-af", graph,
             "-c:a", "pcm_s16le", str(out)], capture_output=True, text=True, check=False)
        if result.returncode != 0:
            raise RenderError(f"loudness normalization failed: {result.stderr.strip()[-300:]}")
        level = integrated(out, binary)
        tried.append((gain, level))
        if abs(target - level) <= TOLERANCE_LU:
            break
        # Limiting makes loudness grow slower than gain: step by the measured slope (secant method).
        slope = 1.0
        if len(tried) > 1 and tried[-1][0] != tried[-2][0]:
            slope = (tried[-1][1] - tried[-2][1]) / (tried[-1][0] - tried[-2][0])
        gain += (target - level) / min(1.0, max(0.2, slope))
    return measured


def integrated(path: str | Path, binary: str | None = None) -> float:
    """Integrated loudness (LUFS) of a file's audio by the EBU R128 meter."""
    result = subprocess.run(
        [ffmpeg_exe(binary), "-hide_banner", "-nostdin", "-i", str(path), "-vn", "-af",
         "ebur128=framelog=quiet", "-f", "null", "-"], capture_output=True, text=True, check=False)
    found = re.findall(r"I:\s+(-?[\d.]+|-inf) LUFS", result.stderr)
    if result.returncode != 0 or not found:
        raise RenderError(f"cannot meter loudness of {path}: {result.stderr.strip()[-300:]}")
    return float(found[-1])
