"""Scene speech: English is synthesized in its spoken form while captions keep the written words, timed."""

from __future__ import annotations

from itertools import pairwise
from pathlib import Path

import pytest

from aios.agent.speech import speech, word_times
from aios.kernel.settings import Settings
from aios.tools.asr import get_recognizer
from aios.tools.cache import ContentCache
from aios.tools.tts import get_speech_engine

pytestmark = pytest.mark.slow  # synthesizes and transcribes real speech

TEXT = "We're open 8am-8pm, Mon-Fri. Email help@aurora.example.com or visit aurora.example.com."


def test_times_ranges_and_addresses_are_said_in_full_and_captioned_as_written(tmp_path: Path) -> None:
    engine = get_speech_engine("hibari", None, Settings())
    _, wav, cached = speech(engine, TEXT, "en", 1.0, ContentCache(tmp_path))
    assert not cached
    timed = word_times(engine, TEXT, "en", 1.0, wav)
    assert [w.text for w in timed] == TEXT.split()  # captions show what was written
    assert all(w.start < w.end for w in timed) and all(a.end <= b.start for a, b in pairwise(timed))
    # "8am-8pm" is five spoken words: it takes far longer than "open" beside it
    assert timed[2].end - timed[2].start > 3 * (timed[1].end - timed[1].start)
    heard = get_recognizer().transcribe(wav).text.lower()
    assert "to 8" in heard and "monday to friday" in heard  # not "atm 8pm", not "mon fri"
    assert heard.count("example") == 2 and " at " in heard  # the address's '@' is said
