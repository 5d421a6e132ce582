"""The sound track: narration placed on the timeline, a music bed ducked under it, normalized loudness."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
from numpy.typing import NDArray

from aios.kernel.errors import RenderError
from aios.tools.audio import Samples, read_wav, resample, rms_db, write_wav
from aios.tools.ffmpeg import ffmpeg_exe
from aios.tools.render.loudness import normalize
from aios.tools.render.spec import AudioSpec

RATE = 48_000
HOP_S = 0.01
LOOKAHEAD_S = 0.12
ATTACK_S = 0.06
RELEASE_S = 0.5


def load(path: str, binary: str | None = None) -> Samples:
    """Any audio file as mono float samples at 48 kHz (WAV directly, anything else through ffmpeg)."""
    if path.lower().endswith(".wav"):
        try:
            samples, rate = read_wav(path)
            return resample(samples, rate, RATE)
        except (ValueError, EOFError):
            pass
    result = subprocess.run([ffmpeg_exe(binary), "-hide_banner", "-nostdin", "-i", path, "-vn", "-ac", "1",
                             "-ar", str(RATE), "-f", "f32le", "-"], capture_output=True, check=False)
    if result.returncode != 0:
        raise RenderError(f"cannot decode audio {path}: {result.stderr.decode(errors='replace')[-200:]}")
    return np.frombuffer(result.stdout, dtype="<f4").astype(np.float32)


def follow(values: NDArray[np.float64], rise: float, fall: float) -> NDArray[np.float64]:
    """A one-pole follower: moves toward each value by `rise` when going up and `fall` when going down."""
    out = np.empty_like(values)
    state = 0.0
    for i, value in enumerate(values):
        state += (value - state) * (rise if value > state else fall)
        out[i] = state
    return out


def voice_envelope(voice: Samples, rate: int = RATE) -> Samples:
    """0..1 per sample: how much the music should duck (voice activity, smoothed, a little early)."""
    hop = int(rate * HOP_S)
    count = voice.size // hop + 1
    padded = np.zeros(count * hop, dtype=np.float32)
    padded[: voice.size] = voice
    level = 10 * np.log10(np.mean(padded.reshape(count, hop) ** 2, axis=1) + 1e-12)
    active = (level > max(-50.0, float(np.max(level)) - 35.0)).astype(np.float64)
    ahead = int(LOOKAHEAD_S / HOP_S)
    active = np.maximum(active, np.concatenate([active[ahead:], np.zeros(ahead)]))
    smooth = follow(active, rise=1 - np.exp(-HOP_S / ATTACK_S), fall=1 - np.exp(-HOP_S / RELEASE_S))
    return np.repeat(smooth, hop)[: voice.size].astype(np.float32)


def compress(voice: Samples, rate: int = RATE, ratio: float = 3.0, below_peak_db: float = 14.0) -> Samples:
    """A speech compressor: levels above (peak - below_peak_db) are reduced by `ratio`.

    Speech peaks sit 18+ dB above its loudness; taming them first lets the voice reach -14 LUFS
    without the final limiter squashing it.
    """
    hop = int(rate * 0.005)
    count = voice.size // hop + 1
    padded = np.zeros(count * hop, dtype=np.float32)
    padded[: voice.size] = voice
    level = 10 * np.log10(np.mean(padded.reshape(count, hop) ** 2, axis=1) + 1e-12)
    threshold = float(np.max(level)) - below_peak_db
    target = -np.maximum(0.0, level - threshold) * (1 - 1 / ratio)
    smooth = follow(target, rise=1 - np.exp(-0.005 / 0.12), fall=1.0)  # instant attack, 120 ms release
    gain = np.repeat(10 ** (smooth / 20), hop)[: voice.size]
    return (voice * gain).astype(np.float32)


def narration_track(audio: AudioSpec, length: int, rate: int = RATE) -> Samples:
    """All narration clips placed at their start times in one mono track `length` samples long."""
    track = np.zeros(length, dtype=np.float32)
    for clip in audio.narration:
        samples, source_rate = read_wav(clip.path)
        samples = resample(samples, source_rate, rate)
        begin = int(round(clip.start * rate))
        end = min(length, begin + samples.size)
        if end > begin:
            track[begin:end] += samples[: end - begin]
    return track


def looped(bed: Samples, length: int, rate: int = RATE, seam_s: float = 1.0, fade_s: float = 2.0) -> Samples:
    """The bed at `length` samples: trimmed, or repeated with crossfaded seams when shorter; faded in briefly and
    out over the last seconds, so the music ends with the video rather than being cut."""
    seam = min(int(seam_s * rate), bed.size // 4)
    out = bed.astype(np.float32)
    while out.size < length:
        ramp = np.linspace(0.0, 1.0, seam, dtype=np.float32) if seam else np.zeros(0, np.float32)
        joint = out[out.size - seam:] * (1 - ramp) + bed[:seam] * ramp
        out = np.concatenate([out[: out.size - seam], joint, bed[seam:]])
    out = out[:length].copy()
    fade_in, fade_out = min(int(0.3 * rate), length // 4), min(int(fade_s * rate), length // 4)
    if fade_in:
        out[:fade_in] *= np.linspace(0.0, 1.0, fade_in, dtype=np.float32)
    if fade_out:
        out[length - fade_out:] *= np.linspace(1.0, 0.0, fade_out, dtype=np.float32)
    return out


def music_track(audio: AudioSpec, voice: Samples, binary: str | None = None) -> Samples:
    """The music bed looped or trimmed to length and faded out, levelled against the voice and ducked while it
    speaks."""
    if not audio.music:
        return np.zeros_like(voice)
    bed = load(audio.music, binary)
    if bed.size == 0:
        raise RenderError(f"music file {audio.music} has no audio")
    bed = looped(bed, voice.size)
    spoken = voice[np.abs(voice) > 1e-4]
    reference = rms_db(spoken) if spoken.size else -20.0
    gain_db = reference + audio.music_db - rms_db(bed[np.abs(bed) > 1e-4])
    duck = voice_envelope(voice) * audio.duck_db
    return (bed * 10 ** ((gain_db - duck) / 20)).astype(np.float32)


def mixdown(audio: AudioSpec, duration_s: float, workdir: Path, binary: str | None = None) -> Path:
    """Write the finished sound track (48 kHz WAV at the loudness target) and return its path."""
    length = int(round(duration_s * RATE))
    voice = compress(narration_track(audio, length))
    mixed = voice + music_track(audio, voice, binary)
    peak = float(np.max(np.abs(mixed))) if mixed.size else 0.0
    raw = workdir / "mix-raw.wav"
    write_wav(raw, mixed * (0.9 / peak) if peak > 0.9 else mixed, RATE)
    out = workdir / "mix.wav"
    normalize(raw, out, target=audio.loudness_lufs, true_peak=audio.true_peak_db, binary=binary)
    return out
