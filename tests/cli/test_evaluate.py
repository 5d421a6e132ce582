"""`aios eval` over its real interface: three briefs end to end, a comparison, and bad input."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from tests.support.cli import aios


@pytest.mark.slow
def test_eval_limit_3_writes_a_scorecard(aios_home: Path, tmp_path: Path) -> None:
    out = tmp_path / "run"
    result = aios("eval", "--limit", "3", "--out", str(out), home=aios_home, timeout=600)
    assert result.returncode == 0, result.stdout + result.stderr
    card = json.loads((out / "scorecard.json").read_text(encoding="utf-8"))
    made, blocked, review = card["cases"]
    assert (made["status"], blocked["status"], review["status"]) == ("published", "blocked", "awaiting_review")
    assert all(c["policy_ok"] for c in card["cases"])
    assert (made["storyboard_valid"], blocked["storyboard_valid"], review["storyboard_valid"]) == (True, None, True)
    assert made["wer"] is not None and made["wer"] <= 0.15 and made["qc_passed"]
    assert made["caption_offsets"] and made["coverage"] == 1.0
    assert (out / "videos" / made["id"]).is_dir()
    assert (out / "home" / "jobs.sqlite").is_file()  # the run's own data directory, cold caches
    assert not (aios_home / "jobs.sqlite").exists()  # nothing added to the user's jobs
    assert card["aggregates"]["rendered"] == 1 and card["targets"]["policy_accuracy"] is True
    table = (out / "scorecard.md").read_text(encoding="utf-8")
    assert table.count(" | promo | ") == 1 and "| wer |" in table
    assert "storyboard_valid_rate" in result.stdout

    worse = json.loads(json.dumps(card))
    worse["cases"][0]["qc_passed"] = False
    worse["aggregates"]["qc_pass_rate"] = 0.0
    (tmp_path / "b.json").write_text(json.dumps(worse), encoding="utf-8")
    same = aios("eval", "--compare", str(out / "scorecard.json"), str(out / "scorecard.json"), home=aios_home)
    assert same.returncode == 0 and "no regressions" in same.stdout
    compared = aios("eval", "--compare", str(out / "scorecard.json"), str(tmp_path / "b.json"), home=aios_home)
    assert compared.returncode == 1 and compared.stderr == ""  # a regression is a result, not an error
    assert "qc_pass_rate: 1 -> 0" in compared.stdout and f"{made['id']} qc_passed: yes -> **no**" in compared.stdout


@pytest.mark.slow
def test_eval_bad_input_is_one_line(aios_home: Path, tmp_path: Path) -> None:
    missing = aios("eval", "--dataset", str(tmp_path / "none.jsonl"), home=aios_home)
    assert missing.returncode == 2 and missing.stderr.strip().count("\n") == 0
    assert "dataset not found" in missing.stderr
    planner = aios("eval", "--planner", "magic", home=aios_home)
    assert planner.returncode == 2 and "planner must be" in planner.stderr
