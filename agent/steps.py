"""What every node shares: the run's context and settings, and the timing and metering decorators."""

from __future__ import annotations

import functools
import time
from collections.abc import Callable
from typing import Any, TypeVar

from langgraph.runtime import Runtime

from aios.kernel.context import Context
from aios.tools.managed import metering

F = TypeVar("F", bound=Callable[..., Any])


def run_context(runtime: Runtime[Context]) -> Context:
    """The run's context: the one the job service handed in, or the defaults for a run that brought none."""
    return runtime.context or Context()


def timed(node: F) -> F:
    """Add the node's timing to the update it returns (state key 'timings', reduced by `add_timings`): its wall
    seconds, when it started and ended, and the CPU seconds of its thread (not of processes it ran, such as
    ffmpeg)."""

    @functools.wraps(node)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        began, start, cpu = time.time(), time.perf_counter(), time.thread_time()
        update = node(*args, **kwargs)
        if isinstance(update, dict):
            wall = round(time.perf_counter() - start, 4)
            update.setdefault("timings", {})[node.__name__] = {
                "wall_s": wall, "task_s": wall, "cpu_s": round(time.thread_time() - cpu, 4), "tasks": 1.0,
                "start": began, "end": began + wall}
        return update

    return wrapper  # type: ignore[return-value]


def metered(node: F) -> F:
    """Add the managed calls the node paid for (e.g. embeddings of its queries) to the job's cost log."""

    @functools.wraps(node)
    def wrapper(*args: Any, **kwargs: Any) -> Any:
        with metering() as costs:
            update = node(*args, **kwargs)
        if isinstance(update, dict) and costs:
            update.setdefault("costs", []).extend(c.public() | {"node": node.__name__} for c in costs)
        return update

    return wrapper  # type: ignore[return-value]
