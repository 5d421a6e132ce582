"""The labeled policy set (clean and violating texts in the repo): precision and recall on violations."""

from __future__ import annotations

from aios.evals.policy_set import PolicyScores, evaluate, load
from aios.kernel.settings import Settings
from aios.tools.policy.engine import policy_engine


def test_labeled_set_is_large_and_balanced_enough() -> None:
    rows = load()
    assert len(rows) >= 60
    violating = [r for r in rows if r.violating]
    assert 25 <= len(violating) <= len(rows) - 25
    assert {r.category for r in violating} >= {"blocked", "profanity", "claims", "personal", "injection", "competitor"}


def test_policy_recall_on_violations_is_at_least_95_percent(settings: Settings) -> None:
    scores = evaluate(load(), lambda tenant: policy_engine(settings, tenant))
    print(scores.line(), *scores.misses, sep="\n")
    assert scores.recall >= 0.95, scores.misses
    assert scores.precision >= 0.9, scores.misses
    assert scores.exact / scores.total >= 0.9, scores.misses


def test_scores_count_flags_against_labels() -> None:
    scores = PolicyScores(tp=8, fp=2, fn=2, tn=8, exact=15)
    assert (scores.precision, scores.recall, scores.total) == (0.8, 0.8, 20)
    assert scores.line() == "RESULT texts=20 violating=10 precision=0.8 recall=0.8 outcome_accuracy=0.75"
