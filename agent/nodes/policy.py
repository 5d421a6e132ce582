"""Policy nodes at three points: the brief (intake), the storyboard (before review) and the output."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from aios.agent import chat
from aios.agent.policy_checks import brief_policy, outcome_update, output_policy, storyboard_policy
from aios.agent.state import ProductionState
from aios.agent.steps import run_context, timed
from aios.kernel.context import Context


@timed
def check_brief(state: ProductionState, runtime: Runtime[Context]) -> dict[str, Any]:
    """Stop a brief that must be blocked before any planning; review findings travel on to the storyboard."""
    return outcome_update(brief_policy(state["brief"], run_context(runtime)))


@timed
def check_policy(state: ProductionState, runtime: Runtime[Context]) -> dict[str, Any]:
    """Pass, send to review with reasons that point to scenes, or block the run."""
    return outcome_update(storyboard_policy(state["brief"], state["storyboard"], run_context(runtime),
                                            state.get("library", [])))


@timed
def check_output(state: ProductionState, runtime: Runtime[Context]) -> dict[str, Any]:
    """Check the rendered job's texts and images before the final approval (and offer the cut in a chat)."""
    report = output_policy(state, run_context(runtime))
    offer = [] if report.outcome == "block" else [chat.cut_message(state["render"])]
    return {**outcome_update(report), "messages": offer}
