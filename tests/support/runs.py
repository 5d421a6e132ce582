"""Running one node by hand: a LangGraph Runtime whose context carries the test's settings, as the job service's do."""

from __future__ import annotations

from typing import Any

from langgraph.runtime import Runtime

from aios.kernel.context import Context
from aios.kernel.settings import get_settings


def runtime(**choices: Any) -> Runtime[Context]:
    """A Runtime for a node call: the per-run choices given, and the settings this test's environment makes."""
    return Runtime(context=Context(settings=get_settings(), **choices))
