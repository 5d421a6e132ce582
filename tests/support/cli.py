"""The `aios` command as a user runs it: a subprocess with its own AIOS_HOME, real files and exit codes."""

from __future__ import annotations

import os
import re
import subprocess
import sys
from pathlib import Path

AIOS = str(Path(sys.executable).parent / "aios")


def aios(*args: str, home: Path, timeout: float = 240,
         env: dict[str, str] | None = None) -> subprocess.CompletedProcess[str]:
    full = {**os.environ, "AIOS_HOME": str(home), "COLUMNS": "200", **(env or {})}
    return subprocess.run([AIOS, *args], capture_output=True, text=True, env=full, timeout=timeout)


def job_id(output: str) -> str:
    match = re.search(r"job-[0-9a-f]{12}", output)
    assert match, output
    return match.group(0)


