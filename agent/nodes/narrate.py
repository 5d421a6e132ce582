"""narrate: speech for one scene (a Send task), cached by content, paced to its slot, with word timings."""

from __future__ import annotations

from functools import partial
from pathlib import Path
from typing import Any

from langgraph.runtime import Runtime

from agent.context import Context
from agent.nodes import timed
from agent.planners.base import SCENE_OVERHEAD_S
from agent.schemas import Narration, WordTiming
from agent.settings import get_settings
from agent.state import SceneTask, scene_key
from tools.audio import read_wav, wav_duration
from tools.cache import ContentCache, content_key
from tools.tts import engine_for_language
from tools.tts.align import align
from tools.tts.base import SpeechEngine, WordLengths

MAX_SPEED = 1.25


def speech(engine: SpeechEngine, text: str, language: str, speed: float, cache: ContentCache) -> tuple[str, Path, bool]:
    """(cache key, WAV, was cached): the text spoken by the engine, synthesized only when not cached yet.

    The review page's narration preview asks for speed 1.0 through this too, so the render reuses it.
    """
    key = content_key(engine=engine.name, version=engine.version, voice=engine.voice, language=language,
                      text=text, speed=speed)
    path, cached = cache.fetch("speech", key, ".wav", partial(engine.synthesize, text, language=language, speed=speed))
    return key, path, cached


@timed
def narrate(task: SceneTask, runtime: Runtime[Context]) -> dict[str, Any]:
    """Synthesize the scene's narration; speak a little faster if it overruns its slot."""
    settings = get_settings()
    context = runtime.context or Context()
    scene, brief = task["scene"], task["brief"]
    engine = engine_for_language(brief.language, settings.tts_engine,
                                 context.voice or settings.tts_voice, settings.espeak_path)
    cache = ContentCache(settings.data_dir / "cache")
    slot = max(0.8, scene.duration_s - SCENE_OVERHEAD_S)
    speed = 1.0
    while True:
        key, path, cached = speech(engine, scene.narration, brief.language, speed, cache)
        duration = wav_duration(path)
        if duration <= slot * 1.1 or speed > 1.0:
            break
        speed = round(min(MAX_SPEED, duration / slot), 2)
    samples, rate = read_wav(path)
    lengths = engine.word_lengths(scene.narration.split()) if isinstance(engine, WordLengths) else None
    words = [WordTiming(text=w.text, start=w.start, end=w.end)
             for w in align(scene.narration, samples, rate, lengths)]
    result = Narration(scene_index=scene.index, key=key, path=str(path), duration_s=duration,
                       engine=f"{engine.name} {engine.version}", voice=engine.voice, speed=speed,
                       cached=cached, words=words)
    return {"narrations": {scene_key(scene): result}}
