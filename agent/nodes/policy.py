"""Policy checks at three points: the brief (intake), the storyboard (before review) and the output."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from langgraph.runtime import Runtime

from agent.context import Context
from agent.nodes import timed
from agent.schemas import Brief, LibraryPick, PolicyReport, Storyboard
from agent.settings import get_settings
from agent.state import ProductionState, scene_key
from tools.policy.engine import Image, PolicyEngine, policy_engine
from tools.policy.rules import Text
from tools.storage import CACHE_DEPTH, asset, local


def engine(context: Context) -> PolicyEngine:
    """The policy engine for the job's tenant."""
    return policy_engine(get_settings(), context.tenant)


def brief_texts(brief: Brief) -> list[Text]:
    """What the requester wrote: the brief, the call to action and any source article."""
    return [Text(brief.text), Text(brief.call_to_action or ""), Text(brief.source_text or "")]


def brief_policy(brief: Brief, context: Context) -> PolicyReport:
    """Check the brief's texts and the images it supplies."""
    return engine(context).check("brief", brief_texts(brief), [Image(asset(get_settings(), p)) for p in brief.assets],
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
            images.append(Image(str(local(get_settings(), visual.path, CACHE_DEPTH)), scene.index))
    return engine(context).check("output", texts, images, safe_content=context.safe_content,
                                 call_to_action=state["brief"].call_to_action)


def outcome_update(report: PolicyReport) -> dict[str, Any]:
    """State update for a report: it becomes the current policy, is kept by stage, and a block ends the job."""
    update: dict[str, Any] = {"policy": report, "policy_checks": {report.stage: report}}
    if report.outcome == "block":
        update["status"] = "blocked"
    return update


@timed
def check_brief(state: ProductionState, runtime: Runtime[Context]) -> dict[str, Any]:
    """Stop a brief that must be blocked before any planning; review findings travel on to the storyboard."""
    return outcome_update(brief_policy(state["brief"], runtime.context or Context()))


@timed
def check_policy(state: ProductionState, runtime: Runtime[Context]) -> dict[str, Any]:
    """Pass, send to review with reasons that point to scenes, or block the run."""
    return outcome_update(storyboard_policy(state["brief"], state["storyboard"], runtime.context or Context(),
                                            state.get("library", [])))


@timed
def check_output(state: ProductionState, runtime: Runtime[Context]) -> dict[str, Any]:
    """Check the rendered job's texts and images before the final approval."""
    return outcome_update(output_policy(state, runtime.context or Context()))
