"""The render engine: sound track and captions once, then the picture by the chosen backend."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from agent.errors import ConfigurationError
from tools.cache import ContentCache
from tools.render import encoders, ffmpeg_backend, moviepy_backend
from tools.render.captions import write_sidecars
from tools.render.mix import mixdown
from tools.render.overlays import Overlay, captions, label
from tools.render.spec import RenderSpec


class Backend(Protocol):
    """Renders a spec's picture, muxed with a finished sound track, into an MP4."""

    def __call__(self, spec: RenderSpec, overlays: list[Overlay], audio: Path, out: Path, workdir: Path, *,
                 encoder: str, cache: ContentCache | None = ..., workers: int | None = ...,
                 binary: str | None = ...,
                 on_progress: Callable[[float], None] | None = ...) -> tuple[int, int]: ...


BACKENDS: dict[str, Backend] = {"ffmpeg": ffmpeg_backend.render_video, "moviepy": moviepy_backend.render_video}


@dataclass(frozen=True)
class RenderOutput:
    """What a render wrote and how."""

    video: Path
    srt: Path
    vtt: Path
    duration_s: float
    backend: str
    encoder: str
    segments_rendered: int
    segments_reused: int


def render(spec: RenderSpec, workdir: Path, stem: str, *, backend: str = "ffmpeg", encoder: str = "auto",
           cache: ContentCache | None = None, workers: int | None = None, binary: str | None = None,
           on_progress: Callable[[float], None] | None = None) -> RenderOutput:
    """Render the spec to workdir/stem.mp4 with .srt and .vtt beside it."""
    if backend not in BACKENDS:
        raise ConfigurationError(f"unknown renderer {backend!r}; choose one of {sorted(BACKENDS)}")
    workdir.mkdir(parents=True, exist_ok=True)
    chosen = encoders.pick(encoder, binary)
    audio = mixdown(spec.audio, spec.duration_s, workdir, binary)
    srt, vtt = workdir / f"{stem}.srt", workdir / f"{stem}.vtt"
    write_sidecars(list(spec.cues), srt, vtt)
    overlays = [*captions(spec, workdir), label(spec, workdir)]
    video = workdir / f"{stem}.mp4"
    rendered, reused = BACKENDS[backend](spec, overlays, audio, video, workdir, encoder=chosen, cache=cache,
                                         workers=workers, binary=binary, on_progress=on_progress)
    return RenderOutput(video, srt, vtt, spec.duration_s, backend, chosen, rendered, reused)
