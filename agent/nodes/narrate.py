"""narrate: speech for one scene (a Send task), cached by content, paced to its slot, with word timings."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from langgraph.runtime import Runtime

from agent.context import Context
from agent.engines import describe, notify, run_speech
from agent.nodes import timed
from agent.planners.base import SCENE_OVERHEAD_S
from agent.schemas import Narration, WordTiming
from agent.settings import get_settings
from agent.state import SceneTask, scene_key
from tools.audio import read_wav, wav_duration
from tools.cache import ContentCache, cache_for, content_key
from tools.managed import metering
from tools.tts.align import WordTime, align
from tools.tts.base import SpeechEngine, TimedSpeech

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


def word_times(engine: SpeechEngine, text: str, language: str, speed: float, wav: Path) -> list[WordTime]:
    """When each word is said in the WAV: from the engine's own phoneme durations when it knows them, else
    aligned to the pauses heard in the audio."""
    if isinstance(engine, TimedSpeech):
        length = wav_duration(wav)
        return [WordTime(w.text, min(w.start, length), min(w.end, length))
                for w in engine.word_times(text, language=language, speed=speed)]
    samples, rate = read_wav(wav)
    return align(text, samples, rate)


@timed
def narrate(task: SceneTask, runtime: Runtime[Context]) -> dict[str, Any]:
    """Synthesize the scene's narration with the first speech engine that works; speak faster if it overruns."""
    settings = get_settings()
    context = runtime.context or Context()
    scene, brief = task["scene"], task["brief"]
    cache = cache_for(settings)
    slot = max(0.8, scene.duration_s - SCENE_OVERHEAD_S)
    with metering() as costs:
        outcome = run_speech(scene, brief.language, context, settings,
                             partial(paced, text=scene.narration, language=brief.language, slot=slot, cache=cache))
    engine = outcome.engine
    key, path, cached, speed, duration = outcome.result
    words = [WordTiming(text=w.text, start=w.start, end=w.end)
             for w in word_times(engine, scene.narration, brief.language, speed, path)]
    if outcome.degraded:
        notify(scene.index, "speech", outcome.degraded)
    result = Narration(scene_index=scene.index, key=key, path=str(path), duration_s=duration,
                       engine=f"{engine.name} {engine.version}", voice=engine.voice, speed=speed,
                       cached=cached, words=words, fallback=outcome.degraded,
                       cost_usd=round(sum(c.usd for c in costs), 6), model=describe(engine))
    return {"narrations": {scene_key(scene): result},
            "costs": [c.public() | {"scene": scene.index, "node": "narrate"} for c in costs]}
