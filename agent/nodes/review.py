"""review_storyboard: pause for an editor to approve, edit or reject the storyboard."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime
from langgraph.types import interrupt

from agent import review
from agent.context import Context
from agent.nodes import timed
from agent.nodes.policy import outcome_update, storyboard_policy
from agent.settings import get_settings
from agent.state import ProductionState


def apply_decision(state: ProductionState, decision: review.Decision, checkpoint: str,
                   by: str, context: Context) -> dict[str, Any]:
    """State update for a decision at either checkpoint (shared by both review nodes)."""
    settings = get_settings()
    shown = state.get("policy")
    record = {"checkpoint": checkpoint, "type": decision.type, "by": by, "message": decision.message,
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
    scenes = review.edited_scenes(decision, settings.words_per_second)
    edited = storyboard.model_copy(update={"scenes": scenes, "revision": storyboard.revision + 1})
    report = storyboard_policy(state["brief"], edited, context, state.get("library", []))
    blocked = report.outcome == "block"
    return {**update, **outcome_update(report), "storyboard": edited,
            "verdict": "blocked" if blocked else "approved",
            "status": "blocked" if blocked else "synthesizing"}


@timed
def review_storyboard(state: ProductionState, runtime: Runtime[Context]) -> dict[str, Any]:
    """Auto-approve when asked and policy passed; otherwise interrupt for a decision."""
    context = runtime.context or Context()
    policy = state["policy"]
    if context.auto_approve and policy.outcome == "pass":
        return apply_decision(state, review.Decision(type="approve"), "storyboard", "auto", context)
    storyboard = state["storyboard"]
    reasons = "; ".join(dict.fromkeys(f.reason for f in policy.findings)) or "policy passed"
    payload = review.request(
        "review_storyboard",
        f"Review the storyboard '{storyboard.title}' ({len(storyboard.scenes)} scenes, "
        f"{storyboard.duration_s:g} s, planner {storyboard.planner}). Policy: {policy.outcome}"
        f" ({reasons}).",
        {"storyboard": storyboard.model_dump(mode="json"), "policy": policy.model_dump(mode="json")},
    )
    response = interrupt({"checkpoint": "storyboard", **payload})
    return apply_decision(state, review.parse(response), "storyboard", review.actor(response), context)
