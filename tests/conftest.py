"""Shared fixtures: an isolated data directory and settings per test."""

from __future__ import annotations

from collections.abc import Iterator
from pathlib import Path

import pytest
from PIL import Image

from agent.settings import Settings, get_settings


@pytest.fixture(autouse=True)
def aios_home(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[Path]:
    """Every test gets its own AIOS_HOME and fresh settings; no LLM is configured."""
    home = tmp_path / "aios-home"
    monkeypatch.setenv("AIOS_HOME", str(home))
    for name in ("AIOS_LLM_MODEL", "AIOS_LLM_BASE_URL", "AIOS_LLM_API_KEY"):
        monkeypatch.delenv(name, raising=False)
    get_settings.cache_clear()
    yield home
    get_settings.cache_clear()


@pytest.fixture
def settings(aios_home: Path) -> Settings:
    """The settings the code under test will see."""
    return get_settings()


@pytest.fixture
def photo(tmp_path: Path) -> Path:
    """A small real JPEG named like a product shot."""
    path = tmp_path / "spring-flowers-sale.jpg"
    image = Image.new("RGB", (320, 240), (40, 160, 90))
    for x in range(0, 320, 40):
        image.paste((220, 60, 120), (x, 0, x + 20, 240))
    image.save(path, quality=90)
    return path
