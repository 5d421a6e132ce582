"""The synthesized music bed: long enough, deterministic, faded, with a beat for lively tones."""

from __future__ import annotations

import numpy as np
import pytest

from aios.tools.audio import rms_db
from aios.tools.music import RATE, bed

pytestmark = pytest.mark.slow  # renders or synthesizes real media


def test_bed_is_long_enough_deterministic_and_faded() -> None:
    first, again = bed(12.0, "calm"), bed(12.0, "calm")
    assert first.size >= 12 * RATE and np.array_equal(first, again)
    assert abs(first[0]) < 1e-3 and abs(first[-1]) < 1e-3
    assert 0.45 < float(np.max(np.abs(first))) <= 0.5
    assert rms_db(first[4 * RATE: 8 * RATE]) > -30


def test_lively_tones_get_a_beat() -> None:
    def percussive_share(samples: np.ndarray) -> float:
        spectrum = np.abs(np.fft.rfft(samples)) ** 2
        freqs = np.fft.rfftfreq(samples.size, 1 / RATE)
        return float(spectrum[freqs > 5000].sum() / spectrum.sum())

    assert percussive_share(bed(10.0, "upbeat")) > 10 * percussive_share(bed(10.0, "calm"))
