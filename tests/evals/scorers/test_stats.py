"""Summary statistics with known values."""

from __future__ import annotations

from aios.evals.scorers.stats import mean, p95, share


def test_known_statistics() -> None:
    values = [float(v) for v in range(1, 101)]
    assert p95(values) == 95.05 and mean(values) == 50.5
    assert share([True, False, True, True]) == 0.75
    assert p95([]) is None and mean([]) is None and share([]) is None
