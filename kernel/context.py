"""Per-run Context passed to the graph as its context_schema."""

from __future__ import annotations

from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any, ClassVar

from pydantic.json_schema import SkipJsonSchema

from aios.kernel.catalogs import IMAGERY, PLANNERS, SPEECH, PlannerChoice
from aios.kernel.errors import ConfigurationError, InvalidInput
from aios.kernel.settings import Settings
from aios.kernel.vocab import (
    CAPTION_SIZES,
    CAPTION_STYLES,
    TRANSITION_CHOICES,
    CaptionSize,
    CaptionStyle,
    Profile,
    TransitionChoice,
    one_of,
)

MUSIC_CHOICES = ("auto", "library", "none")  # or a file


@dataclass(kw_only=True)
class Context:
    """Choices made for one job; persisted with the job so a resume uses the same ones."""

    # Settings for runs whose context carries none: set once by a door that runs the bare graph (LangGraph's
    # server, through aios.api.studio); the job service always hands its own settings in.
    door_settings: ClassVar[Settings | None] = None

    planner: PlannerChoice = field(
        default="auto",
        metadata={"description": "auto: the LLM planner when a model is configured, else rules."},
    )
    profile: Profile = field(
        default="preview",
        metadata={"description": "preview: 540p short side, fast encode; final: 1080p, quality."},
    )
    voice: str | None = field(
        default=None, metadata={"description": "Voice override (a speaker name, or a clip to clone for Coqui)."}
    )
    tts_engine: str | None = field(
        default=None, metadata={"description": f"Speech engine for this job ({one_of(SPEECH.names)})."}
    )
    image_engine: str | None = field(
        default=None, metadata={"description": f"Image engine for this job ({one_of(IMAGERY.names)})."}
    )
    auto_approve: bool = field(
        default=False,
        metadata={"description": "Approve both checkpoints unless policy asks for a human."},
    )
    out_dir: str | None = field(
        default=None, metadata={"description": "Where publish writes deliverables."}
    )
    palette: str = field(
        default="auto",
        metadata={"description": "Brand palette for drawn visuals; auto picks one by tone."},
    )

    music: str = field(
        default="auto",
        metadata={"description": "Music bed: auto (the library's match, else a bed synthesized for the tone), library "
                                 "(a packaged track for the tone's mood), none, or an audio file path."},
    )
    transitions: TransitionChoice = field(
        default="auto",
        metadata={"description": "Scene transitions: auto picks slides for lively tones, fades otherwise."},
    )
    captions: CaptionStyle = field(
        default="highlight",
        metadata={"description": "Burned-in captions: highlight (the spoken word lit), pop (words appear as said), "
                                 "boxed, outline, or none (the SRT/VTT files are written either way)."},
    )
    caption_size: CaptionSize = field(default="medium", metadata={"description": "small, medium or large."})

    safe_content: bool = field(
        default=False,
        metadata={"description": "Tighter policy thresholds (profanity, NSFW) for sensitive audiences."},
    )
    tenant: str = field(
        default="local",
        metadata={"description": "The owning tenant, set by the job service: picks the tenant's policy."},
    )

    settings: SkipJsonSchema[Settings | None] = field(
        default=None, repr=False, compare=False,
        metadata={"description": "The process settings, handed in by the job service (never stored with the job); "
                  "unset only in a graph run outside it (LangGraph Studio), where the environment's apply."},
    )

    def __post_init__(self) -> None:
        if self.settings is not None and not isinstance(self.settings, Settings):  # a client's context cannot
            raise InvalidInput("a run's context cannot carry settings: the process's apply")

    def validate(self) -> None:
        """Raise InvalidInput for choices that cannot work (checked when a job is created)."""
        if self.transitions not in TRANSITION_CHOICES:
            raise InvalidInput(f"transitions must be {one_of(TRANSITION_CHOICES)}, not {self.transitions!r}")
        if self.captions not in CAPTION_STYLES:
            raise InvalidInput(f"captions must be {one_of(CAPTION_STYLES)}, not {self.captions!r}")
        if self.caption_size not in CAPTION_SIZES:
            raise InvalidInput(f"caption size must be {one_of(CAPTION_SIZES)}, not {self.caption_size!r}")
        if self.planner != "auto":
            PLANNERS.check(self.planner)
        for chosen, catalog in ((self.tts_engine, SPEECH), (self.image_engine, IMAGERY)):
            if chosen is not None:
                catalog.check(chosen)
        if self.music not in MUSIC_CHOICES and not Path(self.music).expanduser().is_file():
            raise InvalidInput(f"music file not found: {self.music} (or use auto, library or none)")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready copy of the choices, stored with the job (the settings are not among them)."""
        return {f.name: getattr(self, f.name) for f in fields(self) if f.name != "settings"}

    @classmethod
    def from_dict(cls, stored: dict[str, Any], settings: Settings | None = None) -> Context:
        """The context stored with a job, run under `settings`."""
        return cls(**stored, settings=settings)

    @property
    def config(self) -> Settings:
        """The settings this run uses: its own, else those a door installed for runs that bring none."""
        chosen = self.settings or Context.door_settings
        if chosen is None:
            raise ConfigurationError("this run has no settings: start it through the job service, or give "
                                     "its context settings")
        return chosen
