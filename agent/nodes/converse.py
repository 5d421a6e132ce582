"""converse: a chat turn during a review (the editor wrote instead of answering the interrupt): their words, read
as that review's decision, applied as any door's decision is."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from aios.agent import chat
from aios.agent.engines import notify
from aios.agent.review import apply_decision
from aios.agent.state import ProductionState
from aios.agent.steps import run_context, timed
from aios.kernel.context import Context
from aios.tools.llm import chat_model


@timed
def converse(state: ProductionState, runtime: Runtime[Context]) -> dict[str, Any]:
    """Read the editor's last message as the pending review's decision (by the chat model when one is configured,
    else by rules) and apply it; say what was done."""
    context = run_context(runtime)
    checkpoint = "final" if state.get("status") == "awaiting_approval" else "storyboard"
    text = chat.last_human(state.get("messages", [])) or ""
    if not text:  # an attachment alone, say: nothing to decide yet (the review still waits)
        return {"messages": [chat.ASK]}
    storyboard, brief = state["storyboard"], state["brief"]
    chosen = chat.decision(text, storyboard, brief)
    if context.config.llm_model and context.planner != "rules":  # the model reads it; the rules when it cannot
        try:
            chosen = chat.model_decision(chat_model(context.config), text, storyboard, brief, checkpoint)
        except Exception as exc:  # an endpoint down, an answer that does not fit: the rules' reading stands
            notify(None, "planner", f"the chat model could not read the message, so the rules did: {exc}")
    update = apply_decision(state, chosen, checkpoint, context)
    return {**update, "messages": [chat.reply(chosen, checkpoint, storyboard)]}
