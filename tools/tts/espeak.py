"""espeak-ng: formant speech in about a hundred languages (Debian package espeak-ng)."""

from __future__ import annotations

import copy
import shutil
import subprocess
from functools import cached_property
from pathlib import Path
from typing import TYPE_CHECKING

from aios.kernel.errors import EngineError
from aios.tools.audio import read_wav, trim_silence, write_wav

if TYPE_CHECKING:
    from aios.kernel.settings import Settings

DEFAULT_PITCH = 50
TAKE_PITCHES = (0, -6, 6, -12, 12)  # take 1 at espeak's own pitch, then lower, higher, ...


class EspeakEngine:
    """Robotic but intelligible speech for languages the neural voice lacks."""

    name = "espeak"
    base_wpm = 165

    def __init__(self, *, voice: str = "en", binary: str = "espeak-ng") -> None:
        self.voice = voice
        self.binary = binary
        self.pitch = DEFAULT_PITCH

    def take(self, number: int) -> EspeakEngine:
        """The same voice at another pitch (take 1: espeak's own)."""
        varied = copy.copy(self)
        varied.pitch = DEFAULT_PITCH + TAKE_PITCHES[(number - 1) % len(TAKE_PITCHES)]
        return varied

    @cached_property
    def executable(self) -> str | None:
        """Full path of the espeak-ng binary, or None when it is not installed."""
        return shutil.which(self.binary)

    @cached_property
    def version(self) -> str:
        """espeak-ng's own version string."""
        if not self.executable:
            return "missing"
        result = subprocess.run(
            [self.executable, "--version"], capture_output=True, text=True, check=False
        )
        return result.stdout.split("  ")[0].replace("eSpeak NG text-to-speech: ", "").strip()

    @cached_property
    def languages(self) -> frozenset[str]:
        """Language codes espeak-ng lists (empty when it is not installed)."""
        if not self.executable:
            return frozenset()
        result = subprocess.run(
            [self.executable, "--voices"], capture_output=True, text=True, check=False
        )
        codes = {line.split()[1].lower() for line in result.stdout.splitlines()[1:] if line.split()}
        return frozenset(codes | {c.split("-")[0] for c in codes})

    def supports(self, language: str) -> bool:
        """Whether espeak-ng is installed and has a voice for the language."""
        return language.lower() in self.languages

    def synthesize(self, text: str, out: Path, *, language: str = "en", speed: float = 1.0) -> float:
        """Run espeak-ng into a WAV file, trimmed of silence."""
        if not self.executable:
            raise EngineError(
                "espeak-ng is not installed (Debian/Ubuntu: apt-get install espeak-ng); "
                f"it is needed to speak language {language!r}"
            )
        if not self.supports(language):
            raise EngineError(f"espeak-ng has no voice for language {language!r}")
        wpm = str(int(self.base_wpm * max(0.5, min(2.0, speed))))
        pitch = ["-p", str(self.pitch)] if self.pitch != DEFAULT_PITCH else []
        command = [self.executable, "-v", language, "-s", wpm, *pitch, "-w", str(out), "--", text]
        result = subprocess.run(command, capture_output=True, text=True, check=False)
        if result.returncode != 0 or not out.is_file():
            raise EngineError(f"espeak-ng failed: {result.stderr.strip() or result.returncode}")
        samples, rate = read_wav(out)
        samples = trim_silence(samples, rate)
        write_wav(out, samples, rate)
        return samples.size / float(rate)


READS = ("espeak_path",)


def build(voice: str | None, settings: Settings) -> EspeakEngine:
    """The catalog's factory: espeak-ng at AIOS_ESPEAK_PATH with `voice` (default: en)."""
    return EspeakEngine(voice=voice or "en", binary=settings.espeak_path)
