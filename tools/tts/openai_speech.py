"""OpenAI-compatible speech (audio.speech) as a speech engine, priced per 1,000 characters."""

from __future__ import annotations

import io
import wave
from pathlib import Path
from typing import TYPE_CHECKING, Any

from aios.kernel.errors import EngineError
from aios.tools import managed
from aios.tools.audio import read_wav, trim_silence, write_wav

if TYPE_CHECKING:
    from aios.kernel.settings import Settings


class OpenAISpeechEngine:
    """Speech from the managed endpoint (WAV), any language the model speaks."""

    name = "openai"
    billed = True  # each call costs money: its pace is not measured (agent.speaking), plans use the default rate

    def __init__(self, settings: Settings, voice: str | None = None) -> None:
        self.settings = settings
        self.model = settings.managed_speech_model
        self.voice = voice or settings.managed_voice
        self.version = f"speech:{self.model}"
        self._client: Any = None

    def supports(self, language: str) -> bool:
        """The endpoint's models are multilingual; it says so itself if a language fails."""
        return True

    def synthesize(self, text: str, out: Path, *, language: str = "en", speed: float = 1.0) -> float:
        """One audio.speech call (retried by the client); the WAV is trimmed and rewritten as 16-bit mono."""
        if not text.strip():
            raise EngineError("cannot synthesize empty text")
        if self._client is None:
            self._client = managed.client(self.settings)
        answer = managed.call(self.name, "speech", lambda: self._client.audio.speech.create(
            model=self.model, voice=self.voice, input=text, response_format="wav",
            speed=max(0.25, min(4.0, speed))))
        try:
            samples, rate = read_wav(io.BytesIO(answer.read()))
        except (wave.Error, EOFError, ValueError) as exc:
            raise EngineError(f"{self.name} returned audio that is not a PCM WAV: {exc}") from exc
        samples = trim_silence(samples, rate)
        if samples.size == 0:
            raise EngineError(f"{self.name} returned no audio")
        write_wav(out, samples, rate)
        managed.charge(self.settings, self.name, self.model, "speech", len(text) / 1000, "1k_chars")
        return samples.size / rate


READS = ("managed_base_url", "managed_api_key", "llm_base_url", "llm_api_key", "managed_timeout_s",
         "managed_max_retries", "managed_speech_model", "managed_voice", "prices")


def build(voice: str | None, settings: Settings) -> OpenAISpeechEngine:
    """The catalog's factory: the OpenAI-compatible speech endpoint."""
    return OpenAISpeechEngine(settings, voice)
