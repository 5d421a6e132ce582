"""render node helpers: transition style per scene and the music bed per run."""

from __future__ import annotations

from pathlib import Path

import pytest

from aios.agent.rendering import music_for, transition_for
from aios.kernel.context import Context
from aios.kernel.schemas import Brief
from aios.tools import music_library
from aios.tools.audio import wav_duration
from aios.tools.cache import ContentCache
from aios.tools.music_library import describe

pytestmark = pytest.mark.slow  # renders or synthesizes real media

BRIEF = Brief(text="spring sale", subject="spring sale", duration_s=20, aspect="9:16", tone="upbeat")


def test_lively_tones_alternate_fades_and_slides_unless_the_run_chooses() -> None:
    assert [transition_for(i, "auto", "upbeat") for i in range(4)] == ["fade", "slide", "fade", "slide"]
    assert {transition_for(i, "auto", "calm") for i in range(4)} == {"fade"}
    assert transition_for(1, "cut", "upbeat") == "cut"


def test_a_packaged_track_of_the_tones_mood_is_the_bed_when_asked_for(tmp_path: Path) -> None:
    cache = ContentCache(tmp_path)
    upbeat = music_for(Context(music="library"), BRIEF, 20.2, cache)
    assert upbeat is not None and Path(upbeat).parent.name == "happy" and upbeat.endswith(".opus")
    assert music_for(Context(music="library"), BRIEF, 20.2, cache) == upbeat, "the same brief, the same track"
    calm = BRIEF.model_copy(update={"tone": "calm"})
    assert Path(music_for(Context(music="library"), calm, 20, cache) or "").parent.name == "calm"
    others = {music_for(Context(music="library"), BRIEF.model_copy(update={"text": f"sale {i}"}), 20, cache)
              for i in range(12)}
    assert len(others) > 1, "similar briefs do not all get the same track"
    assert music_for(Context(music="library"), BRIEF, 20, cache, library="/lib/bed.wav") == "/lib/bed.wav", \
        "the asset library's match wins"
    assert Path(music_for(Context(), BRIEF, 20, cache) or "").suffix == ".wav", "auto: the synthesized bed"
    assert describe(upbeat).startswith("happy/") and "MIT" in describe(upbeat)


def test_without_the_package_the_bed_is_synthesized_once_per_tone_and_length(
        tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr(music_library, "tracks_dir", lambda: None)
    cache = ContentCache(tmp_path)
    first = music_for(Context(), BRIEF, 20.2, cache)
    assert first is not None and wav_duration(first) >= 20.2
    assert music_for(Context(), BRIEF, 20.4, cache) == first, "reused from the cache"
    assert music_for(Context(music="none"), BRIEF, 20, cache) is None
    assert music_for(Context(music="/srv/bed.mp3"), BRIEF, 20, cache) == "/srv/bed.mp3"
