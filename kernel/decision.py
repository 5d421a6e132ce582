"""An editor's review decision, typed once: the doors build it, the graph reads it back from the resume value."""

from __future__ import annotations

import json
from typing import Any

from pydantic import BaseModel, ConfigDict, Field, ValidationError, model_validator

from aios.kernel.catalogs import ImageEngineName, SpeechEngineName
from aios.kernel.errors import ReviewDecisionError
from aios.kernel.schemas import Text
from aios.kernel.vocab import DECISION_TYPES, ChangeKind, DecisionType, Transition

# The action each review checkpoint asks about (the HITL request's name; an edit names it back).
ACTIONS = {"storyboard": "review_storyboard", "final": "approve_final"}


class EditedScene(BaseModel):
    """A scene as an editor writes it; missing durations are paced from the words."""

    model_config = ConfigDict(extra="ignore")

    narration: Text = Field(min_length=1, max_length=2000)
    on_screen_text: Text = Field(default="", max_length=200)
    visual: Text = Field(default="", max_length=1000)
    keywords: list[Text] = Field(default_factory=list, max_length=20)
    duration_s: float | None = Field(default=None, gt=0, le=120)
    asset: str | None = None
    transition: Transition | None = None
    motion: bool = False
    image_engine: ImageEngineName | None = None
    voice_engine: SpeechEngineName | None = None
    voice_take: int = Field(default=1, ge=1, le=99)
    picture_take: int = Field(default=1, ge=1, le=99)
    voice_note: Text = Field(default="", max_length=300)
    picture_note: Text = Field(default="", max_length=300)


class Change(BaseModel):
    """What a scene or version command changed; its edit's scenes are applied exactly as sent (lengths, headlines
    and takes kept), and the job's versions and the decision log record it."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    kind: ChangeKind
    summary: str = Field(max_length=500, description="What changed, in words: 'scene 3: new take of the voice'.")
    scene: int | None = Field(default=None, ge=0, description="The scene changed (0-based), when one was.")
    restored: int | None = Field(default=None, ge=1, description="For restore: the version restored.")


class EditedArgs(BaseModel):
    """What an edit carries: the whole storyboard's scenes, in order. Chat UIs that edit the review request's own
    arguments (agent-chat-ui) send them back as they were shown, `{"storyboard": {"scenes": [...]}, ...}`, the field
    the editor changed as the JSON text of its box: read the scenes from there."""

    scenes: list[EditedScene] = Field(min_length=1, max_length=40)

    @model_validator(mode="before")
    @classmethod
    def _request_shape(cls, value: Any) -> Any:
        if not isinstance(value, dict):
            return value
        value = {name: _json_text(name, field) if name in ("scenes", "storyboard") else field
                 for name, field in value.items()}
        if "scenes" not in value and isinstance(value.get("storyboard"), dict):
            return {"scenes": value["storyboard"].get("scenes")}
        return value


def _json_text(name: str, field: Any) -> Any:
    """A field edited as text in a UI's box (agent-chat-ui sends what the box holds): its JSON, parsed."""
    if not isinstance(field, str):
        return field
    try:
        return json.loads(field)
    except json.JSONDecodeError as exc:
        raise ValueError(f"args.{name} is not valid JSON ({exc.msg}, line {exc.lineno} column {exc.colno})") from None


class EditedAction(BaseModel):
    """The edited action of an edit decision, in LangChain's human-in-the-loop shape."""

    name: str | None = Field(default=None, description="The action reviewed: review_storyboard or approve_final.")
    args: EditedArgs


class DecisionItem(BaseModel):
    """One decision as LangChain's human-in-the-loop middleware writes it (the HTTP API takes this shape)."""

    model_config = ConfigDict(extra="forbid")

    type: DecisionType
    edited_action: EditedAction | None = Field(
        default=None, description='For edit: {"name": "review_storyboard", "args": {"scenes": [...]}}.')
    message: Text | None = Field(default=None, max_length=2000, description="For reject: what to change.")


class Decision(BaseModel):
    """An editor's answer to a pending review: approve, edit (replacement scenes) or reject (what to change)."""

    model_config = ConfigDict(extra="forbid", frozen=True)

    type: DecisionType
    message: Text | None = Field(default=None, max_length=2000)
    scenes: list[EditedScene] | None = Field(default=None, min_length=1, max_length=40)
    actor: str = Field(default="editor", max_length=200, description="Who decided: cli:NAME, api:KEY, slack:USER.")
    change: Change | None = Field(default=None, description="Set by scene and version commands: the edit is exact.")

    @model_validator(mode="after")
    def _complete(self) -> Decision:
        if self.type == "reject" and not (self.message or "").strip():
            raise ValueError("a reject decision needs a message saying what to change")
        if self.type == "edit" and not self.scenes:
            raise ValueError("an edit decision needs edited_action with args.scenes")
        if self.change is not None and self.type != "edit":
            raise ValueError("only an edit carries a change")
        return self

    @classmethod
    def build(cls, **fields: Any) -> Decision:
        """A decision from its fields; ReviewDecisionError naming the first problem (never a pydantic error)."""
        decision: Decision = _checked(lambda: cls(**fields))
        return decision

    @classmethod
    def of(cls, item: DecisionItem, actor: str = "editor", change: Change | None = None) -> Decision:
        """The decision an HITL item states (with what a command changed); ReviewDecisionError when it is
        incomplete."""
        scenes = item.edited_action.args.scenes if item.edited_action and item.type == "edit" else None
        return cls.build(type=item.type, message=item.message, scenes=scenes, actor=actor, change=change)

    @classmethod
    def from_resume(cls, value: Any) -> Decision:
        """Read a resume value {'decisions': [one item], 'actor'?}; ReviewDecisionError for anything else."""
        if not isinstance(value, dict) or not isinstance(value.get("decisions"), list):
            raise ReviewDecisionError("a review answer must be {'decisions': [{'type': ...}]}")
        if len(value["decisions"]) != 1:
            raise ReviewDecisionError("this review takes exactly one decision")
        raw = value["decisions"][0]
        if isinstance(raw, dict) and raw.get("type") in DECISION_TYPES and raw.get("type") != "edit":
            raw = {k: v for k, v in raw.items() if k != "edited_action"}
        item = _checked(lambda: DecisionItem.model_validate(raw))
        change = _checked(lambda: Change.model_validate(value["change"])) if value.get("change") is not None else None
        return cls.of(item, str(value.get("actor") or "editor"), change)

    def item(self, checkpoint: str) -> dict[str, Any]:
        """This decision as one HITL item for the review pending at `checkpoint`."""
        found: dict[str, Any] = {"type": self.type}
        if self.message is not None:
            found["message"] = self.message
        if self.scenes is not None:
            found["edited_action"] = {"name": ACTIONS[checkpoint], "args": {
                "scenes": [s.model_dump(exclude_defaults=True) for s in self.scenes]}}
        return found

    def resume_value(self, checkpoint: str) -> dict[str, Any]:
        """What the graph is resumed with: the HITL shape, plus who decided (and, from a command, what changed)."""
        value: dict[str, Any] = {"decisions": [self.item(checkpoint)], "actor": self.actor}
        if self.change is not None:
            value["change"] = self.change.model_dump()
        return value


def _checked(build: Any) -> Any:
    """build(), with pydantic's errors as one ReviewDecisionError naming the first problem and where it is."""
    try:
        return build()
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"])
        message = str(error["msg"]).removeprefix("Value error, ")
        if error["type"] in ("literal_error", "missing") and where in ("type", ""):
            message = f"unknown or malformed decision: {message}"
        raise ReviewDecisionError(f"{message} (at {where})" if where else message) from exc
