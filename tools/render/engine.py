"""The render engine: sound track and captions once, then the picture by the chosen backend."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Protocol

from aios.kernel.catalogs import RENDERERS
from aios.kernel.errors import ConfigurationError
from aios.tools.cache import ContentCache
from aios.tools.render import encoders
from aios.tools.render.captions import write_sidecars
from aios.tools.render.mix import mixdown
from aios.tools.render.overlays import Overlay, captions, label
from aios.tools.render.spec import RenderSpec


class Backend(Protocol):
    """Renders a spec's picture, muxed with a finished sound track, into an MP4."""

    def __call__(self, spec: RenderSpec, overlays: list[Overlay], audio: Path, out: Path, workdir: Path, *,
                 encoder: str, cache: ContentCache | None = ..., workers: int | None = ...,
                 binary: str | None = ...,
                 on_progress: Callable[[float], None] | None = ...) -> tuple[int, int]: ...




@dataclass(frozen=True)
class RenderOutput:
    """What a render wrote and how."""

    files: dict[str, Path]  # by output kind: the video first, then its sidecars
    duration_s: float
    backend: str
    encoder: str
    segments_rendered: int
    segments_reused: int

    @property
    def video(self) -> Path:
        """The rendered video."""
        return self.files["video"]


def render(spec: RenderSpec, workdir: Path, stem: str, *, backend: str = "ffmpeg", encoder: str = "auto",
           cache: ContentCache | None = None, workers: int | None = None, binary: str | None = None,
           on_progress: Callable[[float], None] | None = None) -> RenderOutput:
    """Render the spec to workdir/stem.mp4 with its caption sidecars beside it."""
    render_video: Backend = RENDERERS.load(backend, ConfigurationError)
    workdir.mkdir(parents=True, exist_ok=True)
    chosen = encoders.pick(encoder, binary)
    audio = mixdown(spec.audio, spec.duration_s, workdir, binary)
    sidecars = write_sidecars(list(spec.cues), workdir, stem)
    overlays = [*captions(spec, workdir), label(spec, workdir)]
    video = workdir / f"{stem}.mp4"
    rendered, reused = render_video(spec, overlays, audio, video, workdir, encoder=chosen, cache=cache,
                                         workers=workers, binary=binary, on_progress=on_progress)
    return RenderOutput({"video": video, **sidecars}, spec.duration_s, backend, chosen, rendered, reused)
