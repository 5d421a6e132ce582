"""Speech for a scene: cached by content, paced to its slot, with word timings (narrate and the preview use it)."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from aios.kernel.schemas import WordTiming
from aios.tools.audio import read_wav, wav_duration
from aios.tools.cache import ContentCache, content_key
from aios.tools.tts.align import align
from aios.tools.tts.base import SpeechEngine, TimedSpeech

MAX_SPEED = 1.25
# Part of every speech cache key: bump when what an engine writes for the same inputs changes (3: hibari's
# WAVs start a set 0.15 s before the first word its durations place, so its word timings hold for cached files).
SPEECH_FORMAT = 3


def speech(engine: SpeechEngine, text: str, language: str, speed: float, cache: ContentCache) -> tuple[str, Path, bool]:
    """(cache key, WAV, was cached): the text spoken by the engine, synthesized only when not cached yet.

    The review page's narration preview asks for speed 1.0 through this too, so the render reuses it.
    """
    key = content_key(engine=engine.name, version=engine.version, voice=engine.voice, language=language,
                      text=text, speed=speed, format=SPEECH_FORMAT)
    path, cached = cache.fetch("speech", key, ".wav", partial(engine.synthesize, text, language=language, speed=speed))
    return key, path, cached


def paced(engine: SpeechEngine, text: str, language: str, slot: float,
          cache: ContentCache) -> tuple[str, Path, bool, float, float]:
    """(key, WAV, was cached, speed, seconds): speech at natural speed, faster (up to 1.25x) if it overruns."""
    speed = 1.0
    while True:
        key, path, cached = speech(engine, text, language, speed, cache)
        duration = wav_duration(path)
        if duration <= slot * 1.1 or speed > 1.0:
            return key, path, cached, speed, duration
        speed = round(min(MAX_SPEED, duration / slot), 2)


def word_times(engine: SpeechEngine, text: str, language: str, speed: float, wav: Path) -> list[WordTiming]:
    """When each word is said in the WAV: from the engine's own phoneme durations when it knows them, else
    aligned to the pauses heard in the audio."""
    if isinstance(engine, TimedSpeech):
        length = wav_duration(wav)
        return [WordTiming(w.text, min(w.start, length), min(w.end, length))
                for w in engine.word_times(text, language=language, speed=speed)]
    samples, rate = read_wav(wav)
    return align(text, samples, rate)
