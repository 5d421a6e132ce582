"""The Coqui engine through its real loading code, on a tiny two-speaker VITS model saved to a temp dir."""

from __future__ import annotations

from pathlib import Path

import pytest

from aios.kernel.errors import ConfigurationError, EngineError
from aios.kernel.settings import Settings
from aios.tools.audio import read_wav
from aios.tools.tts import get_speech_engine
from aios.tools.tts.coqui import CoquiEngine

pytestmark = pytest.mark.slow  # renders or synthesizes real media


def test_loads_the_local_model_and_speaks_as_the_chosen_speaker(tiny_vits: tuple[Path, Path],
                                                                tmp_path: Path) -> None:
    model, config = tiny_vits
    engine = CoquiEngine(model_path=model, config_path=config, voice="ben")
    seconds = engine.synthesize("Fresh flowers for spring, forty percent off.", tmp_path / "ben.wav")
    samples, rate = read_wav(tmp_path / "ben.wav")
    assert rate == 22050 and seconds == pytest.approx(samples.size / rate) and seconds > 0.2
    assert engine.info.name == "tiny-vits" and engine.info.license == "apache-2.0"
    assert engine.version.startswith("coqui-tts ")
    CoquiEngine(model_path=model, config_path=config, voice="ana").synthesize("Hello.", tmp_path / "ana.wav")
    assert read_wav(tmp_path / "ana.wav")[0].tolist() != samples[: read_wav(tmp_path / "ana.wav")[0].size].tolist()


def test_speaks_the_config_language_only(tiny_vits: tuple[Path, Path]) -> None:
    engine = CoquiEngine(model_path=tiny_vits[0], config_path=tiny_vits[1])
    assert engine.supports("en") and engine.supports("en-GB") and not engine.supports("de")


def test_an_unknown_speaker_names_the_ones_there_are(tiny_vits: tuple[Path, Path], tmp_path: Path) -> None:
    with pytest.raises(EngineError, match="has no speaker 'zed'; it has ana, ben"):
        CoquiEngine(model_path=tiny_vits[0], voice="zed").synthesize("Hi.", tmp_path / "x.wav")


def test_cloning_needs_a_model_with_a_speaker_encoder(tiny_vits: tuple[Path, Path], tmp_path: Path) -> None:
    clip = tmp_path / "me.wav"
    clip.write_bytes(b"RIFF")
    engine = CoquiEngine(model_path=tiny_vits[0], voice=str(clip))
    assert engine.speaker_wav == clip
    with pytest.raises(EngineError, match="cannot clone a voice"):
        engine.synthesize("Hi.", tmp_path / "x.wav")


def test_chosen_through_settings(tiny_vits: tuple[Path, Path], monkeypatch: pytest.MonkeyPatch,
                                 tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="AIOS_TTS_MODEL"):
        get_speech_engine("coqui", None, Settings())
    monkeypatch.setenv("AIOS_TTS_MODEL", str(tiny_vits[0]))
    engine = get_speech_engine("coqui", "ana", Settings())
    assert isinstance(engine, CoquiEngine) and engine.config_path == tiny_vits[1]
    with pytest.raises(ConfigurationError, match="Coqui model not found"):
        CoquiEngine(model_path=tmp_path / "missing.pth")
