"""`aios make` with stock providers configured (the stand-in): pictures on screen, credited beside the video, in
the manifest and as C2PA ingredients."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest

from aios.evals.stock_standin import serve, settings_for
from aios.tools.provenance.c2pa import read
from tests.support.cli import aios, job_id

pytestmark = pytest.mark.slow  # renders media and runs aios processes

SHOTS = Path(__file__).resolve().parents[2] / "docs" / "screenshots"
BRIEF = ("Explain our new 2025 employee benefits to staff. Dental now covers orthodontics for children. "
         "Parental leave grows to 16 weeks. Enrollment closes November 30.")


def test_make_shows_stock_pictures_and_credits_them(aios_home: Path, tmp_path: Path) -> None:
    assert aios("keys", "c2pa-init", home=aios_home).returncode == 0
    out = tmp_path / "out"
    with serve() as (url, script):
        env = {f"AIOS_{k.upper()}": json.dumps(v) if isinstance(v, list) else str(v)
               for k, v in settings_for(url).items()}
        made = aios("make", BRIEF, "--yes", "--duration", "25", "--aspect", "9:16", "--out", str(out),
                    home=aios_home, env=env)
    assert made.returncode == 0, made.stdout + made.stderr
    manifest = json.loads((out / "manifest.json").read_text())
    shown = {s["index"]: s for s in manifest["storyboard"]["scenes"] if s["asset"]}
    assert len(shown) >= 3 and all("/cache/stock/" in s["asset"] for s in shown.values())
    assert all(s["visual"].startswith("Stock photo") for s in shown.values())
    assert {c["scene_index"] for c in manifest["stock"]} >= set(shown)
    assert all(c["author"] and c["licence"] and c["page_url"] for c in manifest["stock"])
    assert all("path" not in c for c in manifest["stock"])  # no server paths leave in the manifest's credits
    credits = (out / "our-new-2025-employee-benefits.credits.txt").read_text()
    for index in shown:
        assert f"Scene {index + 1}:" in credits
    assert any(path.startswith("/files/") for path, *_ in script.seen)  # downloaded, not hotlinked
    found = read(out / "our-new-2025-employee-benefits.mp4")
    ingredients = (found.manifest or {}).get("ingredients", [])
    assert len(ingredients) == len(shown)
    assert all(i["relationship"] == "componentOf" for i in ingredients)
    assert {i["title"].split(":")[0] for i in ingredients} == {
        f"{c['provider']} {c['id']}" for c in manifest["stock"] if c["scene_index"] in shown}


def test_the_review_lists_pictures_and_the_contact_sheet_and_an_edit_swaps_one(aios_home: Path, tmp_path: Path) -> None:
    out = tmp_path / "out"
    with serve() as (url, _):
        env = {f"AIOS_{k.upper()}": json.dumps(v) if isinstance(v, list) else str(v)
               for k, v in settings_for(url).items()}
        made = aios("make", BRIEF, "--duration", "25", "--aspect", "9:16", "--out", str(out), home=aios_home, env=env)
        assert made.returncode == 0, made.stdout + made.stderr
        sheet = re.search(r"contact sheet: (\S+\.png)", made.stdout)
        assert sheet and Path(sheet.group(1)).is_file()
        SHOTS.mkdir(parents=True, exist_ok=True)
        shutil.copyfile(sheet.group(1), SHOTS / "contact-sheet-stock.png")  # shown in the README
        assert re.search(r"scene 2 picture: '.*dent.*' by \S+", made.stdout)
        swap = re.search(r"others: (stock:\S+?)(?:,|\n)", made.stdout)
        assert swap, made.stdout
        job = job_id(made.stdout)
        edit_file = aios_home / "jobs" / job / "storyboard.json"
        board = json.loads(edit_file.read_text())
        line = made.stdout[:swap.start()].rsplit("scene ", 1)[1]
        index = int(line.split()[0]) - 1
        board["scenes"][index]["asset"] = swap.group(1)
        edit_file.write_text(json.dumps(board))
        assert aios("resume", job, "--edit", str(edit_file), home=aios_home, env=env).returncode == 0
        assert aios("resume", job, "--approve", home=aios_home, env=env).returncode == 0
    credits = (out / "our-new-2025-employee-benefits.credits.txt").read_text()
    provider, item = swap.group(1).split(":")[1:]
    manifest = json.loads((out / "manifest.json").read_text())
    assert any(c["provider"] == provider and c["id"] == item and c["scene_index"] == index for c in manifest["stock"])
    assert f"Scene {index + 1}:" in credits


def test_the_sample_videos_review_has_a_contact_sheet_of_designed_cards(aios_home: Path, tmp_path: Path) -> None:
    made = aios("make", "a 30-second vertical video announcing our spring sale, upbeat", "--out", str(tmp_path),
                home=aios_home)
    assert made.returncode == 0, made.stdout + made.stderr
    sheet = re.search(r"contact sheet: (\S+\.png)", made.stdout)
    assert sheet, made.stdout
    assert "picture:" not in made.stdout  # no stock providers configured: designed cards only
    SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copyfile(sheet.group(1), SHOTS / "contact-sheet-sample.png")  # shown in the README
