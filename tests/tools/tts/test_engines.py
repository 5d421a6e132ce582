"""Speech engines: real hibari and espeak-ng synthesis, language routing."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from aios.agent.engines import run_speech, speaks
from aios.kernel.context import Context
from aios.kernel.errors import ConfigurationError, EngineError
from aios.kernel.settings import Settings
from aios.tools.audio import read_wav, rms_db
from aios.tools.tts import get_speech_engine

pytestmark = pytest.mark.slow  # renders or synthesizes real media


def test_hibari_speaks_english_as_real_audio(tmp_path: Path) -> None:
    engine = get_speech_engine("hibari", "heart", Settings())
    out = tmp_path / "hello.wav"
    duration = engine.synthesize("Spring is here, and so are our savings.", out, language="en")
    samples, rate = read_wav(out)
    assert rate == 24_000
    assert 1.5 < duration < 5.0
    assert rms_db(samples) > -35
    faster = engine.synthesize("Spring is here, and so are our savings.", tmp_path / "f.wav",
                               language="en", speed=1.25)
    assert faster < duration * 0.9


def test_hibari_is_deterministic(tmp_path: Path) -> None:
    engine = get_speech_engine("hibari", "heart", Settings())
    engine.synthesize("Same words.", tmp_path / "a.wav", language="en")
    engine.synthesize("Same words.", tmp_path / "b.wav", language="en")
    assert np.array_equal(read_wav(tmp_path / "a.wav")[0], read_wav(tmp_path / "b.wav")[0])


def test_other_languages_route_to_espeak(tmp_path: Path) -> None:
    engine = run_speech(None, "de", Context(), Settings(), lambda found: found).engine
    assert engine.name == "espeak" and engine.voice == "de"
    duration = engine.synthesize("Guten Tag, willkommen zum Frühlingsverkauf.",
                                 tmp_path / "de.wav", language="de")
    samples, _ = read_wav(tmp_path / "de.wav")
    assert duration > 1.0
    assert rms_db(samples) > -35
    assert run_speech(None, "en", Context(), Settings(), lambda found: found).engine.name == "hibari"


def test_unknown_engine_and_language_are_errors() -> None:
    with pytest.raises(ConfigurationError, match="unknown speech engine"):
        get_speech_engine("nope", "x", Settings())
    with pytest.raises(EngineError, match="no speech engine here speaks language 'zz'"):
        run_speech(None, "zz", Context(), Settings(), lambda found: found)
    assert not speaks("zz", Context(), Settings()) and speaks("de", Context(), Settings())
