"""intake: validate the request and turn it into a typed Brief."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from aios.agent import chat
from aios.agent.briefs import build_brief
from aios.agent.state import ProductionState
from aios.agent.steps import run_context, timed
from aios.kernel.context import Context
from aios.kernel.errors import InvalidInput


@timed
def intake(state: ProductionState, runtime: Runtime[Context]) -> dict[str, Any]:
    """Parse the request, or in a chat the editor's last message, into a Brief (bad input raises InvalidInput); a
    new brief starts with no feedback or edits of an earlier one."""
    request = state.get("request")
    if request is None:
        text = chat.last_human(state.get("messages") or [])
        if not text:
            raise InvalidInput("send a brief: a request, or a message saying what the video should be")
        request = {"text": text}
    return {"brief": build_brief(request, run_context(runtime)), "status": "planning", "replans": 0,
            "feedback": None, "edits": []}
