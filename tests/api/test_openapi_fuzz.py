"""schemathesis, with every check it has, finds nothing wrong between the live server and its OpenAPI document:
no server errors, no undocumented status or content type, no schema-valid request refused but for the rules
`schemathesis.toml` names (those JSON Schema cannot state)."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.server import Server

pytestmark = pytest.mark.slow  # renders media or runs aios processes (seconds each)
CONFIG = Path(__file__).with_name("schemathesis.toml")
PINNED = Path(__file__).with_name("fuzz-requirements.txt").relative_to(Path(__file__).parents[2])
FUZZ_ENV = Path(sys.executable).parent.parent / "fuzz" / "bin"


def schemathesis() -> str:
    """schemathesis lives in its own environment (.venv/fuzz, see the README): every langgraph-api caps jsonschema-rs
    below what current schemathesis needs. AIOS_SCHEMATHESIS names another binary."""
    found = (os.environ.get("AIOS_SCHEMATHESIS") or shutil.which("schemathesis", path=str(FUZZ_ENV))
             or shutil.which("schemathesis"))
    assert found, f"schemathesis is not installed: python3 -m venv .venv/fuzz && .venv/fuzz/bin/pip install -r {PINNED}"
    return found


def test_schemathesis_with_all_checks_finds_nothing(make_server: Callable[..., Server], tmp_path: Path) -> None:
    server = make_server()
    command = schemathesis()
    result = subprocess.run(
        [command, "--config-file", str(CONFIG), "run", f"{server.url}/openapi.json", "--checks", "all",
         "-H", f"Authorization: Bearer {server.key}", "--max-examples", "30", "--seed", "7",
         "--phases", "examples,coverage,fuzzing,stateful", "--workers", "1", "--request-timeout", "30",
         "--report-dir", str(tmp_path),
         # The event stream is long-lived by design (it stays open while a job waits for review);
         # schemathesis would wait on it until its timeout. Its own tests cover it.
         "--exclude-path-regex", "/events$"],
        capture_output=True, text=True, timeout=900, cwd=tmp_path)
    summary = result.stdout[-3000:]
    assert result.returncode == 0, summary
    totals = summary.strip().splitlines()[-1]  # "==== 2 warnings in 67.15s ====", or "N failures, ..."
    assert " in " in totals and not re.search(r"\d+ (?:failures?|errors?)\b", totals), summary
    cases = re.search(r"(\d+) generated, (\d+) passed", summary)
    assert cases and cases.group(1) == cases.group(2), summary  # every generated case passed every check
