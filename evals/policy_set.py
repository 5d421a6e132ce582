"""The labeled policy set: clean and violating texts, scored for precision and recall on violations."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Literal

from pydantic import BaseModel, ConfigDict

from aios.evals.dataset import read_jsonl
from aios.kernel.vocab import Outcome
from aios.tools.policy.engine import PolicyEngine
from aios.tools.policy.rules import Text


class LabeledText(BaseModel):
    """One text with its label (violating or clean) and the outcome the policy should give."""

    model_config = ConfigDict(extra="forbid")

    id: str
    text: str
    violating: bool
    expected: Outcome
    category: str
    tenant: str | None = None
    stage: Literal["brief", "storyboard", "output"] = "brief"
    safe_content: bool = False


DEFAULT = Path(__file__).parent / "datasets" / "policy_texts.jsonl"


def load(path: Path | None = None) -> list[LabeledText]:
    """The packaged set, or one at `path` (JSON lines); InvalidInput names a bad line or a missing file."""
    return read_jsonl(path or DEFAULT, LabeledText)


@dataclass
class PolicyScores:
    """Confusion counts on 'flagged' (review or block) against 'violating', plus exact-outcome accuracy."""

    tp: int = 0
    fp: int = 0
    fn: int = 0
    tn: int = 0
    exact: int = 0
    misses: list[str] = field(default_factory=list)

    @property
    def precision(self) -> float:
        """Flagged texts that really violate."""
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        """Violating texts that were flagged."""
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    @property
    def total(self) -> int:
        """Texts scored."""
        return self.tp + self.fp + self.fn + self.tn

    def summary(self) -> dict[str, Any]:
        """The scores as JSON."""
        return {"texts": self.total, "violating": self.tp + self.fn, "precision": round(self.precision, 4),
                "recall": round(self.recall, 4), "outcome_accuracy": round(self.exact / max(self.total, 1), 4),
                "tp": self.tp, "fp": self.fp, "fn": self.fn, "tn": self.tn, "misses": self.misses}

    def line(self) -> str:
        """One RESULT line."""
        s = self.summary()
        return (f"RESULT texts={s['texts']} violating={s['violating']} precision={s['precision']} "
                f"recall={s['recall']} outcome_accuracy={s['outcome_accuracy']}")


def evaluate(rows: list[LabeledText], engine_for: Callable[[str | None], PolicyEngine]) -> PolicyScores:
    """Check every text with its tenant's engine and count hits and misses."""
    scores = PolicyScores()
    for row in rows:
        report = engine_for(row.tenant).check(row.stage, [Text(row.text)], safe_content=row.safe_content)
        flagged = report.outcome != "pass"
        if row.violating and flagged:
            scores.tp += 1
        elif row.violating:
            scores.fn += 1
        elif flagged:
            scores.fp += 1
        else:
            scores.tn += 1
        if report.outcome == row.expected:
            scores.exact += 1
        else:
            rules = ", ".join(sorted({f.rule for f in report.findings})) or "no findings"
            scores.misses.append(f"{row.id}: expected {row.expected}, got {report.outcome} ({rules})")
    return scores
