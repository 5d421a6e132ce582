"""plan_storyboard: write the storyboard with the run's planner (LLM or rules)."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from aios.agent.planners import PlanRequest, get_planner
from aios.agent.provenance import plan_record
from aios.agent.state import ProductionState
from aios.agent.steps import run_context, timed
from aios.kernel.context import Context


@timed
def plan_storyboard(state: ProductionState, runtime: Runtime[Context]) -> dict[str, Any]:
    """Plan (or replan with the reviewer's feedback) a storyboard for the brief."""
    context = run_context(runtime)
    planner = get_planner(context, context.config)
    guidelines = [p.text for p in state.get("library", []) if p.kind == "guideline"]
    request = PlanRequest(brief=state["brief"], assets=state.get("assets", []), feedback=state.get("feedback"),
                          revision=state.get("replans", 0), guidelines=guidelines)
    storyboard = planner.plan(request)
    inputs = [request.brief, [a.model_dump(mode="json") for a in request.assets], request.feedback, guidelines]
    return {"storyboard": storyboard, "status": "planned",
            "provenance": {"plan": plan_record(storyboard.planner, inputs, storyboard)}}
