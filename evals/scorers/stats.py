"""Summary statistics for scorecards."""

from __future__ import annotations

import numpy as np


def mean(values: list[float]) -> float | None:
    """The mean, or None for no values."""
    return round(float(np.mean(values)), 4) if values else None


def p95(values: list[float]) -> float | None:
    """The 95th percentile (linear interpolation), or None for no values."""
    return round(float(np.percentile(values, 95)), 4) if values else None


def share(flags: list[bool]) -> float | None:
    """The fraction that are true, or None for none."""
    return round(sum(flags) / len(flags), 4) if flags else None
