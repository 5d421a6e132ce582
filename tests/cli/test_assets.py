"""`aios assets` as a user runs it, and a video made with the library's image, music bed and guidelines."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from aios.kernel.settings import Settings
from aios.runtime.jobs import JobService
from tests.support.cli import aios, job_id
from tests.support.media_files import music, photo

pytestmark = pytest.mark.slow  # renders media or runs aios processes (seconds each)


def test_add_search_list_remove_and_errors(aios_home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "brand"
    photo(folder / "pink-tulips-bouquet.jpg", (230, 120, 160), 1)
    photo(folder / "coffee-cup-latte.jpg", (120, 80, 50), 2)
    (folder / "voice.md").write_text("# Voice\nWarm and plain.\n\n# Offers\nAlways mention free delivery.\n")
    (folder / "notes.docx").write_text("ignored: not a supported type inside a folder")
    added = aios("assets", "add", str(folder), "--tags", "spring,brand", home=aios_home)
    assert added.returncode == 0, added.stderr
    assert "3 added, 0 unchanged, 0 near-duplicates, 0 failed" in added.stdout
    again = aios("assets", "add", str(folder / "coffee-cup-latte.jpg"), home=aios_home)
    assert "0 added, 1 unchanged" in again.stdout

    found = aios("assets", "search", "flowers for mum", "--json", "-k", "2", home=aios_home)
    assert found.returncode == 0, found.stderr
    first = json.loads(found.stdout.splitlines()[0])
    assert (first["rank"], first["name"], first["kind"]) == (1, "pink-tulips-bouquet.jpg", "image")
    assert first["tags"] == ["brand", "spring"] and 0 < first["similarity"] <= 1
    only = aios("assets", "search", "delivery", "--kind", "guideline", home=aios_home)
    assert "voice.md" in only.stdout and "pink-tulips" not in only.stdout

    listed = aios("assets", "list", home=aios_home)
    assert listed.stdout.count("\n") == 3 and "2 passages" in listed.stdout
    removed = aios("assets", "remove", first["id"], home=aios_home)
    assert removed.returncode == 0 and "removed pink-tulips-bouquet.jpg" in removed.stdout
    assert "pink-tulips" not in aios("assets", "list", home=aios_home).stdout

    for args, message in ((["assets", "add", str(tmp_path / "missing.png")], "error: not found"),
                          (["assets", "search", "x", "--kind", "font"], "error: kind must be one of"),
                          (["assets", "remove", "0000"], "error: no asset '0000'")):
        result = aios(*args, home=aios_home)
        assert result.returncode == 2 and result.stderr.startswith(message), result.stderr
        assert "Traceback" not in result.stderr
    bad = tmp_path / "broken.png"
    bad.write_text("nope")
    failed = aios("assets", "add", str(bad), home=aios_home)
    assert failed.returncode == 2 and "failed     " in failed.stdout


def test_a_video_uses_the_librarys_image_music_bed_and_guidelines(aios_home: Path, tmp_path: Path) -> None:
    folder = tmp_path / "brand"
    photo(folder / "pink-tulips-bouquet.jpg", (230, 120, 160), 1)
    photo(folder / "mountain-hiking-trail.jpg", (60, 140, 70), 3)
    music(folder / "upbeat-pop-loop.wav", 4.0)
    (folder / "guide.md").write_text("# Offers\nOur flower shop always mentions free delivery on bouquets.\n")
    assert aios("assets", "add", str(folder), "--tags", "flower shop", home=aios_home).returncode == 0
    out = tmp_path / "out"
    made = aios("make", "a 12-second upbeat video about our pink tulip bouquets for mother's day", "--yes",
                "--out", str(out), home=aios_home)
    assert made.returncode == 0, made.stderr
    manifest = json.loads((out / "manifest.json").read_text())
    matched = manifest["library"]["matched"]
    assert [m["name"] for m in matched] == ["pink-tulips-bouquet.jpg"] and matched[0]["similarity"] >= 0.45
    retrieved = {p["kind"]: p for p in manifest["library"]["retrieved"]}
    assert retrieved["guideline"]["name"] == "guide.md" and "free delivery" in retrieved["guideline"]["text"]
    assert retrieved["music"]["name"] == "upbeat-pop-loop.wav"
    assert manifest["engines"]["music"] == retrieved["music"]["path"]
    scene = manifest["storyboard"]["scenes"][matched[0]["scene_index"]]
    assert scene["asset"] == matched[0]["path"]

    service = JobService(Settings())
    visuals = service.status(job_id(made.stdout)).values["visuals"].values()
    assert matched[0]["path"] in {v.source for v in visuals}
    service.close()
