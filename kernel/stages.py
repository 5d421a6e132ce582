"""The stages of a job as people see them: one table that the CLI, the Slack bot and the review page read."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Stage:
    """One graph node as progress: what people read, and the share of the whole job done when it starts."""

    node: str
    label: str
    share: float


SCENES_LABEL = "Recording narration and drawing visuals"
# In graph order. narrate and visualize run side by side, one task per scene: together they are one stage.
STAGES: tuple[Stage, ...] = (
    Stage("intake", "Reading the brief", 0.02),
    Stage("check_brief", "Checking the brief", 0.03),
    Stage("retrieve", "Looking up brand assets", 0.05),
    Stage("plan_storyboard", "Planning the storyboard", 0.08),
    Stage("match_assets", "Matching library images", 0.12),
    Stage("check_policy", "Checking policy", 0.15),
    Stage("review_storyboard", "Storyboard review", 0.18),
    Stage("converse", "Reading the editor's message", 0.18),  # a chat turn answering either review
    Stage("narrate", SCENES_LABEL, 0.2),
    Stage("visualize", SCENES_LABEL, 0.2),
    Stage("render", "Rendering", 0.5),
    Stage("quality_check", "Checking the cut", 0.9),
    Stage("check_output", "Checking the output against policy", 0.92),
    Stage("approve_final", "Final review", 0.93),
    Stage("publish", "Publishing", 0.96),
)
BY_NODE = {stage.node: stage for stage in STAGES}
SCENE_NODES = frozenset({"narrate", "visualize"})  # one task per scene (Send): progress counts scenes
# The steps a job goes through once each (the CLI's step bar): every stage but the per-scene ones and the chat turn
# (only a chat thread has one).
STEPS: tuple[str, ...] = tuple(stage.node for stage in STAGES if stage.node not in SCENE_NODES | {"converse"})


def as_json() -> dict[str, list[object]]:
    """The table as the review page reads it: node -> [label, percent done when it starts]."""
    return {stage.node: [stage.label, round(stage.share * 100)] for stage in STAGES}
