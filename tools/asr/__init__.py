"""Speech recognizers behind one protocol: timed words from an audio or video file."""

from __future__ import annotations

from collections.abc import Callable

from agent.errors import ConfigurationError
from tools.asr.base import RecognizedWord, Recognizer, Transcript
from tools.asr.whisper import WhisperRecognizer

ENGINES: dict[str, Callable[[str | None], Recognizer]] = {"whisper": WhisperRecognizer}


def get_recognizer(name: str = "whisper", model: str | None = None) -> Recognizer:
    """The recognizer registered under `name`, loading `model` (a local path) or its offline default."""
    try:
        factory = ENGINES[name]
    except KeyError:
        raise ConfigurationError(f"unknown speech recognizer {name!r}; choose one of {sorted(ENGINES)}") from None
    return factory(model)


__all__ = ["ENGINES", "RecognizedWord", "Recognizer", "Transcript", "get_recognizer"]
