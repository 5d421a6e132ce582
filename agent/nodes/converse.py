"""converse: a chat turn during a review (the editor wrote instead of answering the interrupt): their words, read
as that review's decision, applied as any door's decision is."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from aios.agent import chat
from aios.agent.review import apply_decision
from aios.agent.state import ProductionState
from aios.agent.steps import run_context, timed
from aios.kernel.context import Context


@timed
def converse(state: ProductionState, runtime: Runtime[Context]) -> dict[str, Any]:
    """Read the editor's last message as the pending review's decision and apply it; say what was done."""
    context = run_context(runtime)
    checkpoint = "final" if state.get("status") == "awaiting_approval" else "storyboard"
    text = chat.last_human(state.get("messages", [])) or ""
    storyboard = state["storyboard"]
    chosen = chat.decision(text, storyboard, state["brief"])
    update = apply_decision(state, chosen, checkpoint, context)
    return {**update, "messages": [chat.reply(chosen, checkpoint, storyboard)]}
