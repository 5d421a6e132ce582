"""LLM planner: structured output into a storyboard draft, validated, with bounded retries."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from langchain_core.language_models import BaseChatModel
from langchain_core.messages import AIMessage, BaseMessage, HumanMessage, SystemMessage
from pydantic import BaseModel, Field, ValidationError

from aios import prompts
from aios.agent.planners.base import PlanRequest, pace, scene_count, word_budget
from aios.agent.planners.templates import intent_of
from aios.kernel.errors import PlanningError
from aios.kernel.schemas import Scene, Storyboard
from aios.tools.assets import assign
from aios.tools.llm import chat_model
from aios.tools.text import spoken_count
from aios.tools.tts.pace import Pace

if TYPE_CHECKING:
    from aios.kernel.settings import Settings


class SceneDraft(BaseModel):
    """One scene of the storyboard: the spoken words, a short headline and the picture."""

    narration: str = Field(description="One or two short sentences the voice says.")
    on_screen_text: str = Field(description="A headline of at most 7 words.")
    visual: str = Field(description="What the picture shows, in one sentence.")
    keywords: list[str] = Field(default_factory=list, description="2 to 4 single words.")
    motion: bool = Field(default=False, description="True when the picture should move (steam, waves, a product "
                         "turning); at most two scenes.")


class StoryboardDraft(BaseModel):
    """A storyboard for a short narrated video: a title and its scenes in order."""

    title: str = Field(description="A short title for the video.")
    scenes: list[SceneDraft] = Field(description="The scenes in order.")


class LLMPlanner:
    """Plans with any LangChain chat model; checks the draft and asks again when it misses."""

    def __init__(self, model: BaseChatModel, *, model_name: str, speaking: Pace | None = None,
                 max_attempts: int = 3) -> None:
        self.name = f"llm:{model_name}"
        self.speaking = speaking or Pace.of_rate(2.6)  # a request's own pace (its voice's) comes first
        self.max_attempts = max_attempts
        self.structured = model.with_structured_output(StoryboardDraft)

    def messages(self, request: PlanRequest) -> list[BaseMessage]:
        """The system and user messages for a request (retrieved text stays inside tags)."""
        brief = request.brief
        suggested, low, high = scene_count(brief.duration_s)
        speaking = request.pace or self.speaking
        target = word_budget(brief.duration_s, suggested, speaking)
        system = prompts.load("storyboard_system").format(
            words_per_second=round(speaking.words_per_second, 1), target_words=target,
            max_words=int(target * 1.1), duration_s=round(brief.duration_s), min_scenes=low,
            max_scenes=high, language=brief.language, tone=brief.tone,
            audience=brief.audience or "general")
        quote = prompts.data
        user = prompts.load("storyboard_user").format(
            brief=quote(brief.text), subject=quote(brief.subject), aspect=brief.aspect,
            call_to_action=quote(brief.call_to_action or "(none)"),
            source_text=quote(brief.source_text or "(none)"),
            assets=quote("\n".join(" ".join(a.terms) or a.path for a in request.assets) or "(none)"),
            feedback=quote(request.feedback or "(none)"),
            guidelines=quote("\n\n".join(request.guidelines) or "(none)"))
        return [SystemMessage(f"{system}\n\n{worked_example(brief.text)}"), HumanMessage(user)]

    def problems(self, draft: StoryboardDraft, request: PlanRequest) -> list[str]:
        """What is wrong with a draft, in words the model can act on (empty when it is fine)."""
        suggested, low, high = scene_count(request.brief.duration_s)
        budget = word_budget(request.brief.duration_s, suggested, request.pace or self.speaking)
        words = sum(spoken_count(s.narration) for s in draft.scenes)
        issues = []
        if not low <= len(draft.scenes) <= high:
            issues.append(f"use {low} to {high} scenes, not {len(draft.scenes)}")
        if words > budget * 1.15:
            issues.append(f"the narration has {words} words; cut it to at most {int(budget * 1.1)}")
        if words < budget * 0.4:
            issues.append(f"the narration has only {words} words; write about {budget}")
        issues += [f"scene {i + 1} has no narration" for i, s in enumerate(draft.scenes)
                   if not s.narration.strip()]
        return issues

    def plan(self, request: PlanRequest) -> Storyboard:
        """Ask, validate, and ask again with the problems named, up to max_attempts."""
        messages = self.messages(request)
        last: list[str] = []
        for _ in range(self.max_attempts):
            try:
                draft: Any = self.structured.invoke(messages)
            except (ValidationError, ValueError) as exc:
                last = [f"the output did not match the schema: {exc}"]
                messages = [*messages, HumanMessage("Fix this and answer again: " + last[0])]
                continue
            except Exception as exc:  # the endpoint itself failed (timeout, refused, 5xx after the client's retries)
                raise PlanningError(f"the LLM endpoint failed: {type(exc).__name__}: {exc}") from exc
            if not isinstance(draft, StoryboardDraft):
                draft = StoryboardDraft.model_validate(draft)
            last = self.problems(draft, request)
            if not last:
                return self.storyboard(draft, request)
            messages = [*messages, AIMessage(draft.model_dump_json()),
                        HumanMessage("Revise the storyboard: " + "; ".join(last) + ".")]
        raise PlanningError(f"the LLM planner gave no valid storyboard in {self.max_attempts} "
                            f"attempts: {'; '.join(last)}")

    def storyboard(self, draft: StoryboardDraft, request: PlanRequest) -> Storyboard:
        """Pace the draft's scenes to the target duration and attach assets."""
        narrations = [" ".join(s.narration.split()) for s in draft.scenes]
        durations = pace(narrations, request.brief.duration_s, request.pace or self.speaking, request.brief.language)
        assets = assign(request.assets, [f"{s.narration} {' '.join(s.keywords)}" for s in draft.scenes])
        scenes = [
            Scene(index=i, narration=text, on_screen_text=s.on_screen_text, visual=s.visual,
                  keywords=s.keywords[:4], duration_s=d, asset=a, motion=s.motion)
            for i, (s, text, d, a) in enumerate(zip(draft.scenes, narrations, durations, assets,
                                                    strict=True))
        ]
        return Storyboard(title=draft.title, scenes=scenes, planner=self.name,
                          revision=request.revision)


def worked_example(brief: str) -> str:
    """The prompt's worked example for the brief's kind (promotion, launch, invitation, explainer, news, hiring,
    notice, results, how-to), after the note on what every example shows."""
    examples = prompts.sections("storyboard_examples")
    intent = intent_of(brief)
    return f"{examples['']}\n\nExample ({intent}):\n{examples.get(intent) or examples['generic']}"


def build(settings: Settings) -> LLMPlanner:
    """The catalog's factory for 'llm': the chat model AIOS_LLM_MODEL names, through the one factory."""
    return LLMPlanner(chat_model(settings), model_name=settings.llm_model or "llm",
                      speaking=Pace.of_rate(settings.words_per_second) if settings.words_per_second else None,
                      max_attempts=settings.llm_max_attempts)
