"""The `aios` CLI as a user runs it: a subprocess, real files, exit codes, no tracebacks."""

from __future__ import annotations

import json
import os
import re
import signal
import subprocess
import time
from pathlib import Path

import pytest

from aios.kernel.settings import Settings, get_settings
from aios.runtime.jobs import JobService
from tests.support.cli import AIOS, aios, job_id
from tests.support.openai_server import Script

pytestmark = pytest.mark.slow  # renders media or runs aios processes (seconds each)


def test_make_yes_writes_video_sidecars_and_manifest(aios_home: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    result = aios("make", "a 10-second vertical video announcing our spring sale, upbeat",
                  "--yes", "--out", str(out), home=aios_home)
    assert result.returncode == 0, result.stderr
    assert sorted(p.name for p in out.iterdir()) == [
        "manifest.json", "our-spring-sale.mp4", "our-spring-sale.otio", "our-spring-sale.srt", "our-spring-sale.vtt"]
    manifest = json.loads((out / "manifest.json").read_text())
    assert manifest["brief"]["aspect"] == "9:16"
    assert manifest["engines"]["planner"] == "rules"
    assert manifest["engines"]["renderer"].startswith("ffmpeg on ffmpeg")
    assert abs(manifest["qc"]["loudness_lufs"] + 14) <= 1
    assert {c["name"] for c in manifest["qc"]["checks"]} >= {"loudness", "frozen_frames", "black_frames", "av_length"}
    assert "planner: rules" in result.stdout


@pytest.mark.parametrize(("args", "message"), [
    (["make", ""], "error: the brief is empty"),
    (["make", "a video about tea", "--aspect", "4:3"], "error: aspect must be one of"),
    (["make", "a video about tea", "--duration", "1"], "error: duration must be between"),
    (["make", "a video about tea", "--asset", "/no/such.png"], "error: asset not found"),
    (["make", "a video about tea", "--profile", "ultra"], "error: profile must be one of"),
    (["make", "a video about tea", "--music", "/no/such.mp3"], "error: music file not found"),
    (["make", "a video about tea", "--transitions", "wipe"], "error: transitions must be"),
    (["make", "a video about tea", "--captions", "karaoke"], "error: captions must be"),
    (["make", "a video about tea", "--caption-size", "huge"], "error: caption size must be"),
    (["resume", "job-000000000000", "--approve"], "error: no job 'job-000000000000'"),
])
def test_bad_input_is_one_line_and_no_traceback(aios_home: Path, args: list[str],
                                                message: str) -> None:
    result = aios(*args, home=aios_home)
    assert result.returncode == 2
    assert result.stderr.strip().startswith(message), result.stderr
    assert len(result.stderr.strip().splitlines()) == 1
    assert "Traceback" not in result.stderr + result.stdout


def test_review_flow_through_the_cli(aios_home: Path, tmp_path: Path) -> None:
    made = aios("make", "a 10-second video promoting our tea shop", "--out", str(tmp_path),
                home=aios_home)
    assert made.returncode == 0, made.stderr
    thread = job_id(made.stdout)
    assert f"aios resume {thread} --approve" in made.stdout
    shown = aios("show", thread, home=aios_home)
    assert "awaiting_review" in shown.stdout
    bad = aios("resume", thread, "--reject", " ", home=aios_home)
    assert bad.returncode == 2 and "needs a message" in bad.stderr
    edit = tmp_path / "edit.json"
    edit.write_text(json.dumps({"scenes": [{"narration": "Tea, brewed fresh every morning."}]}))
    edited = aios("resume", thread, "--edit", str(edit), home=aios_home)
    assert edited.returncode == 0, edited.stderr
    assert "Approve the preview render" in edited.stdout
    done = aios("resume", thread, "--approve", home=aios_home)
    assert done.returncode == 0, done.stderr
    srt = next(tmp_path.glob("*.srt")).read_text()
    spoken = " ".join(line for line in srt.splitlines() if line and "-->" not in line
                      and not line.isdigit())
    assert spoken == "Tea, brewed fresh every morning."
    again = aios("resume", thread, "--approve", home=aios_home)
    assert again.returncode == 2 and "not waiting for a review" in again.stderr


def _finished_files(cache: Path) -> dict[Path, int]:
    return {p: p.stat().st_mtime_ns for p in cache.rglob("*") if p.is_file()
            and not p.name.startswith(".")}


def test_killed_during_synthesis_resumes_without_redoing_scenes(aios_home: Path, tmp_path: Path,
                                                                 openai_endpoint: Script) -> None:
    # The stand-in image endpoint answers one picture and holds the rest: the kill lands mid-synthesis, always.
    openai_endpoint.hold_after["/images/generations"] = 1
    env = {**os.environ, "AIOS_HOME": str(aios_home)}
    process = subprocess.Popen(
        [AIOS, "make", "a 30-second explainer on composting at home", "--yes", "--image-engine", "openai",
         "--out", str(tmp_path)], stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True, env=env)
    cache = aios_home / "cache"
    deadline = time.monotonic() + 300
    while not (cache.exists() and any(p.suffix == ".png" for p in _finished_files(cache))
               and openai_endpoint.answered.get("/images/generations", 0) >= 2):
        assert process.poll() is None and time.monotonic() < deadline, "synthesis never started"
        time.sleep(0.05)
    process.send_signal(signal.SIGKILL)
    process.wait()
    openai_endpoint.released.set()
    before = _finished_files(cache)
    get_settings.cache_clear()
    service = JobService(get_settings())
    thread = service.list()[0][0]
    scenes = len(service.status(thread).values["storyboard"].scenes)
    service.close()
    images_before = [p for p in before if p.suffix == ".png"]
    assert len(images_before) == 1 < scenes, "the kill lands after the first picture and before the others"

    listed = aios("jobs", home=aios_home)
    assert f"{thread}  interrupted" in listed.stdout

    resumed = aios("resume", thread, home=aios_home, timeout=400)
    assert resumed.returncode == 0, resumed.stderr
    after = _finished_files(cache)
    assert all(after[path] == mtime for path, mtime in before.items()), "finished work was redone"
    assert len([p for p in after if p.suffix == ".png"]) == scenes
    assert (tmp_path / "manifest.json").is_file()


def test_caption_presets_reach_the_rendered_video(aios_home: Path, tmp_path: Path) -> None:
    from PIL import Image

    from aios.tools.ffmpeg import ffmpeg_exe

    bright = {}
    for style in ("highlight", "none"):
        out = tmp_path / style
        made = aios("make", "a 6-second square video about our tea shop. We brew oolong daily.", "--yes",
                    "--captions", style, "--out", str(out), home=aios_home)
        assert made.returncode == 0, made.stdout + made.stderr
        frame = tmp_path / f"{style}.png"
        subprocess.run([ffmpeg_exe(), "-loglevel", "error", "-ss", "1.6", "-i", str(out / "our-tea-shop.mp4"),
                        "-frames:v", "1", str(frame)], check=True)
        with Image.open(frame) as image:
            band = image.convert("L").crop((0, int(image.height * 0.70), image.width, int(image.height * 0.88)))
            bright[style] = sum(1 for v in band.getdata() if v > 235)
        assert (out / "our-tea-shop.srt").read_text().strip()  # sidecar captions either way
    assert bright["highlight"] > 200 and bright["none"] < bright["highlight"] / 10


def test_cli_jobs_belong_to_the_tenant_asked_and_the_list_shows_title_status_and_age(aios_home: Path) -> None:
    made = aios("make", "a 10-second video about our tea shop", "--tenant", "acme", home=aios_home)
    assert made.returncode == 0, made.stderr
    job = job_id(made.stdout)
    default = aios("make", "a 10-second video about our bakery", home=aios_home, env={"AIOS_CLI_TENANT": "bakers"})
    assert JobService(Settings(home=aios_home)).record(job).tenant == "acme"
    assert JobService(Settings(home=aios_home)).record(job_id(default.stdout)).tenant == "bakers"
    listed = aios("jobs", home=aios_home, env={"COLUMNS": "60"})  # a narrow terminal: rows still print whole
    line = next(row for row in listed.stdout.splitlines() if job in row)
    assert "awaiting_review" in line and "acme" in line and "Our tea shop" in line and re.search(r"\d+ (s|min)", line)
    bad = aios("make", "a video about tea", "--tenant", "two words", home=aios_home)
    assert bad.returncode == 2 and bad.stderr.startswith("error: tenant must be")
