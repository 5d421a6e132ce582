"""Speech engines behind one protocol, chosen by name (the SPEECH catalog) and built once per configuration."""

from __future__ import annotations

from typing import TYPE_CHECKING

from aios.kernel.catalogs import SPEECH
from aios.kernel.errors import ConfigurationError
from aios.tools.cache import BuiltOnce, settings_key
from aios.tools.tts.base import SpeechEngine

if TYPE_CHECKING:
    from aios.kernel.settings import Settings

_built: BuiltOnce[SpeechEngine] = BuiltOnce()


def get_speech_engine(name: str, voice: str | None, settings: Settings) -> SpeechEngine:
    """The engine registered under `name` with `voice` (None: its default), built once per process and config."""
    engine = SPEECH.load(name, ConfigurationError)
    key = (name, voice, settings_key(settings, engine.READS))
    return _built.get(key, lambda: engine.build(voice, settings))


__all__ = ["SpeechEngine", "get_speech_engine"]
