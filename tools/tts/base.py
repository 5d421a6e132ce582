"""The speech engine protocol."""

from __future__ import annotations

from pathlib import Path
from typing import Protocol, runtime_checkable


@runtime_checkable
class SpeechEngine(Protocol):
    """Turns text into a mono WAV file."""

    name: str
    voice: str

    @property
    def version(self) -> str:
        """The engine's version, recorded in manifests and cache keys."""
        ...

    def supports(self, language: str) -> bool:
        """Whether this engine can speak the language (ISO 639-1 code such as 'en')."""
        ...

    def synthesize(self, text: str, out: Path, *, language: str, speed: float = 1.0) -> float:
        """Write speech for text to out (WAV) and return its duration in seconds."""
        ...


@runtime_checkable
class WordLengths(Protocol):
    """An engine that knows how long each word will sound (it phonemizes), for precise word timings."""

    def word_lengths(self, words: list[str]) -> list[float]:
        """Each word's spoken length in syllable units."""
        ...
