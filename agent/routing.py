"""Typed routers for the production graph's conditional edges."""

from __future__ import annotations

from typing import Literal

from langgraph.types import Send

from aios.agent.state import ProductionState, SceneTask


def scene_sends(state: ProductionState) -> list[Send]:
    """One narrate and one visualize task per scene."""
    storyboard, brief = state["storyboard"], state["brief"]
    sends = []
    for scene in storyboard.scenes:
        task = SceneTask(scene=scene, brief=brief, storyboard_title=storyboard.title,
                         last=scene.index == len(storyboard.scenes) - 1)
        sends += [Send("narrate", task), Send("visualize", task)]
    return sends


REVIEWING = ("planned", "awaiting_approval")  # a storyboard, or a cut, waits for the editor


def from_start(state: ProductionState) -> list[Send] | Literal["intake", "converse"]:
    """A new job starts at intake; a re-render of an approved job fans out to synthesis again; an editor's message
    while a review waits answers that review."""
    if state.get("rerender") and state.get("storyboard") and state.get("verdict") == "approved":
        return scene_sends(state)
    messages = state.get("messages") or []
    if messages and messages[-1].type == "human" and state.get("storyboard") and state.get("status") in REVIEWING:
        return "converse"
    return "intake"


def after_brief(state: ProductionState) -> Literal["retrieve", "__end__"]:
    """A blocked brief ends the job before any planning."""
    return "__end__" if state["policy"].outcome == "block" else "retrieve"


def after_policy(state: ProductionState) -> Literal["review_storyboard", "__end__"]:
    """A blocked storyboard ends the job; anything else goes to review."""
    return "__end__" if state["policy"].outcome == "block" else "review_storyboard"


def after_review(state: ProductionState) -> list[Send] | Literal["plan_storyboard", "__end__"]:
    """Approved (or edited): fan out per scene; rejected: replan; blocked or out of replans: end."""
    if state["verdict"] == "approved":
        return scene_sends(state)
    if state["verdict"] == "rejected" and state["status"] != "rejected":
        return "plan_storyboard"
    return "__end__"


def after_qc(state: ProductionState) -> Literal["check_output", "__end__"]:
    """Only a render that passed QC goes on to the output policy check."""
    return "check_output" if state["qc"].passed else "__end__"


def after_output(state: ProductionState) -> Literal["approve_final", "__end__"]:
    """A blocked output ends the job; anything else is offered for approval."""
    return "__end__" if state["policy"].outcome == "block" else "approve_final"


def after_final(
    state: ProductionState,
) -> list[Send] | Literal["publish", "plan_storyboard", "__end__"]:
    """Approve: publish; edit: synthesize the changed scenes again; reject: replan."""
    if state["status"] == "publishing":
        return "publish"
    return after_review(state)


def after_converse(
    state: ProductionState,
) -> list[Send] | Literal["publish", "plan_storyboard", "__end__"]:
    """As after a review; a message that decided nothing (the review still waits) ends the run."""
    if state.get("status") in REVIEWING:
        return "__end__"
    return after_final(state)
