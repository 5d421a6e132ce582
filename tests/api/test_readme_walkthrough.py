"""The README's commands stay true: the API curl walk-through runs as written against a live server."""

from __future__ import annotations

import os
import re
import subprocess
from collections.abc import Callable
from pathlib import Path

import pytest

from tests.support.server import Server

pytestmark = pytest.mark.slow  # renders media or runs aios processes (seconds each)

README = Path(__file__).resolve().parents[2] / "README.md"


def walkthrough() -> str:
    text = README.read_text(encoding="utf-8")
    found = re.search(r"<!-- walkthrough:start -->\s*```bash\n(.*?)```\s*<!-- walkthrough:end -->", text, re.S)
    assert found, "the README lost its API walk-through"
    return found.group(1)


def test_the_api_walkthrough_works_as_written(make_server: Callable[..., Server], tmp_path: Path) -> None:
    server = make_server()
    env = os.environ | {"AIOS_API": server.url, "AIOS_KEY": server.key}
    result = subprocess.run(["bash", "-e", "-c", walkthrough()], cwd=tmp_path, env=env,
                            capture_output=True, text=True, timeout=300)
    assert result.returncode == 0, result.stdout[-2000:] + result.stderr[-2000:]
    assert re.search(r"^job job-[0-9a-f]{12}$", result.stdout, re.M)
    video = tmp_path / "spring-sale.mp4"
    assert video.stat().st_size > 50_000 and video.read_bytes()[4:8] == b"ftyp"
