"""The typed render spec: frame-exact scenes, motion, transitions, captions, audio; and its segments."""

from __future__ import annotations

import hashlib
import json
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Literal

from aios.kernel.schemas import WordTiming
from aios.tools.cache import file_sha256
from aios.tools.render.profiles import RenderProfile

TransitionKind = Literal["cut", "fade", "slide"]
# A "fade" dips through black (out, then in: ffmpeg_backend draws it with fade filters): two scenes' headlines
# never show at once, as in a dissolve.
XFADE_NAMES: dict[str, str] = {"fade": "fade", "slide": "slideleft"}


@dataclass(frozen=True)
class Motion:
    """Ken Burns: zoom from `zoom_from` to `zoom_to` over `seconds`, toward the anchor (fractions of the frame)."""

    zoom_from: float = 1.0
    zoom_to: float = 1.08
    anchor_x: float = 0.5
    anchor_y: float = 0.5
    seconds: float = 5.0

    def zoom(self, t: float) -> float:
        """The zoom factor t seconds into the scene's clip (held at the end, never below 1)."""
        progress = min(1.0, max(0.0, t / self.seconds))
        return max(1.0, self.zoom_from + (self.zoom_to - self.zoom_from) * progress)


@dataclass(frozen=True)
class Cue:
    """One caption on screen from start to end; its words carry their own timings for highlighting."""

    start: float
    end: float
    text: str
    words: tuple[WordTiming, ...] = ()


@dataclass(frozen=True)
class Transition:
    """How a scene hands over to the next: kind and length in frames (0 for a cut)."""

    kind: TransitionKind = "cut"
    frames: int = 0


@dataclass(frozen=True)
class SceneSpec:
    """One scene: its picture, motion and where it sits, in frames, on the video's timeline."""

    image: str
    image_sha: str
    start: int
    frames: int
    motion: Motion
    transition_out: Transition = Transition()
    clip: str | None = None  # an animated version of the picture (image-to-video), looped; replaces Ken Burns
    clip_sha: str = ""


@dataclass(frozen=True)
class AudioClip:
    """One piece of narration placed on the timeline."""

    path: str
    start: float


@dataclass(frozen=True)
class AudioSpec:
    """The sound: narration clips, an optional music bed with ducking, and the loudness target."""

    narration: tuple[AudioClip, ...]
    music: str | None = None
    music_db: float = -6.0
    duck_db: float = 12.0
    loudness_lufs: float = -14.0
    true_peak_db: float = -1.5


@dataclass(frozen=True)
class RenderSpec:
    """Everything a renderer consumes. Frame counts are integers so segments join exactly."""

    size: tuple[int, int]
    profile: RenderProfile
    scenes: tuple[SceneSpec, ...]
    cues: tuple[Cue, ...]
    audio: AudioSpec
    title: str
    label: str = "AI-generated"
    label_position: str = "top-right"
    metadata: dict[str, str] = field(default_factory=dict)
    caption_style: str = "highlight"  # aios.kernel.vocab.CaptionStyle
    caption_size: str = "medium"

    @property
    def fps(self) -> int:
        """Frames per second of the output."""
        return self.profile.fps

    @property
    def frames(self) -> int:
        """Total frames: scenes overlap only during their transitions."""
        last = self.scenes[-1]
        return last.start + last.frames

    @property
    def duration_s(self) -> float:
        """The video's length in seconds."""
        return self.frames / self.fps


@dataclass(frozen=True)
class Layer:
    """A scene's picture inside one segment: which scene and where in its clip the segment starts."""

    scene: int
    offset: int


@dataclass(frozen=True)
class Segment:
    """A span of frames rendered independently: a scene's body, or the transition between two scenes."""

    start: int
    frames: int
    layers: tuple[Layer, ...]
    transition: Transition = Transition()

    def key(self, spec: RenderSpec, encoder: str) -> str:
        """A hash of everything that decides this segment's pixels: cache key for re-renders."""
        end = (self.start + self.frames) / spec.fps
        begin = self.start / spec.fps
        cues = [(round(c.start - begin, 4), round(c.end - begin, 4), c.text,
                 [(w.text, round(w.start - begin, 4)) for w in c.words])
                for c in spec.cues if c.end > begin and c.start < end]
        payload = {
            "frames": self.frames, "transition": asdict(self.transition), "size": spec.size,
            "profile": asdict(spec.profile), "label": [spec.label, spec.label_position], "encoder": encoder,
            "cues": cues, "captions": [spec.caption_style, spec.caption_size],
            "layers": [{"offset": layer.offset, "sha": spec.scenes[layer.scene].image_sha,
                        "clip": spec.scenes[layer.scene].clip_sha,
                        "motion": asdict(spec.scenes[layer.scene].motion)} for layer in self.layers],
        }
        return hashlib.sha256(json.dumps(payload, sort_keys=True).encode()).hexdigest()[:32]


def segments(spec: RenderSpec) -> list[Segment]:
    """Split the timeline into scene bodies and the transitions between them, in order."""
    parts: list[Segment] = []
    incoming = 0
    for index, scene in enumerate(spec.scenes):
        outgoing = scene.transition_out.frames if index + 1 < len(spec.scenes) else 0
        body = scene.frames - incoming - outgoing
        parts.append(Segment(scene.start + incoming, body, (Layer(index, incoming),)))
        if outgoing:
            parts.append(Segment(scene.start + incoming + body, outgoing,
                                 (Layer(index, incoming + body), Layer(index + 1, 0)),
                                 scene.transition_out))
        incoming = outgoing
    return parts


def file_sha(path: str | Path) -> str:
    """Short content hash of a file (for cache keys)."""
    return file_sha256(path)[:20]
