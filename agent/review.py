"""Human review in LangChain's human-in-the-loop shape: requests out, typed decisions back into the state."""

from __future__ import annotations

from typing import Any

from aios.agent.planners.base import SCENE_OVERHEAD_S
from aios.agent.planners.headlines import headline
from aios.agent.policy_checks import outcome_update, storyboard_policy
from aios.agent.state import ProductionState
from aios.kernel.context import Context
from aios.kernel.decision import Decision, EditedScene
from aios.kernel.schemas import Scene, Storyboard
from aios.kernel.vocab import DECISION_TYPES
from aios.tools.text import word_count


def request(action: str, description: str, args: dict[str, Any]) -> dict[str, Any]:
    """The interrupt payload: one action request and its review config."""
    return {
        "action_requests": [{"name": action, "args": args, "description": description}],
        "review_configs": [{"action_name": action, "allowed_decisions": list(DECISION_TYPES)}],
    }


def edited_scenes(decision: Decision, words_per_second: float,
                  current: Storyboard | None = None) -> list[Scene]:
    """The replacement scenes carried by an edit decision, indexed and paced; a line rewritten under its old
    headline gets a headline of its own."""
    return [
        Scene(index=i, narration=d.narration, on_screen_text=_headline(d, i, current), visual=d.visual,
              keywords=d.keywords, asset=d.asset, transition=d.transition, motion=d.motion,
              image_engine=d.image_engine, voice_engine=d.voice_engine,
              duration_s=d.duration_s or round(word_count(d.narration) / words_per_second
                                               + SCENE_OVERHEAD_S, 3))
        for i, d in enumerate(decision.scenes or [])
    ]


def _headline(scene: EditedScene, index: int, current: Storyboard | None) -> str:
    before = current.scenes[index] if current is not None and index < len(current.scenes) else None
    rewritten = before is not None and scene.narration.strip() != before.narration.strip()
    if rewritten and before is not None and scene.on_screen_text == before.on_screen_text and scene.on_screen_text:
        return headline(scene.narration, fallback=current.title if current else "")
    return scene.on_screen_text


def apply_decision(state: ProductionState, decision: Decision, checkpoint: str, context: Context) -> dict[str, Any]:
    """State update for a decision at either checkpoint (both review nodes use it)."""
    settings = context.config
    shown = state.get("policy")
    record = {"checkpoint": checkpoint, "type": decision.type, "by": decision.actor, "message": decision.message,
              "policy_version": shown.version if shown is not None else None}
    update: dict[str, Any] = {"decisions": [record]}
    if decision.type == "approve":
        after = "publishing" if checkpoint == "final" else "synthesizing"
        return {**update, "verdict": "approved", "status": after}
    if decision.type == "reject":
        replans = state.get("replans", 0) + 1
        done = replans > settings.max_replans
        return {**update, "verdict": "rejected", "feedback": decision.message, "replans": replans,
                "status": "rejected" if done else "planning"}
    storyboard = state["storyboard"]
    scenes = edited_scenes(decision, settings.words_per_second, storyboard)
    edited = storyboard.model_copy(update={"scenes": scenes, "revision": storyboard.revision + 1})
    report = storyboard_policy(state["brief"], edited, context, state.get("library", []))
    blocked = report.outcome == "block"
    return {**update, **outcome_update(report), "storyboard": edited,
            "verdict": "blocked" if blocked else "approved",
            "status": "blocked" if blocked else "synthesizing"}
