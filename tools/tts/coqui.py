"""Coqui TTS (coqui-tts) from a local model and config: multi-speaker voices, cloning from a clip, CUDA when present."""

from __future__ import annotations

import threading
from importlib.metadata import version as package_version
from pathlib import Path
from typing import TYPE_CHECKING, Any

import numpy as np

from aios.kernel.errors import ConfigurationError, EngineError
from aios.tools.audio import trim_silence, write_wav
from aios.tools.devices import torch_device
from aios.tools.models import model_info

if TYPE_CHECKING:
    from aios.kernel.settings import Settings

CLONING_MODELS = ("xtts", "tortoise", "bark")
CLIP_SUFFIXES = (".wav", ".flac", ".mp3", ".ogg")


class CoquiEngine:
    """A Coqui model saved locally (`TTS(model_path=..., config_path=...)`); no hub download.

    The voice is a speaker name for multi-speaker models, or a path to a reference clip for models that
    clone voices (XTTS, YourTTS with a speaker encoder); empty picks the model's first speaker.
    """

    name = "coqui"

    def __init__(self, *, model_path: Path, config_path: Path | None = None, voice: str | None = None,
                 speaker_wav: Path | None = None, device: str = "auto", encoder_path: Path | None = None,
                 encoder_config_path: Path | None = None) -> None:
        if not model_path.exists():
            raise ConfigurationError(f"Coqui model not found: {model_path} (AIOS_TTS_MODEL)")
        config_path = config_path or (model_path.parent if model_path.is_file() else model_path) / "config.json"
        if not config_path.is_file():
            raise ConfigurationError(f"Coqui config not found: {config_path} (AIOS_TTS_CONFIG)")
        self.model_path, self.config_path = model_path, config_path
        self.encoder_path, self.encoder_config_path = encoder_path, encoder_config_path
        self.info = model_info(model_path)
        clip = voice if voice and voice.lower().endswith(CLIP_SUFFIXES) else None
        self.speaker_wav = Path(clip).expanduser() if clip else speaker_wav
        self.voice = voice or (self.speaker_wav.name if self.speaker_wav else "")
        self._device_choice = device
        self.version = f"coqui-tts {package_version('coqui-tts')} {self.info.name}"
        self._tts: Any = None
        self._lock = threading.Lock()

    def _load(self) -> Any:
        if self._tts is None:
            try:
                from TTS.api import TTS
            except ImportError as exc:
                raise EngineError(f"coqui-tts is not installed or cannot import here: {exc} "
                                  "(pip install -e '.[coqui]'; see the README)") from exc
            device = torch_device(self._device_choice)
            try:
                tts = TTS(model_path=str(self.model_path), config_path=str(self.config_path), progress_bar=False,
                          encoder_path=str(self.encoder_path) if self.encoder_path else None,
                          encoder_config_path=str(self.encoder_config_path) if self.encoder_config_path else None)
            except (OSError, ValueError, KeyError, RuntimeError, TypeError) as exc:
                raise EngineError(f"the Coqui model {self.model_path} could not load: {exc}") from exc
            self._tts = tts.to(device)
            self._check_voice(self._tts)
        return self._tts

    def _check_voice(self, tts: Any) -> None:
        speakers = list(tts.speakers or [])
        if self.speaker_wav is not None:
            if not self.clones(tts):
                raise EngineError(f"the Coqui model {self.info.name} cannot clone a voice from a clip "
                                  "(it has no speaker encoder)")
            if not self.speaker_wav.is_file():
                raise EngineError(f"voice reference clip not found: {self.speaker_wav}")
        elif speakers and self.voice and self.voice not in speakers:
            raise EngineError(f"the Coqui model {self.info.name} has no speaker {self.voice!r}; "
                              f"it has {', '.join(speakers[:12])}")

    @staticmethod
    def clones(tts: Any) -> bool:
        """Whether the loaded model can speak in the voice of a reference clip."""
        model = tts.synthesizer.tts_model
        manager = getattr(model, "speaker_manager", None)
        kind = str(getattr(tts.synthesizer.tts_config, "model", "")).lower()
        return kind in CLONING_MODELS or getattr(manager, "encoder", None) is not None

    def supports(self, language: str) -> bool:
        """Multilingual models list their languages; single-language ones speak their config's language."""
        code = language.lower().split("-")[0]
        with self._lock:
            tts = self._load()
            if tts.is_multi_lingual:
                return any(code == str(lang).lower().split("-")[0] for lang in tts.languages or [])
            config = tts.synthesizer.tts_config
            spoken = str(config.get("phoneme_language") or config.get("language") or "en")
        return code == spoken.lower().split("-")[0]

    def synthesize(self, text: str, out: Path, *, language: str = "en", speed: float = 1.0) -> float:
        """Speak text (speed through the model's length scale, or its own speed argument) into a 16-bit WAV."""
        if not text.strip():
            raise EngineError("cannot synthesize empty text")
        with self._lock:
            tts = self._load()
            model = tts.synthesizer.tts_model
            kwargs: dict[str, Any] = {}
            if tts.is_multi_lingual:
                kwargs["language"] = language.split("-")[0]
            if self.speaker_wav is not None:
                kwargs["speaker_wav"] = str(self.speaker_wav)
            elif tts.is_multi_speaker:
                kwargs["speaker"] = self.voice or (tts.speakers or [None])[0]
            base = getattr(model, "length_scale", None)
            if base is not None:
                model.length_scale = base / max(0.5, min(2.0, speed))
            elif speed != 1.0:
                kwargs["speed"] = speed
            try:
                audio = np.asarray(tts.tts(text=text, split_sentences=True, **kwargs), dtype=np.float32)
            except (RuntimeError, ValueError, KeyError) as exc:
                raise EngineError(f"Coqui synthesis failed: {exc}") from exc
            finally:
                if base is not None:
                    model.length_scale = base
            rate = int(tts.synthesizer.output_sample_rate)
        audio = trim_silence(audio, rate)
        if audio.size == 0:
            raise EngineError("Coqui produced no audio")
        write_wav(out, audio, rate)
        return audio.size / rate


READS = ("tts_model", "tts_config", "tts_speaker_wav", "tts_device", "tts_encoder_model", "tts_encoder_config")


def build(voice: str | None, settings: Settings) -> CoquiEngine:
    """The catalog's factory: the Coqui model at AIOS_TTS_MODEL (ConfigurationError when unset)."""
    if settings.tts_model is None:
        raise ConfigurationError("the coqui speech engine needs AIOS_TTS_MODEL (a local model checkpoint)")
    return CoquiEngine(model_path=settings.tts_model.expanduser(), config_path=settings.tts_config, voice=voice,
                       speaker_wav=settings.tts_speaker_wav, device=settings.tts_device,
                       encoder_path=settings.tts_encoder_model, encoder_config_path=settings.tts_encoder_config)
