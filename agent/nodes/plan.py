"""plan_storyboard: write the storyboard with the run's planner (LLM or rules)."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from agent.context import Context
from agent.nodes import timed
from agent.planners import PlanRequest, get_planner
from agent.provenance import plan_record
from agent.settings import get_settings
from agent.state import ProductionState


@timed
def plan_storyboard(state: ProductionState, runtime: Runtime[Context]) -> dict[str, Any]:
    """Plan (or replan with the reviewer's feedback) a storyboard for the brief."""
    planner = get_planner(runtime.context or Context(), get_settings())
    guidelines = [p.text for p in state.get("library", []) if p.kind == "guideline"]
    request = PlanRequest(brief=state["brief"], assets=state.get("assets", []), feedback=state.get("feedback"),
                          revision=state.get("replans", 0), guidelines=guidelines)
    storyboard = planner.plan(request)
    inputs = [request.brief, [a.model_dump(mode="json") for a in request.assets], request.feedback, guidelines]
    return {"storyboard": storyboard, "status": "planned",
            "provenance": {"plan": plan_record(storyboard.planner, inputs, storyboard)}}
