"""check_policy: the rules pass over the brief and the storyboard."""

from __future__ import annotations

from typing import Any

from agent.nodes import timed
from agent.schemas import Brief, PolicyReport, Storyboard
from agent.settings import get_settings
from agent.state import ProductionState
from tools.policy.rules import Text, check


def storyboard_policy(brief: Brief, storyboard: Storyboard) -> PolicyReport:
    """Check the brief and every scene's narration and on-screen text."""
    texts = [Text(brief.text)]
    for scene in storyboard.scenes:
        texts += [Text(scene.narration, scene.index), Text(scene.on_screen_text, scene.index)]
    return check(texts, get_settings().blocked_terms)


@timed
def check_policy(state: ProductionState) -> dict[str, Any]:
    """Pass, send to review with reasons, or block the run."""
    report = storyboard_policy(state["brief"], state["storyboard"])
    update: dict[str, Any] = {"policy": report}
    if report.outcome == "block":
        update["status"] = "blocked"
    return update
