"""The production graph: brief, checks, storyboard, review, per-scene synthesis, render, QC, approval, publish."""

from __future__ import annotations

from langgraph.constants import END, START
from langgraph.graph import StateGraph

from aios.agent.nodes.approve import approve_final
from aios.agent.nodes.converse import converse
from aios.agent.nodes.intake import intake
from aios.agent.nodes.match import match_assets
from aios.agent.nodes.narrate import narrate
from aios.agent.nodes.plan import plan_storyboard
from aios.agent.nodes.policy import check_brief, check_output, check_policy
from aios.agent.nodes.publish import publish
from aios.agent.nodes.qc import quality_check
from aios.agent.nodes.render import render
from aios.agent.nodes.retrieve import retrieve
from aios.agent.nodes.review import review_storyboard
from aios.agent.nodes.visualize import visualize
from aios.agent.routing import (
    after_brief,
    after_converse,
    after_final,
    after_output,
    after_policy,
    after_qc,
    after_review,
    from_start,
)
from aios.agent.state import InputState, ProductionState
from aios.kernel.context import Context

builder = StateGraph(ProductionState, context_schema=Context, input_schema=InputState)
builder.add_node(intake)
builder.add_node(converse)
builder.add_node(check_brief)
builder.add_node(retrieve)
builder.add_node(plan_storyboard)
builder.add_node(match_assets)
builder.add_node(check_policy)
builder.add_node(review_storyboard)
# Scene tasks get their Send payload (agent.state.SceneTask) as it is; naming the graph's own state here keeps the
# payload's keys (scene, brief, storyboard_title, last) out of the graph's channels and Studio's state schema.
builder.add_node(narrate, input_schema=ProductionState)  # type: ignore[call-overload]
builder.add_node(visualize, input_schema=ProductionState)  # type: ignore[call-overload]
builder.add_node(render)
builder.add_node(quality_check)
builder.add_node(check_output)
builder.add_node(approve_final)
builder.add_node(publish)

builder.add_conditional_edges(START, from_start, ["intake", "converse", "narrate", "visualize"])
builder.add_edge("intake", "check_brief")
builder.add_conditional_edges("check_brief", after_brief, ["retrieve", END])
builder.add_edge("retrieve", "plan_storyboard")
builder.add_edge("plan_storyboard", "match_assets")
builder.add_edge("match_assets", "check_policy")
builder.add_conditional_edges("check_policy", after_policy, ["review_storyboard", END])
builder.add_conditional_edges(
    "review_storyboard", after_review, ["narrate", "visualize", "plan_storyboard", END]
)
builder.add_edge("narrate", "render")
builder.add_edge("visualize", "render")
builder.add_edge("render", "quality_check")
builder.add_conditional_edges("quality_check", after_qc, ["check_output", END])
builder.add_conditional_edges("check_output", after_output, ["approve_final", END])
builder.add_conditional_edges(
    "approve_final", after_final, ["publish", "narrate", "visualize", "plan_storyboard", END]
)
builder.add_conditional_edges("converse", after_converse, ["publish", "narrate", "visualize", "plan_storyboard", END])
builder.add_edge("publish", END)

graph = builder.compile(name="production")
