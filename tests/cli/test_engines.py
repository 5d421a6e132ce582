"""`aios make` on local generative models (diffusers stills, Coqui speech, image-to-video motion), as a user runs it."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aios.tools.ffmpeg import probe
from tests.support.cli import aios, job_id

pytestmark = pytest.mark.slow  # renders media or runs aios processes (seconds each)


def test_local_models_make_the_video_and_the_manifest_records_them(
        aios_home: Path, tmp_path: Path, tiny_sd: Path, tiny_svd: Path, tiny_vits: tuple[Path, Path]) -> None:
    env = {"AIOS_IMAGE_MODEL": str(tiny_sd), "AIOS_IMAGE_STEPS": "2", "AIOS_TTS_MODEL": str(tiny_vits[0]),
           "AIOS_MOTION_MODEL": str(tiny_svd), "AIOS_MOTION_FRAMES": "4", "AIOS_MOTION_STEPS": "2",
           "AIOS_MOTION_SIZE": "64"}
    made = aios("make", "a 10-second vertical video announcing our spring sale, upbeat", "--image-engine",
                "diffusers", "--tts-engine", "coqui", "--voice", "ben", "--out", str(tmp_path / "out"),
                home=aios_home, env=env)
    assert made.returncode == 0, made.stderr
    thread = job_id(made.stdout)
    storyboard = json.loads((aios_home / "jobs" / thread / "storyboard.json").read_text())
    storyboard["scenes"][0]["motion"] = True
    storyboard["scenes"][-1]["image_engine"] = "cards"
    storyboard["scenes"][-1]["voice_engine"] = "hibari"
    edit = tmp_path / "edit.json"
    edit.write_text(json.dumps(storyboard))
    assert aios("resume", thread, "--edit", str(edit), home=aios_home, env=env).returncode == 0
    done = aios("resume", thread, "--approve", home=aios_home, env=env)
    assert done.returncode == 0, done.stderr

    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    engines = manifest["engines"]
    assert any(name.startswith("diffusers ") and "tiny-sd" in name for name in engines["imagery"])
    assert any(name.startswith("cards ") for name in engines["imagery"])
    assert any(name.startswith("coqui coqui-tts") and "voice=ben" in name for name in engines["speech"])
    assert any(name.startswith("hibari") for name in engines["speech"])
    assert engines["motion"] and "tiny-svd" in engines["motion"][0]
    licences = {(m["role"], m["model"]): m["license"] for m in engines["models"]}
    assert licences == {("imagery", "tiny-sd"): "creativeml-openrail-m", ("speech", "tiny-vits"): "apache-2.0"}
    images = manifest["assets"]["images"]
    assert images[0]["clip"] and not any(i["clip"] for i in images[1:])
    assert all(isinstance(i["seed"], int) and i["model"] == "tiny-sd" for i in images[:-1])
    assert manifest["degraded"] == [] and manifest["costs"]["total_usd"] == 0
    assert manifest["qc"]["passed"], manifest["qc"]
    video = probe(tmp_path / "out" / "our-spring-sale.mp4")
    assert video["video_size"] == [540, 960] and video["duration"] > 9


def test_a_missing_model_degrades_and_the_cli_says_so(aios_home: Path, tmp_path: Path) -> None:
    env = {"AIOS_IMAGE_MODEL": str(tmp_path / "no-such-model")}
    made = aios("make", "a 6-second square video about our tea shop", "--image-engine", "diffusers", "--yes",
                "--out", str(tmp_path / "out"), home=aios_home, env=env)
    assert made.returncode == 0, made.stderr
    assert "image: diffusers failed" in made.stdout and "used cards" in made.stdout
    manifest = json.loads((tmp_path / "out" / "manifest.json").read_text())
    assert {d["role"] for d in manifest["degraded"]} == {"image"}
    assert "model_index.json is missing" in manifest["degraded"][0]["message"]


def test_an_unknown_engine_is_one_line(aios_home: Path) -> None:
    result = aios("make", "a video about tea", "--image-engine", "dalle", home=aios_home)
    assert result.returncode == 2 and result.stderr.strip().startswith("error: unknown image engine 'dalle'")
    assert "Traceback" not in result.stderr
