"""The offline recognizer on real synthesized speech: the words, and when the first one starts."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from aios.evals.scorers.text import word_errors
from aios.kernel.errors import ConfigurationError, EngineError
from aios.kernel.schemas import WordTiming
from aios.tools.asr import get_recognizer
from aios.tools.asr.whisper import snap_to_onsets
from aios.tools.audio import read_wav, write_wav
from aios.tools.tts.hibari import HibariEngine

pytestmark = pytest.mark.slow  # renders or synthesizes real media

SCRIPT = "Our bake sale starts this Friday at noon. Everything is twenty percent off."


@pytest.fixture(scope="module")
def speech(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The script spoken, and the same speech after exactly 1.25 s of silence."""
    folder = tmp_path_factory.mktemp("asr")
    plain = folder / "plain.wav"
    HibariEngine().synthesize(SCRIPT, plain)
    samples, rate = read_wav(plain)
    delayed = folder / "delayed.wav"
    write_wav(delayed, np.concatenate([np.zeros(int(1.25 * rate), dtype=samples.dtype), samples]), rate)
    return plain, delayed


def test_recognizes_the_script_with_word_times(speech: tuple[Path, Path]) -> None:
    recognizer = get_recognizer()
    heard = recognizer.transcribe(speech[0])
    assert word_errors(SCRIPT, heard.text).wer <= 0.1
    starts = [w.start for w in heard.words]
    assert starts == sorted(starts) and all(w.end >= w.start for w in heard.words)
    assert heard.words[-1].end <= heard.duration_s + 0.05


def test_a_known_lead_in_is_measured(speech: tuple[Path, Path]) -> None:
    recognizer = get_recognizer()
    plain, delayed = (recognizer.transcribe(p).words[0].start for p in speech)
    assert delayed - plain == pytest.approx(1.25, abs=0.12)


def test_missing_media_and_models_are_clear_errors(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="speech model directory not found"):
        get_recognizer(model=str(tmp_path / "nowhere"))
    with pytest.raises(ConfigurationError, match="unknown speech recognizer"):
        get_recognizer("kaldi")
    with pytest.raises(EngineError, match="no media"):
        get_recognizer().transcribe(tmp_path / "missing.wav")


def test_words_after_pauses_snap_to_measured_onsets() -> None:
    words = (WordTiming("our", 0.0, 0.1), WordTiming("sale", 0.3, 0.7),
             WordTiming("reviews", 3.1, 3.5), WordTiming("happen", 3.1, 3.8), WordTiming("now", 6.0, 6.2))
    snapped = snap_to_onsets(words, [0.12, 2.7, 4.5])
    assert snapped[0] == WordTiming("our", 0.12, 0.12)  # end kept at or after the new start
    assert snapped[2] == WordTiming("reviews", 2.7, 3.5)  # the nearest word to the onset moves
    assert snapped[1:2] + snapped[3:] == words[1:2] + words[3:]  # the rest stay; 4.5 has no word near
    spoken = (WordTiming("long", 0.0, 1.0), WordTiming("word", 1.2, 1.5))
    assert snap_to_onsets(spoken, [0.9]) == spoken  # the onset falls inside the word before: nothing moves
