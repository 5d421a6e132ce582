"""The speech engine protocol."""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING, Protocol, runtime_checkable

if TYPE_CHECKING:
    from aios.kernel.schemas import WordTiming


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
class TimedSpeech(Protocol):
    """An engine that knows when each word is said in what it synthesizes (from its own phoneme durations)."""

    def word_times(self, text: str, *, language: str, speed: float = 1.0) -> list[WordTiming]:
        """When each whitespace-separated word of `text` is said in the WAV `synthesize` writes for the same call."""
        ...


@runtime_checkable
class TakenSpeech(Protocol):
    """An engine that can say the same words another way (another noise seed, another pitch): a new take."""

    def take(self, number: int) -> SpeechEngine:
        """This engine as it speaks take `number` (1 is how it always speaks)."""
        ...
