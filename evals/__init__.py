"""Evaluation suite: datasets of briefs with expectations, scorers, and scorecards that can be compared."""
