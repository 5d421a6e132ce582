"""approve_final: pause for an editor to approve the rendered video before publishing."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from aios.agent import review
from aios.agent.review import apply_decision
from aios.agent.state import ProductionState
from aios.agent.steps import run_context, timed
from aios.kernel.context import Context
from aios.kernel.decision import Decision


@timed
def approve_final(state: ProductionState, runtime: Runtime[Context]) -> dict[str, Any]:
    """Auto-approve when asked and the output policy passed; otherwise interrupt with the video and its reports."""
    context = run_context(runtime)
    policy = state["policy"]
    if context.auto_approve and policy.outcome == "pass":
        return apply_decision(state, Decision(type="approve", actor="auto"), "final", context)
    rendered, qc = state["render"], state["qc"]
    reasons = "; ".join(dict.fromkeys(f.reason for f in policy.findings)) or "policy passed"
    payload = review.request(
        "approve_final",
        f"Approve the {rendered.profile} render ({rendered.duration_s:g} s, "
        f"{rendered.width}x{rendered.height}) for publishing. QC passed. Policy: {policy.outcome} ({reasons}).",
        {**rendered.files,  # paths on the server; a remote client watches the cut by its signed link (links)
         "links": {name: url for name, url in (state.get("links") or {}).items() if name.startswith("preview-")},
         "qc": qc.model_dump(mode="json"), "policy": policy.model_dump(mode="json"),
         "storyboard": state["storyboard"].model_dump(mode="json")},
    )
    return apply_decision(state, review.ask("final", payload), "final", context)
