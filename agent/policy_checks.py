"""Policy checks at three points: the brief (intake), the storyboard (before review and after an edit), the output."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from aios.agent.state import ProductionState, scene_key
from aios.kernel.context import Context
from aios.kernel.schemas import Brief, LibraryPick, PolicyReport, Storyboard
from aios.tools.policy.engine import Image, PolicyEngine, policy_engine
from aios.tools.policy.rules import Text
from aios.tools.storage import CACHE_DEPTH, asset, local


def engine(context: Context) -> PolicyEngine:
    """The policy engine for the job's tenant."""
    return policy_engine(context.config, context.tenant)


def brief_texts(brief: Brief) -> list[Text]:
    """What the requester wrote: the brief, the call to action and any source article."""
    return [Text(brief.text), Text(brief.call_to_action or ""), Text(brief.source_text or "")]


def brief_policy(brief: Brief, context: Context) -> PolicyReport:
    """Check the brief's texts and the images it supplies."""
    return engine(context).check("brief", brief_texts(brief), [Image(asset(context.config, p)) for p in brief.assets],
                                 safe_content=context.safe_content)


def storyboard_policy(brief: Brief, storyboard: Storyboard, context: Context,
                      retrieved: Sequence[LibraryPick] = ()) -> PolicyReport:
    """Check the brief again with every scene's narration and on-screen text (and retrieved passages for injection)."""
    texts = brief_texts(brief)
    for scene in storyboard.scenes:
        texts += [Text(scene.narration, scene.index), Text(scene.on_screen_text, scene.index)]
    return engine(context).check("storyboard", texts, safe_content=context.safe_content,
                                 call_to_action=brief.call_to_action,
                                 retrieved=[Text(p.text) for p in retrieved if p.text])


def output_policy(state: ProductionState, context: Context) -> PolicyReport:
    """Check what will be published: the final narration and on-screen text, and every image used."""
    visuals = state.get("visuals", {})
    texts, images = [], []
    for scene in state["storyboard"].scenes:
        texts += [Text(scene.narration, scene.index), Text(scene.on_screen_text, scene.index)]
        visual = visuals.get(scene_key(scene))
        if visual is not None:
            images.append(Image(str(local(context.config, visual.path, CACHE_DEPTH)), scene.index))
    return engine(context).check("output", texts, images, safe_content=context.safe_content,
                                 call_to_action=state["brief"].call_to_action)


def outcome_update(report: PolicyReport) -> dict[str, Any]:
    """State update for a report: it becomes the current policy, is kept by stage, and a block ends the job."""
    update: dict[str, Any] = {"policy": report, "policy_checks": {report.stage: report}}
    if report.outcome == "block":
        update["status"] = "blocked"
    return update
