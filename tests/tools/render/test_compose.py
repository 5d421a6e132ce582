"""Renderer: a real MP4 with motion, crossfades, burned-in captions, label, sidecars and sound."""

from __future__ import annotations

import subprocess
from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from agent.nodes.qc import inspect
from tools.imagery import VisualRequest, get_image_engine
from tools.render.compose import RenderSpec, render
from tools.render.ffmpeg import ffmpeg_exe
from tools.render.profiles import frame_size, get_profile
from tools.render.timeline import SceneInput
from tools.tts import get_speech_engine

LINES = ["Spring is here, and so are our savings.", "Visit us this weekend."]


def frame(video: Path, at: float) -> np.ndarray:
    raw = subprocess.run([ffmpeg_exe(), "-v", "error", "-ss", f"{at}", "-i", str(video),
                          "-frames:v", "1", "-f", "rawvideo", "-pix_fmt", "rgb24", "-"],
                         capture_output=True, check=True).stdout
    return np.frombuffer(raw, np.uint8).reshape(frame_size("16:9", "preview")[1], -1, 3).astype(int)


@pytest.fixture(scope="module")
def rendered(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, object]:
    work = tmp_path_factory.mktemp("render")
    size = frame_size("16:9", "preview")
    scenes = []
    for i, line in enumerate(LINES):
        image = get_image_engine("cards").render(VisualRequest(
            headline=f"Scene {i}", description="", keywords=(), size=size,
            palette=["aurora", "sunrise"][i], seed=i), work / f"{i}.png")
        seconds = get_speech_engine("hibari", "heart").synthesize(line, work / f"{i}.wav",
                                                                  language="en")
        scenes.append(SceneInput(str(image), str(work / f"{i}.wav"), seconds, 3.5, line))
    spec = RenderSpec(scenes=scenes, size=size, profile=get_profile("preview"), title="Test")
    return work, render(spec, work / "out", "test")


def test_streams_duration_and_sound(rendered: tuple[Path, object]) -> None:
    _, output = rendered
    report = inspect(str(output.video), planned_s=7.0)  # type: ignore[attr-defined]
    assert report.passed, report.checks
    assert report.duration_s == pytest.approx(output.duration_s, abs=0.1)  # type: ignore[attr-defined]


def test_motion_crossfade_captions_and_label(rendered: tuple[Path, object]) -> None:
    _, output = rendered
    video = output.video  # type: ignore[attr-defined]
    early, later = frame(video, 0.5), frame(video, 2.5)
    assert np.abs(early - later).mean() > 0.5, "the still should move (Ken Burns)"
    start = output.placements[1].start  # type: ignore[attr-defined]
    first, second, mid = frame(video, start - 0.3), frame(video, start + 1.0), frame(video, start + 0.25)
    assert np.abs(mid - first).mean() > 3 and np.abs(mid - second).mean() > 3, "crossfade blends"
    cue = output.cues[0]  # type: ignore[attr-defined]
    with_caption = frame(video, (cue.start + cue.end) / 2)
    caption_band = with_caption[int(540 * 0.75):int(540 * 0.92), 200:760]
    assert (caption_band.min(axis=2) > 235).sum() > 300, "white caption text is burned in"
    corner = with_caption[:40, -200:]
    assert (corner.min(axis=2) > 200).sum() > 30, "the AI-generated label is drawn"


def test_sidecars_and_metadata(rendered: tuple[Path, object]) -> None:
    _, output = rendered
    assert output.srt.read_text().startswith("1\n00:00:00,300 --> ")  # type: ignore[attr-defined]
    assert output.vtt.read_text().startswith("WEBVTT")  # type: ignore[attr-defined]
    info = subprocess.run([ffmpeg_exe(), "-hide_banner", "-i", str(output.video)],  # type: ignore[attr-defined]
                          capture_output=True, text=True).stderr
    assert "AI-generated" in info
    head = output.video.read_bytes()[:200]  # type: ignore[attr-defined]
    assert head.find(b"moov") != -1 and head.find(b"moov") < 100, "+faststart puts moov first"


def test_first_scene_still_is_shown(rendered: tuple[Path, object]) -> None:
    work, _output = rendered
    still = np.asarray(Image.open(work / "0.png").convert("RGB")).astype(int)
    assert still.shape[:2] == (540, 960)
