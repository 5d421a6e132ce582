"""Speech recognizers behind one protocol (the RECOGNIZERS catalog): timed words from an audio or video file."""

from __future__ import annotations

from aios.kernel.catalogs import RECOGNIZERS
from aios.kernel.errors import ConfigurationError
from aios.tools.asr.base import Recognizer, Transcript


def get_recognizer(name: str = "whisper", model: str | None = None) -> Recognizer:
    """The recognizer registered under `name`, loading `model` (a local path) or its offline default."""
    recognizer: Recognizer = RECOGNIZERS.load(name, ConfigurationError)(model)
    return recognizer


__all__ = ["Recognizer", "Transcript", "get_recognizer"]
