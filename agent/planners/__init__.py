"""Storyboard planners behind one interface: the LLM planner and the offline rules planner."""

from __future__ import annotations

from agent.context import Context
from agent.errors import ConfigurationError
from agent.planners.base import Planner, PlanRequest
from agent.planners.llm import LLMPlanner
from agent.planners.rules import RulesPlanner
from agent.settings import Settings
from tools.llm import chat_model


def get_planner(context: Context, settings: Settings) -> Planner:
    """The planner the run asks for; 'auto' means the LLM when one is configured."""
    choice = context.planner
    if choice == "auto":
        choice = "llm" if settings.llm_model else "rules"
    if choice == "rules":
        return RulesPlanner(words_per_second=settings.words_per_second)
    if choice == "llm":
        return LLMPlanner(
            chat_model(settings),
            model_name=settings.llm_model or "llm",
            words_per_second=settings.words_per_second,
            max_attempts=settings.llm_max_attempts,
        )
    raise ConfigurationError(f"unknown planner {choice!r}")


__all__ = ["LLMPlanner", "PlanRequest", "Planner", "RulesPlanner", "get_planner"]
