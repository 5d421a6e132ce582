"""review_storyboard: pause for an editor to approve, edit or reject the storyboard."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from aios.agent import review
from aios.agent.planners.fill import thin
from aios.agent.review import apply_decision
from aios.agent.speaking import speaking_pace
from aios.agent.state import ProductionState
from aios.agent.steps import run_context, timed
from aios.agent.stock_picks import offered
from aios.kernel.context import Context
from aios.kernel.decision import Decision


@timed
def review_storyboard(state: ProductionState, runtime: Runtime[Context]) -> dict[str, Any]:
    """Auto-approve when asked and policy passed; otherwise interrupt for a decision."""
    context = run_context(runtime)
    policy = state["policy"]
    if context.auto_approve and policy.outcome == "pass":
        return apply_decision(state, Decision(type="approve", actor="auto"), "storyboard", context)
    storyboard = state["storyboard"]
    reasons = "; ".join(dict.fromkeys(f.reason for f in policy.findings)) or "policy passed"
    language = state["brief"].language
    note = thin(storyboard, speaking_pace(language, context), language)
    payload = review.request(
        "review_storyboard",
        f"Review the storyboard '{storyboard.title}' ({len(storyboard.scenes)} scenes, "
        f"{storyboard.duration_s:g} s, planner {storyboard.planner}). Policy: {policy.outcome}"
        f" ({reasons}).{f' Note: {note}.' if note else ''}",
        {"storyboard": storyboard.model_dump(mode="json"), "policy": policy.model_dump(mode="json"),
         **({"pictures": pictures} if (pictures := offered(storyboard, state.get("stock", []))) else {})},
    )
    return apply_decision(state, review.ask("storyboard", payload), "storyboard", context)
