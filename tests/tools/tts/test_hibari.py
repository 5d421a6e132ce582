"""hibari word timings: read from the model's own phoneme durations, checked against the audio it writes."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import numpy as np
import pytest

from aios.tools.audio import read_wav
from aios.tools.tts.align import gaps
from aios.tools.tts.hibari import LEAD_S, HibariEngine, fill, word_spans

pytestmark = pytest.mark.slow  # renders or synthesizes real media

TEXT = "Join us on Saturday at the Harbor Hall. Tickets cost $40 and include dinner! Doors open at 7:30 pm."


def spaced(phonemes: str) -> list[tuple[int, int] | None]:
    """A constructed timeline: character i of the phoneme string sounds from 10*i to 10*i+10, spaces are silent."""
    return [(10 * i, 10 * i + 10) if char != " " else None for i, char in enumerate(phonemes)]


def test_each_word_spans_its_own_sounds_in_the_sentence() -> None:
    # In the sentence "the" is said "ðə", alone "ði": the shared sound still places it; "." is a pause, not a sound.
    assert word_spans(["ði", "tˈu", "kˈæts."], "ðə tˈu kˈæts.", spaced("ðə tˈu kˈæts.")) == [
        (0, 10), (30, 60), (70, 120)]
    # A number is said as several words; its span covers all of them.
    phonemes = "wˈʌn hˈʌndɹəd kˈɪts"
    assert word_spans(["wˈʌn hˈʌndɹəd", "kˈɪts"], phonemes, spaced(phonemes)) == [(0, 130), (140, 190)]
    assert word_spans(["—", "ˈA"], "ˈA", spaced("ˈA")) == [None, (0, 20)]


def test_silent_words_take_the_instant_after_the_word_before() -> None:
    assert fill([None, (5, 9), None, (12, 20)]) == [(5, 5), (5, 9), (9, 9), (12, 20)]


@pytest.fixture(scope="module")
def engine() -> HibariEngine:
    return HibariEngine()


@pytest.mark.parametrize("speed", [1.0, 1.25])
def test_sentences_start_where_the_audio_resumes_after_each_pause(engine: HibariEngine, tmp_path: Path,
                                                                  speed: float) -> None:
    duration = engine.synthesize(TEXT, tmp_path / "s.wav", speed=speed)
    timed = engine.word_times(TEXT, speed=speed)
    assert [w.text for w in timed] == TEXT.split()
    # A WAV that comes from the cache is timed by an engine that never synthesized it: the same times.
    assert HibariEngine().word_times(TEXT, speed=speed) == timed
    assert timed[0].start == LEAD_S  # the WAV keeps 150 ms before the first word's first frame
    assert all(a.end <= b.start for a, b in pairwise(timed)) and timed[-1].start < duration
    samples, rate = read_wav(tmp_path / "s.wav")
    begin, _, found = gaps(samples, rate)
    assert 0.0 <= timed[0].start - begin <= 0.06
    resumes = [end for start, end in found if end - start >= 0.3]
    firsts = [w.start for w in timed if w.text in ("Tickets", "Doors")]
    assert len(resumes) == 2  # the two sentence breaks, heard in the audio
    for heard, said in zip(resumes, firsts, strict=True):
        # A frame's sound is centred on its time and its window reaches 25 ms earlier, so the audio
        # resumes up to a window's half before the word's first frame.
        assert 0.0 <= said - heard <= 0.06


def test_timings_follow_speed_and_spoken_length(engine: HibariEngine) -> None:
    normal = {w.text: w for w in engine.word_times(TEXT)}
    fast = {w.text: w for w in engine.word_times(TEXT, speed=1.25)}
    assert fast["pm."].start < normal["pm."].start * 0.9
    spoken = normal["$40"].end - normal["$40"].start  # "forty dollars"
    assert spoken > 2 * (normal["cost"].end - normal["cost"].start)


def test_a_word_with_no_sound_of_its_own_is_timed_between_its_neighbours(engine: HibariEngine) -> None:
    sale, dash, today, only = engine.word_times("Sale — today only.")
    assert dash.text == "—" and dash.start == dash.end == sale.end <= today.start < only.start


@pytest.mark.parametrize("text", ["Three candidates are running.", "Friday night at the Blue Room."])
def test_the_first_sound_is_not_clipped(engine: HibariEngine, tmp_path: Path, text: str) -> None:
    # A fricative starts up to 0.11 s before its phoneme's first frame: the WAV must begin in silence.
    engine.synthesize(text, tmp_path / "s.wav")
    samples, rate = read_wav(tmp_path / "s.wav")
    assert np.abs(samples[: int(0.02 * rate)]).max() < 0.001
