"""The floor plan holds: import-linter's contracts pass on the tree, and break on a deliberate back-arrow."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
FLOORS = ("kernel", "prompts", "tools", "agent", "graphs", "runtime", "evals", "slack", "api", "cli")
LINT = str(Path(sys.executable).parent / "lint-imports")


def lint(root: Path, path: str | None = None) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, **({"PYTHONPATH": path} if path else {})}
    return subprocess.run([LINT, "--config", str(ROOT / "pyproject.toml")], cwd=root, capture_output=True,
                          text=True, env=env, timeout=300)


def test_the_floor_plan_holds() -> None:
    result = lint(ROOT)
    assert result.returncode == 0, result.stdout
    assert "4 kept, 0 broken" in result.stdout


def test_an_engine_importing_the_cli_breaks_the_floors(tmp_path: Path) -> None:
    copy = tmp_path / "aios"  # the same package, found first on the path, with one import running back up
    for floor in FLOORS:
        shutil.copytree(ROOT / floor, copy / floor, ignore=shutil.ignore_patterns("__pycache__"))
    text = copy / "tools" / "text.py"
    text.write_text(text.read_text() + "\n\ndef _up() -> None:\n    from aios.cli import app  # noqa: F401\n")
    result = lint(tmp_path, str(tmp_path))
    assert result.returncode == 1, result.stdout
    assert "aios.tools.text -> aios.cli.app" in result.stdout.replace("\n", " ")
    assert "Floors: doors on the runtime" in result.stdout and "BROKEN" in result.stdout


def test_a_node_importing_another_node_breaks_the_wiring_rule(tmp_path: Path) -> None:
    copy = tmp_path / "aios"
    for floor in FLOORS:
        shutil.copytree(ROOT / floor, copy / floor, ignore=shutil.ignore_patterns("__pycache__"))
    node = copy / "agent" / "nodes" / "approve.py"
    node.write_text(node.read_text() + "\n\nfrom aios.agent.nodes.review import review_storyboard  # noqa: E402\n")
    result = lint(tmp_path, str(tmp_path))
    assert result.returncode == 1, result.stdout
    assert "Nodes are only wired" in result.stdout and "BROKEN" in result.stdout
