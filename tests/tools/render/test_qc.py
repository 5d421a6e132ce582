"""QC analysis on constructed files with known defects: black, frozen, short audio, known loudness."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from aios.kernel.errors import RenderError
from aios.tools.ffmpeg import ffmpeg_exe
from aios.tools.render.qc import analyze

pytestmark = pytest.mark.slow  # renders media or runs aios processes (seconds each)


def make(path: Path, video: str, audio: str | None, seconds: float, audio_seconds: float | None = None,
         vf: str | None = None) -> Path:
    args = [ffmpeg_exe(), "-v", "error", "-y", "-f", "lavfi", "-i", f"{video}:d={seconds}"]
    if audio:
        args += ["-f", "lavfi", "-i", f"{audio}:d={audio_seconds or seconds}", "-c:a", "aac", "-ac", "2"]
    args += ["-vf", vf] if vf else []
    args += ["-c:v", "libx264", "-preset", "ultrafast", "-pix_fmt", "yuv420p", str(path)]
    subprocess.run(args, check=True)
    return path


def test_a_clean_moving_clip_passes(tmp_path: Path) -> None:
    found = analyze(make(tmp_path / "ok.mp4", "testsrc2=s=160x90:r=25", "sine=f=1000:r=48000", 4))
    assert (found.video_codec, found.audio_codec, found.width, found.height) == ("h264", "aac", 160, 90)
    assert found.video_s == pytest.approx(4.0, abs=0.001) and found.audio_s == pytest.approx(4.0, abs=0.03)
    assert found.black == [] and found.frozen == []
    # lavfi's sine is 1/8 full scale (-18.06 dBFS); a 1 kHz tone in both channels reads 3.01 LU lower.
    assert found.loudness_lufs == pytest.approx(-21.07, abs=0.5)


def test_black_and_frozen_stretches_are_found(tmp_path: Path) -> None:
    black = make(tmp_path / "black.mp4", "testsrc2=s=160x90:r=25", "sine=r=48000", 4,
                 vf="drawbox=c=black:t=fill:enable='between(t,1,2.5)'")
    [(start, end)] = analyze(black).black
    assert start == pytest.approx(1.0, abs=0.05) and end == pytest.approx(2.5, abs=0.05)
    frozen = analyze(make(tmp_path / "still.mp4", "color=c=blue:s=160x90:r=25", "sine=r=48000", 4)).frozen
    assert len(frozen) == 1 and frozen[0][0] == pytest.approx(0.0, abs=0.1) and frozen[0][1] >= 3.9


def test_audio_shorter_than_video_is_measured(tmp_path: Path) -> None:
    found = analyze(make(tmp_path / "short.mp4", "testsrc2=s=160x90:r=25", "sine=r=48000", 4, audio_seconds=2))
    assert found.video_s == pytest.approx(4.0, abs=0.001) and found.audio_s == pytest.approx(2.0, abs=0.05)


def test_a_file_without_sound_has_no_loudness(tmp_path: Path) -> None:
    found = analyze(make(tmp_path / "mute.mp4", "testsrc2=s=160x90:r=25", None, 2))
    assert found.audio_codec is None and found.loudness_lufs is None and found.audio_s == 0.0


def test_a_missing_or_broken_file_is_a_render_error(tmp_path: Path) -> None:
    with pytest.raises(RenderError, match="no rendered file"):
        analyze(tmp_path / "nothing.mp4")
    (tmp_path / "junk.mp4").write_bytes(b"not a video")
    with pytest.raises(RenderError):
        analyze(tmp_path / "junk.mp4")
