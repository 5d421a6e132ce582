"""The sound track: narration placement, music ducking under speech, loudness on target."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest

from aios.tools.audio import read_wav, rms_db, write_wav
from aios.tools.music import bed
from aios.tools.render.loudness import integrated, normalize
from aios.tools.render.mix import RATE, looped, mixdown, music_track, narration_track, voice_envelope
from aios.tools.render.spec import AudioClip, AudioSpec
from tests.support.render import speech

pytestmark = pytest.mark.slow  # renders or synthesizes real media


def test_narration_lands_at_its_start_time(tmp_path: Path) -> None:
    clip = speech(tmp_path / "s.wav", [(0.0, 0.5)], 0.5)
    track = narration_track(AudioSpec(narration=(AudioClip(clip, 1.0),)), 3 * RATE)
    loud = np.flatnonzero(np.abs(track) > 0.01)
    assert loud[0] / RATE == pytest.approx(1.0, abs=0.01) and loud[-1] / RATE == pytest.approx(1.5, abs=0.01)


def test_music_ducks_by_the_configured_amount_while_the_voice_speaks(tmp_path: Path) -> None:
    write_wav(tmp_path / "music.wav", np.full(12 * RATE, 0.2, dtype=np.float32) * np.sin(
        2 * np.pi * 330 * np.arange(12 * RATE) / RATE).astype(np.float32), RATE)
    clip = speech(tmp_path / "s.wav", [(0.0, 2.0)], 2.0)
    audio = AudioSpec(narration=(AudioClip(clip, 2.0),), music=str(tmp_path / "music.wav"), music_db=-8,
                      duck_db=12)
    voice = narration_track(audio, 10 * RATE)
    music = music_track(audio, voice)
    before, during = music[RATE // 2: RATE], music[int(2.7 * RATE): int(3.5 * RATE)]
    after = music[6 * RATE: 7 * RATE]  # before the bed fades out with the video (its last 2 s)
    assert rms_db(before) - rms_db(during) == pytest.approx(12, abs=0.5)
    assert rms_db(after) == pytest.approx(rms_db(before), abs=0.5), "released after the voice stops"
    assert rms_db(voice[int(2.5 * RATE): 3 * RATE]) - rms_db(before) == pytest.approx(8, abs=1.0)


def test_a_bed_is_trimmed_or_looped_with_soft_seams_and_fades_out_with_the_video() -> None:
    t = np.arange(3 * RATE) / RATE
    tone = (0.5 * np.sin(2 * np.pi * 220 * t)).astype(np.float32)
    trimmed = looped(tone, 2 * RATE)
    assert trimmed.size == 2 * RATE and np.max(np.abs(trimmed[-RATE // 100:])) < 0.01, "faded to silence"
    assert np.max(np.abs(trimmed[RATE // 2: RATE])) == pytest.approx(0.5, abs=0.01), "untouched in between"
    ramp = np.linspace(-1.0, 1.0, RATE, dtype=np.float32)  # a bed whose end and start jump by 2.0
    long = looped(ramp, 5 * RATE)
    assert long.size == 5 * RATE
    assert np.max(np.abs(np.diff(long[: 4 * RATE]))) < 0.01, "seams crossfade instead of clicking"


def test_the_duck_starts_just_before_the_voice() -> None:
    voice = np.zeros(2 * RATE, dtype=np.float32)
    voice[RATE:] = 0.3
    envelope = voice_envelope(voice)
    assert envelope[int(0.5 * RATE)] < 0.01 and envelope[RATE - 1] > 0.3 and envelope[int(1.3 * RATE)] > 0.95


@pytest.mark.parametrize("level", [0.02, 0.6])
def test_quiet_and_loud_mixes_both_land_on_minus_14_lufs(tmp_path: Path, level: float) -> None:
    clip = speech(tmp_path / "s.wav", [(0.1 + n * 0.5, 0.4 + n * 0.5) for n in range(12)], 6.5, level=level)
    samples, rate = read_wav(clip)
    write_wav(tmp_path / "in.wav", samples, rate)
    normalize(tmp_path / "in.wav", tmp_path / "out.wav")
    assert integrated(tmp_path / "out.wav") == pytest.approx(-14.0, abs=0.3)
    out, _ = read_wav(tmp_path / "out.wav")
    assert np.max(np.abs(out)) < 10 ** (-1.0 / 20), "peaks stay under the ceiling"


def test_mixdown_with_the_synthesized_bed(tmp_path: Path) -> None:
    write_wav(tmp_path / "bed.wav", bed(8, "upbeat"), 48_000)
    clip = speech(tmp_path / "s.wav", [(0.1, 1.0), (1.2, 2.5)], 2.6)
    audio = AudioSpec(narration=(AudioClip(clip, 1.0),), music=str(tmp_path / "bed.wav"))
    out = mixdown(audio, 6.0, tmp_path)
    samples, rate = read_wav(out)
    assert rate == 48_000 and samples.size == pytest.approx(6 * 48_000, abs=10)
    assert integrated(out) == pytest.approx(-14.0, abs=0.3)
    assert rms_db(samples[5 * rate:]) > -50, "music plays after the voice ends"
