"""Storyboard planners behind one interface (the PLANNERS catalog): the LLM planner and the offline rules planner."""

from __future__ import annotations

from aios.agent.planners.base import Planner, PlanRequest
from aios.kernel.catalogs import PLANNERS
from aios.kernel.context import Context
from aios.kernel.errors import ConfigurationError
from aios.kernel.settings import Settings


def get_planner(context: Context, settings: Settings) -> Planner:
    """The planner the run asks for; 'auto' means the LLM when one is configured."""
    choice = context.planner
    if choice == "auto":
        choice = "llm" if settings.llm_model else "rules"
    planner: Planner = PLANNERS.load(choice, ConfigurationError)(settings)
    return planner


__all__ = ["PlanRequest", "Planner", "get_planner"]
