"""The speech recognizer protocol and its result: words with start and end times."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Protocol, runtime_checkable

from aios.kernel.schemas import WordTiming


@dataclass(frozen=True)
class Transcript:
    """What a recognizer heard."""

    words: tuple[WordTiming, ...]
    duration_s: float

    @property
    def text(self) -> str:
        """The words joined with spaces."""
        return " ".join(w.text for w in self.words)


@runtime_checkable
class Recognizer(Protocol):
    """Transcribes speech with word timings."""

    name: str

    def transcribe(self, media: Path, language: str = "en") -> Transcript:
        """The words spoken in an audio or video file."""
        ...
