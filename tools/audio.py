"""WAV input/output and small numpy audio helpers (mono float32 in [-1, 1])."""

from __future__ import annotations

import wave
from pathlib import Path
from typing import BinaryIO

import numpy as np
from numpy.typing import NDArray

Samples = NDArray[np.float32]


def read_wav(path: str | Path | BinaryIO) -> tuple[Samples, int]:
    """Read a PCM WAV file as mono float32 samples and its sample rate."""
    with wave.open(str(path) if isinstance(path, (str, Path)) else path, "rb") as wav:
        rate = wav.getframerate()
        channels = wav.getnchannels()
        width = wav.getsampwidth()
        raw = wav.readframes(wav.getnframes())
    if width == 2:
        data = np.frombuffer(raw, dtype="<i2").astype(np.float32) / 32768.0
    elif width == 4:
        data = np.frombuffer(raw, dtype="<i4").astype(np.float32) / 2147483648.0
    elif width == 1:
        data = (np.frombuffer(raw, dtype=np.uint8).astype(np.float32) - 128.0) / 128.0
    else:
        raise ValueError(f"unsupported WAV sample width {width} in {path}")
    if channels > 1:
        data = data.reshape(-1, channels).mean(axis=1)
    return data.astype(np.float32), rate


def write_wav(path: str | Path, samples: Samples, rate: int) -> None:
    """Write mono float samples as 16-bit PCM WAV."""
    pcm = (np.clip(samples, -1.0, 1.0) * 32767.0).astype("<i2")
    with wave.open(str(path), "wb") as wav:
        wav.setnchannels(1)
        wav.setsampwidth(2)
        wav.setframerate(rate)
        wav.writeframes(pcm.tobytes())


def resample(samples: Samples, rate: int, target: int) -> Samples:
    """Linear-interpolation resampling; adequate for speech between 16 and 48 kHz."""
    if rate == target or samples.size == 0:
        return samples
    count = int(round(samples.size * target / rate))
    positions = np.linspace(0, samples.size - 1, count)
    return np.interp(positions, np.arange(samples.size), samples).astype(np.float32)


def trim_silence(samples: Samples, rate: int, threshold: float = 0.01, keep_s: float = 0.05,
                 leading: bool = True) -> Samples:
    """Remove leading (unless `leading` is False) and trailing near-silence, keeping a short margin."""
    loud = np.flatnonzero(np.abs(samples) > threshold)
    if loud.size == 0:
        return samples
    keep = int(keep_s * rate)
    return samples[max(0, loud[0] - keep) if leading else 0 : min(samples.size, loud[-1] + keep)]


def wav_duration(path: str | Path) -> float:
    """Duration of a WAV file in seconds."""
    with wave.open(str(path) if isinstance(path, (str, Path)) else path, "rb") as wav:
        return wav.getnframes() / float(wav.getframerate())


def rms_db(samples: Samples) -> float:
    """Root-mean-square level in dBFS (-inf for silence)."""
    if samples.size == 0:
        return float("-inf")
    rms = float(np.sqrt(np.mean(np.square(samples, dtype=np.float64))))
    return 20.0 * np.log10(rms) if rms > 0 else float("-inf")
