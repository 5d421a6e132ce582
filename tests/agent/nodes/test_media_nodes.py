"""retrieve, narrate, visualize and quality_check called directly as nodes."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest
from PIL import Image

from aios.agent.nodes.narrate import narrate
from aios.agent.nodes.qc import quality_check
from aios.agent.nodes.retrieve import retrieve
from aios.agent.nodes.visualize import visualize
from aios.agent.quality import inspect, labeling
from aios.agent.state import SceneTask, scene_key
from aios.kernel.schemas import Brief, RenderResult, Scene, Storyboard
from aios.tools.ffmpeg import ffmpeg_exe
from aios.tools.provenance.c2pa import SignerConfig, definition, sign
from aios.tools.provenance.keys import make_test_credentials
from aios.tools.tts.hibari import HibariEngine
from tests.support.runs import runtime

pytestmark = pytest.mark.slow  # renders or synthesizes real media

BRIEF = Brief(text="A video about our spring flowers sale", subject="our spring flowers sale",
              duration_s=10, aspect="9:16", tone="upbeat")


def task(scene: Scene, brief: Brief = BRIEF) -> SceneTask:
    return SceneTask(scene=scene, brief=brief, storyboard_title="Spring")


def test_retrieve_ranks_supplied_assets_by_relevance(photo: Path, tmp_path: Path) -> None:
    other = tmp_path / "office-desk.png"
    Image.new("RGB", (64, 64), (9, 9, 9)).save(other)
    brief = BRIEF.model_copy(update={"assets": [str(other), str(photo)]})
    update = retrieve({"request": {}, "brief": brief}, runtime())  # type: ignore[typeddict-item]
    assets = update["assets"]
    assert update["library"] == []  # no library under this AIOS_HOME, and nothing heavy was loaded
    assert [Path(a.path).name for a in assets] == ["spring-flowers-sale.jpg", "office-desk.png"]
    assert assets[0].relevance > assets[1].relevance == 0


def test_narrate_caches_and_speeds_up_to_fit_its_slot() -> None:
    run = runtime()
    relaxed = Scene(index=0, narration="Fresh flowers for spring.", duration_s=4.0)
    first = narrate(task(relaxed), run)["narrations"][scene_key(relaxed)]
    again = narrate(task(relaxed), run)["narrations"][scene_key(relaxed)]
    assert (first.cached, again.cached, first.path == again.path) == (False, True, True)
    assert first.speed == 1.0 and first.engine.startswith("hibari")
    rushed = Scene(index=1, narration="Fresh flowers, bright colours and garden tools are all on "
                                      "sale this week in every one of our stores.", duration_s=3.0)
    fitted = narrate(task(rushed), run)["narrations"][scene_key(rushed)]
    assert fitted.speed > 1.0
    # hibari says when each word is spoken, at the speed it spoke: the captions take its timings.
    expected = HibariEngine().word_times(rushed.narration, speed=fitted.speed)
    assert [(w.text, w.start, min(w.end, fitted.duration_s)) for w in expected] == [
        (w.text, w.start, w.end) for w in fitted.words]  # a last sound may fade out before its frames end


def test_visualize_draws_at_the_profile_size_and_caches() -> None:
    scene = Scene(index=0, narration="Hello.", on_screen_text="Spring sale", duration_s=3)
    final = visualize(task(scene), runtime(profile="final"))
    visual = final["visuals"][scene_key(scene)]
    assert Image.open(visual.path).size == (1080, 1920)
    again = visualize(task(scene), runtime(profile="final"))
    assert again["visuals"][scene_key(scene)].cached
    assert "visualize" in final["timings"]


def _clip(path: Path, video: str, audio: str, seconds: float, tagged: bool = True) -> Path:
    joiner = ":" if "=" in video else "="
    options = f"{video}{joiner}s=160x90:d={seconds}"
    tag = ["-metadata", "synthetic_media=true", "-movflags", "+use_metadata_tags"] if tagged else []
    subprocess.run([ffmpeg_exe(), "-v", "error", "-y", "-f", "lavfi", "-i", options,
                    "-f", "lavfi", "-i", audio, "-t", str(seconds), "-c:v", "libx264", "-pix_fmt", "yuv420p",
                    "-c:a", "aac", *tag, str(path)], check=True)
    return path


def _result(video: Path) -> RenderResult:
    return RenderResult(video=str(video), srt="x.srt", vtt="x.vtt", duration_s=3.0, width=160, height=90,
                        profile="preview")


def test_qc_reports_each_failing_check_by_name(tmp_path: Path) -> None:
    still_and_silent = _clip(tmp_path / "bad.mp4", "color=c=blue", "anullsrc=r=48000:cl=stereo", 3, tagged=False)
    checks = {c.name: c.passed for c in inspect(_result(still_and_silent), planned_s=3.0).checks}
    assert checks == {"video_stream": True, "audio_stream": True, "frame_size": True, "duration": True,
                      "av_length": True, "loudness": False, "black_frames": True, "frozen_frames": False,
                      "labeling": False}
    # A moving picture with a tone at -14 LUFS passes; the wrong planned length fails only duration.
    good = _clip(tmp_path / "good.mp4", "testsrc2", "sine=f=1000:r=48000,volume=7.07dB", 3)
    report = inspect(_result(good), planned_s=3.0)
    assert report.passed, report.checks
    assert report.loudness_lufs is not None and abs(report.loudness_lufs + 14) < 1
    failing = [c.name for c in inspect(_result(good), planned_s=5.0).checks if not c.passed]
    assert failing == ["duration"]


def test_qc_labeling_reads_the_c2pa_manifest_back_and_fails_a_tampered_one(tmp_path: Path) -> None:
    clip = _clip(tmp_path / "signed.mp4", "testsrc2", "sine=f=1000:r=48000,volume=7.07dB", 3)
    creds = make_test_credentials(tmp_path / "c2pa")
    signed = sign(clip, definition("T", {"speech": ["hibari"]}, "job-x"), SignerConfig(creds.chain, creds.key))
    result = _result(clip).model_copy(update={"c2pa": signed})
    check = labeling(result, anchors=creds.ca)
    assert check.passed and "C2PA manifest Trusted" in check.detail
    assert "no C2PA manifest" in labeling(_result(clip)).detail
    data = bytearray(clip.read_bytes())
    data[-300] ^= 0xFF
    clip.write_bytes(bytes(data))
    tampered = labeling(result, anchors=creds.ca)
    assert not tampered.passed and "C2PA manifest Invalid" in tampered.detail


@pytest.mark.parametrize("language", ["de"])
def test_narrate_other_languages_with_espeak(language: str) -> None:
    brief = BRIEF.model_copy(update={"language": language})
    scene = Scene(index=0, narration="Frische Blumen für den Frühling.", duration_s=4)
    result = narrate(task(scene, brief), runtime())["narrations"][scene_key(scene)]
    assert result.engine.startswith("espeak")
    # espeak gives no word times: they are aligned to the pauses in its audio, one per word, in order.
    assert [w.text for w in result.words] == scene.narration.split()
    assert result.words[0].start < result.words[-1].start < result.duration_s


def test_a_cut_that_fails_qc_says_why_in_the_conversation(tmp_path: Path) -> None:
    good = _clip(tmp_path / "good.mp4", "testsrc2", "sine=f=1000:r=48000,volume=7.07dB", 3)
    storyboard = Storyboard(title="Sale", planner="rules", scenes=[
        Scene(index=0, narration="Hello.", on_screen_text="Sale", duration_s=5.0)])
    found = quality_check({"render": _result(good), "storyboard": storyboard}, runtime())  # type: ignore[typeddict-item]
    assert found["status"] == "failed" and not found["qc"].passed
    said = found["messages"][0].content
    assert said.startswith("The cut failed its checks (duration: ") and "nothing was published" in said
    passed = quality_check({"render": _result(good), "storyboard": storyboard.model_copy(update={"scenes": [
        storyboard.scenes[0].model_copy(update={"duration_s": 3.0})]})}, runtime())  # type: ignore[typeddict-item]
    assert passed["status"] == "awaiting_approval" and "messages" not in passed
