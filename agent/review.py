"""Human review in LangChain's human-in-the-loop shape: requests out, typed decisions back into the state."""

from __future__ import annotations

import re
from typing import Any

from langgraph.types import interrupt

from aios.agent.planners.base import SCENE_OVERHEAD_S, pace
from aios.agent.planners.headlines import headline
from aios.agent.planners.rules import avoided, mentions
from aios.agent.policy_checks import outcome_update, storyboard_policy
from aios.agent.speaking import speaking_pace
from aios.agent.state import ProductionState
from aios.agent.takes import takes_of
from aios.kernel.context import Context
from aios.kernel.decision import Decision, EditedScene
from aios.kernel.errors import ReviewDecisionError
from aios.kernel.schemas import Scene, Storyboard
from aios.kernel.vocab import DECISION_TYPES
from aios.tools.tts.pace import Pace


def request(action: str, description: str, args: dict[str, Any]) -> dict[str, Any]:
    """The interrupt payload: one action request and its review config."""
    return {
        "action_requests": [{"name": action, "args": args, "description": description}],
        "review_configs": [{"action_name": action, "allowed_decisions": list(DECISION_TYPES)}],
    }


def ask(checkpoint: str, payload: dict[str, Any]) -> Decision:
    """Interrupt for a decision and read it; an answer that is not a valid decision is asked again with the reason
    (a later resume answers the new question: one bad answer, saved with the interrupt, never breaks the thread)."""
    question = {"checkpoint": checkpoint, **payload}
    while True:
        try:
            return Decision.from_resume(interrupt(question))
        except ReviewDecisionError as exc:
            question = {**question, "error": f"{exc}; answer again"}


def edited_scenes(decision: Decision, speaking: Pace, current: Storyboard | None = None,
                  language: str = "en") -> list[Scene]:
    """The replacement scenes carried by an edit decision, indexed and paced; a line rewritten under its old
    headline gets a headline of its own, and under its old length (a chat UI sends every field back as it was) the
    time its words take. A command's edit (decision.change) is taken exactly as sent."""
    exact = decision.change is not None
    return [
        Scene(**(d.model_dump() | {
            "index": i, "on_screen_text": d.on_screen_text if exact else _headline(d, i, current),
            "duration_s": (d.duration_s if d.duration_s and (exact or not _echoed_length(d, i, current)) else
                           round(speaking.seconds(d.narration, language) + SCENE_OVERHEAD_S, 3))}))
        for i, d in enumerate(decision.scenes or [])
    ]


def _replaced(scene: EditedScene, index: int, current: Storyboard | None) -> Scene | None:
    """The scene whose line the edit rewrote at this place; None when the line is the same, or the place new."""
    before = current.scenes[index] if current is not None and index < len(current.scenes) else None
    return before if before is not None and scene.narration.strip() != before.narration.strip() else None


def _echoed_length(scene: EditedScene, index: int, current: Storyboard | None) -> bool:
    """Whether a rewritten line came back with the length its old line had (not one the editor chose for it)."""
    before = _replaced(scene, index, current)
    return before is not None and scene.duration_s == before.duration_s


def _headline(scene: EditedScene, index: int, current: Storyboard | None) -> str:
    before = _replaced(scene, index, current)
    if before is not None and scene.on_screen_text == before.on_screen_text and scene.on_screen_text:
        return headline(scene.narration, fallback=current.title if current else "")
    return scene.on_screen_text


_START_OVER = re.compile(r"\b(?:start(?:ing)? (?:over|again|fresh)|from scratch|(?:discard|drop|ignore|undo|forget|"
                         r"scrap|throw away|reset|lose)\b.{0,15}\b(?:edits?|changes|everything|rewrites?))\b", re.I)


def remembered_edits(earlier: list[Scene], before: Storyboard, after: list[Scene]) -> list[Scene]:
    """The scenes an editor has written so far: earlier edits, then this edit's scenes whose line, headline or
    image differ from the storyboard they replaced (a later edit of the same place wins)."""
    kept = {scene.index: scene for scene in earlier}
    for scene in after:
        old = before.scenes[scene.index] if scene.index < len(before.scenes) else None
        if old is None or (scene.narration, scene.on_screen_text, scene.asset) != (
                old.narration, old.on_screen_text, old.asset):
            kept[scene.index] = scene
    return [kept[i] for i in sorted(kept)]


def keep_edits(storyboard: Storyboard, edits: list[Scene], feedback: str | None, speaking: Pace,
               language: str = "en") -> Storyboard:
    """A replanned storyboard with the editor's earlier scenes in their places (one past the new end goes last),
    unless the feedback says to start over or leave out what they say; durations re-paced to the same total."""
    avoid = avoided(feedback or "")
    wanted = [e for e in edits if not mentions(f"{e.narration} {e.on_screen_text}", avoid)]
    if not wanted or _START_OVER.search(feedback or ""):
        return storyboard
    scenes = list(storyboard.scenes)
    placed: set[int] = set()
    for edit in wanted:
        at = min(edit.index, len(scenes) - 1)
        if at in placed:  # two edits past the new end: the later one follows the earlier
            at += 1
            scenes.insert(at, edit)
        else:
            scenes[at] = edit
        placed.add(at)
    durations = pace([s.narration for s in scenes], storyboard.duration_s, speaking, language)
    return storyboard.model_copy(update={"scenes": [s.model_copy(update={"index": i, "duration_s": d})
                                                    for i, (s, d) in enumerate(zip(scenes, durations, strict=True))]})


def apply_decision(state: ProductionState, decision: Decision, checkpoint: str, context: Context) -> dict[str, Any]:
    """State update for a decision at either checkpoint (both review nodes use it)."""
    settings = context.config
    shown = state.get("policy")
    record = {"checkpoint": checkpoint, "type": decision.type, "by": decision.actor, "message": decision.message,
              "policy_version": shown.version if shown is not None else None,
              **({"change": decision.change.model_dump()} if decision.change else {})}
    update: dict[str, Any] = {"decisions": [record]}
    if decision.type == "approve":
        after = "publishing" if checkpoint == "final" else "synthesizing"
        return {**update, "verdict": "approved", "status": after}
    if decision.type == "reject":
        replans = state.get("replans", 0) + 1
        done = replans > settings.max_replans
        return {**update, "verdict": "rejected", "feedback": decision.message, "replans": replans,
                "status": "rejected" if done else "planning"}
    storyboard = state["storyboard"]
    language = state["brief"].language
    scenes = edited_scenes(decision, speaking_pace(language, context), storyboard, language)
    edited = storyboard.model_copy(update={"scenes": scenes, "revision": storyboard.revision + 1})
    report = storyboard_policy(state["brief"], edited, context, state.get("library", []))
    blocked = report.outcome == "block"
    return {**update, **outcome_update(report), "storyboard": edited, **new_take(state, decision, scenes),
            "edits": remembered_edits(state.get("edits", []), storyboard, scenes),
            "verdict": "blocked" if blocked else "approved",
            "status": "blocked" if blocked else "synthesizing"}


def new_take(state: ProductionState, decision: Decision, scenes: list[Scene]) -> dict[str, Any]:
    """The `takes` update when a scene command made a new take of one scene (the scene as it was is take 1)."""
    change = decision.change
    if change is None or change.scene is None or change.kind in ("take", "restore") or change.scene >= len(scenes):
        return {}
    return {"takes": {str(change.scene): [*takes_of(state, change.scene), scenes[change.scene]]}}
