"""The exported FCP7 XML opened by a real editing engine: read back, converted to MLT XML and rendered by Debian's
`melt` (Shotcut's and Kdenlive's engine), then compared with our MP4 frame for frame (examples/nle_standin.py)."""

from __future__ import annotations

import json
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from tests.support.cli import aios, job_id

pytestmark = pytest.mark.slow  # renders media or runs aios processes (seconds each)
ROOT = Path(__file__).resolve().parents[2]
LINES = ["Spring is here at the Corner Bakery.", "Six new breads came out of our oven this week.",
         "Our sourdough rises for a full two days.", "Visit us on Main Street this Saturday."]


def test_the_fcp7_export_renders_in_melt_with_every_scene_in_its_place(aios_home: Path, tmp_path: Path) -> None:
    assert shutil.which("melt"), "Debian's melt renders the exported cut here: sudo apt-get install melt"
    made = aios("make", "a 20-second video about the Corner Bakery's new breads", home=aios_home)
    job = job_id(made.stdout)
    scenes = tmp_path / "scenes.json"
    scenes.write_text(json.dumps({"scenes": [{"narration": line} for line in LINES]}), encoding="utf-8")
    edited = aios("resume", job, "--edit", str(scenes), home=aios_home)
    assert edited.returncode == 0 and "Approve the preview render" in edited.stdout, edited.stderr
    run = subprocess.run([sys.executable, str(ROOT / "examples" / "nle_standin.py"), job, "--out",
                          str(tmp_path / "nle")], capture_output=True, text=True, timeout=300,
                         env={"AIOS_HOME": str(aios_home), "PATH": "/usr/bin:/bin"})
    assert run.returncode == 0, run.stderr
    report = json.loads(run.stdout)
    assert report["transitions"] == len(LINES) - 1
    # melt plays the whole cut. The MLT adapter writes a clip's out point as the frame after it (MLT's are
    # inclusive); where a transition follows it takes that frame back, so only the last clip, and the black
    # background under the cut, run one frame long: melt's render is ours and one frame, whatever the scene count.
    assert report["melt_frames"] == report["ours_frames"] + 1 == report["playlist_frames"]
    assert [s["scene"] for s in report["scenes"]] == [1, 2, 3, 4]
    for scene in report["scenes"]:  # the middle of each scene shows that scene's picture in both videos
        assert scene["ours"] == scene["melt"] == scene["still"] == scene["melt_playlist"], scene
