"""The offline music bed: a deterministic chord loop synthesized with numpy, paced by the brief's tone."""

from __future__ import annotations

import numpy as np

from aios.kernel.vocab import LIVELY_TONES
from aios.tools.audio import Samples

RATE = 48_000
# I - V - vi - IV in C major, as MIDI notes (root position triads, plus a bass note an octave down).
PROGRESSION = ((60, 64, 67), (55, 59, 62), (57, 60, 64), (53, 57, 60))
FAST_TONES = LIVELY_TONES | {"inspiring"}


def _hz(note: float) -> float:
    return float(440.0 * 2 ** ((note - 69) / 12))


def _pad(freqs: list[float], length: int, rate: int) -> Samples:
    t = np.arange(length) / rate
    wave = np.zeros(length)
    for f in freqs:
        for detune in (-0.6, 0.6):
            wave += np.sin(2 * np.pi * (f + detune) * t) + 0.25 * np.sin(4 * np.pi * (f + detune) * t)
    attack = min(length, int(0.25 * rate))
    envelope = np.ones(length)
    envelope[:attack] = np.linspace(0, 1, attack)
    envelope[-attack:] *= np.linspace(1, 0.3, attack)
    return (wave * envelope / (2.5 * len(freqs))).astype(np.float32)


def _kick(rate: int) -> Samples:
    t = np.arange(int(0.18 * rate)) / rate
    sweep = 2 * np.pi * (50 * t + 60 * (1 - np.exp(-t * 30)) / 30)
    return (np.sin(sweep) * np.exp(-t * 18)).astype(np.float32)


def _hat(rate: int, rng: np.random.Generator) -> Samples:
    noise = rng.standard_normal(int(0.05 * rate))
    noise = np.diff(noise, prepend=0.0)
    return (noise * np.exp(-np.arange(noise.size) / (0.012 * rate)) * 0.15).astype(np.float32)


def bed(duration_s: float, tone: str = "neutral", rate: int = RATE) -> Samples:
    """A music bed at least `duration_s` long, faded in and out, peaking near -6 dBFS."""
    fast = tone.lower() in FAST_TONES
    bpm = 116 if fast else 84
    bar = int(rate * 4 * 60 / bpm)
    total = int(duration_s * rate) + 1
    out = np.zeros(total + bar, dtype=np.float32)
    rng = np.random.default_rng(7)
    kick, hat = _kick(rate), _hat(rate, rng)
    beat = bar // 4
    for n, start in enumerate(range(0, total, bar)):
        chord = PROGRESSION[n % len(PROGRESSION)]
        freqs = [_hz(note) for note in chord] + [_hz(chord[0] - 24)]
        out[start : start + bar] += _pad(freqs, bar, rate)
        if fast:
            for b in range(4):
                at = start + b * beat
                out[at : at + kick.size] += 0.6 * kick[: out.size - at]
                off = at + beat // 2
                out[off : off + hat.size] += hat[: max(0, out.size - off)]
    out = out[:total]
    fade = min(total // 4, int(1.5 * rate))
    out[:fade] *= np.linspace(0, 1, fade, dtype=np.float32)
    out[-fade:] *= np.linspace(1, 0, fade, dtype=np.float32)
    peak = float(np.max(np.abs(out))) or 1.0
    return (out * (0.5 / peak)).astype(np.float32)
