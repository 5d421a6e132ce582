"""Video encoder choice: h264_nvenc when it opens on this machine, libx264 otherwise."""

from __future__ import annotations

import subprocess
from functools import lru_cache

from aios.kernel.errors import ConfigurationError
from aios.tools.ffmpeg import ffmpeg_exe
from aios.tools.render.profiles import RenderProfile

NVENC_PRESETS = {"ultrafast": "p1", "superfast": "p1", "veryfast": "p2", "faster": "p3", "fast": "p3",
                 "medium": "p4", "slow": "p5", "slower": "p6", "veryslow": "p7"}


@lru_cache(maxsize=8)
def opens(encoder: str, binary: str | None = None) -> bool:
    """Whether ffmpeg can open `encoder` here (NVENC needs an NVIDIA GPU with the encoder block)."""
    result = subprocess.run(
        [ffmpeg_exe(binary), "-hide_banner", "-nostdin", "-f", "lavfi", "-i", "color=s=256x256:d=0.2",
         "-frames:v", "4", "-c:v", encoder, "-f", "null", "-"], capture_output=True, check=False, timeout=60)
    return result.returncode == 0


def pick(preference: str = "auto", binary: str | None = None) -> str:
    """The encoder to use: `auto` tries NVENC first; naming one that does not open is an error."""
    if preference == "auto":
        return "h264_nvenc" if opens("h264_nvenc", binary) else "libx264"
    if preference not in ("libx264", "h264_nvenc"):
        raise ConfigurationError(f"unknown video encoder {preference!r}; use auto, libx264 or h264_nvenc")
    if not opens(preference, binary):
        raise ConfigurationError(f"video encoder {preference} does not open on this machine")
    return preference


def arguments(encoder: str, profile: RenderProfile) -> list[str]:
    """Encode arguments for a profile: same quality intent on either encoder, yuv420p, closed GOPs."""
    if encoder == "h264_nvenc":
        return ["-c:v", "h264_nvenc", "-preset", NVENC_PRESETS.get(profile.preset, "p4"), "-rc", "vbr",
                "-cq", str(profile.crf), "-b:v", "0", "-pix_fmt", "yuv420p"]
    return ["-c:v", "libx264", "-preset", profile.preset, "-crf", str(profile.crf), "-pix_fmt", "yuv420p"]
