"""plan_storyboard: write the storyboard with the run's planner (LLM or rules)."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from aios.agent import chat
from aios.agent.engines import notify
from aios.agent.planners import PlanRequest, get_planner, rules
from aios.agent.planners.fill import thin
from aios.agent.provenance import plan_record
from aios.agent.review import keep_edits
from aios.agent.speaking import speaking_pace
from aios.agent.state import ProductionState
from aios.agent.steps import run_context, timed
from aios.kernel.context import Context
from aios.kernel.errors import PlanningError


@timed
def plan_storyboard(state: ProductionState, runtime: Runtime[Context]) -> dict[str, Any]:
    """Plan (or replan with the reviewer's feedback) a storyboard for the brief; when the LLM planner gives no valid
    one, the rules planner writes it and the job says so (engine.degraded), rather than failing."""
    context = run_context(runtime)
    planner = get_planner(context, context.config)
    guidelines = [p.text for p in state.get("library", []) if p.kind == "guideline"]
    language = state["brief"].language
    speaking = speaking_pace(language, context)
    request = PlanRequest(brief=state["brief"], assets=state.get("assets", []), feedback=state.get("feedback"),
                          revision=state["storyboard"].revision + 1 if "storyboard" in state else 0,
                          guidelines=guidelines, pace=speaking)
    try:
        storyboard = planner.plan(request)
    except PlanningError as exc:
        if planner.name == "rules":
            raise
        notify(None, "planner", f"{planner.name} gave no valid storyboard, so the rules planner wrote it: {exc}")
        storyboard = rules.build(context.config).plan(request)
    if request.feedback and state.get("edits"):  # a reject keeps what the editor wrote, unless it says otherwise
        storyboard = keep_edits(storyboard, state["edits"], request.feedback, speaking, language)
    inputs = [request.brief, [a.model_dump(mode="json") for a in request.assets], request.feedback, guidelines]
    return {"storyboard": storyboard, "status": "planned",
            "messages": [chat.storyboard_message(storyboard, thin(storyboard, speaking, language))],
            "provenance": {"plan": plan_record(storyboard.planner, inputs, storyboard)}}
