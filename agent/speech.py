"""Speech for a scene: cached by content, paced to its slot, with word timings (narrate and the preview use it)."""

from __future__ import annotations

from functools import partial
from pathlib import Path

from aios.kernel.schemas import WordTiming
from aios.tools.audio import read_wav, wav_duration
from aios.tools.cache import ContentCache, content_key
from aios.tools.tts.align import align
from aios.tools.tts.base import SpeechEngine, TakenSpeech, TimedSpeech
from aios.tools.tts.spoken import Spoken, speakable

MAX_SPEED = 1.25
OVERRUN = 1.25  # speech up to this much longer than its slot is said at its natural speed: the render's timeline
# gives it the time, taken from scenes with time to spare; longer speech is said faster, up to MAX_SPEED
# Part of every speech cache key: bump when what an engine writes for the same inputs changes (3: hibari's
# WAVs start a set 0.15 s before the first word its durations place, so its word timings hold for cached files;
# 4: English is synthesized in its spoken form, "8am-8pm" as "8 a.m. to 8 p.m.").
SPEECH_FORMAT = 4


def taken(engine: SpeechEngine, take: int) -> SpeechEngine:
    """The engine as it speaks take `take`: another seed or pitch where it has one, else as it always speaks."""
    return engine.take(take) if take > 1 and isinstance(engine, TakenSpeech) else engine


def speech(engine: SpeechEngine, text: str, language: str, speed: float, cache: ContentCache,
           take: int = 1) -> tuple[str, Path, bool]:
    """(cache key, WAV, was cached): the text spoken by the engine (as its take `take`), synthesized only when not
    cached yet.

    The review page's narration preview asks for the scene's own pace through this too, so the render reuses it.
    """
    engine = taken(engine, take)
    takes = {"take": take} if take > 1 else {}  # take 1 keeps the keys speech had before takes
    key = content_key(engine=engine.name, version=engine.version, voice=engine.voice, language=language,
                      text=text, speed=speed, format=SPEECH_FORMAT, **takes)
    said = speakable(text, language).text
    path, cached = cache.fetch("speech", key, ".wav", partial(engine.synthesize, said, language=language, speed=speed))
    return key, path, cached


def paced(engine: SpeechEngine, text: str, language: str, slot: float, cache: ContentCache, pace: float = 1.0,
          take: int = 1) -> tuple[str, Path, bool, float, float]:
    """(key, WAV, was cached, speed, seconds): speech at the asked pace (a take's, 1.0 natural), faster (up to
    1.25x) if it overruns its slot by more than a quarter."""
    speed = pace
    while True:
        key, path, cached = speech(engine, text, language, speed, cache, take)
        duration = wav_duration(path)
        if duration <= slot * OVERRUN or speed > pace:
            return key, path, cached, speed, duration
        speed = round(min(max(MAX_SPEED, pace), pace * duration / slot), 2)


def word_times(engine: SpeechEngine, text: str, language: str, speed: float, wav: Path) -> list[WordTiming]:
    """When each written word is said in the WAV (spanning the spoken words it became): from the engine's own
    phoneme durations when it knows them, else aligned to the pauses heard in the audio."""
    spoken = speakable(text, language)
    if isinstance(engine, TimedSpeech):
        length = wav_duration(wav)
        timed = [WordTiming(w.text, min(w.start, length), min(w.end, length))
                 for w in engine.word_times(spoken.text, language=language, speed=speed)]
    else:
        samples, rate = read_wav(wav)
        timed = align(spoken.text, samples, rate)
    return as_written(text, spoken, timed)


def as_written(text: str, spoken: Spoken, timed: list[WordTiming]) -> list[WordTiming]:
    """Timings of the spoken words folded back onto the written ones (a caption shows '8am-8pm' while '8 a.m. to 8
    p.m.' is said)."""
    if len(timed) != sum(spoken.spans):
        return timed
    found, at = [], 0
    for word, count in zip(text.split(), spoken.spans, strict=True):
        part = timed[at: at + count]
        found.append(WordTiming(word, part[0].start, part[-1].end))
        at += count
    return found
