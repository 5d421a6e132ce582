"""Waiting on what a job's event log says, with a deadline sized for a loaded machine (never a fixed sleep)."""

from __future__ import annotations

import time
from collections.abc import Callable

from aios.runtime.events import TERMINAL
from aios.runtime.jobs import JobService


def ended(service: JobService, job: str) -> bool:
    """Whether the job's last stored event closes it."""
    latest = service.events.latest(job)
    return latest is not None and latest.type in TERMINAL


def wait_for(condition: Callable[[], bool], seconds: float, what: str) -> None:
    """Return once `condition()` holds, checking every 0.2 s; AssertionError naming `what` after `seconds`."""
    deadline = time.monotonic() + seconds
    while not condition():
        assert time.monotonic() < deadline, f"{what} within {seconds:g} s"
        time.sleep(0.2)
