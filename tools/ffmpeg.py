"""ffmpeg as plain functions: locate it, run it with progress, probe files."""

from __future__ import annotations

import re
import subprocess
import tempfile
from collections.abc import Callable
from functools import lru_cache
from pathlib import Path
from typing import Any

from aios.kernel.errors import RenderError


@lru_cache(maxsize=4)
def ffmpeg_exe(configured: str | None = None) -> str:
    """The configured ffmpeg, else the static build shipped by imageio-ffmpeg."""
    if configured:
        return configured
    import imageio_ffmpeg

    return str(imageio_ffmpeg.get_ffmpeg_exe())


def run(
    args: list[str],
    *,
    binary: str | None = None,
    total_s: float | None = None,
    on_progress: Callable[[float], None] | None = None,
) -> None:
    """Run ffmpeg with args; raise RenderError with ffmpeg's own message when it fails."""
    command = [ffmpeg_exe(binary), "-hide_banner", "-nostdin", "-y", "-progress", "pipe:1",
               "-nostats", *args]
    with tempfile.TemporaryFile(mode="w+") as errors:
        process = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=errors, text=True)
        assert process.stdout is not None
        for line in process.stdout:
            if on_progress and total_s and line.startswith("out_time_us="):
                value = line.split("=", 1)[1].strip()
                if value.isdigit():
                    on_progress(min(1.0, int(value) / 1e6 / total_s))
        code = process.wait()
        if code != 0:
            errors.seek(0)
            tail = [ln for ln in errors.read().splitlines() if ln.strip()][-6:]
            raise RenderError(f"ffmpeg exited with {code}: " + " | ".join(tail))


def probe(path: str | Path) -> dict[str, Any]:
    """Stream facts of a media file (moviepy's ffmpeg parser): duration, size, fps, audio."""
    from moviepy.video.io.ffmpeg_reader import ffmpeg_parse_infos

    try:
        return dict(ffmpeg_parse_infos(str(path), check_duration=True, decode_file=False))
    except (OSError, IndexError, KeyError, ValueError) as exc:
        raise RenderError(f"cannot probe {path}: {exc}") from exc


def video_codec(path: str | Path, binary: str | None = None) -> tuple[str | None, str | None]:
    """The video and audio codec names of a file, read from ffmpeg's stream listing."""
    result = subprocess.run([ffmpeg_exe(binary), "-hide_banner", "-i", str(path)],
                            capture_output=True, text=True, check=False)
    video = re.search(r"Stream #\S+.*?: Video: (\w+).*?(yuv\w+)?[,(]", result.stderr)
    audio = re.search(r"Stream #\S+.*?: Audio: (\w+)", result.stderr)
    return (video.group(1) if video else None, audio.group(1) if audio else None)


@lru_cache(maxsize=4)
def version(binary: str | None = None) -> str:
    """ffmpeg's version string (e.g. 'n9.0.2-17-g2a571b6068-20260930')."""
    result = subprocess.run([ffmpeg_exe(binary), "-hide_banner", "-version"],
                            capture_output=True, text=True, check=False)
    first = result.stdout.splitlines()[0] if result.stdout else ""
    return first.split(" ")[2] if first.startswith("ffmpeg version") else "unknown"


def tags(path: str | Path, binary: str | None = None) -> dict[str, str]:
    """A file's container metadata tags, read back through ffmpeg's ffmetadata writer."""
    result = subprocess.run([ffmpeg_exe(binary), "-hide_banner", "-nostdin", "-i", str(path), "-f", "ffmetadata", "-"],
                            capture_output=True, text=True, check=False)
    found: dict[str, str] = {}
    for line in result.stdout.splitlines():
        if line.startswith(("[", ";")) or "=" not in line:
            continue
        key, value = line.split("=", 1)
        found[key.strip().lower()] = value.replace("\\=", "=").replace("\\;", ";").replace("\\#", "#")
    return found
