"""Scorecards: aggregates with known values, targets, Markdown, and regressions between two runs."""

from __future__ import annotations

from pathlib import Path
from typing import Any

from aios.evals.run import CaseResult
from aios.evals.scorecard import Scorecard, compare, load, summarize


def case(id_: str, **fields: Any) -> CaseResult:
    base: dict[str, Any] = {"id": id_, "kind": "promo", "status": "published", "storyboard_valid": True,
                            "policy_expected": "pass", "policy_actual": "pass", "policy_ok": True, "target_s": 20,
                            "duration_s": 20.4, "duration_fit": 0.02, "coverage": 1.0, "wer": 0.1,
                            "ref_words": 50, "word_errors": 5, "caption_offsets": [0.1, -0.2], "qc_passed": True,
                            "seconds": 10.0}
    return CaseResult(**(base | fields))


def cases() -> list[CaseResult]:
    copy_a = {"sentences": 5, "fillers": ["Take a closer look."], "headlines": 4, "headline_repeats": 1,
              "speech_fill": 0.8}
    copy_b = {"sentences": 5, "headlines": 4, "speech_fill": 0.5, "directive_echo": ["video"], "thin": True}
    return [case("a", **copy_a), case("b", duration_fit=0.2, wer=0.0, word_errors=0, ref_words=150,
                                      caption_offsets=[0.3], **copy_b),
            case("c", status="blocked", policy_expected="block", policy_actual="block", duration_fit=0.0,
                 wer=None, ref_words=0, word_errors=0, caption_offsets=[], qc_passed=None, seconds=0.2),
            case("d", status="awaiting_review", policy_expected="pass", policy_actual="review", policy_ok=False,
                 wer=None, ref_words=0, word_errors=0, caption_offsets=[], qc_passed=None, coverage=0.5)]


def test_aggregates_pool_words_and_offsets() -> None:
    found = summarize(cases())
    assert found["cases"] == 4 and found["rendered"] == 2
    assert found["wer"] == 0.025  # 5 errors in 200 words, not the mean of 0.1 and 0.0
    assert found["duration_fit_within_10pct"] == 0.75 and found["policy_accuracy"] == 0.75
    assert found["caption_offset_mean_s"] == 0.2 and found["caption_offset_p95_s"] == 0.29
    assert found["coverage_mean"] == 0.875 and found["seconds_per_video"] == 10.0
    assert found["filler_rate"] == 0.1 and found["headline_repeats_line"] == 0.125  # pooled over sentences, headlines
    assert found["directive_echo_rate"] == 0.5 and found["speech_fill_mean"] == 0.65
    assert found["speech_fill_in_range"] == 0.5
    assert found["thin_briefs"] == 0.5 and found["speech_fill_in_range_not_thin"] == 1.0  # the thin brief is apart


def test_visual_coverage_pools_scenes_of_runs_with_providers_and_counts_repeats() -> None:
    pictured = [case("a", scenes=4, pictures=4), case("b", scenes=6, pictures=3, repeated_visuals=1),
                case("c", status="blocked", qc_passed=None, scenes=0, pictures=0)]
    found = summarize(pictured)
    assert found["visual_coverage"] == 0.7 and found["repeated_visuals"] == 1.0  # 7 of 10 rendered scenes
    assert Scorecard.build("x", {}, pictured).targets["visual_coverage"] is False


def test_targets_markdown_and_files(tmp_path: Path) -> None:
    card = Scorecard.build("briefs.jsonl", {"speech": "hibari"}, cases())
    assert card.targets == {"storyboard_valid_rate": True, "duration_fit_within_10pct": False, "wer": True,
                            "caption_offset_p95_s": False, "policy_accuracy": False, "directive_echo_rate": False,
                            "filler_rate": True, "headline_repeats_line": False, "speech_fill_in_range": False,
                            "visual_coverage": None, "repeated_visuals": True}  # no stock providers: not judged
    as_json, as_md = card.write(tmp_path)
    text = as_md.read_text(encoding="utf-8")
    assert text.count("\n| a | promo | published |") == 1 and "| policy_accuracy | 0.75 | >= 0.9 | **no** |" in text
    assert load(as_json) == card


def test_compare_names_what_got_worse() -> None:
    before = Scorecard.build("x", {}, cases())
    assert compare(before, before) == []
    worse = [case("a", wer=0.3, word_errors=15, qc_passed=False), *cases()[1:3],
             case("d", status="awaiting_review", policy_ok=False, coverage=0.25, wer=None, ref_words=0,
                  word_errors=0, caption_offsets=[], qc_passed=None)]
    lines = [r.line() for r in compare(before, Scorecard.build("x", {}, worse))]
    assert "wer: 0.025 -> 0.075" in lines and "qc_pass_rate: 1 -> 0.5" in lines
    assert "a qc_passed: yes -> **no**" in lines and "a wer: 0.1 -> 0.3" in lines and "d coverage: 0.5 -> 0.25" in lines
