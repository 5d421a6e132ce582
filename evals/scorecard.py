"""Scorecards: per-case results, aggregates checked against targets, Markdown, and comparison of two runs."""

from __future__ import annotations

import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from pydantic import BaseModel

from aios.evals.run import CaseResult
from aios.evals.scorers.stats import mean, p95, share

# aggregate -> (comparison, threshold): the targets on the default engines
TARGETS: dict[str, tuple[str, float]] = {
    "storyboard_valid_rate": (">=", 1.0),
    "duration_fit_within_10pct": (">=", 0.9),
    "wer": ("<=", 0.15),
    "caption_offset_p95_s": ("<=", 0.25),
    "policy_accuracy": (">=", 0.9),
    "directive_echo_rate": ("<=", 0.0),
    "filler_rate": ("<=", 0.15),
    "headline_repeats_line": ("<=", 0.1),
    "speech_fill_in_range": (">=", 0.9),
    "visual_coverage": (">=", 0.9),
    "repeated_visuals": ("<=", 0.0),
}
# aggregate -> True when higher is better, and how much worse counts as a regression
DIRECTION: dict[str, tuple[bool, float]] = {
    "storyboard_valid_rate": (True, 0.0), "duration_fit_within_10pct": (True, 0.05), "duration_fit_mean": (False, 0.02),
    "coverage_mean": (True, 0.05), "policy_accuracy": (True, 0.0), "wer": (False, 0.02),
    "caption_offset_mean_s": (False, 0.03), "caption_offset_p95_s": (False, 0.05), "qc_pass_rate": (True, 0.0),
    "seconds_per_video": (False, 0.25),  # relative: 25% slower
    "directive_echo_rate": (False, 0.0), "filler_rate": (False, 0.02), "headline_repeats_line": (False, 0.02),
    "speech_fill_in_range": (True, 0.05), "visual_coverage": (True, 0.05), "repeated_visuals": (False, 0.0),
}
SPEECH_FILL = (0.75, 0.95)  # the share of a video its narration should fill


class Scorecard(BaseModel):
    """One eval run."""

    dataset: str
    engines: dict[str, str]
    cases: list[CaseResult]
    aggregates: dict[str, float | None]
    targets: dict[str, bool | None]

    @classmethod
    def build(cls, dataset: str, engines: dict[str, str], cases: list[CaseResult]) -> Scorecard:
        aggregates = summarize(cases)
        targets = {name: _meets(aggregates.get(name), *rule) for name, rule in TARGETS.items()}
        return cls(dataset=dataset, engines=engines, cases=cases, aggregates=aggregates, targets=targets)

    def write(self, out: Path) -> tuple[Path, Path]:
        """scorecard.json and scorecard.md in `out`."""
        out.mkdir(parents=True, exist_ok=True)
        as_json, as_md = out / "scorecard.json", out / "scorecard.md"
        as_json.write_text(self.model_dump_json(indent=2), encoding="utf-8")
        as_md.write_text(markdown(self), encoding="utf-8")
        return as_json, as_md


def summarize(cases: list[CaseResult]) -> dict[str, float | None]:
    """Aggregates over cases: rates, pooled WER, caption offsets pooled over every cue."""
    fits = [c.duration_fit for c in cases if c.duration_fit is not None]
    rendered = [c for c in cases if c.qc_passed is not None]
    heard = [c for c in rendered if c.wer is not None]  # the recognizer hears English only
    offsets = [abs(o) for c in cases for o in c.caption_offsets]
    words = sum(c.ref_words for c in heard)
    planned = [c for c in cases if c.sentences]
    fills = [c.speech_fill for c in rendered if c.speech_fill is not None]
    pictured = [c for c in rendered if c.pictures is not None]
    return {
        "cases": len(cases),
        "storyboard_valid_rate": share([c.storyboard_valid for c in cases if c.storyboard_valid is not None]),
        "duration_fit_within_10pct": share([f <= 0.10 for f in fits]),
        "duration_fit_mean": mean(fits),
        "coverage_mean": mean([c.coverage for c in cases if c.coverage is not None]),
        "policy_accuracy": share([c.policy_ok for c in cases]),
        "rendered": len(rendered),
        "wer": round(sum(c.word_errors for c in heard) / words, 4) if words else None,
        "caption_offset_mean_s": mean(offsets),
        "caption_offset_p95_s": p95(offsets),
        "qc_pass_rate": share([bool(c.qc_passed) for c in rendered]),
        "seconds_per_video": mean([c.seconds for c in rendered]),
        "directive_echo_rate": share([bool(c.directive_echo) for c in planned]),
        "filler_rate": _ratio(sum(len(c.fillers) for c in planned), sum(c.sentences for c in planned)),
        "headline_repeats_line": _ratio(sum(c.headline_repeats for c in planned), sum(c.headlines for c in planned)),
        "speech_fill_mean": mean(fills),
        "speech_fill_in_range": share([SPEECH_FILL[0] <= f <= SPEECH_FILL[1] for f in fills]),
        # for reading the fill: how many briefs the review called too thin for their length, and the fill of the rest
        "thin_briefs": share([c.thin for c in rendered]),
        "visual_coverage": _ratio(sum(c.pictures or 0 for c in pictured), sum(c.scenes for c in pictured)),
        "repeated_visuals": float(sum(c.repeated_visuals for c in rendered)) if rendered else None,
        "speech_fill_in_range_not_thin": share([SPEECH_FILL[0] <= c.speech_fill <= SPEECH_FILL[1]
                                                for c in rendered if c.speech_fill is not None and not c.thin]),
    }


def _ratio(part: int, whole: int) -> float | None:
    return round(part / whole, 4) if whole else None


def _meets(value: float | None, comparison: str, threshold: float) -> bool | None:
    if value is None:
        return None
    return value >= threshold if comparison == ">=" else value <= threshold


def _cell(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, bool):
        return "yes" if value else "**no**"
    if isinstance(value, float):
        return f"{value:.3g}"
    return str(value).replace("|", "\\|")


def markdown(card: Scorecard) -> str:
    """One row per case, then the aggregates with their targets."""
    columns = ["id", "kind", "status", "policy_expected", "policy_actual", "target_s", "duration_s", "duration_fit",
               "coverage", "wer", "qc_passed", "speech_fill", "headline_repeats", "seconds"]
    lines = [f"# Eval scorecard: {card.dataset}", "",
             "Engines: " + ", ".join(f"{k} {v}" for k, v in card.engines.items()), "",
             "| " + " | ".join([*columns, "caption p95 s", "missing facts", "directive echo", "fillers"]) + " |",
             "|" + "---|" * (len(columns) + 4)]
    for case in card.cases:
        row = [_cell(getattr(case, c)) for c in columns]
        row += [_cell(p95([abs(o) for o in case.caption_offsets])), _cell(", ".join(case.facts_missing) or None),
                _cell(", ".join(case.directive_echo) or None), _cell(len(case.fillers))]
        lines.append("| " + " | ".join(row) + " |")
    lines += ["", "| aggregate | value | target | met |", "|---|---|---|---|"]
    for name, value in card.aggregates.items():
        rule = TARGETS.get(name)
        target = f"{rule[0]} {rule[1]:g}" if rule else ""
        lines.append(f"| {name} | {_cell(value)} | {target} | {_cell(card.targets.get(name)) if rule else ''} |")
    return "\n".join(lines) + "\n"


@dataclass(frozen=True)
class Regression:
    """Something that got worse from run A to run B."""

    what: str
    before: Any
    after: Any

    def line(self) -> str:
        return f"{self.what}: {_cell(self.before)} -> {_cell(self.after)}"


def load(path: Path) -> Scorecard:
    """A scorecard.json written by a run."""
    return Scorecard.model_validate(json.loads(path.read_text(encoding="utf-8")))


def compare(a: Scorecard, b: Scorecard) -> list[Regression]:
    """What is worse in B than in A: aggregates beyond their tolerance, then cases that lost a pass."""
    found: list[Regression] = []
    for name, (higher, tolerance) in DIRECTION.items():
        before, after = a.aggregates.get(name), b.aggregates.get(name)
        if before is None or after is None:
            continue
        margin = tolerance * before if name == "seconds_per_video" else tolerance
        worse = after < before - margin if higher else after > before + margin
        if worse:
            found.append(Regression(name, before, after))
    earlier = {c.id: c for c in a.cases}
    for case in b.cases:
        old = earlier.get(case.id)
        if old is None:
            continue
        for flag in ("storyboard_valid", "policy_ok", "qc_passed"):
            if getattr(old, flag) is True and getattr(case, flag) is not True:
                found.append(Regression(f"{case.id} {flag}", True, getattr(case, flag)))
        if old.duration_fit is not None and case.duration_fit is not None \
                and old.duration_fit <= 0.10 < case.duration_fit:
            found.append(Regression(f"{case.id} duration_fit", old.duration_fit, case.duration_fit))
        if old.wer is not None and case.wer is not None and case.wer > old.wer + 0.05:
            found.append(Regression(f"{case.id} wer", old.wer, case.wer))
        if old.coverage is not None and case.coverage is not None and case.coverage < old.coverage:
            found.append(Regression(f"{case.id} coverage", old.coverage, case.coverage))
    return found
