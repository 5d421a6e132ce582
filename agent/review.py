"""Human review in LangChain's human-in-the-loop shape: requests out, decisions back."""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, ConfigDict, Field, ValidationError

from agent.errors import ReviewDecisionError
from agent.planners.base import SCENE_OVERHEAD_S
from agent.schemas import ImageEngineName, Scene, SpeechEngineName, Transition
from tools.text import word_count

DecisionType = Literal["approve", "edit", "reject"]
ALLOWED: list[DecisionType] = ["approve", "edit", "reject"]


class EditedScene(BaseModel):
    """A scene as an editor writes it; missing durations are paced from the words."""

    model_config = ConfigDict(extra="ignore")

    narration: str = Field(min_length=1)
    on_screen_text: str = ""
    visual: str = ""
    keywords: list[str] = Field(default_factory=list)
    duration_s: float | None = Field(default=None, gt=0, le=120)
    asset: str | None = None
    transition: Transition | None = None
    motion: bool = False
    image_engine: ImageEngineName | None = None
    voice_engine: SpeechEngineName | None = None


class Decision(BaseModel):
    """One decision: approve, edit (with replacement scenes) or reject (with feedback)."""

    type: DecisionType
    message: str | None = None
    edited_action: dict[str, Any] | None = None


def request(action: str, description: str, args: dict[str, Any]) -> dict[str, Any]:
    """The interrupt payload: one action request and its review config."""
    return {
        "action_requests": [{"name": action, "args": args, "description": description}],
        "review_configs": [{"action_name": action, "allowed_decisions": ALLOWED}],
    }


def parse(response: Any) -> Decision:
    """The single decision in a resume value {'decisions': [...]}; anything else raises."""
    if not isinstance(response, dict) or not isinstance(response.get("decisions"), list):
        raise ReviewDecisionError("a review answer must be {'decisions': [{'type': ...}]}")
    if len(response["decisions"]) != 1:
        raise ReviewDecisionError("this review takes exactly one decision")
    try:
        decision = Decision.model_validate(response["decisions"][0])
    except ValidationError as exc:
        raise ReviewDecisionError(f"unknown or malformed decision: {exc.errors()[0]['msg']}") from exc
    if decision.type == "reject" and not (decision.message or "").strip():
        raise ReviewDecisionError("a reject decision needs a message saying what to change")
    if decision.type == "edit" and not decision.edited_action:
        raise ReviewDecisionError("an edit decision needs edited_action with args.scenes")
    return decision


def actor(response: Any) -> str:
    """Who answered: the resume value's 'actor' (cli:NAME, api:KEY_ID, slack:USER_ID), else 'editor'."""
    found = response.get("actor") if isinstance(response, dict) else None
    return str(found) if found else "editor"


def edited_scenes(decision: Decision, words_per_second: float) -> list[Scene]:
    """The replacement scenes carried by an edit decision, indexed and paced."""
    args = (decision.edited_action or {}).get("args", {})
    raw = args.get("scenes") if isinstance(args, dict) else None
    if not isinstance(raw, list) or not raw:
        raise ReviewDecisionError("edited_action.args.scenes must be a non-empty list of scenes")
    try:
        drafts = [EditedScene.model_validate(item) for item in raw]
    except ValidationError as exc:
        error = exc.errors()[0]
        where = ".".join(str(p) for p in error["loc"])
        raise ReviewDecisionError(f"edited scene is invalid at {where}: {error['msg']}") from exc
    return [
        Scene(index=i, narration=d.narration, on_screen_text=d.on_screen_text, visual=d.visual,
              keywords=d.keywords, asset=d.asset, transition=d.transition, motion=d.motion,
              image_engine=d.image_engine, voice_engine=d.voice_engine,
              duration_s=d.duration_s or round(word_count(d.narration) / words_per_second
                                               + SCENE_OVERHEAD_S, 3))
        for i, d in enumerate(drafts)
    ]
