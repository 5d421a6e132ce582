"""The production graph as a chat: a brief taken from the editor's message, the storyboard and the cut offered as
messages, and what the editor types during a review read as that review's decision ("approve", "drop the last
scene", "make scene 2 about the price"; anything else is a note the planner replans with: "shorter", "don't mention
the price")."""

from __future__ import annotations

import re
from typing import Any, Literal

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, AnyMessage, HumanMessage
from pydantic import BaseModel, Field

from aios import prompts
from aios.agent.planners.reading import read
from aios.kernel.decision import Decision, EditedScene
from aios.kernel.schemas import Brief, RenderResult, Scene, Storyboard

ACTOR = "chat"
NOTE_CHARS = 2000  # the most a decision's message holds
_APPROVE = re.compile(r"^\s*(?:approved?|approve it|ok(?:ay)?|yes|yep|sure|looks (?:good|great|fine)(?: to me)?|"
                      r"lgtm|ship it|go(?: ahead)?|publish(?: it)?|perfect|great|fine|do it|make it|render it)"
                      r"[\s!.]*$", re.IGNORECASE)
_DROP = re.compile(r"\b(?:drop|remove|delete|cut|lose|skip)\s+(?:the\s+)?(?:(last|final|first|opening)\s+scene|"
                   r"scenes?\s+(\d+(?:\s*(?:,|and)\s*\d+)*))", re.IGNORECASE)
_ABOUT = re.compile(r"\bmake\s+scene\s+(\d+)\s+(?:about|say|mention|on)\s+(?:the\s+|our\s+)?(.+?)[.!]*$",
                    re.IGNORECASE)
_MONEY = re.compile(r"[$€£]\s?\d|\b\d[\d,.]*\s?(?:dollars|euros|pounds)\b|\bfree\b", re.IGNORECASE)
_PRICE = frozenset({"price", "prices", "pricing", "cost", "costs", "offer", "deal", "discount"})


def text_of(message: AnyMessage) -> str:
    """A message's words (content given as a string or as parts)."""
    content: Any = message.content
    if isinstance(content, str):
        return content.strip()
    return " ".join(p.get("text", "") if isinstance(p, dict) else str(p) for p in content).strip()


def last_human(messages: list[AnyMessage]) -> str | None:
    """The words of the last message, when the editor wrote it."""
    return text_of(messages[-1]) if messages and messages[-1].type == "human" else None


def decision(text: str, storyboard: Storyboard, brief: Brief) -> Decision:
    """What the editor's words decide for the storyboard under review (a note longer than a decision holds is cut
    to its first 2,000 characters)."""
    text = text[:NOTE_CHARS]
    if _APPROVE.match(text):
        return Decision(type="approve", actor=ACTOR)
    scenes = [_as_edited(s) for s in storyboard.scenes]
    count = len(scenes)
    drops = {index for match in _DROP.finditer(text) for index in _indices(match, count)}
    about = _ABOUT.search(text)
    if about and 0 <= (at := int(about.group(1)) - 1) < count and (fact := _fact_about(about.group(2), brief)):
        scenes[at] = scenes[at].model_copy(update={"narration": fact, "duration_s": None})
    elif not drops:
        return Decision(type="reject", message=text, actor=ACTOR)  # a note for the planner
    kept = [s for i, s in enumerate(scenes) if i not in drops]
    if not kept:
        return Decision(type="reject", message=text, actor=ACTOR)
    return Decision(type="edit", scenes=kept, actor=ACTOR)


class Rewrite(BaseModel):
    """A scene whose line the editor asks to change."""

    scene: int = Field(ge=1, description="The scene's number as shown, from 1.")
    narration: str = Field(min_length=1, max_length=400, description="Its new line, from the brief's facts only.")


class Reading(BaseModel):
    """What an editor's chat message decides for the review it answers."""

    decision: Literal["approve", "edit", "reject"]
    drop_scenes: list[int] = Field(default_factory=list, description="For edit: scene numbers to remove, from 1.")
    rewrites: list[Rewrite] = Field(default_factory=list, description="For edit: scenes whose line changes.")
    note: str = Field(default="", max_length=2000, description="For reject: what the planner should change.")


def model_decision(model: BaseChatModel, text: str, storyboard: Storyboard, brief: Brief,
                   checkpoint: str) -> Decision:
    """What the editor's words decide, as a chat model reads them (structured output); ValueError when its reading
    cannot be applied to this storyboard (a scene that does not exist, nothing left)."""
    shown = "\n".join(f"{s.index + 1}. {s.on_screen_text} | {s.narration}" for s in storyboard.scenes)
    prompt = prompts.load("chat_decision").format(
        checkpoint="rendered cut" if checkpoint == "final" else "storyboard", brief=prompts.data(brief.text),
        storyboard=prompts.data(shown), message=prompts.data(text))
    found: Any = model.with_structured_output(Reading).invoke([HumanMessage(prompt)])
    reading = found if isinstance(found, Reading) else Reading.model_validate(found)
    if reading.decision == "approve":
        return Decision(type="approve", actor=ACTOR)
    if reading.decision == "reject":
        return Decision(type="reject", message=(reading.note.strip() or text)[:NOTE_CHARS], actor=ACTOR)
    count = len(storyboard.scenes)
    named = {*reading.drop_scenes, *(r.scene for r in reading.rewrites)}
    if (not reading.drop_scenes and not reading.rewrites) or any(not 1 <= n <= count for n in named):
        raise ValueError(f"the model's edit names no scene of the {count} shown: {reading.model_dump_json()}")
    scenes = [_as_edited(s) for s in storyboard.scenes]
    for rewrite in reading.rewrites:
        scenes[rewrite.scene - 1] = scenes[rewrite.scene - 1].model_copy(
            update={"narration": rewrite.narration, "duration_s": None})
    kept = [s for i, s in enumerate(scenes) if i + 1 not in set(reading.drop_scenes)]
    if not kept:
        raise ValueError("the model's edit drops every scene")
    return Decision(type="edit", scenes=kept, actor=ACTOR)


def _indices(match: re.Match[str], count: int) -> set[int]:
    named = (match.group(1) or "").lower()
    if named:
        return {count - 1} if named in ("last", "final") else {0}
    return {int(n) - 1 for n in re.findall(r"\d+", match.group(2)) if 0 < int(n) <= count}


def _as_edited(scene: Scene) -> EditedScene:
    """A storyboard scene as an editor would send it back (its takes kept); its length paced again from its
    words."""
    return EditedScene.model_validate(scene.model_dump(exclude={"index", "duration_s"}))


def _fact_about(topic: str, brief: Brief) -> str | None:
    """The brief's sentence about a topic ('the price': the one with an amount of money), if it has one."""
    facts = read(brief.text, brief.language).facts
    words = {w for w in re.findall(r"\w+", topic.lower()) if len(w) > 2}
    if words & _PRICE:
        found = next((f for f in facts if _MONEY.search(f)), None)
        if found:
            return found
    scored = [(len(words & set(re.findall(r"\w+", f.lower()))), f) for f in facts]
    best = max(scored, default=(0, ""))
    return best[1] if best[0] else None


def storyboard_message(storyboard: Storyboard, note: str | None = None) -> AIMessage:
    """The storyboard offered in the chat, scene by scene, with what the editor can answer."""
    lines = [f"Storyboard for “{storyboard.title}” ({storyboard.duration_s:g} s, {len(storyboard.scenes)} scenes, "
             f"revision {storyboard.revision}):"]
    lines += [f"{s.index + 1}. [{s.duration_s:.1f} s] {s.on_screen_text} — {s.narration}" for s in storyboard.scenes]
    # Paragraphs after the list (a chat UI renders Markdown: a line right under it would join the last scene).
    after = [f"Note: {note}."] if note else []
    after.append("Reply “approve” to make it, or say what to change (“shorter”, “drop the last scene”, "
                 "“make scene 2 about the price”, “don't mention the date”).")
    return AIMessage("\n\n".join(["\n".join(lines), *after]))


def cut_message(rendered: RenderResult) -> AIMessage:
    """The rendered cut offered in the chat for the final approval."""
    return AIMessage(f"The cut is ready: {rendered.duration_s:.1f} s, {rendered.width}x{rendered.height} "
                     f"({rendered.profile}), QC passed. Reply “approve” to publish it, or say what to change.")


ASK = AIMessage("Reply “approve” to go on, or say what to change.")  # a message with no words in it


def reply(chosen: Decision, checkpoint: str, before: Storyboard) -> AIMessage:
    """What the assistant says back to a decision typed in the chat."""
    if chosen.type == "approve":
        return AIMessage("Approved: publishing." if checkpoint == "final" else "Approved: making the video now.")
    if chosen.type == "edit":
        gone = len(before.scenes) - len(chosen.scenes or [])
        change = f"dropped {gone} scene{'s' if gone != 1 else ''}" if gone else "rewrote the scene from the brief"
        return AIMessage(f"Done: I {change}; making the changed scenes now.")
    return AIMessage(f"Replanning with your note: “{chosen.message}”.")
