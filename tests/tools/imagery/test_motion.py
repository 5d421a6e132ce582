"""Image-to-video through the real loading code, on a tiny Stable Video Diffusion pipeline saved to a temp dir."""

from __future__ import annotations

from pathlib import Path

import numpy as np
import pytest
from PIL import Image

from aios.kernel.errors import ConfigurationError
from aios.kernel.settings import Settings
from aios.tools.ffmpeg import probe
from aios.tools.imagery import VisualRequest, get_motion_engine
from aios.tools.imagery.compose import caption
from aios.tools.imagery.motion import FPS, MotionEngine

pytestmark = pytest.mark.slow  # renders or synthesizes real media


def test_animates_a_picture_into_a_seamless_loop_with_each_frame_captioned(tiny_svd: Path, tmp_path: Path) -> None:
    picture = tmp_path / "picture.png"
    Image.new("RGB", (270, 480), (200, 120, 60)).save(picture)
    request = VisualRequest(headline="Spring sale", description="", keywords=(), size=(270, 480),
                            palette="sunrise", seed=3)
    engine = MotionEngine(tiny_svd, frames=4, steps=2, native=64)
    finished: list[float] = []

    def finish(raw: Path, out: Path) -> Path:
        caption(raw, request, out)
        before = np.asarray(Image.open(raw).convert("RGB").resize((270, 480)), dtype=np.int16)
        finished.append(float(np.abs(np.asarray(Image.open(out), dtype=np.int16) - before).mean()))
        return out

    clip = engine.animate(picture, tmp_path / "clip.mp4", seed=3, finish=finish)
    info = probe(clip)
    assert info["video_size"] == [270, 480] and info["video_fps"] == FPS
    assert info["video_n_frames"] == 4 + 2  # forward 4, then back through the 2 inner frames
    # Every frame was captioned (headline and shade drawn over the model's frame), not the clip as a whole.
    assert len(finished) == 4 and min(finished) > 5
    assert engine.record()["model"] == "tiny-svd"


def test_built_from_settings_once(tiny_svd: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("AIOS_MOTION_MODEL", str(tiny_svd))
    settings = Settings()
    assert get_motion_engine(settings) is get_motion_engine(settings)


def test_no_model_is_a_configuration_error(tmp_path: Path) -> None:
    with pytest.raises(ConfigurationError, match="AIOS_MOTION_MODEL"):
        get_motion_engine(Settings())
    with pytest.raises(ConfigurationError, match=r"model_index\.json"):
        MotionEngine(tmp_path)
