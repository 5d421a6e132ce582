"""retrieve, narrate, visualize and quality_check called directly as nodes."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from langgraph.runtime import Runtime
from PIL import Image

from agent.context import Context
from agent.nodes.narrate import narrate
from agent.nodes.qc import inspect
from agent.nodes.retrieve import retrieve
from agent.nodes.visualize import visualize
from agent.schemas import Brief, Scene
from agent.state import SceneTask, scene_key
from tools.render.ffmpeg import ffmpeg_exe

BRIEF = Brief(text="A video about our spring flowers sale", subject="our spring flowers sale",
              duration_s=10, aspect="9:16", tone="upbeat")


def task(scene: Scene, brief: Brief = BRIEF) -> SceneTask:
    return SceneTask(scene=scene, brief=brief, storyboard_title="Spring")


def test_retrieve_ranks_supplied_assets_by_relevance(photo: Path, tmp_path: Path) -> None:
    other = tmp_path / "office-desk.png"
    Image.new("RGB", (64, 64), (9, 9, 9)).save(other)
    brief = BRIEF.model_copy(update={"assets": [str(other), str(photo)]})
    assets = retrieve({"request": {}, "brief": brief})["assets"]  # type: ignore[typeddict-item]
    assert [Path(a.path).name for a in assets] == ["spring-flowers-sale.jpg", "office-desk.png"]
    assert assets[0].relevance > assets[1].relevance == 0


def test_narrate_caches_and_speeds_up_to_fit_its_slot() -> None:
    runtime = Runtime(context=Context())
    relaxed = Scene(index=0, narration="Fresh flowers for spring.", duration_s=4.0)
    first = narrate(task(relaxed), runtime)["narrations"][scene_key(relaxed)]
    again = narrate(task(relaxed), runtime)["narrations"][scene_key(relaxed)]
    assert (first.cached, again.cached, first.path == again.path) == (False, True, True)
    assert first.speed == 1.0 and first.engine.startswith("hibari")
    rushed = Scene(index=1, narration="Fresh flowers, bright colours and garden tools are all on "
                                      "sale this week in every one of our stores.", duration_s=3.0)
    fitted = narrate(task(rushed), runtime)["narrations"][scene_key(rushed)]
    assert fitted.speed > 1.0


def test_visualize_draws_at_the_profile_size_and_caches() -> None:
    scene = Scene(index=0, narration="Hello.", on_screen_text="Spring sale", duration_s=3)
    final = visualize(task(scene), Runtime(context=Context(profile="final")))
    visual = final["visuals"][scene_key(scene)]
    assert Image.open(visual.path).size == (1080, 1920)
    again = visualize(task(scene), Runtime(context=Context(profile="final")))
    assert again["visuals"][scene_key(scene)].cached
    assert "visualize" in final["timings"]


def _clip(path: Path, audio: str, seconds: float) -> Path:
    subprocess.run([ffmpeg_exe(), "-v", "error", "-y", "-f", "lavfi", "-i",
                    f"color=c=blue:s=160x90:d={seconds}", "-f", "lavfi", "-i", audio,
                    "-t", str(seconds), "-c:v", "libx264", "-pix_fmt", "yuv420p", "-c:a", "aac",
                    str(path)], check=True)
    return path


def test_qc_fails_silence_and_a_wrong_duration(tmp_path: Path) -> None:
    silent = _clip(tmp_path / "silent.mp4", "anullsrc=r=48000:cl=stereo", 3)
    report = inspect(str(silent), planned_s=3.0)
    checks = {c.name: c.passed for c in report.checks}
    assert checks == {"video_stream": True, "audio_stream": True, "duration": True, "audible": False}
    tone = _clip(tmp_path / "tone.mp4", "sine=f=440:r=48000", 3)
    assert inspect(str(tone), planned_s=3.0).passed
    assert not {c.name: c.passed for c in inspect(str(tone), planned_s=5.0).checks}["duration"]


@pytest.mark.parametrize("language", ["de"])
def test_narrate_other_languages_with_espeak(language: str) -> None:
    brief = BRIEF.model_copy(update={"language": language})
    scene = Scene(index=0, narration="Frische Blumen für den Frühling.", duration_s=4)
    result = narrate(task(scene, brief), Runtime(context=Context()))["narrations"][scene_key(scene)]
    assert result.engine.startswith("espeak")
