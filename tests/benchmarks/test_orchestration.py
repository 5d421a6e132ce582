"""The orchestration benchmark runs end to end (a few jobs; its numbers are not judged here)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # renders media or runs aios processes (seconds each)

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "orchestration.py"


def test_the_benchmark_runs_jobs_through_workers_and_prints_one_result_line(postgres_url: str, broker: str) -> None:
    done = subprocess.run([sys.executable, str(SCRIPT), "--jobs", "6", "--workers", "1"], capture_output=True,
                          text=True, timeout=300)
    assert done.returncode == 0, done.stderr[-2000:]
    last = done.stdout.strip().splitlines()[-1]
    assert re.fullmatch(r"RESULT jobs_per_s=[0-9.]+ overhead_p95_ms_per_node=[0-9.]+ .*jobs=6 nodes_per_job=24 .*",
                        last), last
