"""Installing the project adds one package, `aios`, holding every package of the tree and its data files."""

from __future__ import annotations

import shutil
import subprocess
import sys
import tomllib
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PYPROJECT = tomllib.loads((ROOT / "pyproject.toml").read_text())
MAPPED = PYPROJECT["tool"]["setuptools"]["package-dir"]


def test_every_package_of_the_tree_is_installed_under_aios() -> None:
    found = {f"{name}." + ".".join(init.parent.relative_to(ROOT / folder).parts) if init.parent != ROOT / folder
             else name for name, folder in MAPPED.items() for init in (ROOT / folder).rglob("__init__.py")
             if "__pycache__" not in init.parts}
    assert found == set(PYPROJECT["tool"]["setuptools"]["packages"])
    assert all(name.startswith("aios.") for name in MAPPED)


@pytest.mark.slow
def test_the_wheel_holds_only_aios(tmp_path: Path) -> None:
    source = tmp_path / "source"  # built from a copy: the build leaves nothing in the working tree
    shutil.copytree(ROOT, source, ignore=shutil.ignore_patterns(".git", ".venv", "__pycache__", "*.egg-info", "build"))
    built = subprocess.run([sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q",
                            "-w", str(tmp_path), str(source)], capture_output=True, text=True, timeout=600)
    assert built.returncode == 0, built.stderr
    wheel = next(tmp_path.glob("aios_media-*.whl"))
    names = zipfile.ZipFile(wheel).namelist()
    assert {name.split("/")[0] for name in names} == {"aios", wheel.name.split("-py3")[0] + ".dist-info"}
    for data in ("aios/prompts/storyboard_system.md", "aios/tools/policy/policy.yaml", "aios/slack/manifest.yml",
                 "aios/api/web/static/app.js", "aios/evals/datasets/briefs.jsonl",
                 "aios/runtime/migrations/versions/0001_baseline.py", "aios/runtime/migrations/script.py.mako"):
        assert data in names
    entry = zipfile.ZipFile(wheel).read(next(n for n in names if n.endswith("entry_points.txt"))).decode()
    assert "aios = aios.cli.app:app" in entry


@pytest.mark.slow
def test_only_the_aios_namespace_is_importable_from_the_install(tmp_path: Path) -> None:
    # (no "slack": slack_sdk installs a deprecated top-level module of that name, which ours no longer shadows)
    for gone in ("agent", "tools", "api", "graphs", "evals", "prompts", "kernel", "runtime", "cli"):
        found = subprocess.run([sys.executable, "-c", f"import {gone}"], cwd=tmp_path, capture_output=True, text=True)
        assert found.returncode == 1 and f"No module named '{gone}'" in found.stderr
    found = subprocess.run([sys.executable, "-c", "import aios.cli.app, aios.graphs.production"], cwd=tmp_path,
                           capture_output=True, text=True)
    assert found.returncode == 0, found.stderr
