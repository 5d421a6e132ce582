"""intake: validate the request and turn it into a typed Brief."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from aios.agent.briefs import build_brief
from aios.agent.state import ProductionState
from aios.agent.steps import run_context, timed
from aios.kernel.context import Context


@timed
def intake(state: ProductionState, runtime: Runtime[Context]) -> dict[str, Any]:
    """Parse the request into a Brief (bad input raises InvalidInput)."""
    return {"brief": build_brief(state["request"], run_context(runtime)), "status": "planning", "replans": 0}
