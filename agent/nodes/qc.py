"""quality_check: analyze the rendered file (streams, lengths, loudness, black and frozen frames)."""

from __future__ import annotations

from typing import Any

from langchain_core.messages import AIMessage
from langgraph.runtime import Runtime

from aios.agent.quality import here, inspect
from aios.agent.state import ProductionState
from aios.agent.steps import run_context, timed
from aios.kernel.context import Context
from aios.tools.provenance.c2pa import trust_anchors


@timed
def quality_check(state: ProductionState, runtime: Runtime[Context]) -> dict[str, Any]:
    """Analyze the render; a failing check ends the job as failed with the reasons."""
    settings = run_context(runtime).config
    rendered = here(state["render"], settings)
    report = inspect(rendered, state["storyboard"].duration_s, settings.ffmpeg_path, trust_anchors(settings))
    if report.passed:
        return {"qc": report, "status": "awaiting_approval"}
    failed = "; ".join(f"{c.name}: {c.detail}" for c in report.failures())
    said = AIMessage(f"The cut failed its checks ({failed}): nothing was published.")  # the chat door's reason
    return {"qc": report, "status": "failed", "messages": [said]}
