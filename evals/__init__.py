"""Evaluation suite package; datasets and scorers arrive with the evaluation issue."""
