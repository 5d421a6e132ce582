"""The scene regeneration benchmark runs end to end (one job; its timings are not judged here, its counts are)."""

from __future__ import annotations

import re
import subprocess
import sys
from pathlib import Path

import pytest

pytestmark = pytest.mark.slow  # renders media (seconds each)

SCRIPT = Path(__file__).resolve().parents[2] / "benchmarks" / "scene_regenerate.py"


def test_the_benchmark_regenerates_one_scene_of_six_and_prints_one_result_line(tmp_path: Path) -> None:
    done = subprocess.run([sys.executable, str(SCRIPT)], capture_output=True, text=True, timeout=600,
                          env={"PATH": "/usr/bin:/bin", "TMPDIR": str(tmp_path)})
    assert done.returncode == 0, done.stderr[-2000:]
    last = done.stdout.strip().splitlines()[-1]
    assert re.fullmatch(r"RESULT full_job_s=[0-9.]+ regenerate_scene_s=[0-9.]+ ratio=[0-9.]+ segments_rendered=3 "
                        r"segments_reused=8 calmer_voice_s=[0-9.]+ calmer_ratio=[0-9.]+ calmer_segments_rendered=\d+",
                        last), last
