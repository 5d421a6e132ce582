"""Typed domain objects: the brief, the storyboard, engine results and reports."""

from __future__ import annotations

import re
from typing import Annotated, Any

from pydantic import AfterValidator, BaseModel, ConfigDict, Field, field_validator, model_validator
from pydantic.dataclasses import dataclass

from aios.kernel.catalogs import ImageEngineName, SpeechEngineName
from aios.kernel.vocab import Aspect, Outcome, Transition

CONTROLS = r"\x00-\x08\x0b\x0c\x0e-\x1f\x7f"  # NUL and the like; tabs and line breaks are text
CONTROL = re.compile(f"[{CONTROLS}]")
TEXT_CHAR = f"[^{CONTROLS}]"  # one character `printable` allows, for JSON schema patterns


def printable(value: str) -> str:
    """`value`, unless it holds control characters (NUL and the like; tabs and line breaks are text)."""
    found = CONTROL.search(value)
    if found:
        raise ValueError(f"control character {found.group()!r} at position {found.start()} is not text")
    return value


# Text a person wrote, bound for speech, captions, drawn cards and ffmpeg: no control characters.
TEXT_PATTERN = f"^{TEXT_CHAR}*$"  # what `printable` allows, for the JSON schema
Text = Annotated[str, AfterValidator(printable), Field(json_schema_extra={"pattern": TEXT_PATTERN})]


class BriefRequest(BaseModel):
    """What a caller sends: the brief text plus optional fields. Intake turns it into a Brief."""

    model_config = ConfigDict(extra="forbid")

    text: Text
    duration_s: float | None = None
    aspect: str | None = None
    tone: Text | None = None
    audience: Text | None = None
    language: Text | None = None
    call_to_action: Text | None = None
    assets: list[Text] = Field(default_factory=list)
    source_text: Text | None = None


class Brief(BaseModel):
    """A validated brief: every field the planner and the engines rely on is set."""

    text: str
    subject: str = Field(description="What the video is about, in a few words.")
    duration_s: float = Field(ge=5, le=300)
    aspect: Aspect
    tone: str
    audience: str | None = None
    language: str = "en"
    call_to_action: str | None = None
    assets: list[str] = Field(default_factory=list)
    source_text: str | None = None


class Scene(BaseModel):
    """One shot of the video: what is said, what is shown on screen and how long it lasts."""

    index: int = Field(ge=0, description="Position in the storyboard, starting at 0.")
    narration: str = Field(min_length=1, description="The words the voice says in this scene.")
    on_screen_text: str = Field(
        default="", description="Short headline drawn on the visual (at most about 8 words)."
    )
    visual: str = Field(default="", description="What the picture shows, in one sentence.")
    keywords: list[str] = Field(default_factory=list, description="Key terms for the visual.")
    duration_s: float = Field(gt=0, le=120, description="Planned length of the scene in seconds.")
    asset: str | None = Field(default=None, description="Path of a supplied image to show.")
    transition: Transition | None = Field(
        default=None, description="How this scene hands over to the next; empty lets the style decide."
    )
    motion: bool = Field(
        default=False, description="Animate the still with the image-to-video model when one is configured.")
    image_engine: ImageEngineName | None = Field(
        default=None, description="Pin this scene's picture to one image engine; empty: the job's choice.")
    voice_engine: SpeechEngineName | None = Field(
        default=None, description="Pin this scene's narration to one speech engine; empty: the job's choice.")
    voice_take: int = Field(default=1, ge=1, le=99, description="Which variation of the narration is used: "
                            "regenerating the voice makes the next one.")
    picture_take: int = Field(default=1, ge=1, le=99, description="Which variation of the picture is used: "
                              "regenerating the picture makes the next one.")
    voice_note: str = Field(default="", max_length=300, description="What an editor asked of the voice "
                            "('calmer voice'); empty: none.")
    picture_note: str = Field(default="", max_length=300, description="What an editor asked of the picture "
                              "('show the shoe from the side'); empty: none.")

    @field_validator("narration", "on_screen_text", "visual", "voice_note", "picture_note")
    @classmethod
    def _strip(cls, value: str) -> str:
        return " ".join(value.split())


class Storyboard(BaseModel):
    """An ordered list of scenes plus the planner that produced it."""

    title: str
    scenes: list[Scene] = Field(min_length=1, max_length=40)
    planner: str = Field(description="Which planner wrote this storyboard (rules or llm:<model>).")
    revision: int = 0

    @property
    def duration_s(self) -> float:
        """The planned total duration (scene durations added up)."""
        return round(sum(s.duration_s for s in self.scenes), 3)


class LibraryPick(BaseModel):
    """A library record a job uses: a guideline passage, a music bed, or an image matched to a scene."""

    id: str
    name: str
    kind: str
    path: str
    similarity: float
    scene_index: int | None = None
    text: str = ""


class StockPick(BaseModel):
    """A stock picture a scene shows (`path` set) or could show instead, with the credit its licence asks for."""

    provider: str
    id: str
    scene_index: int
    similarity: float
    title: str = ""
    author: str = ""
    author_url: str = ""
    licence: str
    licence_url: str = ""
    page_url: str = ""
    url: str = Field(description="Where the provider serves the file (downloaded, never hotlinked).")
    path: str | None = Field(default=None, description="The downloaded file, for the picture a scene shows.")

    def credit(self) -> str:
        """One line for the credits file: scene, what, by whom, where, licence."""
        by = f" by {self.author}" if self.author else ""
        terms = f"{self.licence} ({self.licence_url})" if self.licence_url else self.licence
        return (f"Scene {self.scene_index + 1}: \"{self.title or self.id}\"{by}, {self.provider} "
                f"{self.page_url or self.url}, licence {terms}")


class PolicyFinding(BaseModel):
    """One reason a policy check did not simply pass."""

    rule: str
    outcome: Outcome
    reason: str
    excerpt: str
    scene_index: int | None = None
    engine: str = "rules"


class PolicyReport(BaseModel):
    """The outcome of a policy check and the findings behind it."""

    outcome: Outcome
    findings: list[PolicyFinding] = Field(default_factory=list)
    version: str
    stage: str = "storyboard"
    engines: list[str] = Field(default_factory=list)
    safe_content: bool = False
    input_sha256: str = ""


@dataclass(frozen=True)
class WordTiming:
    """One spoken word and when it is heard, in seconds (from its clip's start, or on the video's timeline).

    The one word-timing type: speech engines and the aligner write it, the renderer's captions and the
    recognizer's transcripts carry it.
    """

    text: str
    start: float
    end: float


class Narration(BaseModel):
    """Speech synthesized for one scene."""

    scene_index: int
    key: str
    path: str
    duration_s: float
    engine: str
    voice: str
    speed: float = 1.0
    cached: bool = False
    words: list[WordTiming] = Field(default_factory=list)
    fallback: str | None = Field(default=None, description="Why another engine spoke than the one wanted.")
    cost_usd: float = 0.0
    model: dict[str, Any] = Field(default_factory=dict, description="Engine, version, model and licence.")


class Visual(BaseModel):
    """The still drawn or chosen for one scene, at the output resolution."""

    scene_index: int
    key: str
    path: str
    engine: str
    source: str | None = None
    cached: bool = False
    clip: str | None = Field(default=None, description="The animated version of the still (image-to-video).")
    fallback: str | None = Field(default=None, description="Why another engine drew than the one wanted.")
    cost_usd: float = 0.0
    model: dict[str, Any] = Field(default_factory=dict, description="Engine, version, model, licence, seed.")


class RenderResult(BaseModel):
    """Files written by the renderer, before publishing: one per rendered output kind (aios.kernel.outputs)."""

    files: dict[str, str] = Field(description="Path of each rendered file by output kind: video, srt, vtt.")
    duration_s: float
    width: int
    height: int
    profile: str
    backend: str = "ffmpeg"
    encoder: str = "libx264"
    segments_rendered: int = 0
    segments_reused: int = 0
    music: str | None = None
    c2pa: dict[str, str] | None = None
    timeline: str | None = Field(default=None, description="The cut's OpenTimelineIO timeline (what exports read).")
    scene_s: list[float] = Field(default_factory=list, description="How long each scene lasts in the cut (its own "
                                 "frames, the next one's transition not counted), in seconds.")

    @model_validator(mode="before")
    @classmethod
    def _files_by_kind(cls, data: Any) -> Any:
        """Checkpoints written before the output table held video, srt and vtt as fields of their own."""
        if isinstance(data, dict) and "files" not in data and "video" in data:
            data = dict(data)
            data["files"] = {kind: data.pop(kind) for kind in ("video", "srt", "vtt") if kind in data}
        return data

    @property
    def video(self) -> str:
        """The rendered video's path."""
        return self.files["video"]


class QCCheck(BaseModel):
    """One named quality check with its measured value."""

    name: str
    passed: bool
    detail: str


class QCReport(BaseModel):
    """The quality checks run on the rendered file."""

    passed: bool
    checks: list[QCCheck]
    duration_s: float
    loudness_lufs: float | None = None

    def failures(self) -> list[QCCheck]:
        """The checks that failed, in order."""
        return [check for check in self.checks if not check.passed]
