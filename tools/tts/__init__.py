"""Speech engines behind one protocol, chosen by name and language."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from agent.errors import ConfigurationError
from tools.cache import BuiltOnce, settings_key
from tools.tts.base import SpeechEngine
from tools.tts.espeak import EspeakEngine
from tools.tts.hibari import HibariEngine

if TYPE_CHECKING:
    from agent.settings import Settings


def _hibari(voice: str | None, settings: Settings) -> SpeechEngine:
    return HibariEngine(voice=voice or "heart")


def _espeak(voice: str | None, settings: Settings) -> SpeechEngine:
    return EspeakEngine(voice=voice or "en", binary=settings.espeak_path)


def _coqui(voice: str | None, settings: Settings) -> SpeechEngine:
    from tools.tts.coqui import CoquiEngine

    if settings.tts_model is None:
        raise ConfigurationError("the coqui speech engine needs AIOS_TTS_MODEL (a local model checkpoint)")
    return CoquiEngine(model_path=settings.tts_model.expanduser(), config_path=settings.tts_config, voice=voice,
                       speaker_wav=settings.tts_speaker_wav, device=settings.tts_device,
                       encoder_path=settings.tts_encoder_model, encoder_config_path=settings.tts_encoder_config)


def _openai(voice: str | None, settings: Settings) -> SpeechEngine:
    from tools.tts.openai_speech import OpenAISpeechEngine

    return OpenAISpeechEngine(settings, voice)


# name -> (factory, the settings it reads: an engine is built once per voice and distinct value of those)
ENGINES: dict[str, tuple[Callable[[str | None, Settings], SpeechEngine], tuple[str, ...]]] = {
    "hibari": (_hibari, ()),
    "espeak": (_espeak, ("espeak_path",)),
    "coqui": (_coqui, ("tts_model", "tts_config", "tts_speaker_wav", "tts_device", "tts_encoder_model",
                       "tts_encoder_config")),
    "openai": (_openai, ("managed_base_url", "managed_api_key", "llm_base_url", "llm_api_key", "managed_timeout_s",
                         "managed_max_retries", "managed_speech_model", "managed_voice", "prices")),
}
_built: BuiltOnce[SpeechEngine] = BuiltOnce()


def get_speech_engine(name: str, voice: str | None = None, settings: Settings | None = None) -> SpeechEngine:
    """The engine registered under `name` with `voice` (None: its default), built once per process and config."""
    from agent.settings import get_settings

    try:
        factory, reads = ENGINES[name]
    except KeyError:
        raise ConfigurationError(f"unknown speech engine {name!r}; choose one of {sorted(ENGINES)}") from None
    chosen = settings or get_settings()
    return _built.get((name, voice, settings_key(chosen, reads)), lambda: factory(voice, chosen))


__all__ = ["ENGINES", "SpeechEngine", "get_speech_engine"]
