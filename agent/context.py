"""Per-run Context passed to the graph as its context_schema."""

from __future__ import annotations

from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any, Literal, get_args

Planner = Literal["auto", "llm", "rules"]
Profile = Literal["preview", "final"]


@dataclass(kw_only=True)
class Context:
    """Choices made for one job; persisted with the job so a resume uses the same ones."""

    planner: Planner = field(
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
        default=None, metadata={"description": "Speech engine for this job (hibari, espeak, coqui, openai)."}
    )
    image_engine: str | None = field(
        default=None, metadata={"description": "Image engine for this job (cards, diffusers, openai)."}
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
        metadata={"description": "Music bed: auto (drawn from the tone), none, or an audio file path."},
    )
    transitions: Literal["auto", "cut", "fade", "slide"] = field(
        default="auto",
        metadata={"description": "Scene transitions: auto picks slides for lively tones, fades otherwise."},
    )

    safe_content: bool = field(
        default=False,
        metadata={"description": "Tighter policy thresholds (profanity, NSFW) for sensitive audiences."},
    )
    tenant: str = field(
        default="local",
        metadata={"description": "The owning tenant, set by the job service: picks the tenant's policy."},
    )

    def validate(self) -> None:
        """Raise InvalidInput for choices that cannot work (checked when a job is created)."""
        from agent.errors import InvalidInput

        if self.transitions not in ("auto", "cut", "fade", "slide"):
            raise InvalidInput(f"transitions must be auto, cut, fade or slide, not {self.transitions!r}")
        from agent.schemas import ImageEngineName, SpeechEngineName

        for chosen, names, what in ((self.tts_engine, SpeechEngineName, "speech"),
                                    (self.image_engine, ImageEngineName, "image")):
            if chosen is not None and chosen not in get_args(names):
                raise InvalidInput(f"unknown {what} engine {chosen!r}; choose one of {', '.join(get_args(names))}")
        if self.music not in ("auto", "none") and not Path(self.music).expanduser().is_file():
            raise InvalidInput(f"music file not found: {self.music} (or use auto or none)")

    def to_dict(self) -> dict[str, Any]:
        """A JSON-ready copy, stored with the job."""
        return asdict(self)
