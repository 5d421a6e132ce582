"""Word alignment: boundaries land on the pauses of constructed speech with known word times."""

from __future__ import annotations

from pathlib import Path

import pytest

from aios.tools.audio import read_wav
from aios.tools.tts.align import align, syllables
from tests.support.render import speech

pytestmark = pytest.mark.slow  # renders or synthesizes real media


def test_syllable_estimates() -> None:
    assert syllables("a") == 1 and syllables("banana") == 3 and syllables("make") == 1
    assert syllables("30") > syllables("3")


def test_words_separated_by_pauses_are_timed_exactly(tmp_path: Path) -> None:
    truth = [(0.1, 0.4), (0.5, 1.1), (1.25, 1.5), (1.9, 2.6)]
    samples, rate = read_wav(speech(tmp_path / "s.wav", truth, 2.8))
    timed = align("Big spring sale, today.", samples, rate)
    assert [w.text for w in timed] == ["Big", "spring", "sale,", "today."]
    for word, (start, end) in zip(timed, truth, strict=True):
        assert word.start == pytest.approx(start, abs=0.03) and word.end == pytest.approx(end, abs=0.03)


def test_words_run_together_are_interpolated_by_syllables(tmp_path: Path) -> None:
    # Two words with no pause between them, then a clear gap before the third.
    samples, rate = read_wav(speech(tmp_path / "s.wav", [(0.0, 1.2), (1.6, 2.0)], 2.1))
    first, second, third = align("Wonderful day, friends", samples, rate)
    assert first.start == pytest.approx(0.0, abs=0.03) and third.start == pytest.approx(1.6, abs=0.03)
    assert first.end == second.start and 0.6 < second.start < 1.0, "three syllables before one"
    assert second.end == pytest.approx(1.2, abs=0.03)


def test_empty_text_and_single_words() -> None:
    import numpy as np

    assert align("", np.zeros(100, dtype=np.float32), 24_000) == []
    [only] = align("Hi", np.ones(2400, dtype=np.float32) * 0.2, 24_000)
    assert only.start == 0.0 and only.end == pytest.approx(0.1, abs=0.011)


def test_sentence_starts_match_the_engines_own_timings(tmp_path: Path) -> None:
    # hibari knows when each word is said (its phoneme durations); the aligner, for engines that do not,
    # must find the sentence starts from the pauses alone.
    from aios.tools.tts.hibari import HibariEngine

    engine = HibariEngine()
    text = "Here's what makes it worth your attention. Take a closer look. There's more to it than meets the eye."
    engine.synthesize(text, tmp_path / "s.wav")
    samples, rate = read_wav(tmp_path / "s.wav")
    truth = {w.text: w for w in engine.word_times(text)}
    timed = {w.text: w for w in align(text, samples, rate)}
    for first in ("Take", "There's"):  # not the short stop inside "look"
        assert timed[first].start == pytest.approx(truth[first].start, abs=0.06)
