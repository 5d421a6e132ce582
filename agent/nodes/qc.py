"""quality_check: analyze the rendered file (streams, lengths, loudness, black and frozen frames)."""

from __future__ import annotations

from typing import Any

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
    return {"qc": report, "status": "awaiting_approval" if report.passed else "failed"}
