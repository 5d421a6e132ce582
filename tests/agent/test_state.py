"""Node timings in the state: scene tasks that ran side by side count once in a node's time, runs one after the
other add up, and the seconds the tasks took (waits included) and their CPU are kept apart."""

from __future__ import annotations

import time

import pytest

from aios.agent.state import add_timings
from aios.agent.steps import timed


def task(start: float, end: float, cpu: float = 0.1) -> dict[str, float]:
    return {"wall_s": end - start, "task_s": end - start, "cpu_s": cpu, "tasks": 1.0, "start": start, "end": end}


def test_tasks_side_by_side_count_once_and_their_seconds_add_up() -> None:
    found: dict[str, dict[str, float]] = {}
    for span in [(100.0, 104.0), (100.0, 110.0), (101.0, 103.0), (99.0, 105.0)]:  # six scenes on two locks, say
        found = add_timings(found, {"narrate": task(*span)})
    narrate = found["narrate"]
    assert narrate["wall_s"] == pytest.approx(11.0)  # 99 to 110
    assert narrate["task_s"] == pytest.approx(4 + 10 + 2 + 6)
    assert narrate["cpu_s"] == pytest.approx(0.4) and narrate["tasks"] == 4


def test_a_later_run_of_a_node_adds_its_time() -> None:
    found = add_timings({"plan_storyboard": task(0.0, 2.0)}, {"plan_storyboard": task(50.0, 51.5)})
    assert found["plan_storyboard"]["wall_s"] == pytest.approx(3.5)


def test_a_checkpoint_from_before_timing_records_still_reads() -> None:
    found = add_timings({"narrate": 12.5}, {"narrate": task(1000.0, 1002.0)})  # type: ignore[dict-item]
    assert found["narrate"]["wall_s"] == pytest.approx(14.5) and found["narrate"]["tasks"] == 2


def test_timed_records_wall_and_its_threads_cpu() -> None:
    @timed
    def sleepy() -> dict[str, object]:
        time.sleep(0.2)
        return {}

    record = sleepy()["timings"]["sleepy"]
    assert record["wall_s"] >= 0.2 and record["cpu_s"] < 0.1, "sleeping is wall time, not CPU"
    assert record["end"] - record["start"] == pytest.approx(record["wall_s"])
