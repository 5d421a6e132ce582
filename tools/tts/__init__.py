"""Speech engines behind one protocol, chosen by name and language."""

from __future__ import annotations

from collections.abc import Callable
from functools import lru_cache

from agent.errors import ConfigurationError
from tools.tts.base import SpeechEngine
from tools.tts.espeak import EspeakEngine
from tools.tts.hibari import HibariEngine

ENGINES: dict[str, Callable[..., SpeechEngine]] = {
    "hibari": HibariEngine,
    "espeak": EspeakEngine,
}


@lru_cache(maxsize=8)
def get_speech_engine(name: str, voice: str, espeak_path: str = "espeak-ng") -> SpeechEngine:
    """Build (once per process) the engine registered under `name`."""
    try:
        factory = ENGINES[name]
    except KeyError:
        raise ConfigurationError(
            f"unknown speech engine {name!r}; choose one of {sorted(ENGINES)}"
        ) from None
    return factory(voice=voice, binary=espeak_path)


def engine_for_language(
    language: str, preferred: str, voice: str, espeak_path: str = "espeak-ng"
) -> SpeechEngine:
    """The preferred engine if it speaks the language, else espeak-ng."""
    engine = get_speech_engine(preferred, voice, espeak_path)
    if engine.supports(language):
        return engine
    fallback = get_speech_engine("espeak", language, espeak_path)
    if not fallback.supports(language):
        raise ConfigurationError(f"no speech engine here speaks language {language!r}")
    return fallback


__all__ = ["ENGINES", "SpeechEngine", "engine_for_language", "get_speech_engine"]
